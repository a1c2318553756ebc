"""Owners that are groups (a board, a team, a role): the programme manager keeps them on the People page,
their members see and update the group's items, and a group never signs in."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from areas import services
from areas.models import Membership, Person
from history.models import Change
from plans.models import ItemOwner
from progress.models import ReportingPeriod
from tests.areas.factories import GroupFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"area": "stockport", **kwargs})


@pytest.fixture
def board(area, owner_person):
    """The SEND Improvement Board, with SM (the contributor's person) as a member."""
    return GroupFactory(area=area, name="SEND Improvement Board", initials="SIB", members=[owner_person])


def test_a_programme_manager_adds_a_group_whose_short_name_is_made_from_its_capitals(
    client, area, programme_manager, owner_person, lead_person
):
    client.force_login(programme_manager)
    response = client.post(
        url("areas:group-create"),
        {"name": "SEND Improvement Board", "short_name": "", "members": [owner_person.pk, lead_person.pk]},
    )

    group = Person.objects.get(area=area, kind=Person.Kind.GROUP)
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert (group.name, group.initials) == ("SEND Improvement Board", "SIB")
    assert {m.initials for m in group.members.all()} == {"SM", "CL"}
    change = Change.objects.get(subject="Group SIB")
    assert change.changes["Members"] == ["", "CL, SM"]
    people_page = client.get(url("areas:people")).content.decode()
    assert "SEND Improvement Board" in people_page and "CL, SM" in people_page


def test_a_made_short_name_never_takes_someone_elses_initials(area):
    PersonFactory(area=area, initials="SIB")
    group = services.group_create(area=area, name="SEND Improvement Board")
    assert group.initials == "SIB2"


def test_a_short_name_someone_has_is_refused_on_the_form(client, area, programme_manager, owner_person):
    client.force_login(programme_manager)
    page = client.post(url("areas:group-create"), {"name": "Senior Managers", "short_name": "SM"}).content

    assert '"SM" is already the initials of SM: choose another' in html.unescape(page.decode())
    assert not Person.objects.filter(kind=Person.Kind.GROUP).exists()


def test_the_people_page_lists_people_and_groups_apart(client, board, programme_manager, owner_person):
    client.force_login(programme_manager)
    page = client.get(url("areas:people")).content.decode()
    people_table, groups_table = page.split('id="groups"')
    assert "SIB" not in people_table and owner_person.initials in people_table
    assert "SEND Improvement Board" in groups_table


def test_a_group_edited_meanwhile_shows_their_members_beside_yours(
    client, board, programme_manager, owner_person, lead_person
):
    client.force_login(programme_manager)
    stale = {"name": board.name, "short_name": "SIB", "version": board.version}
    client.post(url("areas:group-edit", pk=board.pk), {**stale, "members": [lead_person.pk]})

    page = client.post(
        url("areas:group-edit", pk=board.pk), {**stale, "members": [owner_person.pk, lead_person.pk]}
    ).content.decode()

    assert "Someone else changed this group while you were editing it" in page
    assert "<strong>Theirs:</strong> CL" in page and "<strong>Yours:</strong> CL, SM" in page
    assert [m.initials for m in Person.objects.get(pk=board.pk).members.all()] == ["CL"]


def test_a_group_that_owns_items_cannot_be_removed_until_its_items_change(
    client, board, tree, programme_manager
):
    ItemOwner.objects.create(item=tree["theirs"], person=board)
    client.force_login(programme_manager)

    page = html.unescape(client.post(url("areas:group-remove", pk=board.pk)).content.decode())
    assert "SEND Improvement Board owns 1 item. Change the owners of those items" in page
    assert Person.objects.filter(pk=board.pk).exists()

    ItemOwner.objects.filter(person=board).delete()
    response = client.post(url("areas:group-remove", pk=board.pk))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=board.pk).exists()
    assert Change.objects.filter(subject="Group SIB", action="removed").exists()


def test_a_group_cannot_be_linked_to_a_member(client, board, programme_manager, viewer):
    client.force_login(programme_manager)
    membership = viewer.memberships.get()
    page = client.get(url("areas:member-edit", pk=membership.pk)).content.decode()
    assert not re.search(r"\bSIB\b", page)  # as a word: a random token may hold the letters
    invite = client.get(url("areas:member-create")).content.decode()
    assert "SIB" not in invite
    with pytest.raises(ValidationError, match="a group cannot sign in"):
        services.member_update(membership=membership, expected_version=1, role="viewer", person=board)


def test_a_group_is_shown_by_its_name_with_its_members_on_its_page(client, board, viewer):
    client.force_login(viewer)
    page = client.get(url("areas:person", pk=board.pk)).content.decode()
    assert "<h1" in page and "SEND Improvement Board</h1>" in page
    assert "SM (Operational Lead SEN)" in page


@pytest.fixture
def period(plan):
    return ReportingPeriod.objects.create(
        plan=plan,
        name="March 2021",
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 31),
        deadline=datetime.date(2021, 3, 25),
    )


def test_a_member_of_an_owning_group_sees_and_updates_its_item_and_a_non_member_may_not(
    client, area, board, tree, contributor, period
):
    theirs = tree["theirs"]
    ItemOwner.objects.create(item=theirs, person=board)
    client.force_login(contributor)

    my_items = client.get(url("plans:my-items")).content.decode()
    assert theirs.text in my_items
    assert "SEND Improvement Board" in my_items  # the owner shown by its name, never as SIB alone
    assert client.get(url("progress:update", pk=period.pk, item_pk=theirs.pk)).status_code == 200
    assert client.get(url("plans:item-edit", pk=theirs.pk)).status_code == 200

    board.members.clear()
    assert theirs.text not in client.get(url("plans:my-items")).content.decode()
    assert client.get(url("progress:update", pk=period.pk, item_pk=theirs.pk)).status_code == 403


def test_a_lead_whose_group_leads_a_workstream_has_its_leads_rights(
    client, area, tree, lead_person, workstream_lead, other_workstream, period
):
    theirs = tree["theirs"]  # in JC, which CL does not lead
    client.force_login(workstream_lead)
    assert client.get(url("plans:item-edit", pk=theirs.pk)).status_code == 403

    team = GroupFactory(area=area, name="E&S Commissioning Team", initials="ESCT", members=[lead_person])
    services.workstream_update(
        workstream=other_workstream,
        expected_version=other_workstream.version,
        code="JC",
        name=other_workstream.name,
        leads=[team],
    )
    assert client.get(url("plans:item-edit", pk=theirs.pk)).status_code == 200
    assert Membership.objects.get(user=workstream_lead).person == lead_person
