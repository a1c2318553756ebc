"""Turning sheets of text into a PlanFile, collecting every problem rather than stopping at the first.

These checks need only the file. Checks against what the local area already holds
(owners, workstreams and statuses known there) are in `preview`.
"""

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import TextChoices

from areas.rules import split_aliases
from common.dates import Due, format_uk_date

from .. import rules
from ..models import Plan
from . import template as t
from .cells import (
    CellProblem,
    check_length,
    date_note,
    read_colour,
    read_date,
    read_due_date,
    read_list,
    read_owners,
    read_yes_no,
)
from .fields import extra_cells, extra_columns, parse_fields
from .findings import parse_findings
from .groups import parse_groups
from .planfile import ItemRow, PersonRow, PlanFile, PlanSettings, StatusRow, WorkstreamRow
from .plurals import read_plurals
from .problems import Problem
from .reading import RawRow, RawSheet, ReadResult, read_other_headings, read_sheets
from .texts import parse_texts
from .unused import unused_parts

KIND_ALIASES = {"wsoa": Plan.Kind.WSOA, "pap": Plan.Kind.PRIORITY_ACTION_PLAN}
KIND_LABELS = ", ".join(c.label for c in list(Plan.Kind)[:-1]) + f" or {Plan.Kind.OTHER.label}"
REQUIRED_MESSAGES = {
    "Reference": "Enter the plan's reference, a short code such as WSOA-2019",
    "Title": "Enter the plan's title",
    "Type": f"Enter the plan's type: {KIND_LABELS}",
    "Status": "Enter the plan's status: Draft, Live or Closed",
    "Level 1 name": "Enter what the plan calls its top level, such as Area of weakness",
    "Level 2 name": "Enter what the plan calls its second level, such as Priority",
    "RAG scheme": "Enter the name of the plan's RAG scheme, as the RAG scheme sheet lists it",
}


DUE_TEXT_LIMIT = 500  # Item.due_text's length

T = TypeVar("T")


class _Numbered(Protocol):
    @property
    def row(self) -> int: ...  # the row of the sheet it was read from


R = TypeVar("R", bound=_Numbered)


class _Sheet:
    """One sheet being read: finds its cells and records problems with their place."""

    def __init__(self, plan_file: PlanFile, sheet: t.Sheet, raw: RawSheet):
        self.plan_file, self.sheet, self.raw = plan_file, sheet, raw
        plan_file.columns[sheet.name] = {c for c in sheet.columns if raw.has(c)}

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.plan_file.problems.append(Problem(self.sheet.name, row, column, message))

    def text(self, row: RawRow, column: str, *, limit: int | None = None, required: str = "") -> str:
        value = row.get(column)
        if required and not value:
            self.problem(row.number, column, required)
        if limit is not None:
            try:
                check_length(value, limit)
            except CellProblem as problem:
                self.problem(row.number, column, str(problem))
        return value

    def read(self, row: RawRow, column: str, reader: Callable[..., T], default: T, **kwargs: str) -> T:
        try:
            return reader(row.get(column), **kwargs)
        except CellProblem as problem:
            self.problem(row.number, column, str(problem))
            return default

    def unique(self, rows: list[R], key: Callable[[R], str], column: str, what: str) -> None:
        seen: dict[str, int] = {}
        for row in rows:
            value = key(row)
            if not value:
                continue
            if value.lower() in seen:
                self.problem(
                    row.row,
                    column,
                    f'"{value}" is also the {what} in row {seen[value.lower()]}. Give each its own {what}',
                )
            else:
                seen[value.lower()] = row.row


def _find_sheet(read: ReadResult, plan_file: PlanFile, sheet: t.Sheet) -> _Sheet | None:
    raw = read.sheets.get(t.sheet_key(sheet.name))
    if raw is None:
        if sheet.required:
            where = (
                f"There is no file called {sheet.file_name}"
                if read.kind in {"zip", "folder"}
                else f'The workbook has no sheet called "{sheet.name}"'
            )
            plan_file.problems.append(
                Problem(sheet.name, None, None, f"{where}. Add it, as the template describes")
            )
        return None
    found = _Sheet(plan_file, sheet, raw)
    missing = [c for c in sheet.required_columns if not raw.has(c)]
    for column in missing:
        found.problem(None, column, f'There is no "{column}" column. Add a column headed "{column}"')
    return None if missing else found


def _choice(text: str, choices: type[TextChoices], aliases: Mapping[str, str] | None = None) -> str | None:
    value = " ".join(text.split()).lower()
    for choice in choices:
        if value in {choice.value, choice.label.lower()}:
            return choice.value
    return (aliases or {}).get(value)


