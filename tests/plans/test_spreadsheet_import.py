"""Importing a plan from the template: all of it or nothing, every problem reported where it is."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from areas.models import Organisation, Person, Workstream
from history.models import Change
from plans.models import Finding, Item, Plan, RagScheme, RagStatus
from plans.spreadsheet import ImportRejected, plan_import, preview_import, read_plan_file
from plans.spreadsheet import apply as apply_module
from plans.spreadsheet.reading import cell_text
from tests.areas.factories import PersonFactory, WorkstreamFactory
from tests.plans.spreadsheet_files import (
    FILE_NAMES,
    csv_bytes,
    item,
    plan_value,
    set_cell,
    valid_sheets,
    xlsx_bytes,
    zip_bytes,
)


def file_bytes(sheets, fmt: str) -> bytes:
    return xlsx_bytes(sheets) if fmt == "xlsx" else zip_bytes(sheets)


def import_sheets(area, sheets, fmt: str = "xlsx", **kwargs):
    plan_file = read_plan_file(file_bytes(sheets, fmt), name=f"plan.{fmt}")
    return plan_import(area=area, plan_file=plan_file, **kwargs)


def problems_of(area, data: bytes, name: str = "plan.xlsx") -> list[str]:
    preview = preview_import(area=area, plan_file=read_plan_file(data, name=name))
    return [str(problem) for problem in preview.problems]


def counts() -> dict[str, int]:
    models = (Plan, Item, Person, Workstream, RagScheme, RagStatus, Finding, Change, Organisation)
    return {model.__name__: model.objects.count() for model in models}


def versions() -> dict:
    return {
        "items": dict(Item.objects.values_list("pk", "version")),
        "plans": dict(Plan.objects.values_list("pk", "version")),
        "people": dict(Person.objects.values_list("pk", "version")),
        "workstreams": dict(Workstream.objects.values_list("pk", "version")),
    }


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_a_valid_file_creates_the_plan_and_everything_in_it(area, fmt):
    import_sheets(area, valid_sheets(), fmt)

    plan = Plan.objects.get(area=area)
    assert plan.reference == "WSOA-2019"
    assert plan.kind == Plan.Kind.WSOA and plan.status == Plan.Status.LIVE
    assert (plan.start_date, plan.end_date) == (date(2019, 4, 1), date(2021, 3, 31))
    assert plan.level_names == ["Area of weakness", "Priority", "Key action", "Milestone"]
    assert [s.label for s in plan.rag_scheme.statuses.order_by("position")] == [
        "Not started",
        "Progressing",
        "Completed",
        "Completed and embedded",
    ]
    embedded = plan.rag_scheme.statuses.get(label="Completed and embedded")
    assert embedded.counts_as_done and embedded.needs_impact_evidence and embedded.colour == "#1d70b8"
    assert sorted(Person.objects.filter(area=area).values_list("initials", flat=True)) == ["CL", "GM", "SM"]
    assert Person.objects.get(initials="SM").organisation.name == "Stockport LA"
    assert [p.initials for p in Workstream.objects.get(code="JC").ordered_leads()] == ["GM"]

    milestone = plan.items.get(number="1.1.1.1")
    assert milestone.level == 4 and milestone.parent.number == "1.1.1"
    assert milestone.due_date == date(2019, 7, 31)
    assert [o.person.initials for o in milestone.ownerships.all()] == ["GM", "CL"]
    assert sorted(w.code for w in milestone.workstreams.all()) == ["JC", "S/E"]
    assert [i.number for i in milestone.see_also.all()] == ["2.1.1"]
    assert milestone.status.label == "Progressing"
    assert milestone.partners == "Health, Education" and milestone.notes == "Check the terms of reference"
    assert plan.items.get(number="1.1.1.2").due_text == "Autumn Term 2018"
    assert plan.items.count() == 9
    assert list(plan.items.get(number="1").findings.values_list("number", "label", "quotation", "page")) == [
        (
            "KC1",
            "Joint commissioning",
            "Leaders have not developed an effective approach to joint commissioning.",
            "3",
        )
    ]
    assert set(Change.objects.values_list("source", flat=True)) == {f"Import of plan.{fmt}"}
    assert Change.objects.filter(item=milestone, action=Change.Action.ADDED).count() == 1


def test_the_changes_of_an_import_are_recorded_as_made_by_the_user_given(area, programme_manager):
    import_sheets(area, valid_sheets(), by=programme_manager, source="Import of wsoa.xlsx")
    assert set(Change.objects.values_list("by", "source")) == {(programme_manager.pk, "Import of wsoa.xlsx")}


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_importing_the_same_file_again_changes_nothing(area, fmt):
    import_sheets(area, valid_sheets(), fmt)
    before, before_versions = counts(), versions()

    preview = import_sheets(area, valid_sheets(), fmt)

    assert not preview.has_changes
    assert preview.items.unchanged == 9 and preview.people.unchanged == 3
    assert counts() == before
    assert versions() == before_versions


def edited_sheets():
    """The valid plan with 1.1 reworded, 2.1 and its branch gone, 2.2 added and SM's job title changed."""
    sheets = valid_sheets()
    set_cell(sheets, "Items", 3, "Text", "Senior leaders own and drive the change")
    sheets["Items"] = [row for row in sheets["Items"] if not row[0].startswith("2.1")]
    sheets["Items"].append(item("2.2", "Social workers attend EHC panels", owners="SM"))
    set_cell(sheets, "People", 3, "Job title", "Head of SEN")
    set_cell(sheets, "Items", 5, "See also", "")
    return sheets


