"""Owners as plans write them: a board, team or role on the Groups sheet with its members, a person known
by other names on the People sheet's Aliases, and a workstream with several leads; all through export and
import unchanged."""

import io
import zipfile

import pytest

from areas.models import Person, Workstream
from plans.models import Item, Plan
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.areas.factories import GroupFactory, PersonFactory
from tests.plans.spreadsheet_files import HEADINGS, set_cell, valid_sheets, xlsx_bytes

pytestmark = pytest.mark.django_db

BOARD = "SEND Improvement Board"


def with_groups(*rows: list[str]) -> dict:
    sheets = valid_sheets()
    sheets["Groups"] = [HEADINGS["Groups"], *rows]
    return sheets


def with_aliases(sheets: dict, aliases: dict[str, str]) -> dict:
    """The People sheet with an Aliases column: `aliases` by initials."""
    people = sheets["People"]
    people[0] = [*people[0], "Aliases"]
    for row in people[1:]:
        row.append(aliases.get(row[0], ""))
    return sheets


def preview_of(area, sheets):
    return preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))


def imported(area, sheets):
    preview = plan_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx"))
    return preview


def owners_of(number: str) -> list[str]:
    item = Item.objects.current().get(number=number)
    return [o.person.initials for o in item.ownerships.all()]


def test_the_groups_sheet_adds_boards_with_their_members_and_short_names_made_from_capitals(area):
    sheets = with_groups(
        [BOARD, "", "CL / SM", "Meets monthly"],
        ["E&S Commissioning Team", "ESCT", "GM", ""],
        ["CCG officer", "", "", ""],
    )
    preview = imported(area, sheets)

    groups = {g.name: g for g in Person.objects.filter(area=area, kind=Person.Kind.GROUP)}
    assert {name: g.initials for name, g in groups.items()} == {
        BOARD: "SIB",
        "E&S Commissioning Team": "ESCT",
        "CCG officer": "CO",
    }
    assert sorted(m.initials for m in groups[BOARD].members.all()) == ["CL", "SM"]
    assert groups[BOARD].notes == "Meets monthly"
    assert [e.key for e in preview.groups.added] == ["SIB", "ESCT", "CO"]
    assert not Person.objects.filter(area=area, kind=Person.Kind.PERSON, initials="SIB").exists()


def test_an_owners_cell_names_a_group_by_its_name_or_its_short_name(area):
    sheets = with_groups([BOARD, "SIB", "CL", ""], ["E&S Commissioning Team", "", "", ""])
    set_cell(sheets, "Items", 4, "Owners", BOARD)
    set_cell(sheets, "Items", 5, "Owners", "SIB, CL")
    set_cell(sheets, "Items", 6, "Owners", "E&S Commissioning Team")
    preview = imported(area, sheets)

    assert owners_of("1.1.1") == ["SIB"]
    assert owners_of("1.1.1.1") == ["SIB", "CL"]
    assert owners_of("1.1.1.2") == ["ESCT"]  # one name with an & in it, not "E" and "S Commissioning Team"
    assert 'Items, row 4, Owners: Owner "SEND Improvement Board" read as SIB' in [
        str(n) for n in preview.notes
    ]


def test_a_group_the_area_has_is_matched_by_name_and_its_members_may_not_be_groups(area):
    GroupFactory(area=area, name=BOARD, initials="BOARD")
    sheets = with_groups([BOARD, "", "CL", ""], ["Task group", "TG", "BOARD", ""])
    preview = preview_of(area, sheets)

    assert [str(p) for p in preview.problems] == [
        'Groups, row 3, Members: "SEND Improvement Board" is a group. '
        "A group's members are people: name them instead"
    ]
    assert [(e.key, [c.label for c in e.changes]) for e in preview.groups.changed] == [("BOARD", ["Members"])]


def test_a_groups_short_name_that_is_a_persons_initials_is_refused(area):
    preview = preview_of(area, with_groups(["Senior managers", "SM", "", ""]))
    assert [str(p) for p in preview.problems] == [
        'Groups, row 2, Short name: "SM" is also the initials of SM (People, row 3). '
        "Give the group another short name"
    ]


def test_an_owner_written_by_an_alias_is_that_person(area):
    sheets = with_aliases(valid_sheets(), {"CL": "SEND GM; PeRi"})
    set_cell(sheets, "Items", 4, "Owners", "SEND GM")
    set_cell(sheets, "Items", 5, "Owners", "peri / SM")
    preview = imported(area, sheets)

    assert owners_of("1.1.1") == ["CL"]
    assert owners_of("1.1.1.1") == ["CL", "SM"]
    assert Person.objects.get(area=area, initials="CL").aliases == "SEND GM; PeRi"
    assert 'Items, row 4, Owners: Owner "SEND GM" read as CL' in [str(n) for n in preview.notes]