def _parse_plan(sheet: _Sheet) -> PlanSettings:
    settings = PlanSettings()
    values: dict[str, tuple[RawRow, str]] = {}
    fields_by_key = {f.lower(): f for f in t.PLAN_FIELDS}
    for row in sheet.raw.rows:
        name = fields_by_key.get(" ".join(row.get("Field").split()).lower())
        if name is None:
            continue
        if name in values:
            sheet.problem(row.number, "Field", f'There are two "{name}" rows. Delete one')
            continue
        values[name] = (row, row.get("Value"))
        settings.rows[name] = row.number

    def value(name: str) -> str:
        return values.get(name, (None, ""))[1]

    def problem(name: str, message: str) -> None:
        sheet.problem(settings.row(name), "Value", message)

    for name in t.REQUIRED_PLAN_FIELDS:
        if name not in values:
            sheet.problem(
                None, "Field", f'There is no "{name}" row. Add a row with "{name}" in the Field column'
            )
        elif not value(name):
            problem(name, REQUIRED_MESSAGES[name])
    settings.reference = value("Reference")
    if len(settings.reference) > 40:
        problem("Reference", "The reference is longer than 40 characters. Use a short code such as WSOA-2019")
    settings.title = value("Title")
    if len(settings.title) > 250:
        problem("Title", "The title is longer than 250 characters. Shorten it")
    if value("Type"):
        settings.kind = _choice(value("Type"), Plan.Kind, KIND_ALIASES) or ""
        if not settings.kind:
            problem("Type", f'"{value("Type")}" is not a type of plan. Enter {KIND_LABELS}')
    if value("Status"):
        settings.status = _choice(value("Status"), Plan.Status) or ""
        if not settings.status:
            problem("Status", f'"{value("Status")}" is not a plan status. Enter Draft, Live or Closed')
    for name in ("Start date", "End date"):
        try:
            setattr(settings, name.lower().replace(" ", "_"), read_date(value(name)))
        except CellProblem as error:
            problem(name, str(error))
        else:
            read = getattr(settings, name.lower().replace(" ", "_"))
            _note_date(sheet, settings.row(name), "Value", name, value(name), read)
    if settings.start_date and settings.end_date and settings.end_date < settings.start_date:
        problem("End date", "The end date must be the same as or after the start date")
    names = [value(f"Level {n} name") for n in range(1, 5)]
    while names and not names[-1]:
        names.pop()
    for n, name in enumerate(names, start=1):
        if not name and n > 2:
            problem(f"Level {n} name", f"Enter a name for level {n}, or leave out the levels below it")
    settings.level_names = names
    settings.level_plurals = read_plurals(settings, value, sheet.problem)
    settings.rag_scheme = value("RAG scheme")
    if len(settings.rag_scheme) > 120:
        problem("RAG scheme", "The scheme's name is longer than 120 characters. Shorten it")
    return settings


def _parse_people(sheet: _Sheet) -> list[PersonRow]:
    people = []
    for row in sheet.raw.rows:
        person = PersonRow(
            row=row.number,
            initials=sheet.text(row, "Initials", limit=12, required="Enter the person's initials"),
            name=sheet.text(row, "Name", limit=150),
            job_title=sheet.text(row, "Job title", limit=200),
            organisation=sheet.text(row, "Organisation", limit=200),
            email=sheet.text(row, "Email", limit=254),
            aliases=split_aliases(sheet.text(row, "Aliases", limit=250)),
        )
        if person.email:
            try:
                validate_email(person.email)
            except ValidationError:
                sheet.problem(row.number, "Email", f'"{person.email}" is not an email address. Correct it')
        people.append(person)
    sheet.unique(people, lambda p: p.initials, "Initials", "initials")
    return people


def _parse_workstreams(sheet: _Sheet) -> list[WorkstreamRow]:
    workstreams = [
        WorkstreamRow(
            row=row.number,
            code=sheet.text(row, "Code", limit=20, required="Enter the workstream's code, such as JC"),
            name=sheet.text(row, "Name", limit=200, required="Enter the workstream's name"),
            lead=row.get("Lead"),
            leads=read_owners(row.get("Lead")),
        )
        for row in sheet.raw.rows
    ]
    sheet.unique(workstreams, lambda w: w.code, "Code", "code")
    return workstreams


def _parse_statuses(sheet: _Sheet) -> list[StatusRow]:
    statuses = [
        StatusRow(
            row=row.number,
            label=sheet.text(row, "Label", limit=80, required="Enter the status word, such as Progressing"),
            colour=sheet.read(row, "Colour", read_colour, ""),
            meaning=sheet.text(row, "Meaning"),
            counts_as_done=sheet.read(row, "Counts as done", read_yes_no, False),
            needs_impact_evidence=sheet.read(row, "Needs evidence of impact", read_yes_no, False),
        )
        for row in sheet.raw.rows
    ]
    if not statuses:
        sheet.problem(None, None, "There are no statuses. Add a row for each status, in the scheme's order")
    sheet.unique(statuses, lambda s: s.label, "Label", "label")
    return statuses


