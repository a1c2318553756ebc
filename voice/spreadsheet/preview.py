"""What importing a "You said, we did" file would do, worked out before anything is written: entries
added, changed (field by field) and unchanged. `voice_import` in `apply` carries out this work."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from areas.models import LocalArea
from plans import rules as plan_rules
from plans.models import Item
from plans.spreadsheet.book import Book
from plans.spreadsheet.preview import Entry as Line
from plans.spreadsheet.preview import FieldChange, Section
from plans.spreadsheet.problems import Problem

from ..models import Entry
from ..services import EntryContent
from ..snapshots import entry_snapshot
from .checking import FileEntry, check_voice_file, title_key

LINKS = (  # the snapshot's label, EntryContent's field, how the snapshot names one
    ("Evidence", "evidence", lambda e: e.title),
    ("Measures", "measures", lambda m: m.code),
    ("I statements", "outcomes", lambda o: o.code),
    ("Plan items", "items", lambda i: i.number),
)


@dataclass
class EntryWork:
    file: FileEntry
    content: EntryContent  # what the entry will hold: the file's, and links the file leaves as they are
    existing: Entry | None
    changed: bool


@dataclass
class VoicePreview:
    file_name: str
    area: LocalArea
    entries: Section = field(default_factory=lambda: Section("Entries"))
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    work: list[EntryWork] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def sections(self) -> list[Section]:
        return [self.entries]

    @property
    def has_changes(self) -> bool:
        return self.entries.has_changes

    @property
    def counts(self) -> dict[str, int]:
        return {a: len(getattr(self.entries, a)) for a in ("added", "changed", "removed")}


def _entries_of(area: LocalArea) -> dict[str, Entry]:
    entries = Entry.objects.filter(area=area).prefetch_related(
        "evidence", "measures", "outcomes", Prefetch("items", queryset=Item.objects.select_related("plan"))
    )
    return {e.reference.lower(): e for e in entries}


def _content(file: FileEntry, existing: Entry | None) -> EntryContent:
    """The file's content, keeping what it cannot name: evidence under an ambiguous title, items removed
    from their plan."""
    content = file.content
    if existing is None:
        return content
    ambiguous = {title_key(title) for title in file.ambiguous_titles}
    kept = [e for e in existing.evidence.all() if title_key(e.title) in ambiguous]
    content.evidence = [*content.evidence, *(e for e in kept if e not in content.evidence)]
    content.items = [*content.items, *(i for i in existing.items.all() if i.removed_at is not None)]
    return content


def _changes(existing: Entry, content: EntryContent) -> list[FieldChange]:
    old = entry_snapshot(existing)
    entry = Entry(area=existing.area, reference=content.reference.strip(), said=content.said.strip())
    entry.source, entry.heard_on, entry.group = content.source, content.heard_on, content.group.strip()
    entry.did, entry.how_we_know = content.did.strip(), content.how_we_know.strip()
    entry.is_published = content.is_published
    new = entry_snapshot(entry)
    for label, name, shown in LINKS:
        had, has = list(getattr(existing, name).all()), getattr(content, name)
        same = {o.pk for o in had} == {o.pk for o in has}
        new[label] = old[label] if same else ", ".join(shown(o) for o in has)
    return [FieldChange(label, old[label], value) for label, value in new.items() if old[label] != value]


def preview_voice_import(*, area: LocalArea, book: Book) -> VoicePreview:
    """Compare a read file with the area's entries. Writes nothing."""
    checked = check_voice_file(area=area, book=book)
    preview = VoicePreview(file_name=book.name, area=area, problems=list(checked.problems))
    if preview.problems:
        return preview
    existing = _entries_of(area)
    for file in checked.entries:
        entry = existing.get(file.key)
        content = _content(file, entry)
        ref = file.content.reference
        for title in file.ambiguous_titles:
            preview.warnings.append(
                f'{ref}: the evidence bank has more than one item titled "{title}", so the import leaves '
                "that evidence as it is. Rename one of them in the evidence bank to link it from a file"
            )
        if entry is None:
            preview.entries.add(Line("added", ref, f"You said, we did {ref}", content.said))
            preview.work.append(EntryWork(file, content, None, True))
            continue
        changes = _changes(entry, content)
        if changes:
            preview.entries.add(Line("changed", ref, f"You said, we did {ref}", content.said, changes))
        else:
            preview.entries.unchanged += 1
        preview.work.append(EntryWork(file, content, entry, bool(changes)))
    preview.entries.added.sort(key=lambda line: plan_rules.reference_sort_key(line.key))
    return preview
