"""The import pages: upload, see what will be added, changed and removed, confirm. Checking the file and
importing it run as background jobs (plans/jobs.py); in tests the job runs as it is queued, so the job's
page a step redirects to already shows its result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from history.models import Change
from jobs.models import Job
from plans.models import Item, Plan
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes, zip_bytes

pytestmark = pytest.mark.django_db
UPLOAD = reverse("plans:import", kwargs={"area": "stockport"})


def job_behind(response) -> Job:
    """The job a step redirected to (its page is jobs:job)."""
    assert response.status_code == 302, response.content.decode()[:2000]
    match = resolve(response["Location"])
    assert match.view_name == "jobs:job"
    return Job.objects.get(pk=match.kwargs["pk"])


def upload(client, content: bytes, name: str = "plan.xlsx") -> Job:
    """Upload a file; the check's job, finished."""
    return job_behind(client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)}))


def previewed(client, content: bytes, name: str = "plan.xlsx") -> str:
    """Upload a file and return the preview page its check leads to."""
    job = upload(client, content, name)
    assert job.state == Job.State.DONE, job.message
    return job.result_url


def confirm(client, preview_url) -> Job:
    """Confirm the preview as shown; the import's job, finished."""
    page = client.get(preview_url)
    fingerprint = page.context["form"].initial["fingerprint"]
    return job_behind(client.post(preview_url, {"fingerprint": fingerprint}))


def test_a_valid_file_is_previewed_then_imported_only_on_confirm(client, area, programme_manager):
    client.force_login(programme_manager)
    check = upload(client, xlsx_bytes(valid_sheets()))
    job_page = client.get(reverse("jobs:job", kwargs={"area": "stockport", "pk": check.pk})).content.decode()
    assert "Check the plan file plan.xlsx" in job_page
    assert "Checked plan.xlsx: 20 to add, 0 to change and 0 to remove" in job_page
    assert f'href="{check.result_url}">See what the import will do</a>' in job_page
    page = client.get(check.result_url).content.decode()
    assert "Add the plan WSOA-2019" in page
    assert "Milestone 1.1.1.1" in page
    assert not Plan.objects.exists(), "nothing is written before the confirm"
    imported = confirm(client, check.result_url)
    plan = Plan.objects.get(area=area, reference="WSOA-2019")
    assert imported.state == Job.State.DONE and imported.result_url == plan.get_absolute_url()
    assert imported.result_label == "Open the plan WSOA-2019"
    assert imported.created_by == programme_manager
    assert plan.items.current().count() == 9
    assert Change.objects.filter(plan=plan, by=programme_manager, source="Import of plan.xlsx").exists()


def test_reimporting_an_edited_file_shows_the_changes_and_updates_in_place(client, area, programme_manager):
    client.force_login(programme_manager)
    confirm(client, previewed(client, xlsx_bytes(valid_sheets())))
    before = Item.objects.get(number="1.1.1.1")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Text", "Board meets monthly")
    sheets["Items"].pop()  # 2.1.1.1 is no longer in the file
    preview_url = previewed(client, zip_bytes(sheets), name="plan.zip")
    page = client.get(preview_url).content.decode()
    assert "Board meets monthly" in page and "Board meets fortnightly" in page
    assert "Milestone 2.1.1.1" in page
    confirm(client, preview_url)
    after = Item.objects.get(number="1.1.1.1", removed_at=None)
    assert after.pk == before.pk and after.text == "Board meets monthly"
    assert Item.objects.get(number="2.1.1.1").removed_at is not None
    assert Item.objects.filter(number="1.1.1.1").count() == 1


def test_an_unchanged_file_says_it_changes_nothing(client, area, programme_manager):
    client.force_login(programme_manager)
    content = xlsx_bytes(valid_sheets())
    confirm(client, previewed(client, content))
    changes = Change.objects.count()
    page = client.get(previewed(client, content)).content.decode()
    assert "importing it changes nothing" in page
    assert Change.objects.count() == changes