def _parse_items(sheet: _Sheet, depth: int) -> list[ItemRow]:
    items = []
    for row in sheet.raw.rows:
        item = ItemRow(
            row=row.number,
            number=row.get("Number"),
            text=sheet.text(row, "Text", required="Enter the item's text"),
            due_text=sheet.text(row, "Due as written", limit=DUE_TEXT_LIMIT),
            workstreams=read_list(row.get("Workstream")),
            owners=read_owners(row.get("Owners")),
            owners_written=row.get("Owners"),
            partners=sheet.text(row, "Partners"),
            senior_owner=sheet.text(row, "Senior owner", limit=250),
            impact=sheet.text(row, "Impact"),
            evidence=sheet.text(row, "How do we know"),
            see_also=read_list(row.get("See also")),
            status=sheet.text(row, "Status"),
            notes=sheet.text(row, "Notes"),
            measure_codes=", ".join(rules.measure_codes(sheet.text(row, "Measures", limit=500))),
            extra=extra_cells(row),
        )
        _read_due(sheet, row, item)
        try:
            level = rules.number_level(item.number)
        except rules.NumberProblem as problem:
            sheet.problem(row.number, "Number", str(problem))
            continue
        if level > depth:
            sheet.problem(
                row.number,
                "Number",
                f'"{item.number}" is at level {level}, but the Plan sheet names {depth} levels. '
                f'Add a "Level {level} name" to the Plan sheet, or correct the number',
            )
        items.append(item)
    sheet.unique(items, lambda i: i.number, "Number", "number")
    keys = rules.document_keys(i.number for i in items)
    for item in items:
        item.sort_key = keys[item.number]
    numbers = {i.number.lower() for i in items}
    exact = {i.number for i in items}
    for item in items:
        parent = item.parent_number
        if parent and parent not in exact:
            sheet.problem(
                item.row,
                "Number",
                f"There is no item {parent} to put {item.number} under. "
                f"Add item {parent}, or correct the number",
            )
        for other in item.see_also:
            if other.lower() not in numbers:
                sheet.problem(
                    item.row,
                    "See also",
                    f'"{other}" is not the number of an item in the Items sheet. Correct it, or delete it',
                )
    return items


def _read_due(sheet: _Sheet, row: RawRow, item: ItemRow) -> None:
    """The item's due date; a month, term or range is kept as written (in "Due as written" unless that
    already has the document's words), with the date at its end where certain, and the preview says so."""
    due = sheet.read(row, "Due date", read_due_date, Due(None), wording_column="Due as written")
    item.due_date = due.date
    if not due.as_written:
        _note_date(sheet, row.number, "Due date", "Due", row.get("Due date"), due.date)
        return
    item.due_in_words = True
    if not item.due_text and len(due.as_written) > DUE_TEXT_LIMIT:
        sheet.problem(
            row.number,
            "Due date",
            f'This is {len(due.as_written)} characters long, and "Due as written" keeps at most '
            f"{DUE_TEXT_LIMIT}. Shorten it",
        )
    item.due_text = item.due_text or due.as_written
    how = (
        f"read as {format_uk_date(due.date)}"
        if due.date
        else "kept with no due date, as its end is not certain"
    )
    sheet.plan_file.notes.append(
        Problem(sheet.sheet.name, row.number, "Due date", f'Due "{due.as_written}" {how}')
    )


def _note_date(sheet: _Sheet, row: int | None, column: str, what: str, text: str, value: date | None) -> None:
    if words := date_note(what, text, value):
        sheet.plan_file.notes.append(Problem(sheet.sheet.name, row, column, words))


def parse_sheets(read: ReadResult) -> PlanFile:
    """Check every sheet and row of a file that was read, and turn it into a PlanFile."""
    read_other_headings(read)
    plan_file = PlanFile(name=read.name, problems=list(read.problems), unused=unused_parts(read))
    if plan_file.problems and not read.sheets:
        return plan_file
    plan_sheet = _find_sheet(read, plan_file, t.PLAN)
    if plan_sheet:
        plan_file.settings = _parse_plan(plan_sheet)
    if sheet := _find_sheet(read, plan_file, t.PEOPLE):
        plan_file.people = _parse_people(sheet)
    if sheet := _find_sheet(read, plan_file, t.WORKSTREAMS):
        plan_file.workstreams = _parse_workstreams(sheet)
    if sheet := _find_sheet(read, plan_file, t.RAG_SCHEME):
        plan_file.statuses = _parse_statuses(sheet)
    if sheet := _find_sheet(read, plan_file, t.ITEMS):
        plan_file.items = _parse_items(sheet, len(plan_file.settings.level_names) or rules.MAX_LEVELS)
        plan_file.extra_columns = extra_columns(sheet.raw)
    if sheet := _find_sheet(read, plan_file, t.FINDINGS):
        plan_file.findings = parse_findings(sheet, plan_file.items)
    if sheet := _find_sheet(read, plan_file, t.PLAN_TEXT):
        plan_file.texts = parse_texts(sheet)
    if sheet := _find_sheet(read, plan_file, t.FIELDS):
        plan_file.fields = parse_fields(sheet, plan_file.settings.level_names)
    if sheet := _find_sheet(read, plan_file, t.GROUPS):
        plan_file.groups = parse_groups(sheet)
    return plan_file


def read_plan_file(source: bytes | BinaryIO | Path, *, name: str | None = None) -> PlanFile:
    """Read and check an uploaded plan (bytes or a file object, with its name) or a path.

    Never raises for a bad file: every problem found is in `PlanFile.problems`.
    """
    return parse_sheets(read_sheets(source, name=name))
