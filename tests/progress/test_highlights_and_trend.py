"""Highlight reports, the trend since the last period, an item's timeline, two people saving at once."""

import datetime

import pytest
from django.urls import reverse

from evidence.models import Evidence
from progress import services
from progress.models import HighlightReport
from tests.plans.factories import ItemFactory

pytestmark = pytest.mark.django_db


def _url(name, period, **extra):
    return reverse(f"progress:{name}", kwargs={"area": "stockport", "pk": period.pk, **extra})


def _update(period, item, status, commentary="Board met twice this month", **fields):
    return services.update_save(
        period=period,
        item=item,
        content=services.UpdateContent(commentary=commentary, proposed_status=status, **fields),
        expected_version=None,
    )


def _report(period):
    for state in ("challenge", "confirmed", "reported"):
        period.refresh_from_db()
        services.period_move(period=period, to_state=state, expected_version=period.version)
    period.refresh_from_db()


@pytest.fixture
def drafted(period, tree, statuses, workstream, area):
    survey = Evidence.objects.create(
        area=area, title="Parent survey", kind=Evidence.Kind.SURVEY, impact="Families feel listened to"
    )
    update = _update(period, tree["mine"], statuses[2], next_steps="Publish the minutes", evidence=[survey])
    services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
    return services.highlight_draft(period=period, workstream=workstream)