def test_a_bad_file_lists_each_problem_with_its_place_and_writes_nothing(client, area, programme_manager):
    client.force_login(programme_manager)
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/06/19")
    set_cell(sheets, "Items", 6, "Owners", "XY")
    check = upload(client, xlsx_bytes(sheets))
    assert check.state == Job.State.DONE
    assert check.message == "plan.xlsx cannot be imported: 2 problems. Nothing has been saved."
    assert check.result_label == "See the problems in the file"
    response = client.get(check.result_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Items, row 5, Due date" in page and "June 2019 has 30 days" in page
    assert "Items, row 6, Owners" in page and "XY" in page
    assert "Nothing has been saved" in page
    assert "Import the plan</button>" not in page
    assert not Plan.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, area, programme_manager):
    client.force_login(programme_manager)
    check = upload(client, b"<html><script>alert(1)</script></html>", name="plan.xlsx")
    response = client.get(check.result_url)
    assert response.status_code == 200
    assert "cannot be imported" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_preview_belongs_to_the_user_who_uploaded_it(client, area, programme_manager, other_area_user):
    client.force_login(programme_manager)
    preview_url = previewed(client, xlsx_bytes(valid_sheets()))
    client.force_login(other_area_user)
    assert client.get(preview_url).status_code == 404
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    own_area_url = reverse("plans:import-preview", kwargs={"area": "fenbridge", "token": token})
    assert client.get(own_area_url).status_code == 404


def test_a_preview_that_went_stale_is_shown_again_before_anything_is_written(client, area, programme_manager):
    client.force_login(programme_manager)
    preview_url = previewed(client, xlsx_bytes(valid_sheets()))
    response = client.post(preview_url, {"fingerprint": "what the user saw earlier"})
    assert response.status_code == 302 and response["Location"] == preview_url
    assert not Plan.objects.exists()
    assert not Job.objects.filter(kind="plans.import_apply").exists()


def test_a_plan_changed_between_preview_and_confirm_is_not_imported_and_the_preview_shows_it_now(
    client, area, programme_manager
):
    client.force_login(programme_manager)
    confirm(client, previewed(client, xlsx_bytes(valid_sheets())))
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Text", "Board meets monthly")
    preview_url = previewed(client, xlsx_bytes(sheets))
    page = client.get(preview_url)
    Item.objects.filter(number="1.1.1.2").update(text="Changed by someone else meanwhile")
    imported = job_behind(
        client.post(preview_url, {"fingerprint": page.context["form"].initial["fingerprint"]})
    )
    assert imported.state == Job.State.FAILED
    assert imported.message == "The plan changed since you looked at the preview, so nothing was imported."
    assert (imported.result_url, imported.result_label) == (preview_url, "Check what the import will do now")
    job_page = client.get(
        reverse("jobs:job", kwargs={"area": "stockport", "pk": imported.pk})
    ).content.decode()
    assert f'href="{preview_url}">Check what the import will do now</a>' in job_page
    assert Item.objects.get(number="1.1.1.1", removed_at=None).text == "Board meets fortnightly"
    again = client.get(preview_url).content.decode()
    assert "Changed by someone else meanwhile" in again, "the preview now compares with the plan as it is"


def test_confirming_an_import_already_done_refuses_with_words_and_writes_nothing(
    client, area, programme_manager
):
    client.force_login(programme_manager)
    preview_url = previewed(client, xlsx_bytes(valid_sheets()))
    fingerprint = client.get(preview_url).context["form"].initial["fingerprint"]
    confirm(client, preview_url)
    changes = Change.objects.count()
    preview_job = Job.objects.get(kind="plans.import_preview")
    from plans.jobs import import_apply_start

    again = import_apply_start(
        area=area, user=programme_manager, preview_job=preview_job, fingerprint=fingerprint
    )
    again.refresh_from_db()
    assert again.state == Job.State.FAILED
    assert again.message == "This import has expired or was already done: upload the file again."
    assert Change.objects.count() == changes
    assert client.get(preview_url).status_code == 404, "the file is let go once imported"


