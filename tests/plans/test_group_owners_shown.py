"""A group that owns an item is shown by its name wherever owners are listed, never as its short name
alone that could pass for a person's initials: item lists, and the owners a reported period keeps for
the board (and so its board packs)."""

import pytest
from django.urls import reverse

from plans.models import ItemOwner
from progress import services
from progress.models import ReportedRating, ReportingPeriod
from tests.areas.factories import GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_owns_mine(area, tree):
    board = GroupFactory(area=area, name="SEND Improvement Board", initials="SIB")
    ItemOwner.objects.create(item=tree["mine"], person=board, position=1)
    return board


def test_the_milestones_list_shows_an_owning_group_by_its_name(client, plan, board_owns_mine, viewer):
    client.force_login(viewer)
    page = client.get(reverse("plans:milestones", kwargs={"area": "stockport", "pk": plan.pk})).content
    assert "SM, SEND Improvement Board" in page.decode()


def test_a_reported_period_keeps_an_owning_group_by_its_name(period, board_owns_mine):
    period.state = ReportingPeriod.State.CONFIRMED
    period.save(update_fields=["state"])
    services.period_move(period=period, to_state=ReportingPeriod.State.REPORTED, expected_version=1)

    kept = dict(ReportedRating.objects.filter(period=period).values_list("number", "owners"))
    assert kept["1.1.1.1"] == "SM, SEND Improvement Board"
