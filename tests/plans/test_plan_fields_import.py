"""Plan fields in the template: the Fields sheet declares them, an Items column headed by a field's name
holds each item's value; export then import changes nothing, and recreates them in another area."""

import pytest

from areas.models import Organisation
from history.models import Change
from jobs.models import Job
from plans.models import Item, ItemFieldValue, Plan, PlanField
from plans.snapshots import item_snapshot
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.plans.fields_setup import fields_with_values
from tests.plans.spreadsheet_files import valid_sheets, xlsx_bytes, zip_bytes
from tests.plans.test_import_pages import confirm, previewed

pytestmark = pytest.mark.django_db


def snapshots_of(plan):
    items = Item.objects.current().filter(plan=plan).order_by("sort_key")
    return {item.number: item_snapshot(item) for item in items}


def with_fields(sheets, fields, columns):
    """`sheets` with a Fields sheet of `fields` rows, and Items columns: heading -> {number: cell}."""
    sheets["Fields"] = [["Name", "Level", "Type"], *fields]
    items = sheets["Items"]
    for heading, cells in columns.items():
        items[0].append(heading)
        for row in items[1:]:
            row.append(cells.get(row[0], ""))
    return sheets


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_fields_and_their_values_exported_and_imported_are_unchanged(plan, tree, owner_person, fmt):
    fields_with_values(plan, tree, owner_person)
    before = snapshots_of(plan)
    assert before["1.1.1.1"]["Partner organisations"] == "Pure Innovations; Stockport NHS Foundation Trust"
    assert before["1.1.1.1"]["Lead officer"] == "SM"
    changes = Change.objects.count()
    plan_file = read_plan_file(export_plan(plan, fmt), name=f"plan.{fmt}")

    preview = preview_import(area=plan.area, plan_file=plan_file)

    assert preview.is_valid, preview.problems
    assert not preview.has_changes
    assert preview.fields.unchanged == 3
    assert preview.unused == [], "a field's column is imported, so it is not listed as left out"
    plan_import(area=plan.area, plan_file=plan_file)
    assert Change.objects.count() == changes
    assert snapshots_of(plan) == before


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_a_plan_exported_and_imported_into_a_new_area_has_its_fields_and_values(
    plan, tree, owner_person, other_area, fmt
):
    fields_with_values(plan, tree, owner_person)
    plan_file = read_plan_file(export_plan(plan, fmt), name=f"plan.{fmt}")

    preview = preview_import(area=other_area, plan_file=plan_file)
    assert preview.is_valid, preview.problems
    assert [e.key for e in preview.fields.added] == [
        "Senior Officer Support",
        "Partner organisations",
        "Lead officer",
    ]
    assert sorted(e.key for e in preview.organisations.added) == [
        "Pure Innovations",
        "Stockport NHS Foundation Trust",
    ]
    plan_import(area=other_area, plan_file=plan_file)

    copy = Plan.objects.get(area=other_area)
    assert [(f.name, f.level, f.kind) for f in PlanField.objects.filter(plan=copy)] == [
        ("Senior Officer Support", None, "text"),
        ("Partner organisations", 4, "organisations"),
        ("Lead officer", 4, "person"),
    ]
    assert snapshots_of(copy) == snapshots_of(plan)
    assert set(Organisation.objects.filter(area=other_area).values_list("name", flat=True)) >= {
        "Pure Innovations",
        "Stockport NHS Foundation Trust",
    }


def test_a_changed_value_shows_in_the_preview_and_the_items_history(
    plan, tree, owner_person, programme_manager
):
    fields_with_values(plan, tree, owner_person)
    exported = read_plan_file(export_plan(plan, "xlsx"), name="plan.xlsx")
    row = next(r for r in exported.items if r.number == "1.1.1.1")
    row.extra["senior officer support"] = "Director of Education"
    row.extra["partner organisations"] = "Pure Innovations; Stockport Homes"

    preview = preview_import(area=plan.area, plan_file=exported)

    assert preview.is_valid, preview.problems
    (changed,) = preview.items.changed
    assert {c.label: (c.old, c.new) for c in changed.changes} == {
        "Senior Officer Support": ("Head of SEND\nand the CCG's lead", "Director of Education"),
        "Partner organisations": (
            "Pure Innovations; Stockport NHS Foundation Trust",
            "Pure Innovations; Stockport Homes",
        ),
    }
    assert [e.key for e in preview.organisations.added] == ["Stockport Homes"]
    plan_import(area=plan.area, plan_file=exported, by=programme_manager)
    change = Change.objects.filter(item=tree["mine"]).first()
    assert change.changes["Senior Officer Support"] == [
        "Head of SEND\nand the CCG's lead",
        "Director of Education",
    ]
    assert change.source == "Import of plan.xlsx"
    assert Organisation.objects.filter(area=plan.area, name="Stockport Homes").exists()


def test_a_person_the_area_does_not_know_is_a_problem_with_a_suggestion(area):
    sheets = with_fields(
        valid_sheets(),
        [["Lead officer", "Milestone", "Person"]],
        {"Lead officer": {"1.1.1.1": "Sam Mos", "2.1.1.1": "Sam Moss"}},
    )
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))

    messages = [str(p) for p in preview.problems]
    assert messages == [
        'Items, row 5, Lead officer: "Sam Mos" is not in the People sheet or among the area\'s people: '
        "did you mean SM (Sam Moss)? Use their initials, or add them to the People sheet"
    ]
    assert [str(n) for n in preview.notes if n.column == "Lead officer"] == [
        'Items, row 10, Lead officer: "Sam Moss" read as SM'
    ]


