"""Who may edit, restructure and challenge an item (areas.access.Access): the rules from plain facts
about an item (`may_edit_item`, `may_restructure_item`), as the item page uses them, agree with the rules
from the item itself (`can_edit_item`, `can_restructure_item`) for every role."""

import pytest

from areas.access import access_for
from areas.models import Membership
from tests.areas.factories import MembershipFactory, PersonFactory, UserFactory


def _facts(item):
    return {
        "removed": item.is_removed,
        "workstream_ids": {w.pk for w in item.workstreams.all()},
        "owner_ids": [o.person_id for o in item.ownerships.all()],
    }


@pytest.mark.parametrize("persona", ["programme_manager", "workstream_lead", "contributor", "viewer"])
def test_the_rules_from_plain_facts_agree_with_the_rules_from_the_item(request, area, tree, persona):
    access = access_for(request.getfixturevalue(persona), area.slug)
    for item in tree.values():
        facts = _facts(item)
        assert access.may_edit_item(**facts) == access.can_edit_item(item), (persona, item.number)
        assert access.may_restructure_item(**facts) == access.can_restructure_item(item), (
            persona,
            item.number,
        )


def test_a_contributor_may_edit_an_item_a_group_of_theirs_owns(area, tree, owner_person, workstream):
    group = PersonFactory(area=area, initials="GRP", kind="group")
    group.members.add(owner_person)
    user = UserFactory()
    MembershipFactory(user=user, area=area, role=Membership.Role.CONTRIBUTOR, person=owner_person)
    access = access_for(user, area.slug)
    assert access.may_edit_item(removed=False, workstream_ids=set(), owner_ids=[group.pk])
    assert not access.may_edit_item(removed=True, workstream_ids=set(), owner_ids=[group.pk])
    assert not access.may_edit_item(removed=False, workstream_ids={workstream.pk}, owner_ids=[])
    assert not access.may_restructure_item(removed=False, workstream_ids=set(), owner_ids=[group.pk])