def test_an_edited_file_updates_items_in_place_adds_and_removes_without_duplicates(area):
    import_sheets(area, valid_sheets())
    plan = Plan.objects.get()
    priority = plan.items.get(number="1.1")
    gone = plan.items.get(number="2.1.1.1")
    sam = Person.objects.get(initials="SM")

    import_sheets(area, edited_sheets())

    priority.refresh_from_db()
    assert priority.text == "Senior leaders own and drive the change"
    assert priority.version == 2
    current = list(plan.items.current().values_list("number", flat=True))
    assert sorted(current) == sorted(["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.2", "2", "2.2"])
    assert len(current) == len(set(current))
    gone.refresh_from_db()
    assert gone.removed_at is not None
    assert Change.objects.filter(item=gone, action=Change.Action.REMOVED).exists()
    assert Change.objects.filter(item=gone, action=Change.Action.ADDED).exists()
    assert Person.objects.get(pk=sam.pk).job_title == "Head of SEN"
    assert Person.objects.count() == 3
    changed = Change.objects.get(item=priority, action=Change.Action.CHANGED)
    assert changed.changes == {
        "Text": ["Senior leaders own the change", "Senior leaders own and drive the change"]
    }


def test_the_preview_lists_what_will_be_added_changed_and_removed_and_writes_nothing(area):
    import_sheets(area, valid_sheets())
    before = counts()

    preview = preview_import(
        area=area, plan_file=read_plan_file(xlsx_bytes(edited_sheets()), name="plan.xlsx")
    )

    assert counts() == before
    assert preview.is_valid and not preview.is_new_plan
    assert [e.key for e in preview.items.added] == ["2.2"]
    assert [e.key for e in preview.items.removed] == ["2.1", "2.1.1", "2.1.1.1"]
    changed = {e.key: e for e in preview.items.changed}
    assert sorted(changed) == ["1.1", "1.1.1.1"]
    assert changed["1.1"].subject == "Priority 1.1"
    text = changed["1.1"].changes[0]
    assert (text.label, text.old, text.new) == (
        "Text",
        "Senior leaders own the change",
        "Senior leaders own and drive the change",
    )
    assert [(c.label, c.old, c.new) for c in changed["1.1.1.1"].changes] == [("See also", "2.1.1", "")]
    assert preview.items.unchanged == 4
    assert [(e.key, e.changes[0].label) for e in preview.people.changed] == [("SM", "Job title")]
    assert preview.people.unchanged == 2
    assert preview.counts == {"added": 1, "changed": 3, "removed": 3}