def test_a_value_for_an_item_the_field_does_not_apply_to_is_a_problem(area):
    sheets = with_fields(
        valid_sheets(),
        [["Partner organisations", "Milestone", "Organisations"]],
        {"Partner organisations": {"1.1": "Stockport NHS", "1.1.1.1": "Stockport NHS"}},
    )
    preview = preview_import(area=area, plan_file=read_plan_file(zip_bytes(sheets), name="plan.zip"))

    assert [str(p) for p in preview.problems] == [
        'Items, row 3, Partner organisations: "Partner organisations" is for each milestone only, and 1.1 is '
        "not one. Leave the cell blank, or change the field's level on the Fields sheet"
    ]


def test_new_organisations_are_listed_in_the_preview_and_added_by_the_import(area):
    Organisation.objects.create(area=area, name="Stockport NHS")
    sheets = with_fields(
        valid_sheets(),
        [["Partner organisations", "4", "Organisations"]],
        {
            "Partner organisations": {
                "1.1.1.1": "stockport nhs; Pure Innovations",
                "2.1.1.1": "Pure innovations",
            }
        },
    )
    plan_file = read_plan_file(xlsx_bytes(sheets), name="plan.xlsx")
    preview = preview_import(area=area, plan_file=plan_file)
    assert preview.is_valid, preview.problems
    assert [(e.key, e.summary) for e in preview.organisations.added] == [
        ("Pure Innovations", "New: added to the area")
    ]

    plan_import(area=area, plan_file=plan_file)
    value = ItemFieldValue.objects.get(item__number="1.1.1.1")
    assert sorted(o.name for o in value.organisations.all()) == ["Pure Innovations", "Stockport NHS"]
    assert Organisation.objects.filter(area=area, name__iexact="pure innovations").count() == 1


def test_a_column_for_no_field_is_still_listed_as_not_imported(area):
    sheets = with_fields(valid_sheets(), [], {"Success Criteria / Measures": {"1.1.1.1": "S6 - S10"}})
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))
    assert [u.words for u in preview.unused] == ['Items: "Success Criteria / Measures" (1 filled cell)']


def test_an_items_column_for_a_field_already_on_the_plan_is_imported_without_the_fields_sheet(
    plan, tree, owner_person
):
    fields_with_values(plan, tree, owner_person)
    plan_file = read_plan_file(export_plan(plan, "xlsx"), name="plan.xlsx")
    plan_file.fields = None  # as if the file had no Fields sheet
    next(r for r in plan_file.items if r.number == "1").extra["senior officer support"] = ""

    preview = preview_import(area=plan.area, plan_file=plan_file)
    assert preview.is_valid, preview.problems
    assert [(e.key, [(c.old, c.new) for c in e.changes]) for e in preview.items.changed] == [
        ("1", [("Director of Children's Services", "")])
    ]
    plan_import(area=plan.area, plan_file=plan_file)
    assert not ItemFieldValue.objects.filter(item=tree["top"]).exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["Partners", "", "Text"],
            '"Partners" is a template column. Give the field a name of its own, '
            'such as "Partner organisations"',
        ),
        (
            ["Support", "Team", "Text"],
            '"Team" is not a level of this plan. Use Area of weakness, Priority, Key action, Milestone, '
            "or leave it blank for every level",
        ),
        (["Support", "", "Number"], '"Number" is not a type of field. Use Text, Organisations or Person'),
    ],
)
def test_a_field_the_fields_sheet_cannot_declare_is_a_problem(area, row, message):
    sheets = with_fields(valid_sheets(), [row], {})
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))
    assert [p.message for p in preview.problems] == [message]


def test_a_field_moved_to_one_level_while_items_of_others_hold_values_is_a_problem(plan, tree, owner_person):
    fields_with_values(plan, tree, owner_person)
    plan_file = read_plan_file(export_plan(plan, "xlsx"), name="plan.xlsx")
    next(r for r in plan_file.fields if r.name == "Senior Officer Support").level = 4

    preview = preview_import(area=plan.area, plan_file=plan_file)

    assert [str(p) for p in preview.problems][1:] == [
        'Fields, row 2, Level: 1 item of other levels holds a value of "Senior Officer Support", so it '
        "cannot be for each milestone only. Clear those values first, or leave the level as it is"
    ]


def test_the_import_pages_preview_new_fields_and_organisations_and_import_them(
    client, area, programme_manager
):
    sheets = with_fields(
        valid_sheets(),
        [["Partner organisations", "Milestone", "Organisations"], ["Senior Officer Support", "", "Text"]],
        {
            "Partner organisations": {"1.1.1.1": "Pure Innovations; Stockport NHS"},
            "Senior Officer Support": {"1": "Director of Children's Services"},
        },
    )
    client.force_login(programme_manager)
    preview_url = previewed(client, xlsx_bytes(sheets))
    page = client.get(preview_url).content.decode()
    assert "Plan fields" in page and "Field Partner organisations" in page
    assert "Organisation Pure Innovations" in page and "Organisation Stockport NHS" in page
    assert "will not be imported" not in page
    job = confirm(client, preview_url)
    assert job.state == Job.State.DONE, job.message
    plan = Plan.objects.get(area=area)
    value = ItemFieldValue.objects.get(item__plan=plan, field__name="Partner organisations")
    assert sorted(o.name for o in value.organisations.all()) == ["Pure Innovations", "Stockport NHS"]
    assert ItemFieldValue.objects.get(item__number="1", field__name="Senior Officer Support").text == (
        "Director of Children's Services"
    )
