"""What importing a plan file would do to a local area, worked out before anything is written.

`preview_import` compares a checked PlanFile with the database and returns an
ImportPreview: what will be added, changed and removed (unchanged things are only
counted), and any problems that only the area's data can show, such as owners who are
neither in the People sheet nor among the area's people. `plan_import` in `apply`
carries out exactly the work found here.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from areas.models import LocalArea, Person, Workstream

from .. import rules
from ..models import Item, ItemFieldValue, ItemOwner, Plan, RagScheme
from ..snapshots import plan_plurals
from .compare import plan_work
from .fields import fill_fields, without_field_columns
from .planfile import PlanFile
from .problems import Problem, ProblemGroup, grouped
from .template import SHEETS
from .unused import Unused
from .work import Work

LONG_CHANGE = 80  # characters: a change longer than this is shown word by word (rules.word_changes)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def is_long(self) -> bool:
        """Too long to read old and new side by side and see the difference: shown as `words`."""
        return len(self.old) > LONG_CHANGE or len(self.new) > LONG_CHANGE

    @property
    def words(self) -> list[tuple[str, str]]:
        """The change word by word, whole: runs "same", "removed" or "added" (rules.word_changes)."""
        return rules.word_changes(self.old, self.new)


@dataclass
class Entry:
    """One person, workstream, status or item that the import adds, changes or removes."""

    action: str  # "added", "changed" or "removed"
    key: str  # its initials, code, label or number
    subject: str  # e.g. "Person CL", "Milestone 1.2.7"
    summary: str = ""  # its name or the start of its text
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class Section:
    """The entries of one kind, e.g. items, by what happens to them."""

    title: str
    added: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    full: bool = False  # show each change whole, never cut (a plan's text)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def add(self, entry: Entry) -> None:
        getattr(self, entry.action).append(entry)


@dataclass
class ImportPreview:
    """What the import of one file does. Render it; if `is_valid`, it can be applied."""

    file_name: str
    reference: str = ""
    title: str = ""
    is_new_plan: bool = True  # no plan in the area has the file's Reference
    plan: Plan | None = None  # the plan the file updates (after plan_import: the plan imported)
    plan_changes: list[FieldChange] = field(default_factory=list)
    people: Section = field(default_factory=lambda: Section("People"))
    workstreams: Section = field(default_factory=lambda: Section("Workstreams"))
    statuses: Section = field(default_factory=lambda: Section("RAG statuses"))
    items: Section = field(default_factory=lambda: Section("Items"))
    texts: Section = field(default_factory=lambda: Section("Plan text", full=True))
    fields: Section = field(default_factory=lambda: Section("Plan fields"))
    organisations: Section = field(default_factory=lambda: Section("Organisations"))
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # how cells were read ("Due ... read as ...")
    unused: list[Unused] = field(default_factory=list)  # what the file has that is not imported
    work: Work | None = field(default=None, repr=False, compare=False)
    findings: Section = field(default_factory=lambda: Section("Findings"))
    groups: Section = field(default_factory=lambda: Section("Groups"))

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def problem_groups(self) -> list[ProblemGroup]:
        """The problems, the same one in many rows said once with the list of rows."""
        return grouped(self.problems)

    @property
    def note_groups(self) -> list[ProblemGroup]:
        return grouped(self.notes)

    @property
    def sections(self) -> list[Section]:
        return [
            self.people,
            self.workstreams,
            self.statuses,
            self.items,
            self.texts,
            self.findings,
            self.fields,
            self.organisations,
            self.groups,
        ]

    @property
    def has_changes(self) -> bool:
        return self.is_new_plan or bool(self.plan_changes) or any(s.has_changes for s in self.sections)

    @property
    def counts(self) -> dict[str, int]:
        """How many things are added, changed and removed, over all sections."""
        return {
            action: sum(len(getattr(s, action)) for s in self.sections)
            for action in ("added", "changed", "removed")
        }


@dataclass
class AreaState:
    """What the area holds now, fetched once: the things a file's names and numbers refer to."""

    area: LocalArea
    plan: Plan | None
    people: dict[str, Person]  # by initials in lower case
    workstreams: dict[str, Workstream]  # by code in lower case
    scheme: RagScheme | None
    items: dict[str, Item]  # the plan's current items, by number


def load_state(area: LocalArea, plan_file: PlanFile) -> AreaState:
    settings = plan_file.settings
    plan = (
        Plan.objects.select_related("rag_scheme")
        .prefetch_related("plan_fields")
        .filter(area=area, reference__iexact=settings.reference)
        .first()
        if settings.reference
        else None
    )
    scheme = None
    if settings.rag_scheme:
        scheme = (
            RagScheme.objects.filter(area=area, name__iexact=settings.rag_scheme)
            .prefetch_related("statuses")
            .first()
        )
    items: dict[str, Item] = {}
    if plan is not None:
        queryset = (
            plan.items.current()
            .select_related("status")
            .prefetch_related(
                "workstreams",
                Prefetch("ownerships", queryset=ItemOwner.objects.select_related("person")),
                Prefetch("see_also", queryset=Item.objects.current()),
                Prefetch(
                    "field_values",
                    queryset=ItemFieldValue.objects.select_related("person").prefetch_related(
                        "organisations"
                    ),
                ),
            )
        )
        items = {item.number: item for item in queryset}
    return AreaState(
        area=area,
        plan=plan,
        people={
            p.initials.lower(): p
            for p in Person.objects.filter(area=area)
            .select_related("organisation")
            .prefetch_related("members")
        },
        workstreams={
            w.code.lower(): w
            for w in Workstream.objects.filter(area=area).prefetch_related("leaderships__person")
        },
        scheme=scheme,
        items=items,
    )


