"""The import pages: upload, see what will be added, changed and removed, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from history.models import Change
from plans.models import Item, Plan
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes, zip_bytes

pytestmark = pytest.mark.django_db
UPLOAD = reverse("plans:import", kwargs={"area": "stockport"})


def upload(client, content: bytes, name: str = "plan.xlsx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def confirm(client, preview_url):
    page = client.get(preview_url)
    fingerprint = page.context["form"].initial["fingerprint"]
    return client.post(preview_url, {"fingerprint": fingerprint})


def test_a_valid_file_is_previewed_then_imported_only_on_confirm(client, area, programme_manager):
    client.force_login(programme_manager)
    response = upload(client, xlsx_bytes(valid_sheets()))
    assert response.status_code == 302
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert "Add the plan WSOA-2019" in page
    assert "Milestone 1.1.1.1" in page
    assert not Plan.objects.exists(), "nothing is written before the confirm"
    response = confirm(client, preview_url)
    plan = Plan.objects.get(area=area, reference="WSOA-2019")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.items.current().count() == 9
    assert Change.objects.filter(plan=plan, by=programme_manager, source="Import of plan.xlsx").exists()


def test_reimporting_an_edited_file_shows_the_changes_and_updates_in_place(client, area, programme_manager):
    client.force_login(programme_manager)
    confirm(client, upload(client, xlsx_bytes(valid_sheets()))["Location"])
    before = Item.objects.get(number="1.1.1.1")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Text", "Board meets monthly")
    sheets["Items"].pop()  # 2.1.1.1 is no longer in the file
    preview_url = upload(client, zip_bytes(sheets), name="plan.zip")["Location"]
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
    confirm(client, upload(client, content)["Location"])
    changes = Change.objects.count()
    page = client.get(upload(client, content)["Location"]).content.decode()
    assert "importing it changes nothing" in page
    assert Change.objects.count() == changes


def test_a_bad_file_lists_each_problem_with_its_place_and_writes_nothing(client, area, programme_manager):
    client.force_login(programme_manager)
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/06/19")
    set_cell(sheets, "Items", 6, "Owners", "XY")
    response = upload(client, xlsx_bytes(sheets))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Items, row 5, Due date" in page and "June 2019 has 30 days" in page
    assert "Items, row 6, Owners" in page and "XY" in page
    assert "Nothing has been saved" in page
    assert not Plan.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, area, programme_manager):
    client.force_login(programme_manager)
    response = upload(client, b"<html><script>alert(1)</script></html>", name="plan.xlsx")
    assert response.status_code == 200
    assert "cannot be imported" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_preview_belongs_to_the_user_who_uploaded_it(client, area, programme_manager, other_area_user):
    client.force_login(programme_manager)
    preview_url = upload(client, xlsx_bytes(valid_sheets()))["Location"]
    client.force_login(other_area_user)
    assert client.get(preview_url).status_code == 404
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    own_area_url = reverse("plans:import-preview", kwargs={"area": "fenbridge", "token": token})
    assert client.get(own_area_url).status_code == 404


def test_a_preview_that_went_stale_is_shown_again_before_anything_is_written(client, area, programme_manager):
    client.force_login(programme_manager)
    preview_url = upload(client, xlsx_bytes(valid_sheets()))["Location"]
    response = client.post(preview_url, {"fingerprint": "what the user saw earlier"})
    assert response.status_code == 302 and response["Location"] == preview_url
    assert not Plan.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, area, programme_manager, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(programme_manager)
    response = upload(client, b"PK\x03\x04" + b"0" * 200_000)
    page = response.content.decode()
    assert "The file is larger than" in page, page[page.find("<main") :][:3000]
    assert not Plan.objects.exists()
