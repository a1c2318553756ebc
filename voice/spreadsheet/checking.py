"""Reading a "You said, we did" file's rows against the area: sources, evidence, measures, I statements
and plan items looked up, every cell checked. Writes nothing."""

from dataclasses import dataclass, field

from areas.models import LocalArea
from evidence.models import Evidence
from plans.models import Item, Plan
from plans.spreadsheet.book import Book
from plans.spreadsheet.cells import read_list
from plans.spreadsheet.problems import Problem
from plans.spreadsheet.rows import RowReader
from scorecard.models import Measure, Outcome

from ..models import Source
from ..services import EntryContent
from . import template as t


@dataclass
class FileEntry:
    row: int
    content: EntryContent
    ambiguous_titles: list[str] = field(default_factory=list)  # evidence titles that name several

    @property
    def key(self) -> str:
        return self.content.reference.lower()


@dataclass
class VoiceFile:
    name: str
    entries: list[FileEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def title_key(title: str) -> str:
    return " ".join(title.split()).lower()


def evidence_titles(text: str) -> list[str]:
    """Evidence titles, one a line (titles may hold commas)."""
    return list(dict.fromkeys(line.strip() for line in text.split("\n") if line.strip()))


class _Lookup:
    def __init__(self, area: LocalArea):
        self.evidence: dict[str, list[Evidence]] = {}
        for evidence in Evidence.objects.filter(area=area).order_by("pk"):
            self.evidence.setdefault(title_key(evidence.title), []).append(evidence)
        self.measures = {m.code.lower(): m for m in Measure.objects.filter(area=area)}
        self.outcomes = {o.code.lower(): o for o in Outcome.objects.filter(area=area)}
        self.plans = {p.reference.lower(): p for p in Plan.objects.filter(area=area)}
        self.items: dict[tuple[str, str], Item] = {
            (i.plan.reference.lower(), i.number.lower()): i
            for i in Item.objects.filter(plan__area=area).current().select_related("plan")
        }
        self.sources = {str(label).lower(): value for value, label in Source.choices}
        self.sources.update({value: value for value in Source.values})

    def source(self, reader: RowReader) -> str:
        text = reader.text("Source")
        value = self.sources.get(text.strip().lower(), "")
        if text and not value:
            labels = ", ".join(str(label) for label in Source.labels)
            reader.problem("Source", f'"{text}" is not a source. Enter one of: {labels}')
        return value

    def items_of(self, reader: RowReader) -> list[Item]:
        found = []
        only = next(iter(self.plans)) if len(self.plans) == 1 else None
        for name in read_list(reader.row.get("Plan items")):
            reference, _, number = name.rpartition(":")
            reference = reference.strip().lower() or (only or "")
            if not reference:
                reader.problem(
                    "Plan items",
                    f"The area has more than one plan: say which plan {name} is in, with its reference "
                    f"before the number, such as {next(iter(self.plans.values())).reference}:{name}",
                )
            elif reference not in self.plans:
                reader.problem(
                    "Plan items", f"The area has no plan {name.rpartition(':')[0]}. Use a plan's reference"
                )
            elif (reference, number.strip().lower()) not in self.items:
                plan = self.plans[reference].reference
                reader.problem(
                    "Plan items",
                    f"The plan {plan} has no item {number.strip()}. Use the numbers of its items",
                )
            else:
                found.append(self.items[(reference, number.strip().lower())])
        return found

    def evidence_of(self, reader: RowReader, ambiguous: list[str]) -> list[Evidence]:
        found = []
        for title in evidence_titles(reader.row.get("Evidence")):
            matches = self.evidence.get(title_key(title), [])
            if len(matches) == 1:
                found.append(matches[0])
            elif matches:
                ambiguous.append(title)
            else:
                reader.problem(
                    "Evidence",
                    f'The evidence bank has nothing titled "{title}". '
                    "Use the titles of evidence in the bank, "
                    "one a line, or add the evidence to the bank first",
                )
        return found


def _entry(reader: RowReader, lookup: _Lookup, seen: dict[str, int]) -> FileEntry | None:
    reference = reader.reference(seen, thing="entry", example="YS1")
    said = reader.text("You said")
    if not said:
        reader.problem("You said", "Enter what families or young people said")
    source = lookup.source(reader)
    if not reader.text("Source"):
        labels = ", ".join(str(label) for label in Source.labels)
        reader.problem("Source", f"Enter where it was said: one of {labels}")
    ambiguous: list[str] = []
    content = EntryContent(
        reference=reference,
        said=said,
        source=source,
        heard_on=reader.day("Date said"),
        group=reader.text("Group", 200),
        did=reader.text("We did"),
        how_we_know=reader.text("How we know"),
        evidence=lookup.evidence_of(reader, ambiguous),
        measures=reader.names(
            "Measures",
            lookup.measures,
            lambda c: (
                f"The scorecard has no measure {c}. "
                "Use the codes of the scorecard's measures, separated by commas"
            ),
        ),
        outcomes=reader.names(
            "I statements",
            lookup.outcomes,
            lambda c: (
                f"The scorecard has no I statement {c}. "
                "Use the codes of the I statements, separated by commas"
            ),
        ),
        items=lookup.items_of(reader),
        is_published=reader.yes_no("Published"),
    )
    if not reference or not said or not source:
        return None
    return FileEntry(row=reader.number, content=content, ambiguous_titles=ambiguous)


def check_voice_file(*, area: LocalArea, book: Book) -> VoiceFile:
    """The file's entries, read against the area; problems in `problems`."""
    checked = VoiceFile(name=book.name, problems=book.problems)
    if book.problems and not book.sheets:
        return checked
    sheet = book.sheet(t.SHEET, t.COLUMNS, t.REQUIRED)
    if checked.problems or sheet is None:
        return checked
    lookup, seen = _Lookup(area), dict[str, int]()
    for row in sheet.rows:
        entry = _entry(RowReader(t.SHEET, row, checked.problems), lookup, seen)
        if entry:
            checked.entries.append(entry)
    return checked
