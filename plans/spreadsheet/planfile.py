"""A plan as read from a file: plain data, each row with its row number, and the problems found."""

from dataclasses import dataclass, field
from datetime import date

from .. import rules
from .problems import Problem
from .unused import Unused


@dataclass
class PlanSettings:
    reference: str = ""
    title: str = ""
    kind: str = ""  # a Plan.Kind value
    status: str = ""  # a Plan.Status value
    start_date: date | None = None
    end_date: date | None = None
    level_names: list[str] = field(default_factory=list)
    rag_scheme: str = ""
    rows: dict[str, int] = field(default_factory=dict)  # field name -> its row on the Plan sheet
    level_plurals: list[str] | None = None  # as rules.level_plurals keeps them; None: no such rows

    def row(self, name: str) -> int | None:
        return self.rows.get(name)


@dataclass
class PersonRow:
    row: int
    initials: str
    name: str = ""
    job_title: str = ""
    organisation: str = ""
    email: str = ""
    aliases: list[str] = field(default_factory=list)  # other names for the person ("SEND GM", "PeRi")


@dataclass
class WorkstreamRow:
    row: int
    code: str
    name: str = ""
    lead: str = ""  # the Lead (or Leads) cell as written: one or more, separated as owners are
    leads: list[str] = field(default_factory=list)  # split as owners are (cells.read_owners)


@dataclass
class GroupRow:
    """A row of the Groups sheet: a board, team or role that owns items or leads workstreams."""

    row: int
    name: str
    short_name: str = ""
    members: list[str] = field(default_factory=list)  # as written, split as owners are
    notes: str = ""
    members_written: str = ""  # the Members cell as written


@dataclass
class StatusRow:
    row: int
    label: str
    colour: str = ""
    meaning: str = ""
    counts_as_done: bool = False
    needs_impact_evidence: bool = False


@dataclass
class ItemRow:
    row: int
    number: str
    text: str = ""
    due_date: date | None = None
    due_text: str = ""
    due_in_words: bool = False  # the Due date was a month, term or range, kept as written in due_text
    workstreams: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    owners_written: str = ""  # the Owners cell as written, for a name that holds a separator
    partners: str = ""
    senior_owner: str = ""
    impact: str = ""
    evidence: str = ""
    see_also: list[str] = field(default_factory=list)
    status: str = ""
    notes: str = ""
    measure_codes: str = ""  # as plans.rules.measure_codes keeps them, joined by ", "
    sort_key: str = ""  # its place in the document: siblings in the order of their rows (rules.document_keys)
    extra: dict[str, str] = field(default_factory=dict)  # other columns' cells, by heading in lower case

    @property
    def level(self) -> int:
        return rules.number_level(self.number)

    @property
    def parent_number(self) -> str | None:
        return rules.parent_number(self.number)


@dataclass
class FindingRow:
    """A row of the Findings sheet: the numbers of the items answering it as written, in order."""

    row: int
    quotation: str
    page: str = ""
    number: str = ""
    label: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class TextRow:
    """A row of the Plan text sheet: a section (a PlanText.Section value) and its text, kept as
    plans.rules.plain_text keeps it."""

    row: int
    section: str
    text: str = ""


@dataclass
class FieldRow:
    """A row of the Fields sheet: a field the plan's items have beyond the template's columns. `level` is
    None for every level; `kind` a PlanField.Kind value."""

    row: int
    name: str
    level: int | None = None
    kind: str = "text"


@dataclass
class PlanFile:
    """Everything in one plan file. A sheet the file leaves out is None; a column it leaves out
    is missing from `columns`, and the import leaves that field as it is."""

    name: str
    settings: PlanSettings = field(default_factory=PlanSettings)
    people: list[PersonRow] | None = None
    workstreams: list[WorkstreamRow] | None = None
    statuses: list[StatusRow] | None = None
    items: list[ItemRow] = field(default_factory=list)
    findings: list[FindingRow] | None = None
    texts: list[TextRow] | None = None  # the Plan text sheet
    columns: dict[str, set[str]] = field(default_factory=dict)  # sheet name -> columns present
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # how cells were read, for the preview to say
    unused: list[Unused] = field(default_factory=list)  # what the import leaves out
    fields: list[FieldRow] | None = None  # the Fields sheet
    extra_columns: dict[str, str] = field(
        default_factory=dict
    )  # Items columns not the template's: key -> as written
    groups: list[GroupRow] | None = None  # the Groups sheet

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def has_column(self, sheet: str, column: str) -> bool:
        return column in self.columns.get(sheet, set())
