"""Plan fields the area defines, through the pages: the programme manager adds, edits and removes them;
items show and edit their values; the lowest-level list filters by them; the history keeps every change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from areas.models import Organisation
from history.models import Change
from plans import rules
from plans.models import ItemFieldValue, PlanField
from tests.plans.factories import ItemFactory
from tests.plans.fields_setup import fields_with_values
from tests.plans.test_items import edit_url, form_data

pytestmark = pytest.mark.django_db


def fields_url(plan, name="plans:plan-fields", **kwargs):
    if kwargs:
        return reverse(name, kwargs={"area": plan.area.slug, "plan_pk": plan.pk, **kwargs})
    return reverse(name, kwargs={"area": plan.area.slug, "pk": plan.pk})


def test_the_programme_manager_adds_a_field_from_the_plan_page_and_the_history_records_it(
    client, plan, programme_manager
):
    client.force_login(programme_manager)
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert fields_url(plan) in plan_page
    response = client.post(
        fields_url(plan, "plans:plan-field-create"),
        {"name": "  Senior   Officer Support ", "level": "", "kind": "text"},
    )
    assert response.status_code == 302
    plan_field = PlanField.objects.get(plan=plan)
    assert (plan_field.name, plan_field.level, plan_field.kind) == ("Senior Officer Support", None, "text")
    listed = client.get(fields_url(plan)).content.decode()
    assert "Senior Officer Support" in listed and "Every level" in listed
    change = Change.objects.get(plan=plan, subject="Plan WSOA-2019: field Senior Officer Support")
    assert change.changes == {
        "Name": ["", "Senior Officer Support"],
        "Applies to": ["", "Every level"],
        "Type": ["", "Text"],
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Partners",
            "is a template column. Give the field a name of its own, such as &quot;Partner organisations",
        ),
        ("senior officer SUPPORT", "This plan already has a field called"),
        ("", "Enter the field&#x27;s name"),
    ],
)
def test_a_field_name_that_is_a_column_or_another_fields_is_refused(
    client, plan, programme_manager, name, message
):
    PlanField.objects.create(plan=plan, name="Senior Officer Support")
    client.force_login(programme_manager)
    response = client.post(
        fields_url(plan, "plans:plan-field-create"), {"name": name, "level": "", "kind": "text"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PlanField.objects.filter(plan=plan).count() == 1


def test_an_edit_from_a_stale_page_is_told_what_the_other_person_saved(client, plan, programme_manager):
    plan_field = PlanField.objects.create(plan=plan, name="Support")
    url = fields_url(plan, "plans:plan-field-edit", pk=plan_field.pk)
    client.force_login(programme_manager)
    client.post(url, {"name": "Senior Officer Support", "level": "", "kind": "text", "version": 1})
    response = client.post(url, {"name": "Officer support", "level": "4", "kind": "text", "version": 1})
    page = response.content.decode()
    assert "Someone else changed this field while you were editing it" in page
    assert "Senior Officer Support" in page
    plan_field.refresh_from_db()
    assert (plan_field.name, plan_field.level, plan_field.version) == ("Senior Officer Support", None, 2)


def test_a_fields_type_cannot_change_once_items_hold_values_and_its_level_only_where_they_are(
    client, plan, tree, owner_person, programme_manager
):
    fields = fields_with_values(plan, tree, owner_person)
    support = fields["support"]
    url = fields_url(plan, "plans:plan-field-edit", pk=support.pk)
    client.force_login(programme_manager)
    form = client.get(url).content.decode()
    assert "Items hold values of this field, so its type cannot change" in form
    client.post(url, {"name": "Senior Officer Support", "level": "", "kind": "person", "version": 1})
    support.refresh_from_db()
    assert support.kind == "text"
    response = client.post(
        url, {"name": "Senior Officer Support", "level": "4", "kind": "text", "version": 1}
    )
    assert "1 item of other levels holds a value of this field" in response.content.decode()
    support.refresh_from_db()
    assert support.level is None


def test_removing_a_field_says_how_many_items_hold_a_value_and_the_item_history_keeps_them(
    client, plan, tree, owner_person, programme_manager
):
    support = fields_with_values(plan, tree, owner_person)["support"]
    url = fields_url(plan, "plans:plan-field-remove", pk=support.pk)
    client.force_login(programme_manager)
    assert "2 items hold a value of this field" in client.get(url).content.decode()
    response = client.post(url, {"version": support.version})
    assert response.status_code == 302
    assert not PlanField.objects.filter(pk=support.pk).exists()
    assert not ItemFieldValue.objects.filter(field_id=support.pk).exists()
    lost = Change.objects.get(item=tree["top"])
    assert lost.changes == {"Senior Officer Support": ["Director of Children's Services", ""]}
    assert Change.objects.filter(
        plan=plan, action="removed", subject__endswith="field Senior Officer Support"
    )


def test_the_item_page_shows_the_fields_of_its_level_with_their_values(
    client, plan, tree, owner_person, viewer
):
    fields_with_values(plan, tree, owner_person)
    client.force_login(viewer)
    milestone = client.get(tree["mine"].get_absolute_url()).content.decode()
    assert "Senior Officer Support" in milestone and "Head of SEND\nand the CCG&#x27;s lead" in milestone
    assert "<li>Pure Innovations</li>" in milestone and "<li>Stockport NHS Foundation Trust</li>" in milestone
    assert "Lead officer" in milestone and ">SM</a>" in milestone
    priority = client.get(tree["priority"].get_absolute_url()).content.decode()
    assert "Senior Officer Support" in priority and "Not given" in priority
    assert "Partner organisations" not in priority, "the field is for milestones only"


def test_the_item_form_edits_each_kind_of_field_and_the_history_shows_old_and_new(
    client, plan, tree, owner_person, lead_person, workstream_lead
):
    fields = fields_with_values(plan, tree, owner_person)
    item = tree["mine"]
    homes = Organisation.objects.create(area=plan.area, name="Stockport Homes")
    client.force_login(workstream_lead)
    form = client.get(edit_url(item)).content.decode()
    assert "Partner organisations: other organisations" in form and 'type="checkbox"' in form
    response = client.post(
        edit_url(item),
        form_data(
            item,
            **{
                f"field_{fields['support'].pk}": "Director of Education",
                f"field_{fields['partners'].pk}": [homes.pk],
                f"field_{fields['partners'].pk}_other": "Pure Innovations; Signpost Carers",
                f"field_{fields['officer'].pk}": lead_person.pk,
            },
        ),
    )
    assert response.status_code == 302
    change = Change.objects.get(item=item, action="changed")
    assert change.changes == {
        "Senior Officer Support": ["Head of SEND\nand the CCG's lead", "Director of Education"],
        "Partner organisations": [
            "Pure Innovations; Stockport NHS Foundation Trust",
            "Pure Innovations; Signpost Carers; Stockport Homes",
        ],
        "Lead officer": ["SM", "CL"],
    }
    assert Organisation.objects.filter(area=plan.area, name="Signpost Carers").exists()
    history = client.get(item.get_absolute_url()).content.decode()
    assert "Director of Education" in history


def test_an_item_form_saved_from_a_stale_page_keeps_the_other_persons_field_value(
    client, plan, tree, owner_person, programme_manager, workstream_lead
):
    support = fields_with_values(plan, tree, owner_person)["support"]
    item = tree["mine"]
    stale = form_data(item)
    client.force_login(workstream_lead)
    client.post(edit_url(item), {**form_data(item), f"field_{support.pk}": "Lead's choice"})
    client.force_login(programme_manager)
    response = client.post(edit_url(item), {**stale, f"field_{support.pk}": "Manager's choice"})
    page = response.content.decode()
    assert "Someone else changed this item while you were editing it" in page
    assert "Lead&#x27;s choice" in page
    assert ItemFieldValue.objects.get(item=item, field=support).text == "Lead's choice"


def milestones_url(plan, **query):
    url = reverse("plans:milestones", kwargs={"area": plan.area.slug, "pk": plan.pk})
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _shown(client, url):
    return [n for n in ("1.1.1.1", "1.1.1.2") if f">{n}<" in client.get(url).content.decode()]


def test_the_lowest_level_list_filters_by_each_kind_of_field(client, plan, tree, owner_person, viewer):
    fields = fields_with_values(plan, tree, owner_person)
    client.force_login(viewer)
    page = client.get(milestones_url(plan)).content.decode()
    assert "Partner organisations" in page and "Lead officer" in page
    support, partners, officer = (fields[k].pk for k in ("support", "partners", "officer"))
    assert _shown(client, milestones_url(plan, **{f"field_{support}": "head+of+send"})) == ["1.1.1.1"]
    assert _shown(client, milestones_url(plan, **{f"field_{support}": "nobody"})) == []
    assert _shown(client, milestones_url(plan, **{f"field_{partners}": fields["nhs"].pk})) == ["1.1.1.1"]
    assert _shown(client, milestones_url(plan, **{f"field_{officer}": owner_person.pk})) == ["1.1.1.1"]
    assert _shown(client, milestones_url(plan)) == ["1.1.1.1", "1.1.1.2"]


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_filtered_list_makes_the_same_number_of_queries_for_many_more_items(
    client, plan, tree, owner_person, viewer
):
    fields = fields_with_values(plan, tree, owner_person)
    client.force_login(viewer)
    query = {f"field_{fields['partners'].pk}": fields["nhs"].pk, f"field_{fields['support'].pk}": "a"}
    few = _queries(client, milestones_url(plan, **query))
    partners = fields["partners"]
    for n in range(3, 40):
        milestone = ItemFactory(plan=plan, number=f"1.1.1.{n}", owners=[owner_person])
        value = ItemFieldValue.objects.create(item=milestone, field=partners)
        value.organisations.add(fields["nhs"])
        ItemFieldValue.objects.create(item=milestone, field=fields["support"], text="a lead")
    many = _queries(client, milestones_url(plan, **query))
    assert few == many


def test_field_rules():
    assert rules.field_name_problem("How do we know", ["How do we know"], []) == (
        '"How do we know" is a template column. Give the field a name of its own'
    )
    assert rules.field_name_problem("Lead officer", ["Number"], ["lead  Officer"]) == (
        'This plan already has a field called "Lead officer". Give each field its own name'
    )
    assert rules.field_name_problem("Partner organisations", ["Partners"], []) is None
    assert rules.organisation_names("A, B; a, b\n C ;;") == ["A, B", "C"]
    assert rules.field_applies(None, 1) and rules.field_applies(4, 4) and not rules.field_applies(4, 3)


def test_a_new_milestone_is_offered_the_fields_of_its_level_and_its_values_are_in_its_history(
    client, plan, tree, owner_person, lead_person, workstream_lead
):
    fields = fields_with_values(plan, tree, owner_person)
    action = tree["action"]
    client.force_login(workstream_lead)
    url = (
        reverse("plans:item-create", kwargs={"area": "stockport", "plan_pk": plan.pk})
        + f"?parent={action.pk}"
    )
    page = client.get(url).content.decode()
    assert "Lead officer" in page and "Partner organisations" in page
    top_form = client.get(reverse("plans:item-create", kwargs={"area": "stockport", "plan_pk": plan.pk}))
    assert "Lead officer" not in top_form.content.decode(), "a top-level item has no milestone fields"
    response = client.post(
        url,
        {"number": "1.1.1.3", "text": "New milestone", f"field_{fields['officer'].pk}": lead_person.pk},
    )
    assert response.status_code == 302
    added = Change.objects.get(item__number="1.1.1.3", action="added")
    assert added.changes["Lead officer"] == ["", "CL"]


def test_renaming_a_field_is_recorded_in_the_plans_history(client, plan, programme_manager):
    plan_field = PlanField.objects.create(plan=plan, name="Support")
    client.force_login(programme_manager)
    client.post(
        fields_url(plan, "plans:plan-field-edit", pk=plan_field.pk),
        {"name": "Senior Officer Support", "level": "2", "kind": "text", "version": 1},
    )
    change = Change.objects.get(plan=plan, action="changed")
    assert change.changes == {
        "Name": ["Support", "Senior Officer Support"],
        "Applies to": ["Every level", "Priority"],
    }
    history = client.get(reverse("plans:plan-history", kwargs={"area": "stockport", "pk": plan.pk}))
    assert "Senior Officer Support" in history.content.decode()
