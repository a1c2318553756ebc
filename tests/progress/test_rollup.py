"""Roll-ups on the pages (an item above the lowest level rated from the milestones under it), kept as
reported when a period is reported; an overall rating set by hand; the programme at a glance.

The `tree`: 1 > 1.1 > 1.1.1 > milestones 1.1.1.1 ("mine") and 1.1.1.2 ("theirs"). Statuses by position:
1 Not started (the worst), 2 Progressing, 3 Completed, 4 Completed and embedded."""

import datetime

import pytest
from django.urls import reverse

from areas.access import access_for
from common.concurrency import EditConflict
from history.models import Change
from plans import selectors as plan_selectors
from plans import services as plan_services
from plans.models import Item
from progress import selectors, services
from progress.models import ReportedRating, ReportingPeriod

pytestmark = pytest.mark.django_db


def _rate(item, status):
    Item.objects.filter(pk=item.pk).update(status=status)


def _report(period):
    for state in ("challenge", "confirmed", "reported"):
        period.refresh_from_db()
        services.period_move(period=period, to_state=state, expected_version=period.version)
    period.refresh_from_db()
    return period


def _rule(plan, rule):
    plan.rollup_rule = rule
    plan.save(update_fields=["rollup_rule"])


def _page(client, user, name, **kwargs):
    client.force_login(user)
    response = client.get(reverse(name, kwargs={"area": "stockport", **kwargs}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def rated(tree, statuses):
    _rate(tree["mine"], statuses[2])
    _rate(tree["theirs"], statuses[3])
    return tree


def _reported_rollup(period, item):
    rating = ReportedRating.objects.get(period=period, item=item)
    return rating.overall_label, rating.rollup_counts, rating.rollup_rule


class TestFrozenWhenReported:
    def test_a_later_edit_never_changes_a_reported_roll_up_but_the_live_one_changes(
        self, client, programme_manager, plan, period, rated, statuses
    ):
        _report(period)
        kept = _reported_rollup(period, rated["top"])
        assert kept == (
            "Progressing",
            [
                ["Not started", statuses[1].colour, 0],
                ["Progressing", statuses[2].colour, 1],
                ["Completed", statuses[3].colour, 1],
                ["Completed and embedded", statuses[4].colour, 0],
                ["", "", 0],
            ],
            "worst",
        )

        _rate(rated["mine"], statuses[1])
        _rule(plan, "most_common")
        statuses[3].label = "Done"
        statuses[3].save()

        assert _reported_rollup(period, rated["top"]) == kept
        period_page = _page(client, programme_manager, "progress:period", pk=period.pk)
        assert "Overall ratings, as reported" in period_page
        assert "worst status" in period_page
        assert "Progressing" in period_page.split('id="rollup-table"')[1].split("</table>")[0]

        item_page = _page(client, programme_manager, "plans:item", pk=rated["top"].pk)
        live = item_page.split('id="overall-rating"')[1].split("</dd>")[0]
        assert "Not started" in live  # a tie between Not started and Done goes to the worse
        assert "most common status" in live
        trend = item_page.split('id="rollup-trend-table"')[1].split("</table>")[0]
        assert "March 2021" in trend and "Progressing" in trend and "Worst status" in trend

    def test_the_period_page_is_live_while_the_period_is_open(
        self, client, programme_manager, period, rated, statuses
    ):
        page = _page(client, programme_manager, "progress:period", pk=period.pk)
        table = page.split('id="rollup-table"')[1].split("</table>")[0]
        assert "Live: from each milestone" in page
        assert "1.1" in table and "Progressing" in table
        _rate(rated["mine"], statuses[1])
        page = _page(client, programme_manager, "progress:period", pk=period.pk)
        assert "Not started" in page.split('id="rollup-table"')[1].split("</table>")[0]

    def test_a_hand_set_rating_is_kept_with_its_reason(
        self, plan, period, rated, statuses, programme_manager
    ):
        _rule(plan, "by_hand")
        top = Item.objects.get(pk=rated["top"].pk)
        plan_services.item_overall_set(
            item=top, status=statuses[4], reason="Signed off by the board", expected_version=top.version
        )
        _report(period)
        rating = ReportedRating.objects.get(period=period, item=top)
        assert (rating.overall_label, rating.overall_reason, rating.rollup_rule) == (
            "Completed and embedded",
            "Signed off by the board",
            "by_hand",
        )

    def test_milestones_keep_no_roll_up(self, period, rated):
        _report(period)
        assert _reported_rollup(period, rated["mine"]) == ("", [], "")


class TestRollupOnPages:
    def test_the_item_page_shows_the_counts_by_status_word_and_the_rule(
        self, client, viewer, rated, statuses
    ):
        page = _page(client, viewer, "plans:item", pk=rated["action"].pk)
        assert "How the milestones under it stand" in page
        counts = page.split('id="rollup-counts"')[1].split("</table>")[0]
        for word in ("Not started", "Progressing", "Completed", "No status", "All"):
            assert word in counts
        rating = page.split('id="overall-rating"')[1].split("</dd>")[0]
        assert "Progressing" in rating and "worst status of the milestones under it" in rating
        assert "Overall rating in each reported period" not in page  # the trend is a top-level item's

    def test_a_milestone_has_no_roll_up(self, client, viewer, rated):
        page = _page(client, viewer, "plans:item", pk=rated["mine"].pk)
        assert 'id="overall-rating"' not in page

    def test_the_overview_gives_each_top_level_item_its_overall_rating(self, client, viewer, plan, rated):
        page = _page(client, viewer, "plans:plan", pk=plan.pk)
        assert "and its overall rating by the rule “worst status”" in page
        row = page.split("Joint commissioning")[1].split("</th>")[0]
        assert "Overall:" in row and "Progressing" in row

    def test_no_reported_period_yet_says_so_on_the_top_level_items_trend(self, client, viewer, rated):
        page = _page(client, viewer, "plans:item", pk=rated["top"].pk)
        assert "No period has been reported with this item's overall rating yet." in page


class TestSetByHand:
    def test_the_plan_settings_offer_each_rule_with_its_hint(self, client, programme_manager, plan):
        page = _page(client, programme_manager, "plans:plan-edit", pk=plan.pk)
        assert "How each item above the lowest level gets its overall rating" in page
        assert "one red item makes it red" in page
        assert "When two statuses are as common as each other, it takes the worse" in page

    def test_choosing_the_rule_is_recorded(self, client, programme_manager, plan):
        client.force_login(programme_manager)
        url = reverse("plans:plan-edit", kwargs={"area": "stockport", "pk": plan.pk})
        data = {
            "reference": plan.reference,
            "title": plan.title,
            "kind": plan.kind,
            "status": plan.status,
            "rag_scheme": plan.rag_scheme_id,
            "reporting_cadence": plan.reporting_cadence,
            "rollup_rule": "by_hand",
            "level_1": "Area of weakness",
            "level_2": "Priority",
            "level_3": "Key action",
            "level_4": "Milestone",
            "version": plan.version,
        }
        assert client.post(url, data).status_code == 302
        plan.refresh_from_db()
        assert plan.rollup_rule == "by_hand"
        change = Change.objects.filter(plan=plan).latest("pk")
        assert change.changes["Overall rating of higher items"] == ["Worst status", "Set by hand"]

    def test_the_lead_sets_the_rating_with_a_reason_recorded_in_history(
        self, client, workstream_lead, plan, rated, statuses
    ):
        _rule(plan, "by_hand")
        action = rated["action"]
        url = reverse("plans:item-overall", kwargs={"area": "stockport", "pk": action.pk})
        client.force_login(workstream_lead)
        page = client.get(url).content.decode()
        assert "Set the overall rating" in page and "Progressing" in page.split('id="rollup-now"')[1]
        response = client.post(
            url, {"status": statuses[3].pk, "reason": "The board is running", "version": action.version}
        )
        assert response.status_code == 302
        page = _page(client, workstream_lead, "plans:item", pk=action.pk)
        rating = page.split('id="overall-rating"')[1].split("</dd>")[0]
        assert "Completed" in rating and "Reason: The board is running" in rating and "set by hand" in rating
        change = Change.objects.filter(item=action).latest("pk")
        assert change.changes == {
            "Overall rating": ["", "Completed"],
            "Reason for the overall rating": ["", "The board is running"],
        }

    def test_a_reason_is_needed(self, client, programme_manager, plan, rated, statuses):
        _rule(plan, "by_hand")
        client.force_login(programme_manager)
        url = reverse("plans:item-overall", kwargs={"area": "stockport", "pk": rated["top"].pk})
        page = client.post(url, {"status": statuses[3].pk, "reason": " ", "version": 1}).content.decode()
        assert "Enter the reason for the rating" in page

    def test_two_people_setting_it_at_once_lose_nothing(
        self, client, programme_manager, plan, rated, statuses
    ):
        _rule(plan, "by_hand")
        top = Item.objects.get(pk=rated["top"].pk)
        read_at = top.version
        plan_services.item_overall_set(
            item=top, status=statuses[2], reason="Mine first", expected_version=read_at
        )
        with pytest.raises(EditConflict):
            plan_services.item_overall_set(
                item=Item.objects.get(pk=top.pk),
                status=statuses[1],
                reason="Theirs",
                expected_version=read_at,
            )
        client.force_login(programme_manager)
        url = reverse("plans:item-overall", kwargs={"area": "stockport", "pk": top.pk})
        page = client.post(
            url, {"status": statuses[1].pk, "reason": "Late", "version": read_at}
        ).content.decode()
        assert "Someone else changed this item" in page
        assert "Mine first" in page  # what they saved, beside what was typed

    def test_the_page_is_only_for_plans_rated_by_hand(self, client, programme_manager, rated):
        client.force_login(programme_manager)
        url = reverse("plans:item-overall", kwargs={"area": "stockport", "pk": rated["top"].pk})
        assert client.get(url).status_code == 403
        page = _page(client, programme_manager, "plans:item", pk=rated["top"].pk)
        assert "the overall rating</span>" not in page  # no "Set" link


@pytest.fixture
def two_reported(plan, period, rated, statuses):
    """February reported with 1.1.1.1 progressing; March with it not started and overdue."""
    february = ReportingPeriod.objects.create(
        plan=plan,
        name="February 2021",
        starts_on=datetime.date(2021, 2, 1),
        ends_on=datetime.date(2021, 2, 28),
        deadline=datetime.date(2021, 2, 21),
    )
    _report(february)
    _rate(rated["mine"], statuses[1])
    Item.objects.filter(pk=rated["mine"].pk).update(due_date=datetime.date(2021, 3, 15))
    return february, _report(period)


class TestAtAGlance:
    def test_a_viewer_lands_on_the_programme_at_a_glance(self, client, viewer, plan, two_reported):
        page = _page(client, viewer, "plans:area-home")
        assert "Written Statement of Action: at a glance" in page
        assert "Latest reported: <strong>March 2021</strong>" in page
        assert "Compared with February 2021" in page
        counts = page.split(f'id="glance-counts-{plan.pk}"')[1].split("</table>")[0]
        assert "Not started" in counts and "up 1" in counts and "down 1" in counts
        red = page.split(f'id="glance-red-{plan.pk}"')[1].split("</ul>")[0]
        assert "1.1.1.1" in red and "Overdue" in red and "Not started" in red
        assert "1.1.1.2" not in red
        _february, march = two_reported
        assert reverse("progress:period", kwargs={"area": "stockport", "pk": march.pk}) in page
        assert reverse("progress:highlight-reports", kwargs={"area": "stockport", "pk": march.pk}) in page

    def test_it_answers_how_each_area_of_weakness_is_doing_now_and_before(
        self, client, viewer, plan, two_reported
    ):
        page = _page(client, viewer, "plans:area-home")
        tops = page.split(f'id="glance-tops-{plan.pk}"')[1].split("</table>")[0]
        assert "Overall rating of each area of weakness, as reported" in tops
        row = tops.split("</tr>")[1]
        assert "Joint commissioning" in row
        assert row.index("Not started") < row.index("Progressing"), "March's worst, then February's"

    def test_nothing_reported_yet_is_said_plainly(self, client, viewer, plan, period, rated):
        page = _page(client, viewer, "plans:area-home")
        assert "Nothing has been reported to the board for this plan yet." in page
        assert reverse("progress:periods", kwargs={"area": "stockport", "plan_pk": plan.pk}) in page

    def test_others_land_on_the_table_of_plans_and_everyone_sees_the_panel_on_the_overview(
        self, client, programme_manager, plan, two_reported
    ):
        assert "at a glance" not in _page(client, programme_manager, "plans:area-home")
        overview = _page(client, programme_manager, "plans:plan", pk=plan.pk)
        assert "At a glance" in overview and "Latest reported: <strong>March 2021</strong>" in overview

    def test_my_items_points_a_viewer_to_the_glance(self, client, viewer):
        assert "See the programme at a glance" in _page(client, viewer, "plans:my-items")

    def test_the_glance_reads_what_was_reported_not_the_plan_now(
        self, client, viewer, plan, two_reported, rated, statuses
    ):
        _rate(rated["mine"], statuses[4])
        red = (
            _page(client, viewer, "plans:area-home").split(f'id="glance-red-{plan.pk}"')[1].split("</ul>")[0]
        )
        assert "1.1.1.1" in red


def test_the_live_roll_ups_read_in_a_fixed_number_of_queries(
    django_assert_num_queries, programme_manager, plan, rated, statuses
):
    access = access_for(programme_manager, "stockport")
    with django_assert_num_queries(2):
        rows = plan_selectors.plan_rollups(access=access, plan=plan, statuses=list(statuses.values()))
    assert [r.number for r in rows] == ["1", "1.1", "1.1.1"]
    assert {r.rollup.rating_label for r in rows} == {"Progressing"}
    assert selectors.period_rollups  # re-exported