def test_an_alias_that_is_someone_elses_initials_or_alias_is_a_problem_naming_them(area):
    PersonFactory(area=area, initials="PR", aliases="Perry")
    sheets = with_aliases(valid_sheets(), {"CL": "SEND GM; Perry", "SM": "send gm", "GM": "cl"})
    problems = [str(p) for p in preview_of(area, sheets).problems]

    assert problems == [
        'People, row 2, Aliases: "Perry" is also an alias of PR among the area\'s people. '
        "Give each name to one person only",
        'People, row 3, Aliases: "send gm" is also an alias of CL (row 2). Give each name to one person only',
        'People, row 4, Aliases: "cl" is also the initials of CL (row 2). Give each name to one person only',
    ]


def test_a_workstream_may_have_several_leads_under_a_lead_or_leads_heading(area):
    sheets = valid_sheets()
    set_cell(sheets, "Workstreams", 2, "Lead", "GM / CL and SM")
    imported(area, sheets)
    assert [p.initials for p in Workstream.objects.get(code="JC").ordered_leads()] == ["GM", "CL", "SM"]

    sheets["Workstreams"][0][2] = "Leads"
    set_cell(sheets, "Workstreams", 2, "Leads", "SM; GM")
    preview = imported(area, sheets)
    (changed,) = preview.workstreams.changed
    assert [(c.label, c.old, c.new) for c in changed.changes] == [("Lead", "GM, CL, SM", "SM, GM")]
    assert [p.initials for p in Workstream.objects.get(code="JC").ordered_leads()] == ["SM", "GM"]
    assert not preview.unused


def test_the_preview_shows_new_groups_and_changed_aliases_and_leads(area):
    imported(area, valid_sheets())
    sheets = with_aliases(with_groups([BOARD, "SIB", "CL", ""]), {"CL": "SEND GM"})
    set_cell(sheets, "Workstreams", 3, "Lead", "CL, SIB")
    preview = preview_of(area, sheets)

    assert [(e.subject, e.summary) for e in preview.groups.added] == [(f"Group {BOARD}", BOARD)]
    (person,) = preview.people.changed
    assert [(c.label, c.old, c.new) for c in person.changes] == [("Aliases", "", "SEND GM")]
    (workstream,) = preview.workstreams.changed
    assert [(c.label, c.old, c.new) for c in workstream.changes] == [("Lead", "CL", "CL, SIB")]
    assert "Groups" in [section.title for section in preview.sections]


def test_groups_aliases_and_several_leads_round_trip_through_an_export_into_another_area(area, other_area):
    sheets = with_aliases(with_groups([BOARD, "", "CL, SM", "Chaired by the DCS"]), {"CL": "SEND GM; PeRi"})
    set_cell(sheets, "Items", 4, "Owners", BOARD)
    set_cell(sheets, "Workstreams", 2, "Lead", "GM, SIB")
    imported(area, sheets)
    plan = Plan.objects.get(area=area)

    for fmt in ("xlsx", "zip"):
        data = export_plan(plan, fmt)
        again = plan_import(area=area, plan_file=read_plan_file(data, name=f"plan.{fmt}"))
        assert not again.has_changes, fmt

    data = export_plan(plan, "zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        people = archive.read("people.csv").decode("utf-8-sig")
        groups = archive.read("groups.csv").decode("utf-8-sig")
    assert "SIB" not in people and "SEND GM; PeRi" in people  # the People sheet lists people only
    assert f'{BOARD},SIB,"CL, SM",Chaired by the DCS' in groups

    plan_import(area=other_area, plan_file=read_plan_file(data, name="plan.zip"))
    board = Person.objects.get(area=other_area, initials="SIB")
    assert (board.kind, board.name) == (Person.Kind.GROUP, BOARD)
    assert sorted(m.initials for m in board.members.all()) == ["CL", "SM"]
    leads = Workstream.objects.get(area=other_area, code="JC").ordered_leads()
    assert [p.initials for p in leads] == ["GM", "SIB"]
    assert Person.objects.get(area=other_area, initials="CL").aliases == "SEND GM; PeRi"


def test_a_people_row_with_a_groups_short_name_is_refused_rather_than_made_a_person(area):
    GroupFactory(area=area, name=BOARD, initials="CL")
    (problem,) = preview_of(area, valid_sheets()).problems
    assert (problem.sheet, problem.row, problem.column) == ("People", 2, "Initials")
    assert "is the short name of the group SEND Improvement Board" in problem.message


def test_a_group_name_holding_an_ampersand_is_one_owner_beside_others_in_a_cell(area):
    sheets = with_groups(["E&S Commissioning Team", "", "GM", ""])
    set_cell(sheets, "Items", 4, "Owners", "E&S Commissioning Team / CL & SM")
    set_cell(sheets, "Workstreams", 2, "Lead", "e&s commissioning team, GM")
    imported(area, sheets)

    assert owners_of("1.1.1") == ["ESCT", "CL", "SM"]
    assert [p.initials for p in Workstream.objects.get(code="JC").ordered_leads()] == ["ESCT", "GM"]
