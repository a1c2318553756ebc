"""The Findings sheet: the plan's inspection findings (Number | Label | Finding | Items | Page), read,
compared and written.

When the sheet is there, the plan's findings become its rows, in order: a row is the plan's finding with
the same number, else the one with the same quotation, else a new one; a finding no row names is removed.
The Items cell lists the numbers of the items answering the finding, at any level. A file of the older
template, with one "Item" column, reads the same way. A column left out (Number, Label, Page) leaves that
field of each finding as it is.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from accounts.models import User
from history import services as history

from .. import rules, snapshots
from ..models import Finding, Item, Plan
from ..services.findings import (
    LABEL_LIMIT,
    NUMBER_LIMIT,
    PAGE_LIMIT,
    FindingContent,
    finding_create,
    finding_remove,
    finding_update,
)
from . import template as t
from .planfile import FindingRow, ItemRow, PlanFile

if TYPE_CHECKING:
    from .parsing import _Sheet

ITEMS = "Items"


def parse_findings(sheet: "_Sheet", items: list[ItemRow]) -> list[FindingRow]:
    """The Findings sheet's rows; an unknown item number, a number used twice or a missing column or
    quotation is a problem with its row and column."""
    if not sheet.raw.has(ITEMS):  # an older sheet's "Item" is read as Items (reading.read_other_headings)
        sheet.problem(
            None,
            ITEMS,
            f'There is no "{ITEMS}" column. Add a column headed "{ITEMS}" listing the numbers of the '
            "items that answer each finding",
        )
        return []
    written = sheet.raw.headings[ITEMS.lower()]  # the heading as the file has it: Items, or Item
    known = [item.number for item in items]
    findings = []
    for raw in sheet.raw.rows:
        finding = FindingRow(
            row=raw.number,
            quotation=sheet.text(
                raw, "Finding", required="Enter the finding, quoted from the inspection letter"
            ),
            page=sheet.text(raw, "Page", limit=PAGE_LIMIT),
            number=sheet.text(raw, "Number", limit=NUMBER_LIMIT),
            label=sheet.text(raw, "Label", limit=LABEL_LIMIT),
            items=rules.item_numbers(raw.get(ITEMS)),
        )
        if problem := rules.unknown_numbers_problem(finding.items, known):
            sheet.problem(raw.number, written, f"{problem} Use the numbers of the Items sheet")
        findings.append(finding)
    seen: dict[str, int] = {}
    for finding in findings:
        if (first := seen.get(finding.number.lower())) is not None:
            sheet.problem(
                finding.row,
                "Number",
                f'"{finding.number}" is also the number of the finding in row {first}. '
                "Give each finding its own number",
            )
        elif finding.number:
            seen[finding.number.lower()] = finding.row
    return findings


@dataclass
class FindingWork:
    """A finding the import adds, changes or removes, or leaves ("") with perhaps a new place."""

    action: str
    existing: Finding | None
    values: dict[str, str]  # snapshots.finding_values: Number, Label, Finding, Page, Items
    items: list[str] = field(default_factory=list)  # numbers, as the Items sheet spells them
    position: int = 0
    diff: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.values["Number"] or _short(self.values["Finding"], 40)

    @property
    def subject(self) -> str:
        return snapshots.finding_subject(self.values["Number"], self.values["Label"])

    @property
    def summary(self) -> str:
        return self.values["Label"] or _short(self.values["Finding"], 90)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _saved(plan: Plan | None) -> list[Finding]:
    if plan is None:
        return []
    return list(
        Finding.objects.filter(plan=plan).prefetch_related("answers__item").order_by("position", "pk")
    )


def finding_work(plan_file: PlanFile, plan: Plan | None) -> tuple[list[FindingWork], int]:
    """What the file does to the plan's findings: the work in the file's order, then the removals, and
    how many findings it leaves as they are. No sheet: nothing."""
    if plan_file.findings is None:
        return [], 0
    spelt = {item.number.lower(): item.number for item in plan_file.items}
    saved = _saved(plan)
    by_number = {f.number.lower(): f for f in saved if f.number}
    matched: set[int] = set()
    has = {column: plan_file.has_column(t.FINDINGS.name, column) for column in ("Number", "Label", "Page")}
    work: list[FindingWork] = []
    claimed = {row.number.lower() for row in plan_file.findings if row.number} if has["Number"] else set()
    for position, row in enumerate(plan_file.findings):
        existing = by_number.get(row.number.lower()) if row.number and has["Number"] else None
        if existing is None:  # the same quotation, of a finding no other row claims by its number
            existing = next(
                (
                    f
                    for f in saved
                    if f.pk not in matched
                    and f.quotation == row.quotation
                    and f.number.lower() not in claimed
                ),
                None,
            )
        if existing is not None:
            matched.add(existing.pk)
        numbers = [spelt.get(n.lower(), n) for n in row.items]
        before = snapshots.finding_snapshot(existing) if existing else {}
        keep = before.get
        values = snapshots.finding_values(
            row.number if has["Number"] else keep("Number", ""),
            row.label if has["Label"] else keep("Label", ""),
            row.quotation,
            row.page if has["Page"] else keep("Page", ""),
            numbers,
        )
        diff = history.diff(before, values)
        action = "added" if existing is None else "changed" if diff else ""
        work.append(FindingWork(action, existing, values, numbers, position, diff))
    _places(work)
    for finding in saved:
        if finding.pk not in matched:
            work.append(FindingWork("removed", finding, snapshots.finding_snapshot(finding)))
    return work, sum(1 for entry in work if not entry.action)


def _places(work: list[FindingWork]) -> None:
    """A finding the file moves among those it keeps is changed: "Place" says from where to where."""
    kept = [(entry, entry.existing) for entry in work if entry.existing is not None]
    before = sorted(kept, key=lambda pair: (pair[1].position, pair[1].pk))
    old_places = {finding.pk: place for place, (_, finding) in enumerate(before, start=1)}
    for new_place, (entry, finding) in enumerate(kept, start=1):
        if old_places[finding.pk] != new_place:
            entry.diff["Place"] = [str(old_places[finding.pk]), str(new_place)]
            entry.action = "changed"


def findings_write(
    *, plan: Plan, work: list[FindingWork], items: dict[str, Item], by: User | None, source: str
) -> None:
    """Write the findings through the services (versioned, in the plan's history): removals first, so
    that a number they free can be taken; then each finding of the file at its place."""
    if not any(entry.action for entry in work):
        return
    for entry in work:
        if entry.action == "removed" and entry.existing is not None:
            finding_remove(
                finding=entry.existing, expected_version=entry.existing.version, by=by, source=source
            )
    for entry in work:
        if entry.action == "removed":
            continue
        content = FindingContent(
            quotation=entry.values["Finding"],
            number=entry.values["Number"],
            label=entry.values["Label"],
            page=entry.values["Page"],
            items=[items[number] for number in entry.items],
            position=entry.position,
        )
        existing = entry.existing
        if existing is None:
            finding_create(plan=plan, content=content, by=by, source=source)
        elif entry.action or existing.position != entry.position:
            existing.plan = plan
            finding_update(
                finding=existing, content=content, expected_version=existing.version, by=by, source=source
            )


def finding_rows(plan: Plan) -> list[list[str | date | None]]:
    """The Findings sheet of an export: every finding in order, its items as numbers (current ones)."""
    rows: list[list[str | date | None]] = []
    for finding in _saved(plan):
        values = snapshots.finding_snapshot(finding)
        rows.append([values[column] for column in t.FINDINGS.columns])
    return rows
