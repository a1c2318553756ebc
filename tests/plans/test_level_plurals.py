"""Each level has a singular and a plural name: set in the Plan sheet or on the plan's settings, else
worked out correctly ("Activity" -> "Activities", never "Activitys")."""

import pytest
from django.urls import reverse

from history.models import Change
from plans import rules
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.plans.factories import ItemFactory
from tests.plans.spreadsheet_files import plan_value, valid_sheets, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Activity", "Activities"),
        ("Objective", "Objectives"),
        ("Outcome", "Outcomes"),
        ("Key line of enquiry", "Key lines of enquiry"),
        ("Work stream", "Work streams"),
        ("Area of weakness", "Areas of weakness"),
        ("Priority", "Priorities"),
        ("Success criterion", "Success criteria"),
    ],
)
def test_plural_works_out_the_names_real_plans_use(name, expected):
    assert rules.plural(name) == expected


def test_level_plurals_keep_one_per_named_level_and_drop_trailing_blanks():
    assert rules.level_plurals(["Work stream", "Activity"], ["", " Tasks  to do ", "Extra"]) == [
        "",
        "Tasks to do",
    ]
    assert rules.level_plurals(["Work stream", "Activity"], ["", ""]) == []


@pytest.mark.django_db
def test_a_plural_the_plan_sets_wins_over_the_worked_out_one(plan):
    plan.level_names = ["Workstream", "Outcome", "Objective", "Activity"]
    plan.level_plurals = ["", "", "", "Tasks"]
    assert plan.level_plural(4) == "Tasks" == plan.lowest_level_plural
    assert plan.level_plural(1) == "Workstreams"


def _sheets_with_plurals(**plurals):
    sheets = valid_sheets()
    for level, plural in plurals.items():
        plan_value(sheets, f"Level {level[-1]} plural", plural)
    return sheets


@pytest.mark.django_db
def test_the_plan_sheet_sets_plurals_which_export_and_import_back_unchanged(area, client, programme_manager):
    sheets = _sheets_with_plurals(level4="Milestones to meet", level1="")
    plan = plan_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="p.xlsx")).plan
    assert plan.level_plurals == ["", "", "", "Milestones to meet"]
    assert plan.lowest_level_plural == "Milestones to meet"
    client.force_login(programme_manager)
    page = client.get(
        reverse("plans:milestones", kwargs={"area": "stockport", "pk": plan.pk})
    ).content.decode()
    assert '<h1 class="govuk-heading-l">Milestones to meet</h1>' in page
    data = export_plan(plan, "xlsx")
    again = preview_import(area=area, plan_file=read_plan_file(data, name="again.xlsx"))
    assert not again.has_changes
    assert Change.objects.filter(plan=plan, changes__has_key="Level plurals").count() == 1


@pytest.mark.django_db
def test_a_file_without_plural_rows_keeps_the_plans_plurals(area):
    plan = plan_import(
        area=area,
        plan_file=read_plan_file(xlsx_bytes(_sheets_with_plurals(level2="Priorities now")), name="p.xlsx"),
    ).plan
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(valid_sheets()), name="old.xlsx"))
    assert not preview.has_changes
    plan.refresh_from_db()
    assert plan.level_plural(2) == "Priorities now"


@pytest.mark.django_db
def test_a_plural_changed_in_the_file_is_shown_in_the_preview(area):
    plan_import(area=area, plan_file=read_plan_file(xlsx_bytes(valid_sheets()), name="p.xlsx"))
    changed = _sheets_with_plurals(level2="Top priorities")
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(changed), name="p.xlsx"))
    assert [(c.label, c.old, c.new) for c in preview.plan_changes] == [
        ("Level plurals", "", "Priority: Top priorities")
    ]


@pytest.mark.django_db
def test_a_plural_for_a_level_with_no_name_is_refused_with_its_row():
    sheets = valid_sheets()
    sheets["Plan"] = [row for row in sheets["Plan"] if row[0] != "Level 4 name"]
    plan_value(sheets, "Level 4 plural", "Tasks")
    plan_file = read_plan_file(xlsx_bytes(sheets), name="p.xlsx")
    assert (
        'Plan, row 12, Value: There is no "Level 4 name". Enter the level\'s name, or leave its plural blank'
        in [str(p) for p in plan_file.problems]
    )


@pytest.mark.django_db
def test_the_plan_settings_form_sets_a_plural_and_records_it(client, plan, programme_manager):
    ItemFactory(plan=plan, number="1")
    url = reverse("plans:plan-edit", kwargs={"area": "stockport", "pk": plan.pk})
    client.force_login(programme_manager)
    page = client.get(url).content.decode()
    assert "Level 4 in the plural" in page
    data = {
        "reference": plan.reference,
        "title": plan.title,
        "kind": plan.kind,
        "status": plan.status,
        "rag_scheme": plan.rag_scheme_id,
        "reporting_cadence": 1,
        "level_1": "Workstream",
        "level_2": "Outcome",
        "level_3": "Objective",
        "level_4": "",
        "level_4_plural": "Tasks",
        "version": plan.version,
    }
    response = client.post(url, data)
    assert "Name level 4 before giving its plural, or leave it blank" in response.content.decode()
    data["level_4"] = "Activity"
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.level_plurals == ["", "", "", "Tasks"]
    assert Change.objects.get(plan=plan, changes__has_key="Level plurals").changes["Level plurals"] == [
        "",
        "Activity: Tasks",
    ]
    stale = {**data, "level_4_plural": "Jobs", "version": plan.version - 1}
    assert client.post(url, stale).status_code == 200, "an old version is refused"
    plan.refresh_from_db()
    assert plan.level_plurals == ["", "", "", "Tasks"]
