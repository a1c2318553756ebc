"""Challenge in bulk: several proposed ratings confirmed at once, each through the challenge's rules;
and confirming a period while updates are missing asks first and records who went ahead."""

import pytest
from django.urls import reverse

from history.models import Change
from plans.models import Item
from progress import services
from progress.models import ReportingPeriod, Update
from tests.plans.factories import ItemFactory
from tests.progress.factories import ReportingPeriodFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def _bulk_url(period, **query):
    url = reverse("progress:challenge-bulk", kwargs={"area": "stockport", "pk": period.pk})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _update(period, item, status, *, mitigation=""):
    return services.update_save(
        period=period,
        item=item,
        content=services.UpdateContent(
            commentary="Board met twice this month", proposed_status=status, mitigation=mitigation
        ),
        expected_version=None,
    )


def _post(client, period, updates, *, selected=None, action="selected", workstream=None):
    data = {"listed": [f"{u.pk}:{u.version}" for u in updates], "action": action}
    data["selected"] = [str(u.pk) for u in (updates if selected is None else selected)]
    if workstream is not None:
        data["workstream"] = str(workstream.pk)
    return client.post(_bulk_url(period), data)


@pytest.fixture
def three(period, tree, statuses):
    """Three updates waiting: one that passes, one needing evidence of impact, one needing a mitigation."""
    passes = _update(period, tree["mine"], statuses[2])
    no_impact = _update(period, tree["action"], statuses[4])
    no_mitigation = _update(period, tree["theirs"], statuses[1])
    return passes, no_impact, no_mitigation


def test_the_list_shows_each_proposed_rating_with_its_status_word(client, programme_manager, period, three):
    client.force_login(programme_manager)
    page = client.get(_bulk_url(period)).content.decode()
    assert "3</strong> proposed ratings waiting for challenge" in page
    for number in ("1.1.1.1", "1.1.1.2", "1.1.1"):
        assert f'Confirm </span><span class="app-number">{number}</span></label>' in page
    assert "Completed and embedded" in page and "Progressing" in page and "Not started" in page
    assert "Confirm all listed (3)" in page
    assert 'Change<span class="govuk-visually-hidden"> the rating of 1.1.1.1</span>' in page


def test_passing_ratings_are_confirmed_and_failing_ones_listed_with_the_reason(
    client, programme_manager, period, three, tree, statuses
):
    passes, no_impact, no_mitigation = three
    client.force_login(programme_manager)
    response = _post(client, period, three)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 ratings not confirmed" in page
    assert "1 other rating confirmed" in page
    assert "needs evidence of impact" in page and "Enter the mitigation" in page
    for update in three:
        update.refresh_from_db()
    assert passes.is_confirmed and passes.confirmed_status == statuses[2]
    assert not no_impact.is_confirmed and not no_mitigation.is_confirmed
    # none half-written: the refused items keep their status and nothing about them is recorded
    assert Item.objects.get(pk=tree["action"].pk).status_id is None
    assert Item.objects.get(pk=tree["mine"].pk).status == statuses[2]
    assert not Change.objects.filter(item=tree["action"], source="Challenge").exists()
    # still waiting below, to change with a reason
    assert "2</strong> proposed ratings waiting for challenge" in page


def test_confirm_all_listed_works_without_ticking_anything(client, programme_manager, period, tree, statuses):
    updates = [_update(period, tree["mine"], statuses[2]), _update(period, tree["action"], statuses[2])]
    client.force_login(programme_manager)
    response = _post(client, period, updates, selected=[], action="all")
    assert response.status_code == 302
    assert Update.objects.filter(period=period, confirmed_at__isnull=False).count() == 2
    assert "2 ratings confirmed" in client.get(response["Location"]).content.decode()


def test_nothing_ticked_confirms_nothing_and_says_so(client, programme_manager, period, three):
    client.force_login(programme_manager)
    page = _post(client, period, three, selected=[]).content.decode()
    assert "Select at least one rating to confirm" in page
    assert not Update.objects.filter(confirmed_at__isnull=False).exists()


def test_a_lead_sees_and_confirms_only_their_workstreams_ratings(
    client, workstream_lead, period, three, workstream
):
    passes, _, theirs = three
    client.force_login(workstream_lead)
    page = client.get(_bulk_url(period)).content.decode()
    assert "1.1.1.1" in page and "1.1.1.2" not in page  # JC is not theirs
    response = _post(client, period, [passes, theirs])  # a forged id of another workstream's update
    page = response.content.decode()
    assert "not one you may challenge" in page
    passes.refresh_from_db()
    theirs.refresh_from_db()
    assert passes.is_confirmed and not theirs.is_confirmed


def test_another_areas_update_is_refused(client, programme_manager, period, three, other_area):
    from tests.plans.factories import PlanFactory

    other_period = ReportingPeriodFactory(plan=PlanFactory(area=other_area))
    foreign = UpdateFactory(period=other_period)
    client.force_login(programme_manager)
    page = _post(client, period, [foreign]).content.decode()
    assert "not one you may challenge" in page
    foreign.refresh_from_db()
    assert not foreign.is_confirmed


