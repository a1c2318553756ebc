"""Adding, editing, moving and removing items, with their history, through the pages people use."""

import pytest
from django.urls import reverse

from history.models import Change
from plans.models import Item
from tests.plans.factories import FindingFactory

pytestmark = pytest.mark.django_db


def edit_url(item):
    return reverse("plans:item-edit", kwargs={"area": item.plan.area.slug, "pk": item.pk})


def form_data(item, **changes):
    data = {
        "number": item.number,
        "text": item.text,
        "due_date": "",
        "due_text": "",
        "status": "",
        "owners": ", ".join(o.person.initials for o in item.ownerships.all()),
        "partners": "",
        "senior_owner": "",
        "impact": "",
        "evidence": "",
        "see_also": "",
        "notes": "",
        "version": item.version,
        "workstreams": [w.pk for w in item.workstreams.all()],
    }
    data.update(changes)
    return data


def test_a_workstream_lead_edits_an_item_of_their_workstream_and_the_history_shows_old_and_new(
    client, tree, workstream_lead
):
    item = tree["mine"]
    client.force_login(workstream_lead)
    response = client.post(edit_url(item), form_data(item, text="Board meets monthly", due_date="31/07/2019"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Board meets monthly"
    change = Change.objects.get(item=item, action=Change.Action.CHANGED)
    assert change.by == workstream_lead
    assert change.changes["Text"] == ["Board meets fortnightly", "Board meets monthly"]
    assert change.changes["Due date"] == ["", "31/07/2019"]
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Board meets fortnightly" in page and "Board meets monthly" in page


def test_an_impossible_due_date_is_refused_with_the_reason(client, tree, programme_manager):
    item = tree["mine"]
    client.force_login(programme_manager)
    response = client.post(edit_url(item), form_data(item, due_date="31/04/2019"))
    assert response.status_code == 200
    assert "April 2019 has 30 days" in response.content.decode()
    item.refresh_from_db()
    assert item.due_date is None


def test_unknown_owner_initials_are_refused_not_created(client, tree, programme_manager):
    item = tree["mine"]
    client.force_login(programme_manager)
    response = client.post(edit_url(item), form_data(item, owners="SM, ZZ"))
    assert "no one with the initials ZZ" in response.content.decode()
    assert not item.plan.area.people.filter(initials="ZZ").exists()


def test_an_owner_typed_by_another_name_is_the_person_it_names(client, tree, programme_manager):
    item = tree["mine"]
    person = item.plan.area.people.get(initials="SM")
    person.aliases = "SEND GM; PeRi"
    person.save()
    client.force_login(programme_manager)
    response = client.post(edit_url(item), form_data(item, owners="send gm, SM"))
    assert response.status_code == 302
    assert [o.person for o in item.ownerships.all()] == [person]


def test_the_second_of_two_simultaneous_edits_is_told_what_changed_and_nothing_is_lost(
    client, tree, programme_manager, workstream_lead
):
    item = tree["mine"]
    stale = form_data(item)
    client.force_login(workstream_lead)
    client.post(edit_url(item), form_data(item, text="Lead's wording"))
    client.force_login(programme_manager)
    response = client.post(edit_url(item), {**stale, "text": "Manager's wording"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this item while you were editing it" in page
    assert "Lead&#x27;s wording" in page and "Manager&#x27;s wording" in page
    item.refresh_from_db()
    assert item.text == "Lead's wording"
    assert f'name="version" value="{item.version}"' in page


def test_adding_a_milestone_under_a_key_action_numbers_it_next(client, tree, workstream_lead):
    action = tree["action"]
    client.force_login(workstream_lead)
    url = reverse("plans:item-create", kwargs={"area": "stockport", "plan_pk": action.plan_id})
    page = client.get(url, {"parent": action.pk}).content.decode()
    assert 'value="1.1.1.3"' in page
    response = client.post(
        url + f"?parent={action.pk}", {"number": "1.1.1.3", "text": "New milestone", "owners": "CL"}
    )
    assert response.status_code == 302
    added = Item.objects.get(plan=action.plan, number="1.1.1.3")
    assert added.parent == action and added.level == 4
    assert Change.objects.filter(item=added, action=Change.Action.ADDED).exists()


def test_a_number_that_does_not_sit_under_the_parent_is_refused(client, tree, programme_manager):
    action = tree["action"]
    client.force_login(programme_manager)
    url = (
        reverse("plans:item-create", kwargs={"area": "stockport", "plan_pk": action.plan_id})
        + f"?parent={action.pk}"
    )
    response = client.post(url, {"number": "2.1.1.1", "text": "Misplaced"})
    assert "must be 1.1.1 and one more part" in response.content.decode()


def test_moving_an_item_renumbers_it_and_its_branch_and_records_it(client, plan, tree, programme_manager):
    from tests.plans.factories import ItemFactory

    ItemFactory(plan=plan, number="1.1.2", text="Another key action")
    child = ItemFactory(plan=plan, number="1.1.2.1", text="Existing")
    action = tree["action"]
    target = plan.items.get(number="1.1.2")
    client.force_login(programme_manager)
    response = client.post(
        reverse("plans:item-move", kwargs={"area": "stockport", "pk": tree["mine"].pk}),
        {"new_parent": target.pk, "version": tree["mine"].version},
    )
    assert response.status_code == 302
    moved = Item.objects.get(pk=tree["mine"].pk)
    assert moved.number == "1.1.2.2" and moved.parent == target
    assert child.number == "1.1.2.1"
    assert list(action.children.current().values_list("number", flat=True)) == ["1.1.1.2"]
    assert Change.objects.get(item=moved, action=Change.Action.MOVED).changes == {
        "Number": ["1.1.1.1", "1.1.2.2"]
    }


def test_removing_an_item_asks_first_then_removes_its_branch_which_stays_in_the_history(
    client, tree, programme_manager
):
    action = tree["action"]
    url = reverse("plans:item-remove", kwargs={"area": "stockport", "pk": action.pk})
    client.force_login(programme_manager)
    page = client.get(url).content.decode()
    assert "Are you sure you want to remove 1.1.1?" in page
    assert "The 2 items under it will be removed too" in page
    client.post(url, {"version": action.version})
    assert not Item.objects.current().filter(number__startswith="1.1.1").exists()
    assert Item.objects.filter(number__startswith="1.1.1", removed_at__isnull=False).count() == 3
    history = client.get(reverse("plans:plan-history", kwargs={"area": "stockport", "pk": action.plan_id}))
    assert "Removed" in history.content.decode()
    removed_page = client.get(action.get_absolute_url()).content.decode()
    assert "This item was removed" in removed_page
    assert "/edit/" not in removed_page


def test_the_item_page_shows_children_owners_dates_references_and_findings(client, tree, viewer):
    top = tree["top"]
    FindingFactory(
        plan=top.plan, quotation="lack of an effective approach to jointly plan", page="3", items=[top]
    )
    tree["action"].see_also.add(tree["priority"])
    client.force_login(viewer)
    page = client.get(top.get_absolute_url()).content.decode()
    assert "lack of an effective approach to jointly plan" in page and "page 3" in page
    assert "1.1" in page and "Senior leaders own the change" in page
    action_page = client.get(tree["action"].get_absolute_url()).content.decode()
    assert "Board meets fortnightly" in action_page and "SM" in action_page
    assert f'href="/areas/stockport/items/{tree["priority"].pk}/"' in action_page
    assert ">Edit</a>" not in action_page, "a viewer is offered no edit button"


def test_only_the_programme_manager_sets_a_status_directly_others_go_through_the_challenge(
    client, contributor, tree, plan
):
    """A contributor editing their item cannot rate it: the posted status is ignored."""
    item = tree["mine"]
    best = plan.rag_scheme.statuses.order_by("-position").first()
    client.force_login(contributor)
    page = client.get(
        reverse("plans:item-edit", kwargs={"area": "stockport", "pk": item.pk})
    ).content.decode()
    assert "The status changes through the monthly update" in page
    client.post(
        reverse("plans:item-edit", kwargs={"area": "stockport", "pk": item.pk}),
        {"text": "Board meets monthly", "status": best.pk, "owners": "SM", "version": item.version},
    )
    item.refresh_from_db()
    assert item.text == "Board meets monthly", "the rest of the edit is saved"
    assert item.status_id is None
