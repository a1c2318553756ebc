"""The page of a period taking updates: how far its updates have got, each item's row with the links its
reader may follow, and its filters."""

import pytest

from plans import services as item_services
from progress import services
from tests.areas.factories import GroupFactory
from tests.plans.factories import ItemFactory
from tests.progress.factories import update_saved

pytestmark = pytest.mark.django_db


def _confirm(update, status, reason=""):
    services.update_confirm(update=update, status=status, reason=reason, expected_version=update.version)


@pytest.fixture
def cycle(plan, tree, period, statuses, owner_person, workstream):
    """Four S/E items of SM's and one of JC's with no owner, each as far as the cycle has got: 1.1.1.1
    changed in challenge, 1.1.1.2 (JC's) waiting for challenge, 1.1.1.3 confirmed as proposed, 1.1.1.4
    with no update yet."""
    confirmed = ItemFactory(plan=plan, number="1.1.1.3", workstreams=[workstream], owners=[owner_person])
    missing = ItemFactory(plan=plan, number="1.1.1.4", workstreams=[workstream], owners=[owner_person])
    _confirm(update_saved(period, tree["mine"], statuses[3]), statuses[2], reason="The board has not met yet")
    update_saved(period, tree["theirs"], statuses[2])
    _confirm(update_saved(period, confirmed, statuses[2]), statuses[2])
    return {"changed": tree["mine"], "waiting": tree["theirs"], "confirmed": confirmed, "missing": missing}


def _page(client, user, period, query=""):
    client.force_login(user)
    response = client.get(period.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_summary_counts_the_updates_as_far_as_they_have_got(client, viewer, period, cycle):
    page = _page(client, viewer, period)

    assert "3 expected: 3 written, 1 missing." in page  # SM's three not done; JC's has no owner
    assert "2 confirmed (1 changed in challenge), 1 waiting for challenge." in page


def test_each_row_shows_its_update_and_its_status_as_far_as_the_challenge_has_got(
    client, viewer, period, cycle
):
    page = _page(client, viewer, period)

    assert "<strong>4</strong> items shown" in page
    for words in ("Changed in challenge", "Waiting for challenge", "Confirmed", "No update yet"):
        assert f"{words}</strong>" in page
    assert '<span class="govuk-hint govuk-!-font-size-16">Proposed: Completed</span>' in page
    assert '<span class="govuk-hint govuk-!-font-size-16">Proposed:</span> <span class="app-status">' in page
    assert "S/E</span>" in page and "JC</span>" in page and ">SM</td>" in page


@pytest.mark.parametrize(
    ("persona", "updates", "challenges"),
    [
        (
            "programme_manager",
            ["1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4"],
            ["1.1.1.1", "1.1.1.2", "1.1.1.3"],
        ),
        ("workstream_lead", ["1.1.1.1", "1.1.1.3", "1.1.1.4"], ["1.1.1.1", "1.1.1.3"]),  # S/E's
        ("contributor", ["1.1.1.1", "1.1.1.3", "1.1.1.4"], []),  # SM's
        ("viewer", [], []),
    ],
)
def test_each_row_offers_only_the_links_its_reader_may_follow(
    request, client, period, cycle, persona, updates, challenges
):
    page = _page(client, request.getfixturevalue(persona), period)

    for number in ("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4"):
        action = "Write update" if number == "1.1.1.4" else "Edit update"
        link = f'{action}<span class="govuk-visually-hidden"> on {number}</span>'
        assert (link in page) == (number in updates), (persona, number)
        challenge = f'Challenge<span class="govuk-visually-hidden"> the rating of {number}</span>'
        assert (challenge in page) == (number in challenges), (persona, number)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?state=missing", ["1.1.1.4"]),
        ("?state=submitted", ["1.1.1.2"]),
        ("?state=confirmed", ["1.1.1.1", "1.1.1.3"]),
        ("?state=changed", ["1.1.1.1"]),
        ("?mine=on", ["1.1.1.1", "1.1.1.3", "1.1.1.4"]),
        ("?mine=on&state=missing", ["1.1.1.4"]),
    ],
)
def test_the_filters_list_each_item_they_match_once(
    client, workstream_lead, lead_person, period, cycle, workstream, query, shown
):
    """The lead's own items are those of the workstream they lead and those they own: an item that is
    both is listed once."""
    cycle["missing"].ownerships.create(person=lead_person, position=1)
    board = GroupFactory(area=workstream.area, name="SEND board", members=[lead_person])
    cycle["confirmed"].ownerships.create(person=board, position=1)
    page = _page(client, workstream_lead, period, query)

    assert f"<strong>{len(shown)}</strong> item{'s' if len(shown) > 1 else ''} shown" in page
    for number in ("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4"):
        assert (f"on {number}</span>" in page or f">{number}</a>" in page) == (number in shown), number


def test_the_challenge_links_count_each_workstreams_ratings_waiting_but_not_a_removed_items(
    client, programme_manager, plan, period, cycle, workstream, statuses
):
    removed = ItemFactory(plan=plan, number="1.1.1.5", workstreams=[workstream])
    update_saved(period, removed, statuses[2])
    update_saved(period, cycle["missing"], statuses[2])
    item_services.item_remove(item=removed, expected_version=removed.version)

    links = _page(client, programme_manager, period).split('id="challenge-links"')[1].split("</ul>")[0]
    waiting = {
        line.split("Challenge ")[1].split("'s ratings")[0]: line.rsplit("(", 1)[1].split(" waiting)")[0]
        for line in links.split("</li>")
        if "'s ratings" in line
    }

    assert waiting == {"JC": "1", "S/E": "1"}  # 1.1.1.2; 1.1.1.4, not the removed 1.1.1.5
