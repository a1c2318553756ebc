"""The plan import's background work (plans/jobs.py): the steps its page shows, and the whole journey
through the real database worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from jobs.models import Job
from plans.jobs import (
    APPLY,
    PREVIEW,
    fingerprint,
    held_file,
    import_apply,
    import_preview,
    preview_data,
    preview_from_data,
)
from plans.models import Plan
from plans.spreadsheet import preview_import, read_plan_file
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Steps(list):
    def __call__(self, percent: int, step: str) -> None:
        self.append((percent, step))


def _held(area, user, kind, **arguments) -> Job:
    token = "held-for-a-test"
    held_file(token).parent.mkdir(parents=True, exist_ok=True)
    held_file(token).write_bytes(xlsx_bytes(valid_sheets()))
    return Job.objects.create(
        area=area,
        kind=kind,
        label="Import",
        created_by=user,
        arguments={"token": token, "name": "plan.xlsx", **arguments},
    )


@pytest.mark.django_db
def test_checking_a_file_says_when_it_reads_checks_rows_and_compares(area, programme_manager):
    steps = Steps()
    outcome = import_preview(_held(area, programme_manager, PREVIEW), steps)
    assert [step for _, step in steps] == [
        "Reading the file",
        "Checking each row of the file",
        "Comparing the file with the plan",
        "Preparing the preview",
    ]
    assert [percent for percent, _ in steps] == sorted(percent for percent, _ in steps)
    preview = preview_from_data(outcome.data["preview"])
    assert preview.is_new_plan and preview.reference == "WSOA-2019" and preview.counts["added"] == 20
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_importing_says_when_it_starts_writing_and_lets_the_file_go_once_done(area, programme_manager):
    check = _held(area, programme_manager, PREVIEW)
    fingerprint = import_preview(check, Steps()).data["fingerprint"]
    steps = Steps()
    outcome = import_apply(
        _held(area, programme_manager, APPLY, fingerprint=fingerprint, preview_job=str(check.pk)), steps
    )
    assert [step for _, step in steps] == [
        "Reading the file",
        "Checking each row of the file",
        "Comparing the file with the plan",
        "Writing the changes: the longest step",
    ]
    plan = Plan.objects.get(reference="WSOA-2019")
    assert outcome.url == plan.get_absolute_url()
    assert outcome.message == "Imported plan.xlsx: 20 added, 0 changed, 0 removed."
    assert not held_file("held-for-a-test").exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_worker_the_pages_wait_for_the_check_and_the_import(
    client, area, programme_manager
):
    client.force_login(programme_manager)
    with override_settings(TASKS=DATABASE):
        response = client.post(
            reverse("plans:import", kwargs={"area": "stockport"}),
            {"file": SimpleUploadedFile("plan.xlsx", xlsx_bytes(valid_sheets()))},
        )
        job_page = response["Location"]
        check = Job.objects.get(kind=PREVIEW)
        assert check.state == Job.State.WAITING
        waiting = client.get(job_page).content.decode()
        assert "Waiting to start" in waiting and "Check again" in waiting
        preview_url = reverse(
            "plans:import-preview", kwargs={"area": "stockport", "token": check.arguments["token"]}
        )
        assert client.get(preview_url)["Location"] == job_page, "the preview waits for its check"

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        assert "See what the import will do" in client.get(job_page).content.decode()
        page = client.get(preview_url)
        assert "Add the plan WSOA-2019" in page.content.decode()

        response = client.post(preview_url, {"fingerprint": page.context["form"].initial["fingerprint"]})
        assert not Plan.objects.exists(), "the import waits for the worker"
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        done = client.get(response["Location"]).content.decode()
    plan = Plan.objects.get(reference="WSOA-2019")
    assert f'href="{plan.get_absolute_url()}">Open the plan WSOA-2019</a>' in done
    assert "Imported plan.xlsx: 20 added, 0 changed, 0 removed." in done


@pytest.mark.django_db
def test_the_kept_preview_keeps_the_notes_and_columns_left_out_and_its_fingerprint_covers_them(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "Sept 2019")
    plain = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))
    sheets["Items"][0].append("Success criteria")
    sheets["Items"][1].append("Fewer complaints")
    wider = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))
    kept = preview_from_data(preview_data(wider)["preview"])
    assert [u.words for u in kept.unused] == ['Items: "Success criteria" (1 filled cell)']
    assert [str(n) for n in kept.notes] == ['Items, row 5, Due date: Due "Sept 2019" read as 30/09/2019']
    assert fingerprint(plain) != fingerprint(wider), "a confirm must have seen the columns left out"
