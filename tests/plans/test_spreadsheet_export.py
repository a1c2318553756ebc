"""Exporting a plan as the template: safe to open in Excel; importing it back changes nothing."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from areas.models import Person, WorkstreamLead
from history.models import Change
from plans import snapshots
from plans.models import Finding, Item, Plan
from plans.spreadsheet import export_file_name, export_plan, plan_import, preview_import, read_plan_file
from tests.areas.factories import OrganisationFactory, PersonFactory, WorkstreamFactory
from tests.plans.factories import ItemFactory

FORMULA_TEXT = '=HYPERLINK("http://example.org","click me")'


@pytest.fixture
def full_plan(plan, tree, workstream, other_workstream, owner_person, lead_person):
    """The conftest plan with every field of every sheet filled in, as a web user would leave it."""
    plan.start_date, plan.end_date = date(2019, 4, 1), date(2021, 3, 31)
    plan.save()
    lead_person.organisation = OrganisationFactory(area=plan.area, name="Stockport LA")
    lead_person.email = "cl@example.org"
    lead_person.name = "Chris Lane"
    lead_person.save()
    gm = PersonFactory(area=plan.area, initials="GM", job_title="Head of Commissioning")
    WorkstreamLead.objects.create(workstream=other_workstream, person=gm)
    PersonFactory(area=plan.area, initials="XX", job_title="Not in this plan")
    progressing, done = plan.rag_scheme.statuses.order_by("position")[1:3]
    mine = tree["mine"]
    mine.due_date = date(2019, 7, 31)
    mine.partners = "+44 161 000 0000"
    mine.impact = "Families say:\n“we were listened to”"
    mine.evidence = "@survey results"
    mine.notes = "- check with the board"
    mine.status = progressing
    mine.save()
    mine.ownerships.create(person=lead_person, position=1)
    mine.see_also.add(tree["theirs"])
    theirs = tree["theirs"]
    theirs.text = FORMULA_TEXT
    theirs.due_text = "Autumn Term 2018"
    theirs.status = done
    theirs.save()
    for position, (number, quotation, page) in enumerate(
        [("1", "Leaders have not planned jointly.", "3"), ("2", "Commissioning is weak.", "")]
    ):
        finding = Finding.objects.create(
            plan=plan, number=number, position=position, quotation=quotation, page=page
        )
        finding.answers.create(item=tree["top"], position=0)
    tree["mine"].finding_answers.create(finding=finding, position=1)
    ItemFactory(plan=plan, number="1.10", text="Ten, not one", senior_owner="")
    ItemFactory(plan=plan, number="2", text="Removed", removed_at=timezone.now())
    return plan


def workbook_of(plan):
    return load_workbook(io.BytesIO(export_plan(plan, "xlsx")))


def csv_files_of(plan) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(export_plan(plan, "zip"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def item_snapshots(plan) -> dict[str, dict[str, str]]:
    items = plan.items.current().prefetch_related("workstreams", "ownerships__person", "see_also")
    return {item.number: snapshots.item_snapshot(item) for item in items.select_related("status")}


def test_the_workbook_has_the_sheets_in_order_with_bold_frozen_headings(full_plan):
    workbook = workbook_of(full_plan)
    assert workbook.sheetnames == [
        "Plan",
        "People",
        "Workstreams",
        "RAG scheme",
        "Items",
        "Findings",
        "Plan text",
        "Fields",
        "Groups",
    ]
    items = workbook["Items"]
    assert [c.value for c in items[1]][:4] == ["Number", "Text", "Due date", "Due as written"]
    assert all(cell.font.bold for cell in items[1])
    assert items.freeze_panes == "A2"
    assert items.column_dimensions["B"].width == 70


def test_numbers_are_written_as_text_so_that_1_10_stays_1_10(full_plan):
    items = workbook_of(full_plan)["Items"]
    numbers = {row[0].value: row[0] for row in items.iter_rows(min_row=2)}
    assert "1.10" in numbers and "1.1" in numbers
    assert numbers["1.10"].data_type == "s" and numbers["1.10"].number_format == "@"


def test_dates_are_excel_dates_shown_as_day_month_year(full_plan):
    items = workbook_of(full_plan)["Items"]
    due = next(row[2] for row in items.iter_rows(min_row=2) if row[0].value == "1.1.1.1")
    assert due.value.date() == date(2019, 7, 31)
    assert due.number_format == "DD/MM/YYYY"


def test_formula_like_text_is_a_text_cell_in_the_workbook(full_plan):
    items = workbook_of(full_plan)["Items"]
    cell = next(row[1] for row in items.iter_rows(min_row=2) if row[0].value == "1.1.1.2")
    assert cell.value == FORMULA_TEXT
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_formula_like_text_starts_with_an_apostrophe_in_the_csv_files(full_plan):
    items = rows_of(csv_files_of(full_plan)["items.csv"])
    by_number = {row[0]: row for row in items[1:]}
    assert by_number["1.1.1.2"][1] == "'" + FORMULA_TEXT
    assert by_number["1.1.1.1"][6] == "'+44 161 000 0000"
    assert by_number["1.1.1.1"][9] == "'@survey results"
    assert by_number["1.1.1.1"][12] == "'- check with the board"


def test_the_csv_files_are_utf8_with_a_byte_order_mark_and_crlf(full_plan):
    files = csv_files_of(full_plan)
    assert sorted(files) == sorted(
        [
            "plan.csv",
            "people.csv",
            "workstreams.csv",
            "rag_scheme.csv",
            "items.csv",
            "findings.csv",
            "plan_text.csv",
            "fields.csv",
            "groups.csv",
        ]
    )
    items = files["items.csv"]
    assert items.startswith(b"\xef\xbb\xbfNumber,Text,Due date")
    assert items.count(b"\r\n") >= 7
    assert "“we were listened to”".encode() in items


def test_only_the_people_and_workstreams_the_plan_uses_are_exported(full_plan):
    people = [row[0] for row in rows_of(csv_files_of(full_plan)["people.csv"])[1:]]
    assert people == ["CL", "GM", "SM"]  # owners, and GM as the lead of a workstream the plan uses
    assert Person.objects.filter(initials="XX").exists()


def test_removed_items_are_not_exported(full_plan):
    numbers = [row[0] for row in rows_of(csv_files_of(full_plan)["items.csv"])[1:]]
    assert "2" not in numbers
    assert numbers == ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.2", "1.10"]


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_exporting_and_importing_a_plan_with_every_field_changes_nothing(full_plan, fmt):
    before_changes = Change.objects.count()
    before = item_snapshots(full_plan)
    versions = dict(Item.objects.values_list("pk", "version"))
    plan_file = read_plan_file(export_plan(full_plan, fmt), name=f"plan.{fmt}")

    preview = preview_import(area=full_plan.area, plan_file=plan_file)
    assert preview.is_valid, preview.problems
    assert not preview.has_changes, [e for s in preview.sections for e in s.changed]

    plan_import(area=full_plan.area, plan_file=plan_file)
    assert Change.objects.count() == before_changes
    assert item_snapshots(full_plan) == before
    assert dict(Item.objects.values_list("pk", "version")) == versions


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_an_exported_plan_imports_whole_into_another_area(full_plan, other_area, fmt):
    plan_file = read_plan_file(export_plan(full_plan, fmt), name=f"plan.{fmt}")

    plan_import(area=other_area, plan_file=plan_file)

    copy = Plan.objects.get(area=other_area)
    assert item_snapshots(copy) == item_snapshots(full_plan)
    assert (copy.start_date, copy.level_names) == (full_plan.start_date, full_plan.level_names)
    findings = Finding.objects.filter(plan=copy).order_by("position")
    assert list(findings.values_list("number", "quotation", "page")) == [
        ("1", "Leaders have not planned jointly.", "3"),
        ("2", "Commissioning is weak.", ""),
    ]
    assert [[i.number for i in f.items.order_by("finding_answers__position")] for f in findings] == [
        ["1"],
        ["1", "1.1.1.1"],
    ]
    lead = Person.objects.get(area=other_area, initials="CL")
    assert (lead.name, lead.email, lead.organisation.name) == ("Chris Lane", "cl@example.org", "Stockport LA")


def test_a_plan_edited_after_export_is_updated_by_the_exported_file(full_plan):
    exported = export_plan(full_plan, "xlsx")
    mine = full_plan.items.get(number="1.1.1.1")
    mine.text = "Edited on the web after the export"
    mine.save()
    WorkstreamFactory(area=full_plan.area, code="NEW")

    preview = preview_import(area=full_plan.area, plan_file=read_plan_file(exported, name="plan.xlsx"))

    assert [(e.key, [c.label for c in e.changes]) for e in preview.items.changed] == [("1.1.1.1", ["Text"])]


def test_the_download_is_named_after_the_plans_reference(full_plan):
    assert export_file_name(full_plan, "xlsx") == "wsoa-2019.xlsx"
    with pytest.raises(ValueError, match="Choose the format"):
        export_plan(full_plan, "pdf")