def _changes(diff: dict[str, list[str]]) -> list[FieldChange]:
    return [FieldChange(label, old, new) for label, (old, new) in diff.items()]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _level_name(level_names: list[str], level: int) -> str:
    return level_names[level - 1] if 0 < level <= len(level_names) else f"Level {level}"


def _fill(preview: ImportPreview, level_names: list[str], work: Work) -> None:
    preview.plan_changes = _changes(work.plan_diff)
    for person in work.people:
        preview.people.add(
            Entry(
                person.action,
                person.initials,
                f"Person {person.initials}",
                person.summary,
                _changes(person.diff),
            )
        )
    for group in work.groups:
        preview.groups.add(
            Entry(group.action, group.short_name, f"Group {group.name}", group.name, _changes(group.diff))
        )
    preview.groups.unchanged = work.groups_unchanged
    for workstream in work.workstreams:
        subject = f"Workstream {workstream.code}"
        preview.workstreams.add(
            Entry(workstream.action, workstream.code, subject, workstream.name, _changes(workstream.diff))
        )
    for status in work.statuses:
        subject = f"Status {status.label}"
        preview.statuses.add(
            Entry(status.action, status.label, subject, _short(status.summary), _changes(status.diff))
        )
    for entry in work.items:
        if entry.action:
            subject = f"{_level_name(level_names, rules.number_level(entry.number))} {entry.number}"
            preview.items.add(
                Entry(entry.action, entry.number, subject, _short(entry.text), _changes(entry.diff))
            )
    for parent, (old, new) in work.order_changes.items():
        level = rules.number_level(parent) + 1 if parent else 1
        given = work.settings.level_plurals
        names, plurals = level_names, given if given is not None else plan_plurals(work.plan)
        plural = (plurals[level - 1] if level <= len(plurals) else "") or rules.plural(
            _level_name(names, level)
        )
        subject = f"Order of {plural}" + (
            f" under {_level_name(names, level - 1)} {parent}" if parent else ""
        )
        change = FieldChange("Order", ", ".join(old), ", ".join(new))
        preview.items.add(Entry("changed", f"Order under {parent or 'the top level'}", subject, "", [change]))
    for item in work.removed_items:
        subject = f"{_level_name(level_names, item.level)} {item.number}"
        preview.items.add(Entry("removed", item.number, subject, _short(item.text)))
    preview.people.unchanged = work.people_unchanged
    preview.workstreams.unchanged = work.workstreams_unchanged
    preview.statuses.unchanged = work.statuses_unchanged
    preview.items.unchanged = work.items_unchanged
    for text in work.texts:
        change = FieldChange(text.label, text.old, text.new)
        preview.texts.add(Entry(text.action, text.label, f"Plan text: {text.label}", "", [change]))
    preview.texts.unchanged = work.texts_unchanged
    for finding in work.findings:
        if finding.action:
            changes = _changes(finding.diff)
            preview.findings.add(
                Entry(finding.action, finding.key, finding.subject, finding.summary, changes)
            )
    preview.findings.unchanged = work.findings_unchanged


def _in_file_order(problem: Problem) -> tuple[int, int, int]:
    """Problems about the file as a whole first, then sheet by sheet, row by row, column by column."""
    sheets = [sheet.name for sheet in SHEETS]
    if problem.sheet not in sheets:
        return (-1, 0, 0)
    sheet = SHEETS[sheets.index(problem.sheet)]
    column = sheet.columns.index(problem.column) if problem.column in sheet.columns else -1
    return (sheets.index(problem.sheet), problem.row or 0, column)


def preview_import(*, area: LocalArea, plan_file: PlanFile) -> ImportPreview:
    """Compare a plan file with what the area holds. Writes nothing.

    The preview's `problems` are the file's own problems and those that only the area's
    data can show; when there are any, the import cannot be applied.
    """
    settings = plan_file.settings
    preview = ImportPreview(
        file_name=plan_file.name,
        reference=settings.reference,
        title=settings.title,
        problems=list(plan_file.problems),
        notes=list(plan_file.notes),
        unused=list(plan_file.unused),
    )
    if not plan_file.columns:  # not one sheet of the template could be read
        return preview
    state = load_state(area, plan_file)
    preview.plan, preview.is_new_plan = state.plan, state.plan is None
    preview.work = plan_work(plan_file, state)
    preview.problems = sorted([*preview.problems, *preview.work.problems], key=_in_file_order)
    preview.notes = sorted([*preview.notes, *preview.work.notes], key=_in_file_order)
    level_names = plan_file.settings.level_names or (state.plan.level_names if state.plan else [])
    _fill(preview, level_names, preview.work)
    if preview.work.fields is not None:
        fill_fields(preview.fields, preview.organisations, preview.work.fields)
        preview.unused = without_field_columns(preview.unused, preview.work.fields)
    return preview