def test_a_lead_cannot_list_another_workstream(client, workstream_lead, period, other_workstream):
    client.force_login(workstream_lead)
    assert client.get(_bulk_url(period, workstream=other_workstream.pk)).status_code == 404


def test_an_update_changed_since_the_list_was_shown_is_refused(
    client, programme_manager, period, tree, statuses
):
    update = _update(period, tree["mine"], statuses[2])
    shown = Update.objects.get(pk=update.pk)  # as the list showed it
    services.update_save(
        period=period,
        item=tree["mine"],
        content=services.UpdateContent(commentary="Rewritten", proposed_status=statuses[3]),
        expected_version=update.version,
    )
    client.force_login(programme_manager)
    page = _post(client, period, [shown]).content.decode()
    assert "Someone changed the update on 1.1.1.1" in page
    update.refresh_from_db()
    assert not update.is_confirmed


def test_the_list_is_filtered_by_workstream(client, programme_manager, period, three, workstream):
    client.force_login(programme_manager)
    page = client.get(_bulk_url(period, workstream=workstream.pk)).content.decode()
    assert "1.1.1.1" in page and "1.1.1.2" not in page


def test_missing_updates_are_listed_at_the_top(
    client, programme_manager, period, tree, statuses, owner_person
):
    _update(period, tree["mine"], statuses[2])
    ItemFactory(
        plan=period.plan,
        number="1.1.1.3",
        text="Terms of reference agreed",
        workstreams=list(tree["mine"].workstreams.all()),
        owners=[owner_person],
    )
    client.force_login(programme_manager)
    page = client.get(_bulk_url(period)).content.decode()
    assert "1 item has no update for March 2021" in page
    assert "1.1.1.3</a> Terms of reference agreed (owner: SM)" in page


def test_the_period_page_links_to_each_workstreams_challenge(
    client, workstream_lead, period, three, workstream
):
    client.force_login(workstream_lead)
    page = client.get(period.get_absolute_url()).content.decode()
    assert f"{_bulk_url(period)}?workstream={workstream.pk}" in page
    assert "(2 waiting)" in page  # 1.1.1 and 1.1.1.1 are S/E's


# Confirming a period with missing updates ------------------------------------------------


@pytest.fixture
def missing_one(period, tree, statuses, owner_person):
    """1.1.1.1 updated and confirmed; 1.1.1.3, owned, has no update; the period in challenge."""
    update = _update(period, tree["mine"], statuses[2])
    services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
    ItemFactory(plan=period.plan, number="1.1.1.3", text="Terms agreed", owners=[owner_person])
    period.state = ReportingPeriod.State.CHALLENGE
    period.save()
    return period


def _move_url(period, state="confirmed"):
    return reverse("progress:period-move", kwargs={"area": "stockport", "pk": period.pk, "state": state})


def test_confirming_with_missing_updates_asks_first(client, programme_manager, missing_one):
    client.force_login(programme_manager)
    page = client.get(_move_url(missing_one)).content.decode()
    assert "1 item has no update: 1.1.1.3" in page
    assert "Confirm anyway" in page
    response = client.post(_move_url(missing_one), {"version": missing_one.version})
    assert "1 item has no update" in response.content.decode()
    missing_one.refresh_from_db()
    assert missing_one.state == "challenge"


def test_going_ahead_records_who_did_and_shows_it_on_the_period_page(client, programme_manager, missing_one):
    client.force_login(programme_manager)
    response = client.post(_move_url(missing_one), {"version": missing_one.version, "missing_agreed": 1})
    assert response.status_code == 302
    missing_one.refresh_from_db()
    assert missing_one.state == "confirmed"
    change = Change.objects.filter(subject_id=missing_one.pk, subject="Reporting period March 2021").first()
    assert change.by == programme_manager
    assert change.changes["Updates missing when confirmed"] == ["", "1"]
    assert change.changes["Items without an update"] == ["", "1.1.1.3"]
    page = client.get(missing_one.get_absolute_url()).content.decode()
    assert f"Confirmed with 1 update missing by {programme_manager}" in page


def test_more_missing_than_agreed_asks_again(client, programme_manager, missing_one, owner_person):
    client.force_login(programme_manager)
    ItemFactory(plan=missing_one.plan, number="1.1.1.4", text="Another", owners=[owner_person])
    page = client.post(_move_url(missing_one), {"version": missing_one.version, "missing_agreed": 1})
    assert "More items are missing an update than when you looked" in page.content.decode()
    missing_one.refresh_from_db()
    assert missing_one.state == "challenge"


def test_no_missing_updates_no_question(client, programme_manager, period, tree, statuses):
    update = _update(period, tree["mine"], statuses[2])
    services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
    period.state = ReportingPeriod.State.CHALLENGE
    period.save()
    client.force_login(programme_manager)
    page = client.get(_move_url(period)).content.decode()
    assert "Confirm anyway" not in page
    assert client.post(_move_url(period), {"version": period.version}).status_code == 302
    assert "Confirmed with" not in client.get(period.get_absolute_url()).content.decode()
