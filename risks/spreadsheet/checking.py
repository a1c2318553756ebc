"""Reading a risk register file's rows against the plan: owners, items and measures looked up, every
cell checked. Writes nothing."""

from dataclasses import dataclass, field
from datetime import date

from areas.models import Person
from plans.models import Item, Plan
from plans.spreadsheet.book import Book
from plans.spreadsheet.cells import CellProblem
from plans.spreadsheet.problems import Problem
from plans.spreadsheet.rows import RowReader
from scorecard.models import Measure

from ..services.risks import RiskContent
from . import template as t

NUMBERING = "1 for the risk's first mitigation, 2 for its second, and so on"


@dataclass
class FileRisk:
    row: int
    content: RiskContent
    is_open: bool
    closed_reason: str

    @property
    def key(self) -> str:
        return self.content.reference.lower()


@dataclass
class FileMitigation:
    row: int
    action: str
    owner: Person | None
    due_on: date | None
    is_done: bool


@dataclass
class FileNote:
    row: int
    risk_key: str
    number: int
    dated: date
    text: str


@dataclass
class RiskFile:
    name: str
    risks: list[FileRisk] = field(default_factory=list)
    mitigations: dict[str, list[FileMitigation]] | None = None  # by risk key; None: no Mitigations sheet
    notes: list[FileNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Lookup:
    def __init__(self, plan: Plan):
        self.people = {p.initials.lower(): p for p in Person.objects.filter(area_id=plan.area_id)}
        self.items = {i.number.lower(): i for i in Item.objects.filter(plan=plan).current()}
        self.measures = {m.code.lower(): m for m in Measure.objects.filter(area_id=plan.area_id)}

    def owner(self, reader: RowReader, column: str) -> Person | None:
        initials = reader.text(column)
        if not initials:
            return None
        person = self.people.get(initials.lower())
        if person is None:
            reader.problem(
                column,
                f'There is no one with the initials "{initials}" in this local area. '
                "Use the initials of someone on the People page, or add them there first",
            )
        return person


def _score(text: str) -> int | None:
    if not text:
        return None
    if text in {"1", "2", "3", "4", "5"}:
        return int(text)
    raise CellProblem(
        f'"{text}" is not a score. Enter a whole number from 1 (lowest) to 5 (highest), or leave it blank'
    )


def _risk(reader: RowReader, lookup: _Lookup, seen: dict[str, int]) -> FileRisk | None:
    reference = reader.reference(seen, thing="risk", example="R1")
    title = " ".join(reader.text("Title", 250).split())
    if not title:
        reader.problem("Title", "Enter the risk's title")
    content = RiskContent(
        reference=reference,
        title=title,
        cause=reader.text("Cause"),
        event=reader.text("Event"),
        effect=reader.text("Effect"),
        owner=lookup.owner(reader, "Owner"),
        category=reader.text("Category", 80),
        review_on=reader.day("Next review"),
        items=reader.names(
            "Plan items",
            lookup.items,
            lambda n: f"This plan has no item {n}. Use the numbers of the plan's items, separated by commas",
        ),
        measures=reader.names(
            "Measures",
            lookup.measures,
            lambda c: (
                f"The scorecard has no measure {c}. "
                "Use the codes of the scorecard's measures, separated by commas"
            ),
        ),
    )
    for likelihood_column, impact_column, likelihood_name, impact_name, when in t.SCORE_COLUMNS:
        likelihood = reader.read(likelihood_column, _score, None)
        impact = reader.read(impact_column, _score, None)
        raw = (reader.row.get(likelihood_column), reader.row.get(impact_column))
        if bool(raw[0]) != bool(raw[1]):
            blank = likelihood_column if not raw[0] else impact_column
            reader.problem(blank, f"Enter both the likelihood and the impact {when}, or neither")
        setattr(content, likelihood_name, likelihood)
        setattr(content, impact_name, impact)
    status = reader.text("Status").strip().lower() or "open"
    reason = reader.text("Reason for closing")
    if status not in {"open", "closed"}:
        reader.problem("Status", f'"{reader.text("Status")}" is not a status. Enter Open or Closed')
    elif status == "closed" and not reason:
        reader.problem("Reason for closing", "Say why the risk was closed")
    elif status == "open" and reason:
        reader.problem(
            "Reason for closing",
            "An open risk has no reason for closing. Clear this cell, or set Status to Closed",
        )
    if not reference or not title:
        return None
    return FileRisk(row=reader.number, content=content, is_open=status != "closed", closed_reason=reason)


def _mitigation(reader: RowReader, lookup: _Lookup) -> FileMitigation:
    action = reader.text("Action")
    if not action:
        reader.problem("Action", "Enter what is being done to reduce the risk")
    return FileMitigation(
        row=reader.number,
        action=action,
        owner=lookup.owner(reader, "Owner"),
        due_on=reader.day("Due date"),
        is_done=reader.yes_no("Done"),
    )


def _known_risk(reader: RowReader, risk_keys: set[str]) -> str | None:
    reference = reader.text("Risk reference")
    if not reference:
        reader.problem("Risk reference", "Enter the reference of the risk, as in the Risks sheet")
        return None
    if reference.lower() not in risk_keys:
        reader.problem(
            "Risk reference",
            f"There is no risk {reference} in the Risks sheet. "
            "Correct the reference, or add the risk to the Risks sheet",
        )
        return None
    return reference.lower()


def _note(reader: RowReader, risk_keys: set[str]) -> FileNote | None:
    key = _known_risk(reader, risk_keys)
    number_text = reader.text("Mitigation number")
    number = int(number_text) if number_text.isdigit() and int(number_text) > 0 else None
    if number is None:
        reader.problem(
            "Mitigation number",
            (
                f'"{number_text}" is not a mitigation number. Enter '
                if number_text
                else "Enter the mitigation's number: "
            )
            + NUMBERING,
        )
    dated = reader.day("Date")
    if dated is None and not reader.row.get("Date"):
        reader.problem("Date", "Enter the date of the progress, such as 31/03/2021")
    text = reader.text("Progress")
    if not text:
        reader.problem("Progress", "Enter the progress made")
    if key is None or number is None or dated is None or not text:
        return None
    return FileNote(row=reader.number, risk_key=key, number=number, dated=dated, text=text)


def check_risk_file(*, plan: Plan, book: Book) -> RiskFile:
    """The file's risks, mitigations and notes, read against the plan; problems in `problems`."""
    checked = RiskFile(name=book.name, problems=book.problems)
    if book.problems and not book.sheets:
        return checked
    risks = book.sheet(t.RISKS, t.RISK_COLUMNS, t.RISK_REQUIRED)
    mitigations = book.sheet(t.MITIGATIONS, t.MITIGATION_COLUMNS, t.MITIGATION_REQUIRED, optional=True)
    notes = book.sheet(t.NOTES, t.NOTE_COLUMNS, t.NOTE_REQUIRED, optional=True)
    if checked.problems:
        return checked
    lookup = _Lookup(plan)
    seen: dict[str, int] = {}
    assert risks is not None  # a missing sheet is a problem, returned above
    for row in risks.rows:
        risk = _risk(RowReader(t.RISKS, row, checked.problems), lookup, seen)
        if risk:
            checked.risks.append(risk)
    if mitigations is not None:
        checked.mitigations = {}
        for row in mitigations.rows:
            reader = RowReader(t.MITIGATIONS, row, checked.problems)
            key = _known_risk(reader, set(seen))
            mitigation = _mitigation(reader, lookup)
            if key:
                checked.mitigations.setdefault(key, []).append(mitigation)
    for row in notes.rows if notes is not None else []:
        note = _note(RowReader(t.NOTES, row, checked.problems), set(seen))
        if note:
            checked.notes.append(note)
    return checked