class TestHighlightReports:
    def test_a_report_is_drafted_with_a_row_per_priority_from_the_periods_updates(self, drafted, tree):
        rows = list(drafted.rows.all())
        assert [r.number for r in rows] == ["1.1"]
        row = rows[0]
        assert row.actions_progressed == "1.1.1.1: Board met twice this month"
        assert row.impact == "Parent survey: Families feel listened to"
        assert row.evidence == "Parent survey (survey)"
        assert row.next_steps == "1.1.1.1: Publish the minutes"

    def test_the_lead_drafts_and_edits_their_workstreams_report(
        self, client, workstream_lead, period, tree, statuses, workstream
    ):
        _update(period, tree["mine"], statuses[2])
        client.force_login(workstream_lead)
        response = client.post(_url("highlight-report-draft", period, workstream_pk=workstream.pk))
        assert response.status_code == 302
        report = HighlightReport.objects.get(period=period, workstream=workstream)
        row = report.rows.get()
        data = {"version": report.version}
        for column in ("actions_progressed", "impact", "evidence", "next_steps"):
            data[f"row-{row.pk}-{column}"] = f"Edited {column}"
        response = client.post(_url("highlight-report-edit", period, workstream_pk=workstream.pk), data)
        assert response.status_code == 302
        row.refresh_from_db()
        assert row.impact == "Edited impact"
        page = client.get(_url("highlight-report", period, workstream_pk=workstream.pk)).content.decode()
        assert "Edited actions_progressed" in page

    def test_a_lead_cannot_write_another_workstreams_report(
        self, client, workstream_lead, period, other_workstream
    ):
        client.force_login(workstream_lead)
        assert (
            client.post(_url("highlight-report-draft", period, workstream_pk=other_workstream.pk)).status_code
            == 403
        )
        assert not HighlightReport.objects.exists()

    def test_a_reported_report_is_frozen_and_stays_as_reported(
        self, client, programme_manager, drafted, period, tree
    ):
        row = drafted.rows.get()
        _report(period)
        priority = tree["priority"]
        priority.text = "Renamed after reporting"
        priority.save()
        with pytest.raises(Exception, match="kept as they were reported"):
            services.highlight_save(
                report=drafted, rows={row.pk: {"impact": "Rewritten"}}, expected_version=drafted.version
            )
        row.refresh_from_db()
        assert row.impact == "Parent survey: Families feel listened to"
        assert row.title == "Senior leaders own the change"
        client.force_login(programme_manager)
        page = client.get(drafted.get_absolute_url()).content.decode()
        assert "Senior leaders own the change" in page and "Renamed after reporting" not in page
        edit = client.get(_url("highlight-report-edit", period, workstream_pk=drafted.workstream_id))
        assert edit.status_code == 302

    def test_the_second_of_two_people_saving_a_report_sees_what_the_first_saved(
        self, client, workstream_lead, drafted, period
    ):
        row = drafted.rows.get()
        stale_version = drafted.version
        services.highlight_save(
            report=drafted,
            rows={row.pk: {"impact": "The first person's impact"}},
            expected_version=stale_version,
        )
        client.force_login(workstream_lead)
        data = {"version": stale_version}
        for column in ("actions_progressed", "impact", "evidence", "next_steps"):
            data[f"row-{row.pk}-{column}"] = "The second person's text"
        response = client.post(
            _url("highlight-report-edit", period, workstream_pk=drafted.workstream_id), data
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else saved this highlight report" in page
        assert "The first person&#x27;s impact" in page
        row.refresh_from_db()
        assert row.impact == "The first person's impact"


class TestConcurrentUpdates:
    def test_the_second_of_two_people_writing_the_same_update_sees_what_the_first_saved(
        self, client, contributor, workstream_lead, period, tree, statuses
    ):
        client.force_login(contributor)
        url = _url("update", period, item_pk=tree["mine"].pk)
        # Both open the empty form; the lead saves first.
        _update(period, tree["mine"], statuses[2], commentary="The lead's account of the month")
        response = client.post(
            url, {"commentary": "The owner's account", "proposed_status": statuses[3].pk, "version": ""}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else saved an update for this item" in page
        assert "The lead&#x27;s account of the month" in page
        assert tree["mine"].updates.get().commentary == "The lead's account of the month"

    def test_a_stale_edit_of_an_update_is_refused_and_nothing_is_lost(
        self, client, contributor, period, tree, statuses
    ):
        update = _update(period, tree["mine"], statuses[2], commentary="First")
        stale = update.version
        services.update_save(
            period=period,
            item=tree["mine"],
            content=services.UpdateContent(commentary="Second, by someone else", proposed_status=statuses[2]),
            expected_version=stale,
        )
        client.force_login(contributor)
        response = client.post(
            _url("update", period, item_pk=tree["mine"].pk),
            {"commentary": "Third, from an old form", "proposed_status": statuses[2].pk, "version": stale},
        )
        assert "Someone else saved an update" in response.content.decode()
        assert tree["mine"].updates.get().commentary == "Second, by someone else"

    def test_a_challenge_on_an_update_the_owner_has_since_changed_is_refused(
        self, client, workstream_lead, period, tree, statuses
    ):
        update = _update(period, tree["mine"], statuses[2])
        stale = update.version
        services.update_save(
            period=period,
            item=tree["mine"],
            content=services.UpdateContent(
                commentary="Changed my mind", proposed_status=statuses[1], mitigation="x"
            ),
            expected_version=stale,
        )
        client.force_login(workstream_lead)
        response = client.post(
            _url("challenge", period, item_pk=tree["mine"].pk),
            {"status": statuses[2].pk, "reason": "", "mitigation": "", "version": stale},
        )
        assert "The owner changed this update while you were reviewing it" in response.content.decode()
        update.refresh_from_db()
        assert not update.is_confirmed


class TestTrendAndTimeline:
    @pytest.fixture
    def two_periods(self, period, tree, statuses, plan):
        other = ItemFactory(plan=plan, number="1.1.1.3", text="Terms of reference", workstreams=[])
        tree["mine"].status = statuses[2]
        tree["mine"].save()
        other.status = statuses[3]
        other.save()
        _report(period)
        april = services.period_open(plan=plan, today=datetime.date(2021, 4, 2))
        for item, status in ((tree["mine"], statuses[3]), (other, statuses[2])):
            item.refresh_from_db()
            item.status = status
            item.save()
        return period, april, other

    @pytest.fixture
    def two_reported(self, two_periods):
        march, april, other = two_periods
        _report(april)
        return march, april, other

    def test_the_overview_shows_what_improved_and_declined_since_the_last_period(
        self, client, viewer, plan, two_reported
    ):
        client.force_login(viewer)
        page = client.get(plan.get_absolute_url()).content.decode()
        assert "Reported for April 2021, against March 2021" in page
        assert "<strong>1</strong> milestone improved and <strong>1</strong> declined" in page
        assert "Improved: " in page and "from Progressing to Completed" in page
        assert "Declined: " in page and "from Completed to Progressing" in page

    def test_the_trend_waits_for_two_reported_periods(self, client, viewer, plan, two_periods):
        client.force_login(viewer)
        page = client.get(plan.get_absolute_url()).content.decode()
        assert "Since the last period" not in page

    def test_an_items_page_shows_its_status_in_each_period(self, client, viewer, tree, two_periods, statuses):
        _, april, _ = two_periods
        _update(april, tree["mine"], statuses[3], commentary="Signed off by the board")
        client.force_login(viewer)
        page = client.get(tree["mine"].get_absolute_url()).content.decode()
        assert page.index("April 2021") < page.index("March 2021")
        assert "Proposed" in page and "Signed off by the board" in page
        assert "Reported" in page
