"""The Plan text sheet: a plan's sections of text (Section | Text), read, compared and written.

A section the sheet leaves out is left as it is; a section listed with no text is cleared. Texts are
compared whole, as `plans.rules.plain_text` keeps them, so a plan exported and imported is unchanged.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accounts.models import User

from .. import rules
from ..models import Plan, PlanText
from ..services.texts import TEXT_LIMIT, plan_text_save
from .planfile import PlanFile, TextRow

if TYPE_CHECKING:
    from .parsing import _Sheet


@dataclass
class TextWork:
    """A section whose text the import adds or changes."""

    action: str  # "added" or "changed"
    section: str  # a PlanText.Section value
    label: str
    old: str
    new: str
    existing: PlanText | None


def _section(written: str) -> str | None:
    key = " ".join(written.split()).lower()
    for section in PlanText.Section:
        if key in {section.value, section.label.lower()}:
            return section.value
    return None


def parse_texts(sheet: "_Sheet") -> list[TextRow]:
    """The Plan text sheet's rows, each section once; an unknown or repeated section is a problem."""
    rows: list[TextRow] = []
    seen: dict[str, int] = {}
    names = ", ".join(PlanText.Section.labels[:-1]) + f" or {PlanText.Section.labels[-1]}"
    for raw in sheet.raw.rows:
        written = sheet.text(raw, "Section", required=f"Enter the section: {names}")
        text = rules.plain_text(sheet.text(raw, "Text", limit=TEXT_LIMIT))
        if not written:
            continue
        section = _section(written)
        if section is None:
            sheet.problem(raw.number, "Section", f'There is no section called "{written}". Use {names}')
        elif section in seen:
            sheet.problem(
                raw.number,
                "Section",
                f'"{written}" is also in row {seen[section]}. Give each section one row',
            )
        else:
            seen[section] = raw.number
            rows.append(TextRow(raw.number, section, text))
    return rows


def text_work(plan_file: PlanFile, plan: Plan | None) -> tuple[list[TextWork], int]:
    """The sections the file adds or changes, and how many it leaves unchanged."""
    if plan_file.texts is None:
        return [], 0
    saved = {text.section: text for text in PlanText.objects.filter(plan=plan)} if plan else {}
    labels = dict(PlanText.Section.choices)
    work, unchanged = [], 0
    for row in plan_file.texts:
        existing = saved.get(row.section)
        old = existing.text if existing else ""
        if old == row.text:
            unchanged += 1
            continue
        action = "changed" if old else "added"
        work.append(TextWork(action, row.section, labels[row.section], old, row.text, existing))
    return work, unchanged


def texts_write(*, plan: Plan, work: list[TextWork], by: User | None, source: str) -> None:
    """Write each section the import changes, through the service (versioned, in the history)."""
    for entry in work:
        plan_text_save(
            plan=plan,
            section=entry.section,
            text=entry.new,
            expected_version=entry.existing.version if entry.existing else 0,
            by=by,
            source=source,
        )


def text_rows(plan: Plan) -> list[list[str | date | None]]:
    """The Plan text sheet of an export: every section, in order, written or not (a template to fill)."""
    saved = {text.section: text.text for text in PlanText.objects.filter(plan=plan)}
    return [[section.label, saved.get(section.value, "")] for section in PlanText.Section]