def test_a_new_file_is_previewed_as_a_new_plan(area):
    preview = preview_import(
        area=area, plan_file=read_plan_file(xlsx_bytes(valid_sheets()), name="plan.xlsx")
    )
    assert preview.is_new_plan and preview.plan is None
    assert ("Reference", "", "WSOA-2019") in [(c.label, c.old, c.new) for c in preview.plan_changes]
    assert len(preview.items.added) == 9 and len(preview.statuses.added) == 4
    assert Plan.objects.count() == 0


def test_an_impossible_date_is_rejected_with_its_row_and_nothing_is_written(area):
    import_sheets(area, valid_sheets())
    before = counts()
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/04/19")
    set_cell(sheets, "Items", 3, "Text", "A change that must not be saved")

    with pytest.raises(ImportRejected) as rejected:
        import_sheets(area, sheets)

    assert [str(p) for p in rejected.value.problems] == [
        'Items, row 5, Due date: "31/04/19" is not a real date (April 2019 has 30 days). '
        'Enter a real date such as 30/04/2019 and put the wording from the document in "Due as written"'
    ]
    assert counts() == before
    assert Item.objects.get(number="1.1").text == "Senior leaders own the change"


def _drop_column(sheets, sheet, column):
    index = sheets[sheet][0].index(column)
    sheets[sheet] = [row[:index] + row[index + 1 :] for row in sheets[sheet]]


