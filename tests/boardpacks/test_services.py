"""Making packs: templates set up with their sections, a pack made as a new stored version of its files,
kept byte for byte whatever changes later, marked as the one sent to the meeting; and the same through
the background job."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError

from boardpacks import rules, services
from boardpacks.models import Pack, PackFile, PackTemplate
from common.concurrency import EditConflict
from history.models import Change
from jobs.models import Job
from jobs.services import job_start
from plans.models import Item
from progress import services as progress_services
from tests.boardpacks.factories import PackTemplateFactory
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


def _report(period):
    for state in ("challenge", "confirmed", "reported"):
        period.refresh_from_db()
        progress_services.period_move(period=period, to_state=state, expected_version=period.version)
    period.refresh_from_db()
    return period


@pytest.fixture
def template(plan, programme_manager):
    return services.template_create(
        area=plan.area,
        plan=plan,
        name="Monthly SEND board pack",
        audience="SEND Improvement Board",
        title="Progress report",
        meeting="SEND Improvement Board",
        frequency="monthly",
        sections=list(rules.DEFAULT_SECTIONS),
        is_default=False,
        by=programme_manager,
    )


@pytest.fixture
def reported(period, statuses, tree):
    Item.objects.filter(pk=tree["mine"].pk).update(status=statuses[1])
    return _report(period)


def _stored(pack):
    return {f.format: f.file.open("rb").read() for f in pack.files.all()}


class TestTemplates:
    def test_the_first_template_of_an_area_becomes_its_default(self, template):
        assert template.is_default

    def test_making_another_the_default_takes_it_from_the_first(self, template, plan):
        other = services.template_create(
            area=plan.area,
            plan=plan,
            name="Health and Wellbeing Board",
            audience="HWB",
            title="Quarterly update",
            meeting="Health and Wellbeing Board",
            frequency="quarterly",
            sections=list(rules.QUARTERLY_SECTIONS),
            is_default=True,
        )
        template.refresh_from_db()
        assert other.is_default and not template.is_default

    def test_a_second_template_with_the_same_name_is_refused_in_words(self, template, plan):
        with pytest.raises(ValidationError, match="already a pack called"):
            services.template_create(
                area=plan.area,
                plan=plan,
                name="monthly send board pack",
                audience="",
                title="x",
                meeting="x",
                frequency="monthly",
                sections=["cover"],
                is_default=False,
            )

    def test_a_template_without_sections_is_refused(self, template):
        with pytest.raises(ValidationError, match="at least one section"):
            services.template_update(
                template=template,
                expected_version=template.version,
                name=template.name,
                audience="",
                title="x",
                meeting="x",
                frequency="monthly",
                sections=[],
                is_default=True,
            )

    def test_another_areas_plan_is_refused(self, area):
        stranger = PlanFactory()
        with pytest.raises(ValidationError, match="this area's plans"):
            services.template_create(
                area=area,
                plan=stranger,
                name="x",
                audience="",
                title="x",
                meeting="x",
                frequency="monthly",
                sections=["cover"],
                is_default=False,
            )

    def test_an_edit_from_a_stale_page_is_refused_and_saves_nothing(self, template):
        stale = template.version
        services.template_update(
            template=template,
            expected_version=stale,
            name="Renamed",
            audience="",
            title="x",
            meeting="x",
            frequency="monthly",
            sections=["cover", "summary"],
            is_default=True,
        )
        again = PackTemplate.objects.get(pk=template.pk)
        with pytest.raises(EditConflict):
            services.template_update(
                template=again,
                expected_version=stale,
                name="Mine",
                audience="",
                title="y",
                meeting="y",
                frequency="monthly",
                sections=["cover"],
                is_default=True,
            )
        assert PackTemplate.objects.get(pk=template.pk).name == "Renamed"

    def test_changes_to_a_template_are_in_the_history(self, template):
        assert Change.objects.filter(subject="Board pack: Monthly SEND board pack").exists()


class TestMakingAPack:
    def test_a_period_not_yet_reported_is_refused_with_what_to_do(self, template, period):
        with pytest.raises(ValidationError, match="report the period first"):
            services.pack_make(template=template, period=period, meeting_date=None, matters="")

    def test_each_format_is_stored_with_its_checksum(self, template, reported, programme_manager):
        pack = services.pack_make(
            template=template,
            period=reported,
            meeting_date=datetime.date(2021, 4, 20),
            matters="Agree the new date.",
            by=programme_manager,
        )
        stored = _stored(pack)
        assert set(stored) == {"pdf", "docx", "xlsx"}
        assert stored["pdf"].startswith(b"%PDF")
        assert stored["docx"][:2] == stored["xlsx"][:2] == b"PK"
        for record in pack.files.all():
            assert hashlib.sha256(stored[record.format]).hexdigest() == record.sha256
            assert record.size == len(stored[record.format])
        assert pack.number == 1 and pack.made_by == programme_manager
        assert pack.content["sections"]["matters"]["text"] == "Agree the new date."

    def test_making_it_again_adds_the_next_version(self, template, reported):
        first = services.pack_make(
            template=template, period=reported, meeting_date=None, matters="", formats=["xlsx"]
        )
        second = services.pack_make(
            template=template, period=reported, meeting_date=None, matters="", formats=["xlsx"]
        )
        assert (first.number, second.number) == (1, 2)
        assert Change.objects.filter(subject__endswith="version 2").exists()

    def test_the_stored_pack_is_unchanged_by_later_edits_and_a_new_version_shows_what_was_reported(
        self, template, reported, tree, statuses
    ):
        pack = services.pack_make(template=template, period=reported, meeting_date=None, matters="")
        before = _stored(pack)
        reported_numbers = [row["number"] for row in pack.content["sections"]["exceptions"]["red"]]
        Item.objects.filter(pk=tree["mine"].pk).update(status=statuses[3], text="Renamed after reporting")

        again = Pack.objects.get(pk=pack.pk)
        assert _stored(again) == before
        newer = services.pack_make(template=template, period=reported, meeting_date=None, matters="")
        assert [row["number"] for row in newer.content["sections"]["exceptions"]["red"]] == reported_numbers
        assert "Renamed after reporting" not in str(newer.content)

    def test_a_failed_save_leaves_no_pack_and_no_files(
        self, template, reported, monkeypatch, settings, tmp_path
    ):
        settings.PRIVATE_UPLOAD_ROOT = tmp_path

        def refuse(**kwargs):
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(services.history, "change_record", refuse)
        with pytest.raises(RuntimeError):
            services.pack_make(
                template=template, period=reported, meeting_date=None, matters="", formats=["xlsx"]
            )
        assert not Pack.objects.exists() and not PackFile.objects.exists()
        assert not [p for p in tmp_path.rglob("*") if p.is_file()]


class TestMarkingAsSent:
    def test_marking_a_version_takes_the_mark_from_the_other(self, template, reported, programme_manager):
        first = services.pack_make(
            template=template, period=reported, meeting_date=None, matters="", formats=["xlsx"]
        )
        second = services.pack_make(
            template=template, period=reported, meeting_date=None, matters="", formats=["xlsx"]
        )
        services.pack_mark_sent(pack=first, by=programme_manager)
        services.pack_mark_sent(pack=second, by=programme_manager)
        first.refresh_from_db()
        assert first.sent_at is None and second.sent_at is not None
        change = Change.objects.filter(subject__startswith="Board pack: Monthly").latest("pk")
        assert change.changes == {"Sent to the meeting": ["Version 1", "Version 2"]}


class TestInTheBackground:
    def test_the_job_makes_the_pack_and_links_to_it(self, template, reported, programme_manager):
        job = job_start(
            area=template.area,
            user=programme_manager,
            kind="boardpacks.build",
            label="Making the pack",
            arguments={
                "template": template.pk,
                "period": reported.pk,
                "meeting_date": "2021-04-20",
                "matters": "",
            },
        )
        job.refresh_from_db()
        pack = Pack.objects.get()
        assert job.state == Job.State.DONE and job.percent == 100
        assert job.result_url.endswith(f"/board-packs/packs/{pack.pk}/")
        assert pack.meeting_date == datetime.date(2021, 4, 20) and pack.made_by == programme_manager

    def test_a_period_not_reported_fails_the_job_in_words(self, template, period, programme_manager):
        job = job_start(
            area=template.area,
            user=programme_manager,
            kind="boardpacks.build",
            label="Making the pack",
            arguments={"template": template.pk, "period": period.pk, "meeting_date": None, "matters": ""},
        )
        job.refresh_from_db()
        assert job.state == Job.State.FAILED
        assert "has not been reported yet" in job.message
        assert not Pack.objects.exists()

    def test_another_areas_template_is_not_made(self, reported, programme_manager, area):
        stranger = PackTemplateFactory()
        job = job_start(
            area=area,
            user=programme_manager,
            kind="boardpacks.build",
            label="Making the pack",
            arguments={"template": stranger.pk, "period": reported.pk, "meeting_date": None, "matters": ""},
        )
        job.refresh_from_db()
        assert job.state == Job.State.FAILED and not Pack.objects.exists()
