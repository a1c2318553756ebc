"""What is outstanding: the updates still missing in a period, by owner and by workstream."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from progress.outstanding import NO_WORKSTREAM, missing_updates
from tests.areas.factories import PersonFactory, WorkstreamFactory
from tests.plans.factories import ItemFactory
from tests.progress.factories import ReportingPeriodFactory, UpdateFactory

BEFORE_DEADLINE = datetime.date(2021, 3, 20)


@pytest.fixture
def cycle(plan, tree, workstream, other_workstream, owner_person, lead_person):
    """March 2021 (due 25/03/2021) on the tree, with these items beside 1.1.1.1 (S/E, SM, missing):

    1.1.1.3 S/E owned by SM and CL, missing; 1.1.1.4 JC owned by AB, written;
    1.1.1.5 no workstream, owned by AB, missing; 1.1.1.6 S/E owned by SM, done;
    1.1.1.7 S/E owned by SM, removed. 1.1.1.2 (JC) has no owner.
    """
    owner_person.email = "sm@example.org"
    owner_person.save()
    ab = PersonFactory(area=plan.area, initials="AB", name="Alex Brown", email="ab@example.org")
    done = plan.rag_scheme.statuses.get(counts_as_done=True, label="Completed")
    shared = ItemFactory(
        plan=plan,
        number="1.1.1.3",
        text="Shared milestone",
        workstreams=[workstream],
        owners=[owner_person, lead_person],
    )
    written = ItemFactory(plan=plan, number="1.1.1.4", workstreams=[other_workstream], owners=[ab])
    loose = ItemFactory(plan=plan, number="1.1.1.5", owners=[ab], due_date=datetime.date(2021, 4, 30))
    finished = ItemFactory(plan=plan, number="1.1.1.6", workstreams=[workstream], owners=[owner_person])
    finished.status = done
    finished.save()
    ItemFactory(
        plan=plan,
        number="1.1.1.7",
        workstreams=[workstream],
        owners=[owner_person],
        removed_at=timezone.now(),
    )
    period = ReportingPeriodFactory(plan=plan)
    UpdateFactory(period=period, item=written)
    return {
        "period": period,
        "mine": tree["mine"],
        "shared": shared,
        "written": written,
        "loose": loose,
        "ab": ab,
    }


def _numbers(items):
    return [item.number for item in items]


def test_the_counts_cover_owned_current_items_that_are_not_done(cycle):
    """Unowned, done and removed items are not expected; an item with an update is not missing."""
    outstanding = missing_updates(cycle["period"], BEFORE_DEADLINE)

    assert outstanding.expected == 4
    assert outstanding.missing == 3
    assert outstanding.submitted == 1
    assert _numbers(outstanding.missing_items) == ["1.1.1.1", "1.1.1.3", "1.1.1.5"]
    assert not outstanding.past_deadline


def test_each_owner_sees_their_missing_items_and_a_shared_item_appears_under_both(cycle):
    outstanding = missing_updates(cycle["period"], BEFORE_DEADLINE)

    owners = {o.initials: o for o in outstanding.by_owner}
    assert [o.initials for o in outstanding.by_owner] == ["AB", "CL", "SM"]
    assert _numbers(owners["SM"].items) == ["1.1.1.1", "1.1.1.3"]
    assert _numbers(owners["CL"].items) == ["1.1.1.3"]
    assert _numbers(owners["AB"].items) == ["1.1.1.5"]
    assert owners["AB"].email == "ab@example.org"
    assert owners["AB"].label == "Alex Brown"
    loose = owners["AB"].items[0]
    assert loose.due_date == datetime.date(2021, 4, 30)
    assert loose.workstreams == ()
    assert owners["SM"].items[1].workstreams == ("S/E",)
    assert owners["SM"].items[1].owners == ("SM", "CL")


def test_each_workstream_counts_expected_written_and_missing_with_a_no_workstream_group(cycle):
    outstanding = missing_updates(cycle["period"], BEFORE_DEADLINE)

    groups = {(g.code or g.name): g for g in outstanding.by_workstream}
    assert [g.code or g.name for g in outstanding.by_workstream] == ["JC", "S/E", NO_WORKSTREAM]
    assert (groups["S/E"].expected, groups["S/E"].submitted, groups["S/E"].missing) == (2, 0, 2)
    assert _numbers(groups["S/E"].missing_items) == ["1.1.1.1", "1.1.1.3"]
    assert groups["S/E"].lead_initials == "CL"
    assert (groups["JC"].expected, groups["JC"].submitted, groups["JC"].missing) == (1, 1, 0)
    assert groups["JC"].lead_initials == ""
    no_workstream = groups[NO_WORKSTREAM]
    assert no_workstream.workstream_id is None
    assert (no_workstream.expected, no_workstream.missing) == (1, 1)


def test_an_update_in_another_period_does_not_count(cycle, plan):
    april = ReportingPeriodFactory(
        plan=plan,
        name="April 2021",
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
        deadline=datetime.date(2021, 4, 23),
    )

    outstanding = missing_updates(april, BEFORE_DEADLINE)

    assert outstanding.missing == outstanding.expected == 4


def test_the_deadline_has_passed_the_day_after_it(cycle):
    assert not missing_updates(cycle["period"], datetime.date(2021, 3, 25)).past_deadline
    assert missing_updates(cycle["period"], datetime.date(2021, 3, 26)).past_deadline


def _grow(plan, workstreams, people, start: int, count: int, period) -> None:
    for n in range(start, start + count):
        item = ItemFactory(
            plan=plan,
            number=f"2.{n}",
            workstreams=[workstreams[n % len(workstreams)]],
            owners=[people[n % len(people)], people[(n + 1) % len(people)]],
        )
        if n % 3 == 0:
            UpdateFactory(period=period, item=item)


def test_the_query_count_does_not_grow_with_the_plan(plan, area):
    period = ReportingPeriodFactory(plan=plan)
    ItemFactory(plan=plan, number="2", text="Second area")
    people = [PersonFactory(area=area, email=f"p{n}@example.org") for n in range(6)]
    workstreams = [WorkstreamFactory(area=area, lead=people[n]) for n in range(4)]
    _grow(plan, workstreams[:1], people[:2], 1, 2, period)

    with CaptureQueriesContext(connection) as small:
        small_result = missing_updates(period, BEFORE_DEADLINE)
    _grow(plan, workstreams, people, 3, 40, period)
    with CaptureQueriesContext(connection) as large:
        large_result = missing_updates(period, BEFORE_DEADLINE)

    assert small_result.expected == 2
    assert large_result.expected == 42
    assert len(large.captured_queries) == len(small.captured_queries) == 4


# The page ---------------------------------------------------------------------------------


def _url(period, area="stockport"):
    return reverse("progress:outstanding", kwargs={"area": area, "pk": period.pk})


def test_the_programme_manager_sees_what_is_outstanding_by_workstream_and_owner(
    client, programme_manager, cycle
):
    client.force_login(programme_manager)

    response = client.get(_url(cycle["period"]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Updates outstanding for March 2021" in page
    assert "Updates were due by 25/03/2021" in page
    assert '<dd class="govuk-summary-list__value" id="missing-count">3</dd>' in page
    assert '<dd class="govuk-summary-list__value" id="expected-count">4</dd>' in page
    by_workstream = page[page.index('id="by-workstream"') : page.index('id="by-owner"')]
    assert "S/E" in by_workstream and "CL" in by_workstream and NO_WORKSTREAM in by_workstream
    by_owner = page[page.index('id="by-owner"') :]
    assert "ab@example.org" in by_owner
    assert f'href="{cycle["shared"].get_absolute_url()}"' in by_owner
    assert f'href="{cycle["written"].get_absolute_url()}"' not in page
    period_url = reverse("progress:period", kwargs={"area": "stockport", "pk": cycle["period"].pk})
    assert f'href="{period_url}"' in page


def test_before_the_deadline_the_page_says_updates_are_due(client, programme_manager, plan, tree):
    today = timezone.localdate()
    period = ReportingPeriodFactory(
        plan=plan,
        name="Next month",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=20),
    )
    client.force_login(programme_manager)

    page = client.get(_url(period)).content.decode()

    assert f"Updates are due by {period.deadline:%d/%m/%Y}" in page


@pytest.mark.parametrize("persona", ["workstream_lead", "contributor", "viewer"])
def test_only_the_programme_manager_may_see_what_is_outstanding(client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(_url(cycle["period"])).status_code == 403


def test_another_areas_user_cannot_find_the_period(client, other_area_user, other_area, cycle):
    client.force_login(other_area_user)

    assert client.get(_url(cycle["period"])).status_code == 404
    assert client.get(_url(cycle["period"], area=other_area.slug)).status_code == 404