BAD_INPUTS = {
    "unknown owner": (
        lambda s: set_cell(s, "Items", 5, "Owners", "GM, ZZ"),
        'Items, row 5, Owners: "ZZ" is not in the People sheet or among the area\'s people',
    ),
    "unknown workstream lead": (
        lambda s: set_cell(s, "Workstreams", 2, "Lead", "QQ"),
        'Workstreams, row 2, Lead: "QQ" is not in the People sheet',
    ),
    "unknown workstream code": (
        lambda s: set_cell(s, "Items", 4, "Workstream", "XX"),
        'Items, row 4, Workstream: "XX" is not in the Workstreams sheet or among the area\'s workstreams',
    ),
    "duplicate number": (
        lambda s: set_cell(s, "Items", 6, "Number", "1.1.1.1"),
        'Items, row 6, Number: "1.1.1.1" is also the number in row 5',
    ),
    "missing parent": (
        lambda s: set_cell(s, "Items", 6, "Number", "3.1"),
        "Items, row 6, Number: There is no item 3 to put 3.1 under",
    ),
    "number deeper than the levels": (
        lambda s: plan_value(s, "Level 4 name", ""),
        'Items, row 5, Number: "1.1.1.1" is at level 4, but the Plan sheet names 3 levels',
    ),
    "number of five parts": (
        lambda s: set_cell(s, "Items", 6, "Number", "1.1.1.1.1"),
        'Items, row 6, Number: "1.1.1.1.1" has 5 parts',
    ),
    "unknown status": (
        lambda s: set_cell(s, "Items", 5, "Status", "Done"),
        'Items, row 5, Status: "Done" is not a status of the RAG scheme "Stockport progress"',
    ),
    "see also not in the plan": (
        lambda s: set_cell(s, "Items", 5, "See also", "2.1.1, 9.9"),
        'Items, row 5, See also: "9.9" is not the number of an item in the Items sheet',
    ),
    "duplicate initials": (
        lambda s: s["People"].append(["cl", "", "Someone else", "", ""]),
        'People, row 5, Initials: "cl" is also the initials in row 2',
    ),
    "duplicate workstream code": (
        lambda s: s["Workstreams"].append(["jc", "Another", ""]),
        'Workstreams, row 4, Code: "jc" is also the code in row 2',
    ),
    "duplicate status label": (
        lambda s: s["RAG scheme"].append(["progressing", "#000000", "", "No", "No"]),
        'RAG scheme, row 6, Label: "progressing" is also the label in row 3',
    ),
    "bad colour": (
        lambda s: set_cell(s, "RAG scheme", 3, "Colour", "orange"),
        'RAG scheme, row 3, Colour: "orange" is not a colour. Enter a colour as # and six hex digits',
    ),
    "bad yes or no": (
        lambda s: set_cell(s, "RAG scheme", 4, "Counts as done", "Maybe"),
        'RAG scheme, row 4, Counts as done: "Maybe" is not Yes or No',
    ),
    "missing sheet": (
        lambda s: s.pop("Items"),
        'Items: The workbook has no sheet called "Items"',
    ),
    "missing column": (
        lambda s: _drop_column(s, "Items", "Text"),
        'Items, Text: There is no "Text" column. Add a column headed "Text"',
    ),
    "missing field": (
        lambda s: plan_value(s, "Title", ""),
        "Plan, row 3, Value: Enter the plan's title",
    ),
    "missing field row": (
        lambda s: s.__setitem__("Plan", [r for r in s["Plan"] if r[0] != "Reference"]),
        'Plan, Field: There is no "Reference" row',
    ),
    "blank item text": (
        lambda s: set_cell(s, "Items", 6, "Text", ""),
        "Items, row 6, Text: Enter the item's text",
    ),
    "unknown plan type": (
        lambda s: plan_value(s, "Type", "Action plan"),
        'Plan, row 4, Value: "Action plan" is not a type of plan. Enter Written statement of action',
    ),
    "unknown plan status": (
        lambda s: plan_value(s, "Status", "Finished"),
        'Plan, row 5, Value: "Finished" is not a plan status. Enter Draft, Live or Closed',
    ),
    "impossible start date": (
        lambda s: plan_value(s, "Start date", "31/06/2019"),
        'Plan, row 6, Value: "31/06/2019" is not a real date (June 2019 has 30 days). '
        "Enter a real date such as 30/06/2019",
    ),
    "end before start": (
        lambda s: plan_value(s, "End date", "01/01/2019"),
        "Plan, row 7, Value: The end date must be the same as or after the start date",
    ),
    "bad email": (
        lambda s: set_cell(s, "People", 3, "Email", "sam at example"),
        'People, row 3, Email: "sam at example" is not an email address',
    ),
    "finding answered by an item that is not in the plan": (
        lambda s: s["Findings"].append(["KC3", "", "A finding", "1.1, 7.9", ""]),
        'Findings, row 4, Items: There is no item "7.9" in this plan',
    ),
    "the same finding twice": (
        lambda s: s["Findings"].append(["kc2", "", "A finding", "1.1", ""]),
        'Findings, row 4, Number: "kc2" is also the number of the finding in row 3',
    ),
    "vague due date": (
        lambda s: set_cell(s, "Items", 6, "Due date", "When the board agrees"),
        'Items, row 6, Due date: "When the board agrees" is not a date, a month, a term or a range of them. '
        "Enter a date in the format 31/03/2027, "
        'or leave it blank and put the wording in "Due as written"',
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_each_bad_input_is_rejected_with_its_place_and_nothing_is_written(area, case, fmt):
    import_sheets(area, valid_sheets())
    before, before_versions = counts(), versions()
    sheets = valid_sheets()
    change, expected = BAD_INPUTS[case]
    change(sheets)
    if case != "missing field":  # and a good change, which must not be saved either
        plan_value(sheets, "Title", "A title that must not be saved")

    with pytest.raises(ImportRejected) as rejected:
        import_sheets(area, sheets, fmt)

    messages = [str(p) for p in rejected.value.problems]
    if fmt == "zip" and case == "missing sheet":
        expected = "Items: There is no file called items.csv"
    assert any(m.startswith(expected) for m in messages), messages
    assert counts() == before
    assert versions() == before_versions
    assert Plan.objects.get().title == "Written Statement of Action"


def test_every_problem_in_a_file_is_reported_not_just_the_first(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/06/19")
    set_cell(sheets, "Items", 6, "Owners", "ZZ")
    set_cell(sheets, "RAG scheme", 2, "Colour", "red")
    plan_value(sheets, "Type", "Plan")

    problems = problems_of(area, xlsx_bytes(sheets))

    assert [p.split(":")[0] for p in problems] == [
        "Plan, row 4, Value",
        "RAG scheme, row 2, Colour",
        "Items, row 5, Due date",
        "Items, row 6, Owners",
    ]
    assert Plan.objects.count() == 0


def test_owners_already_among_the_areas_people_need_not_be_in_the_people_sheet(area):
    PersonFactory(area=area, initials="DS")
    WorkstreamFactory(area=area, code="CP", name="Co-production")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Owners", "ds")
    set_cell(sheets, "Items", 6, "Workstream", "cp")

    import_sheets(area, sheets)

    milestone = Item.objects.get(number="1.1.1.2")
    assert [o.person.initials for o in milestone.ownerships.all()] == ["DS"]
    assert [w.code for w in milestone.workstreams.all()] == ["CP"]
    assert Person.objects.count() == 4


def test_people_of_another_area_are_not_owners_here(area, other_area):
    PersonFactory(area=other_area, initials="DS")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Owners", "DS")
    assert any('"DS" is not in the People sheet' in p for p in problems_of(area, xlsx_bytes(sheets)))


def test_removing_a_status_that_items_keep_is_a_problem(area):
    import_sheets(area, valid_sheets())
    sheets = valid_sheets()
    sheets["RAG scheme"] = [row for row in sheets["RAG scheme"] if row[0] != "Completed"]
    sheets["Items"] = [row for row in sheets["Items"] if row[0] != "2.1.1.1"]  # removed items keep theirs
    before = counts()

    with pytest.raises(ImportRejected) as rejected:
        import_sheets(area, sheets)

    assert [str(p) for p in rejected.value.problems] == [
        'RAG scheme, Label: "Completed" is not in this sheet, but 1 item has that status. '
        "Add it back, or change their status first"
    ]
    assert counts() == before


def test_a_status_no_item_keeps_is_removed_and_the_rest_reordered(area):
    import_sheets(area, valid_sheets())
    sheets = valid_sheets()
    sheets["RAG scheme"] = [sheets["RAG scheme"][0], *reversed(sheets["RAG scheme"][1:4])]  # no "embedded"

    preview = import_sheets(area, sheets)

    assert [e.key for e in preview.statuses.removed] == ["Completed and embedded"]
    statuses = RagStatus.objects.order_by("position")
    assert [(s.position, s.label) for s in statuses] == [
        (1, "Completed"),
        (2, "Progressing"),
        (3, "Not started"),
    ]


def test_a_new_plan_may_use_a_scheme_the_area_already_has_without_a_rag_scheme_sheet(area):
    import_sheets(area, valid_sheets())
    sheets = valid_sheets()
    sheets.pop("RAG scheme")
    plan_value(sheets, "Reference", "WSOA-2020")

    import_sheets(area, sheets)

    assert RagScheme.objects.count() == 1
    assert set(Plan.objects.values_list("rag_scheme__name", flat=True)) == {"Stockport progress"}


def test_a_scheme_the_area_does_not_have_needs_a_rag_scheme_sheet(area):
    sheets = valid_sheets()
    sheets.pop("RAG scheme")
    problems = problems_of(area, xlsx_bytes(sheets))
    assert (
        'Plan, row 12, Value: There is no RAG scheme called "Stockport progress" in this area.' in problems[0]
    )


def test_a_plans_scheme_cannot_change_while_its_items_are_rated_with_the_old_one(area):
    import_sheets(area, valid_sheets())
    sheets = valid_sheets()
    plan_value(sheets, "RAG scheme", "Another scheme")
    problems = problems_of(area, xlsx_bytes(sheets))
    assert problems == [
        'Plan, row 12, Value: 3 items are rated with the scheme "Stockport progress". '
        'Keep "Stockport progress", or clear their status before changing the scheme'
    ]


def test_a_column_left_out_leaves_that_field_as_it_is(area):
    import_sheets(area, valid_sheets())
    before = counts()
    sheets = valid_sheets()
    for column in ("Notes", "Owners", "Status", "See also"):
        _drop_column(sheets, "Items", column)
    _drop_column(sheets, "People", "Job title")

    preview = import_sheets(area, sheets)

    assert not preview.has_changes
    assert counts() == before
    milestone = Item.objects.get(number="1.1.1.1")
    assert milestone.notes == "Check the terms of reference" and milestone.status.label == "Progressing"


def test_a_blank_cell_clears_that_field(area):
    import_sheets(area, valid_sheets())
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Notes", "")
    set_cell(sheets, "Items", 5, "Owners", "")
    import_sheets(area, sheets)
    milestone = Item.objects.get(number="1.1.1.1")
    assert milestone.notes == "" and milestone.ownerships.count() == 0


def test_a_failure_part_way_through_writes_nothing(area, monkeypatch):
    made = []

    def failing_item_create(**kwargs):
        if len(made) == 3:
            raise ValidationError({"number": "The database said no"})
        made.append(kwargs["number"])
        return real_item_create(**kwargs)

    real_item_create = apply_module.item_create
    monkeypatch.setattr(apply_module, "item_create", failing_item_create)

    with pytest.raises(ImportRejected, match="nothing was imported") as rejected:
        import_sheets(area, valid_sheets())

    assert "The database said no" in str(rejected.value.problems[0])
    assert counts() == dict.fromkeys(counts(), 0)


def test_sheets_and_headings_are_found_by_name_in_any_order_and_case(area):
    sheets = valid_sheets()
    for name, rows in sheets.items():
        headings = rows[0]
        order = list(reversed(range(len(headings))))
        sheets[name] = [
            [f"  {headings[i].upper()} " if n == 0 else row[i] for i in order] for n, row in enumerate(rows)
        ]
    sheets["Items"][0].append("Something else")
    for row in sheets["Items"][1:]:
        row.append("ignored")
    sheets = {name.upper(): rows for name, rows in sheets.items()}

    import_sheets(area, sheets)

    assert Item.objects.get(number="1.1.1.1").owners.count() == 2


def test_csv_files_with_or_without_a_byte_order_mark_and_with_crlf_are_read(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 2, "Impact", "First line\r\nSecond line")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for n, (name, rows) in enumerate(sheets.items()):
            archive.writestr(f"stockport/{FILE_NAMES[name]}", csv_bytes(rows, bom=n % 2 == 0))
        archive.writestr("__MACOSX/._items.csv", b"\x00\x05")

    plan_import(area=area, plan_file=read_plan_file(stream.getvalue(), name="plan.zip"))

    assert Item.objects.get(number="1").impact == "First line\nSecond line"


def test_an_excel_number_cell_is_read_as_the_number_shown_and_a_date_cell_as_a_date(area):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in valid_sheets().items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    items = workbook["Items"]
    items["A2"] = 1
    items["A3"] = 1.1
    items["C5"] = date(2019, 7, 31)
    items["M5"] = "=1+1"
    stream = io.BytesIO()
    workbook.save(stream)

    plan_import(area=area, plan_file=read_plan_file(stream.getvalue(), name="plan.xlsx"))

    milestone = Item.objects.get(number="1.1.1.1")
    assert milestone.due_date == date(2019, 7, 31)
    assert milestone.notes == "=1+1"
    assert Item.objects.filter(number__in=["1", "1.1"]).count() == 2


def test_a_number_cell_formatted_with_two_decimals_keeps_its_trailing_zero():
    assert cell_text(1.1, "0.00") == "1.10"
    assert cell_text(1.1) == "1.1"
    assert cell_text(2.0) == "2"


def test_formula_like_text_is_stored_exactly_as_written(area):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Text", '=HYPERLINK("http://example.org")')
    set_cell(sheets, "Items", 5, "Partners", "+44 161 000 0000")
    set_cell(sheets, "Items", 5, "Notes", "- to be confirmed")
    set_cell(sheets, "Items", 5, "Impact", "@parents")

    import_sheets(area, sheets)

    milestone = Item.objects.get(number="1.1.1.1")
    assert milestone.text == '=HYPERLINK("http://example.org")'
    assert (milestone.partners, milestone.notes, milestone.impact) == (
        "+44 161 000 0000",
        "- to be confirmed",
        "@parents",
    )


def test_a_file_over_the_size_limit_is_rejected(area, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    problems = problems_of(area, xlsx_bytes(valid_sheets()))
    assert len(problems) == 1 and problems[0].startswith("The file is ")
    assert problems[0].endswith("Choose a file smaller than 1000 bytes")
    assert counts()["Plan"] == 0


def test_a_text_file_renamed_xlsx_is_rejected(area):
    assert problems_of(area, b"Number,Text\r\n1,Hello\r\n") == [
        '"plan.xlsx" is not really an Excel workbook: it may have been renamed. '
        "Choose an Excel workbook (.xlsx) or a zip file of CSV files (.zip)"
    ]


def test_a_corrupt_workbook_is_rejected(area):
    data = xlsx_bytes(valid_sheets())
    assert problems_of(area, data[:1000] + bytes(200) + data[1200:]) == [
        '"plan.xlsx" could not be read: it may be damaged. Save it again from Excel and upload it again'
    ]
    assert problems_of(area, data[: len(data) // 2]) == [
        "The file is not a real spreadsheet: it is damaged or is not a zip. "
        "Save it again from Excel and upload the new file"
    ]


def test_a_zip_that_is_not_a_workbook_is_rejected_as_xlsx(area):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert problems_of(area, stream.getvalue()) == [
        '"plan.xlsx" is not a real Excel workbook. Save it from Excel as an Excel workbook (.xlsx)'
    ]


@pytest.mark.parametrize(
    ("name", "member"), [("plan.xlsx", "xl/worksheets/sheet1.xml"), ("plan.zip", "items.csv")]
)
def test_a_zip_bomb_is_rejected_before_it_is_unpacked(area, name, member):
    """200 MB of zeros, packed to a few hundred KB."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open(member, "w", force_zip64=True) as bomb:
            for _ in range(200):
                bomb.write(bytes(1024 * 1024))
    assert problems_of(area, stream.getvalue(), name=name) == [
        "The file is not a real spreadsheet: it unpacks to more than 100 MB"
    ]
    assert counts()["Plan"] == 0


def _plan_of(size: int):
    sheets = valid_sheets()
    sheets["Items"] += [item(f"3.{n}", f"Priority {n}", owners="SM", workstream="JC") for n in range(1, size)]
    sheets["Items"].append(item("3", "A third area"))
    return sheets


def test_previewing_a_file_takes_the_same_number_of_queries_whatever_the_plans_size(area, other_area):
    queries = []
    for size, where in ((5, area), (60, other_area)):
        import_sheets(where, _plan_of(size))
        plan_file = read_plan_file(xlsx_bytes(_plan_of(size)), name="plan.xlsx")
        with CaptureQueriesContext(connection) as captured:
            preview = preview_import(area=where, plan_file=plan_file)
        assert not preview.has_changes
        queries.append(len(captured))
    assert queries[0] == queries[1]
