"""Imports take plans as areas write them: dates, months, terms and ranges; owners by initials, name or
job title; the same problem in many rows said once; the columns left out listed before anything is
written."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.models import Item
from plans.spreadsheet import plan_import, preview_import, read_plan_file
from plans.spreadsheet.cells import read_owners
from plans.spreadsheet.problems import Problem, grouped, row_ranges
from tests.areas.factories import PersonFactory
from tests.plans.spreadsheet_files import item, set_cell, valid_sheets, xlsx_bytes, zip_bytes

pytestmark = pytest.mark.django_db


def preview_of(area, sheets, fmt: str = "xlsx"):
    data = xlsx_bytes(sheets) if fmt == "xlsx" else zip_bytes(sheets)
    return preview_import(area=area, plan_file=read_plan_file(data, name=f"plan.{fmt}"))


def imported(area, sheets):
    plan_file = read_plan_file(xlsx_bytes(sheets), name="plan.xlsx")
    plan_import(area=area, plan_file=plan_file)
    return {i.number: i for i in Item.objects.current().filter(plan__area=area)}


# Dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["31/10/2017", "31/10/17", "31-Oct-17", "31 Oct 2017", "31 October 2017", "2017-10-31"]
)
def test_each_common_uk_date_is_imported_as_the_due_date(area, written):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", written)
    items = imported(area, sheets)
    assert items["1.1.1.1"].due_date == date(2017, 10, 31)
    assert items["1.1.1.1"].due_text == ""


@pytest.mark.parametrize(
    ("written", "due", "said"),
    [
        ("Sept 2018 - March 2019", date(2019, 3, 31), 'Due "Sept 2018 - March 2019" read as 31/03/2019'),
        ("Sept 2019", date(2019, 9, 30), 'Due "Sept 2019" read as 30/09/2019'),
        ("Autumn Term 2018", date(2018, 12, 31), 'Due "Autumn Term 2018" read as 31/12/2018'),
        (
            "Spring term 2019",
            None,
            'Due "Spring term 2019" kept with no due date, as its end is not certain',
        ),
    ],
)
def test_a_month_term_or_range_is_kept_as_written_due_at_its_end_and_the_preview_says_so(
    area, written, due, said
):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", written)
    preview = preview_of(area, sheets)
    assert preview.is_valid, preview.problems
    assert [str(group) for group in preview.note_groups] == [f"Items, row 5, Due date: {said}"]
    items = imported(area, sheets)
    assert (items["1.1.1.1"].due_date, items["1.1.1.1"].due_text) == (due, written)


def test_the_documents_own_wording_in_due_as_written_is_kept_over_the_due_date_cell(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Due date", "Dec 2018")
    items = imported(area, sheets)
    assert (items["1.1.1.2"].due_date, items["1.1.1.2"].due_text) == (date(2018, 12, 31), "Autumn Term 2018")


def test_an_impossible_date_is_still_refused_with_the_reason_and_the_nearest_real_date(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/04/19")
    problems = [str(p) for p in preview_of(area, sheets).problems]
    assert problems == [
        'Items, row 5, Due date: "31/04/19" is not a real date (April 2019 has 30 days). '
        'Enter a real date such as 30/04/2019 and put the wording from the document in "Due as written"'
    ]


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("31 Octbr 2017", "did you mean October?"),
        ("Spet 2019", "did you mean September?"),
        ("10/31/2017", "did you mean 31/10/2017?"),
    ],
)
def test_a_near_miss_of_a_date_is_reported_with_its_suggestion(area, written, suggestion):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", written)
    (problem,) = preview_of(area, sheets).problems
    assert (problem.row, problem.column) == (5, "Due date")
    assert suggestion in problem.message


# Owners ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["GM/CL", "GM; CL", "GM, CL", "GM & CL", "GM and CL", "gm / cl"])
def test_owners_may_be_separated_by_slash_semicolon_comma_ampersand_or_and(area, written):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", written)
    items = imported(area, sheets)
    owners = {o.person.initials for o in items["1.1.1.1"].ownerships.all()}
    assert owners == {"GM", "CL"}


def test_an_owner_written_by_full_name_or_job_title_is_matched_to_that_one_person(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", "Sam Moss / Head of Commissioning")
    preview = preview_of(area, sheets)
    assert preview.is_valid, preview.problems
    assert [str(g) for g in preview.note_groups] == [
        'Items, row 5, Owners: For example, in row 5: Owner "Sam Moss" read as SM'
    ]
    assert [d.message for d in preview.note_groups[0].details] == [
        'Owner "Sam Moss" read as SM',
        'Owner "Head of Commissioning" read as GM',
    ]
    items = imported(area, sheets)
    assert {o.person.initials for o in items["1.1.1.1"].ownerships.all()} == {"SM", "GM"}


def test_a_job_title_with_and_in_it_is_one_owner_not_two(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", "Strategic Lead SEN and Inclusion")
    items = imported(area, sheets)
    assert [o.person.initials for o in items["1.1.1.1"].ownerships.all()] == ["CL"]


def test_an_owner_known_only_in_the_area_is_matched_by_their_name_too(area):
    PersonFactory(area=area, initials="KD", name="Karen Davies", job_title="Designated Clinical Officer")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", "Designated Clinical Officer")
    items = imported(area, sheets)
    assert [o.person.initials for o in items["1.1.1.1"].ownerships.all()] == ["KD"]


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("Karen Davis", "did you mean KD (Karen Davies)?"),
        ("K Davies", "did you mean KD (Karen Davies)?"),
        ("Sam Mos", "did you mean SM (Sam Moss)?"),
    ],
)
def test_an_owner_who_matches_nobody_is_reported_with_the_nearest_person(area, written, suggestion):
    PersonFactory(area=area, initials="KD", name="Karen Davies", job_title="Designated Clinical Officer")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", written)
    (problem,) = preview_of(area, sheets).problems
    assert (problem.row, problem.column) == (5, "Owners")
    assert problem.message == (
        f'"{written}" is not in the People sheet or among the area\'s people: {suggestion} '
        "Use their initials, or add them to the People sheet"
    )


def test_a_name_two_people_share_is_refused_naming_both(area):
    PersonFactory(area=area, initials="AB", job_title="SENCO")
    PersonFactory(area=area, initials="CD", job_title="SENCO")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", "SENCO")
    (problem,) = preview_of(area, sheets).problems
    assert problem.message == '"SENCO" is the name or job title of 2 people (AB, CD). Use their initials'


# The same problem in many rows ------------------------------------------------------------------


def test_the_same_problem_in_many_rows_is_reported_once_with_the_list_of_rows(area):
    sheets = valid_sheets()
    sheets["Items"] += [item(f"2.1.1.{n}", f"Step {n}", due_date="soon") for n in range(2, 40)]
    set_cell(sheets, "Items", 5, "Due date", "soon")
    groups = preview_of(area, sheets).problem_groups
    assert len(groups) == 1
    (group,) = groups
    assert group.place == "Items, rows 5, 11-48, Due date"
    assert group.message.startswith('"soon" is not a date, a month, a term or a range of them')
    assert group.details == [], "the rows' own words are the same: said once"


def test_problems_that_quote_different_cells_are_one_group_listing_each_row(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", "ZZ")
    set_cell(sheets, "Items", 9, "Owners", "QQ")
    (group,) = preview_of(area, sheets).problem_groups
    assert group.place == "Items, rows 5, 9, Owners"
    assert group.message.startswith('For example, in row 5: "ZZ" is not in the People sheet')
    assert [(d.row, d.message[:4]) for d in group.details] == [(5, '"ZZ"'), (9, '"QQ"')]


def test_grouped_keeps_problems_without_a_row_apart():
    problems = [Problem("Items", None, "Text", "There is no column"), Problem("Items", None, "Text", "No")]
    assert len(grouped(problems)) == 2


@pytest.mark.parametrize(
    ("rows", "said"),
    [([3], "3"), ([3, 4], "3, 4"), ([3, 4, 5], "3-5"), ([47, 3, 4, 5, 45, 40, 6], "3-6, 40, 45, 47")],
)
def test_row_ranges(rows, said):
    assert row_ranges(rows) == said


@given(st.sets(st.integers(min_value=1, max_value=500), min_size=1))
def test_row_ranges_name_every_row_and_no_other(rows):
    named: set[int] = set()
    for part in row_ranges(list(rows)).split(", "):
        first, _, last = part.partition("-")
        named |= set(range(int(first), int(last or first) + 1))
    assert named == rows


# Columns the import leaves out --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_every_column_the_import_does_not_use_is_listed_with_its_filled_cells(area, fmt):
    sheets = valid_sheets()
    for number, row in enumerate(sheets["Items"]):
        filled = "Fewer complaints" if number < 4 else ""
        row.append("Success Criteria / Measures" if number == 0 else filled)
    sheets["Plan"].append(["Vision", "Every child thrives"])
    preview = preview_of(area, sheets, fmt)
    assert preview.is_valid
    assert [u.words for u in preview.unused] == [
        'Plan: the row "Vision" (filled)',
        'Items: "Success Criteria / Measures" (3 filled cells)',
    ]


def test_a_sheet_that_is_not_the_templates_is_listed_as_not_imported(area):
    sheets = valid_sheets()
    sheets["Action log"] = [["Date", "Action"], ["01/01/2019", "Met"], ["02/01/2019", "Met again"]]
    assert [u.words for u in preview_of(area, sheets).unused] == ['The sheet "Action log" (2 rows)']


def test_a_file_in_the_template_has_nothing_left_out(area):
    assert preview_of(area, valid_sheets()).unused == []


def test_a_workstream_lead_written_by_name_is_matched_and_one_nobody_has_is_suggested(area):
    sheets = valid_sheets()
    sheets["Workstreams"][1][2] = "Head of Commissioning"
    sheets["Workstreams"][2][2] = "Sam Mos"
    (problem,) = preview_of(area, sheets).problems
    assert (problem.sheet, problem.row, problem.column) == ("Workstreams", 3, "Lead")
    assert "did you mean SM (Sam Moss)?" in problem.message
    sheets["Workstreams"][2][2] = "Sam Moss"
    preview = preview_of(area, sheets)
    assert [str(n) for n in preview.notes] == [
        'Workstreams, row 2, Lead: Lead "Head of Commissioning" read as GM',
        'Workstreams, row 3, Lead: Lead "Sam Moss" read as SM',
    ]


def test_a_job_title_with_a_slash_in_it_is_one_owner_when_it_is_someones(area):
    PersonFactory(area=area, initials="HI", name="", job_title="Head of SEN/Inclusion")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Owners", "Head of SEN/Inclusion")
    items = imported(area, sheets)
    assert [o.person.initials for o in items["1.1.1.1"].ownerships.all()] == ["HI"]


@given(st.permutations(["GM", "CL", "SM"]), st.sampled_from(["/", ";", ",", "&", " / ", " & ", "\n"]))
def test_read_owners_splits_at_each_separator_keeping_the_order(order, separator):
    """("and" is split later, when matching, since job titles have it too.)"""
    assert read_owners(separator.join(order)) == list(order)