def test_the_preview_page_waits_for_its_check_on_the_checks_page(client, area, programme_manager):
    client.force_login(programme_manager)
    check = upload(client, xlsx_bytes(valid_sheets()))
    Job.objects.filter(pk=check.pk).update(state=Job.State.RUNNING, result={})
    response = client.get(check.result_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job", kwargs={"area": "stockport", "pk": check.pk})


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, area, programme_manager, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(programme_manager)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("plan.xlsx", b"PK\x03\x04" + b"0" * 200_000)})
    page = response.content.decode()
    assert "The file is larger than" in page, page[page.find("<main") :][:3000]
    assert not Plan.objects.exists()
    assert not Job.objects.exists()


def test_choosing_no_file_says_so_on_the_upload_page(client, area, programme_manager):
    client.force_login(programme_manager)
    response = client.post(UPLOAD, {})
    assert response.status_code == 200
    assert "Choose the file to import" in response.content.decode()
    assert not Job.objects.exists()


def sheets_with_a_column_left_out():
    sheets = valid_sheets()
    for number, row in enumerate(sheets["Items"]):
        row.append("Success Criteria / Measures" if number == 0 else "Fewer complaints")
    return sheets


def test_the_preview_lists_the_columns_that_will_not_be_imported(client, area, programme_manager):
    client.force_login(programme_manager)
    check = upload(client, xlsx_bytes(sheets_with_a_column_left_out()))
    assert check.message == (
        "Checked plan.xlsx: 20 to add, 0 to change and 0 to remove. "
        "1 column will not be imported: see which. Nothing has been saved yet."
    )
    page = client.get(check.result_url).content.decode()
    assert "These columns will not be imported" in page
    assert "Items: &quot;Success Criteria / Measures&quot; (9 filled cells)" in page
    assert "I have seen the columns that will not be imported" in page


def test_the_import_is_refused_until_the_user_says_they_have_seen_the_columns_left_out(
    client, area, programme_manager
):
    client.force_login(programme_manager)
    preview_url = previewed(client, xlsx_bytes(sheets_with_a_column_left_out()))
    fingerprint = client.get(preview_url).context["form"].initial["fingerprint"]
    refused = client.post(preview_url, {"fingerprint": fingerprint})
    assert refused.status_code == 200
    assert "Confirm you have seen the columns that will not be imported" in refused.content.decode()
    assert not Job.objects.filter(kind="plans.import_apply").exists()
    imported = job_behind(client.post(preview_url, {"fingerprint": fingerprint, "seen_unused": "on"}))
    assert imported.state == Job.State.DONE, imported.message
    assert Plan.objects.filter(reference="WSOA-2019").exists()


def test_a_file_in_the_template_asks_nothing_about_columns(client, area, programme_manager):
    client.force_login(programme_manager)
    page = client.get(previewed(client, xlsx_bytes(valid_sheets()))).content.decode()
    assert "will not be imported" not in page


def test_the_same_problem_in_many_rows_is_one_line_of_the_page_with_its_rows(client, area, programme_manager):
    client.force_login(programme_manager)
    sheets = valid_sheets()
    for row in (5, 6, 9, 10):
        set_cell(sheets, "Items", row, "Due date", "ongoing")
    page = client.get(previewed(client, xlsx_bytes(sheets))).content.decode()
    assert "Items, rows 5, 6, 9, 10, Due date" in page
    assert page.count("is not a date, a month, a term or a range of them") == 1


def test_the_preview_says_how_a_month_or_range_was_read(client, area, programme_manager):
    client.force_login(programme_manager)
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "Sept 2018 - March 2019")
    page = client.get(previewed(client, xlsx_bytes(sheets))).content.decode()
    assert "How the file was read" in page
    assert "Due &quot;Sept 2018 - March 2019&quot; read as 31/03/2019" in page
