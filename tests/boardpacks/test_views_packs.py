"""Making a pack through its page (in the background), the pack's page and its versions, downloading
the stored document byte for byte, and marking the version sent to the meeting."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from boardpacks.models import Pack
from boardpacks.views import packs
from jobs.models import Job
from progress.models import ReportingPeriod
from tests.boardpacks.factories import PackTemplateFactory
from tests.progress.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"boardpacks:{name}", kwargs={"area": "stockport", **kwargs})


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"


@pytest.fixture
def periods(plan):
    """February and March 2021 reported, April 2021 open."""

    def make(name, month, state):
        return ReportingPeriodFactory(
            plan=plan,
            name=name,
            starts_on=datetime.date(2021, month, 1),
            ends_on=datetime.date(2021, month, 28),
            deadline=datetime.date(2021, month, 25),
            state=state,
            reported_at=timezone.now() if state == ReportingPeriod.State.REPORTED else None,
        )

    reported = ReportingPeriod.State.REPORTED
    return {
        "february": make("February 2021", 2, reported),
        "march": make("March 2021", 3, reported),
        "april": make("April 2021", 4, ReportingPeriod.State.OPEN),
    }


@pytest.fixture
def template(plan):
    return PackTemplateFactory(plan=plan, name="Monthly SEND board pack")


def _make(client, template, period, **fields):
    data = {"period": period.pk, "meeting_date": "20/04/2021", "matters": "Agree the revised date for 2.3."}
    data.update(fields)
    return client.post(_url("pack-create", pk=template.pk), data)


def test_the_form_offers_only_reported_periods_newest_first(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    page = client.get(_url("pack-create", pk=template.pk)).content.decode()
    assert "April 2021" not in page
    assert page.index("March 2021") < page.index("February 2021")
    assert "Only reported periods are listed" in page


def test_a_quarterly_packs_form_says_the_quarter_ends_with_the_period(
    client, programme_manager, plan, periods
):
    quarterly = PackTemplateFactory(plan=plan, frequency="quarterly")
    client.force_login(programme_manager)
    page = client.get(_url("pack-create", pk=quarterly.pk)).content.decode()
    assert "The quarter ends with the period you choose" in page


def test_with_no_reported_period_the_form_says_to_report_one_first(client, programme_manager, template):
    client.force_login(programme_manager)
    page = client.get(_url("pack-create", pk=template.pk)).content.decode()
    assert "has been reported yet" in page and "Make the pack" not in page


def test_making_a_pack_runs_in_the_background_and_lands_on_its_finished_job(
    client, programme_manager, template, periods
):
    client.force_login(programme_manager)
    response = _make(client, template, periods["march"])
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job", kwargs={"area": "stockport", "pk": job.pk})
    assert job.state == Job.State.DONE and job.label == "Making Monthly SEND board pack for March 2021"
    pack = Pack.objects.get()
    assert (pack.period, pack.number, pack.made_by) == (periods["march"], 1, programme_manager)
    assert pack.meeting_date == datetime.date(2021, 4, 20)
    assert pack.matters == "Agree the revised date for 2.3."
    assert sorted(pack.files.values_list("format", flat=True)) == ["docx", "pdf", "xlsx"]
    page = client.get(response["Location"]).content.decode()
    assert _url("pack", pk=pack.pk) in page


def test_a_second_pack_for_the_period_is_version_two_and_starts_from_the_firsts_matters(
    client, programme_manager, template, periods
):
    client.force_login(programme_manager)
    _make(client, template, periods["march"], matters="Note the new panel.")
    form = client.get(_url("pack-create", pk=template.pk) + f"?period={periods['march'].pk}")
    assert "Note the new panel." in form.content.decode()
    assert "20/04/2021" in form.content.decode()
    _make(client, template, periods["march"])
    assert list(Pack.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_an_open_period_cannot_be_chosen(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    page = _make(client, template, periods["april"]).content.decode()
    assert "Choose one of the reported periods listed" in page
    assert not Job.objects.exists() and not Pack.objects.exists()


def test_an_impossible_meeting_date_is_refused_with_a_message(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    page = _make(client, template, periods["march"], meeting_date="31/02/2021").content.decode()
    assert "is not a real date (February 2021 has 28 days)" in page
    assert not Pack.objects.exists()


def test_the_pack_page_shows_its_meeting_downloads_and_versions(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    _make(client, template, periods["march"])
    first, second = Pack.objects.order_by("number")
    page = client.get(_url("pack", pk=second.pk)).content.decode()
    assert "SEND Improvement Board, 20 April 2021" in page
    assert "Not sent" in page and "Mark as sent to the meeting" in page
    assert _url("pack-html", pk=second.pk) in page and "Read the pack" in page
    for fmt, label in (("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel")):
        assert _url("download", pk=second.pk, fmt=fmt) in page
        assert f"Download the {label} document" in page
        size = filesizeformat(second.files.get(format=fmt).size)
        assert f"({label}, {size})" in page, "each download says its size"
    assert page.index("the PDF document") < page.index("the Word document") < page.index("the Excel document")
    assert _url("pack", pk=first.pk) in page, "the other version is listed"


def test_marking_a_version_as_sent_moves_the_mark_from_the_other(
    client, programme_manager, template, periods
):
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    _make(client, template, periods["march"])
    first, second = Pack.objects.order_by("number")
    response = client.post(_url("mark-sent", pk=first.pk))
    assert response["Location"] == _url("pack", pk=first.pk)
    assert (
        "Version 1 is marked as the one sent to the meeting"
        in client.get(response["Location"]).content.decode()
    )
    client.post(_url("mark-sent", pk=second.pk))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.sent_at is None and second.sent_at is not None and second.sent_by == programme_manager


def test_marking_as_sent_is_a_post(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    pack = Pack.objects.get()
    assert client.get(_url("mark-sent", pk=pack.pk)).status_code == 405
    pack.refresh_from_db()
    assert pack.sent_at is None


def test_a_viewer_reads_and_downloads_the_sent_version_only(
    client, programme_manager, viewer, template, periods
):
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    pack = Pack.objects.get()
    client.force_login(viewer)
    assert client.get(_url("pack", pk=pack.pk)).status_code == 404
    assert client.get(_url("download", pk=pack.pk, fmt="pdf")).status_code == 404
    assert client.post(_url("mark-sent", pk=pack.pk)).status_code == 403
    client.force_login(programme_manager)
    client.post(_url("mark-sent", pk=pack.pk))
    client.force_login(viewer)
    page = client.get(_url("pack", pk=pack.pk)).content.decode()
    assert "Mark as sent" not in page and "Every version" not in page
    assert client.get(_url("download", pk=pack.pk, fmt="pdf")).status_code == 200


def test_the_download_is_the_stored_document_byte_for_byte(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    pack = Pack.objects.get()
    for stored in pack.files.all():
        response = client.get(_url("download", pk=pack.pk, fmt=stored.format))
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == stored.sha256
        assert len(body) == stored.size
        assert (
            f"stockport-monthly-send-board-pack-march-2021-v1.{stored.format}"
            in response["Content-Disposition"]
        )
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"
    assert client.get(_url("download", pk=pack.pk, fmt="pdf"))["Content-Type"] == "application/pdf"


def test_an_unknown_format_or_a_missing_file_is_not_found(client, programme_manager, template, periods):
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    pack = Pack.objects.get()
    assert client.get(_url("download", pk=pack.pk, fmt="exe")).status_code == 404
    stored = pack.files.get(format="docx")
    stored.file.storage.delete(stored.file.name)
    assert client.get(_url("download", pk=pack.pk, fmt="docx")).status_code == 404
    pack.files.filter(format="xlsx").delete()
    assert client.get(_url("download", pk=pack.pk, fmt="xlsx")).status_code == 404


def test_only_the_programme_manager_makes_packs(client, workstream_lead, template, periods):
    client.force_login(workstream_lead)
    assert _make(client, template, periods["march"]).status_code == 403
    assert not Pack.objects.exists()


def test_a_refused_mark_is_said_on_the_pack_page(client, programme_manager, template, periods, monkeypatch):
    """When someone else marks another version at the same moment, the page says so in words."""
    client.force_login(programme_manager)
    _make(client, template, periods["march"])
    pack = Pack.objects.get()

    def clash(**kwargs):
        raise ValidationError("Someone else marked another version as sent at the same moment.")

    monkeypatch.setattr(packs, "pack_mark_sent", clash)
    response = client.post(_url("mark-sent", pk=pack.pk), follow=True)
    assert "Someone else marked another version as sent at the same moment." in response.content.decode()
    pack.refresh_from_db()
    assert pack.sent_at is None
