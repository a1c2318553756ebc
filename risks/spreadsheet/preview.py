"""What importing a risk register file into a plan would do, worked out before anything is written:
risks added, changed (field by field) and unchanged; mitigations added and changed; progress notes
added. `risk_import` in `apply` carries out exactly this work."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from plans import rules as plan_rules
from plans.models import Plan
from plans.spreadsheet.book import Book
from plans.spreadsheet.preview import Entry, FieldChange, Section
from plans.spreadsheet.problems import Problem

from ..models import Mitigation, Risk
from ..snapshots import mitigation_snapshot, risk_snapshot
from . import template as t
from .checking import FileMitigation, FileNote, FileRisk, RiskFile, check_risk_file


@dataclass
class RiskWork:
    file: FileRisk
    existing: Risk | None
    changed: bool  # its content differs (a new risk: always)


@dataclass
class MitigationWork:
    risk_key: str
    file: FileMitigation
    existing: Mitigation | None
    changed: bool


@dataclass
class RiskPreview:
    file_name: str
    plan: Plan
    risks: Section = field(default_factory=lambda: Section("Risks"))
    mitigations: Section = field(default_factory=lambda: Section("Mitigations"))
    notes: Section = field(default_factory=lambda: Section("Progress notes"))
    problems: list[Problem] = field(default_factory=list)
    risk_work: list[RiskWork] = field(default_factory=list)
    mitigation_work: list[MitigationWork] = field(default_factory=list)
    note_work: list[tuple[FileNote, int]] = field(default_factory=list)  # the note, its mitigation's index

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def sections(self) -> list[Section]:
        return [self.risks, self.mitigations, self.notes]

    @property
    def has_changes(self) -> bool:
        return any(s.has_changes for s in self.sections)

    @property
    def counts(self) -> dict[str, int]:
        return {a: sum(len(getattr(s, a)) for s in self.sections) for a in ("added", "changed", "removed")}


def _risks_of(plan: Plan) -> dict[str, Risk]:
    risks = (
        Risk.objects.filter(plan=plan)
        .select_related("owner", "plan")
        .prefetch_related(
            "items",
            "measures",
            Prefetch(
                "mitigations", queryset=Mitigation.objects.select_related("owner").prefetch_related("notes")
            ),
        )
    )
    return {r.reference.lower(): r for r in risks}


def file_snapshot(plan: Plan, file: FileRisk) -> dict[str, str]:
    """The risk as the file describes it, in the words of `risk_snapshot`."""
    content = file.content
    risk = Risk(plan=plan, reference=content.reference, title=content.title, closed_reason=file.closed_reason)
    risk.status = Risk.Status.OPEN if file.is_open else Risk.Status.CLOSED
    for name in ("cause", "event", "effect", "owner", "category", "review_on"):
        setattr(risk, name, getattr(content, name))
    for _, _, likelihood, impact, _ in t.SCORE_COLUMNS:
        setattr(risk, likelihood, getattr(content, likelihood))
        setattr(risk, impact, getattr(content, impact))
    snapshot = risk_snapshot(risk)
    items = sorted(content.items, key=lambda i: i.sort_key)
    measures = sorted(content.measures, key=lambda m: (m.position, m.code))
    snapshot["Plan items"] = ", ".join(i.number for i in items)
    snapshot["Measures"] = ", ".join(m.code for m in measures)
    return snapshot


def _changes(old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange(label, old.get(label, ""), value)
        for label, value in new.items()
        if old.get(label, "") != value
    ]


def _mitigation_snapshot(risk: Risk | None, file: FileMitigation) -> dict[str, str]:
    return mitigation_snapshot(
        Mitigation(risk=risk, action=file.action, owner=file.owner, due_on=file.due_on, is_done=file.is_done)
    )


class _Comparer:
    def __init__(self, plan: Plan, checked: RiskFile, preview: RiskPreview):
        self.plan, self.checked, self.preview = plan, checked, preview
        self.existing = _risks_of(plan)
        self.mitigation_counts: dict[str, int] = {}  # each file risk's mitigations after the import
        self.notes_had: dict[tuple[str, int], set[tuple[date, str]]] = {}

    def risks(self) -> None:
        for file in self.checked.risks:
            existing = self.existing.get(file.key)
            new = file_snapshot(self.plan, file)
            ref = file.content.reference
            if existing is None:
                self.preview.risks.add(Entry("added", ref, f"Risk {ref}", file.content.title))
                self.preview.risk_work.append(RiskWork(file, None, True))
                continue
            changes = _changes(risk_snapshot(existing), new)
            if changes:
                self.preview.risks.add(Entry("changed", ref, f"Risk {ref}", file.content.title, changes))
            else:
                self.preview.risks.unchanged += 1
            self.preview.risk_work.append(RiskWork(file, existing, bool(changes)))

    def mitigations(self) -> None:
        for file in self.checked.risks:
            existing = self.existing.get(file.key)
            had = list(existing.mitigations.all()) if existing else []
            for index, mitigation in enumerate(had):
                notes = {(n.dated, n.text) for n in mitigation.notes.all()}
                self.notes_had[(file.key, index)] = notes
            if self.checked.mitigations is None:
                self.mitigation_counts[file.key] = len(had)
                continue
            listed = self.checked.mitigations.get(file.key, [])
            self.mitigation_counts[file.key] = max(len(listed), len(had))
            if len(listed) < len(had):
                self.preview.problems.append(
                    Problem(
                        t.MITIGATIONS,
                        None,
                        "Risk reference",
                        f"Risk {file.content.reference} has {len(had)} mitigations but the file lists "
                        f"{len(listed)}. An import cannot remove a mitigation: put the missing rows back",
                    )
                )
                continue
            for index, listed_one in enumerate(listed):
                self._mitigation(file, index, listed_one, had[index] if index < len(had) else None)

    def _mitigation(
        self, file: FileRisk, index: int, mitigation: FileMitigation, had: Mitigation | None
    ) -> None:
        ref = file.content.reference
        subject = f"Mitigation {index + 1} of risk {ref}"
        if had is None:
            self.preview.mitigations.add(Entry("added", f"{ref}/{index + 1}", subject, mitigation.action))
            self.preview.mitigation_work.append(MitigationWork(file.key, mitigation, None, True))
            return
        changes = _changes(mitigation_snapshot(had), _mitigation_snapshot(had.risk, mitigation))
        if changes:
            self.preview.mitigations.add(
                Entry("changed", f"{ref}/{index + 1}", subject, mitigation.action, changes)
            )
        else:
            self.preview.mitigations.unchanged += 1
        self.preview.mitigation_work.append(MitigationWork(file.key, mitigation, had, bool(changes)))

    def notes(self) -> None:
        references = {f.key: f.content.reference for f in self.checked.risks}
        for note in self.checked.notes:
            count = self.mitigation_counts.get(note.risk_key, 0)
            ref = references[note.risk_key]
            if note.number > count:
                self.preview.problems.append(
                    Problem(
                        t.NOTES,
                        note.row,
                        "Mitigation number",
                        f"Risk {ref} has {count} mitigation{'' if count == 1 else 's'}: "
                        f"there is no mitigation "
                        f"{note.number}. Correct the number, or add the mitigation to the Mitigations sheet",
                    )
                )
                continue
            had = self.notes_had.setdefault((note.risk_key, note.number - 1), set())
            if (note.dated, note.text) in had:
                self.preview.notes.unchanged += 1
                continue
            had.add((note.dated, note.text))
            subject = f"Progress on mitigation {note.number} of risk {ref}"
            summary = f"{note.dated:%d/%m/%Y}: {note.text}"
            self.preview.notes.add(Entry("added", f"{ref}/{note.number}/{note.row}", subject, summary))
            self.preview.note_work.append((note, note.number - 1))


def preview_risk_import(*, plan: Plan, book: Book) -> RiskPreview:
    """Compare a read file with the plan's register. Writes nothing."""
    checked = check_risk_file(plan=plan, book=book)
    preview = RiskPreview(file_name=book.name, plan=plan, problems=list(checked.problems))
    if preview.problems:
        return preview
    comparer = _Comparer(plan, checked, preview)
    comparer.risks()
    comparer.mitigations()
    comparer.notes()
    preview.risks.added.sort(key=lambda e: plan_rules.reference_sort_key(e.key))
    return preview
