"""The work an import must do: what to add, change and remove, found by `compare`, done by `apply`."""

import heapq
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .. import rules
from ..models import Item, Plan, RagScheme, RagStatus
from .planfile import PlanSettings
from .problems import Problem

if TYPE_CHECKING:
    from areas.models import Person, Workstream

    from .fields import FieldsWork
    from .findings import FindingWork
    from .texts import TextWork

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
ITEM_SCALARS = {  # ItemContent field -> Items column
    "text": "Text",
    "due_text": "Due as written",
    "partners": "Partners",
    "senior_owner": "Senior owner",
    "impact": "Impact",
    "evidence": "How do we know",
    "notes": "Notes",
    "measure_codes": "Measures",
}


@dataclass
class PersonWork:
    """A person to add or change, with every detail the import writes: the file's, or the person's own
    where the file has no such column."""

    action: str
    initials: str
    summary: str
    person: "Person | None"
    name: str
    job_title: str
    organisation: str
    email: str
    diff: dict[str, list[str]]
    aliases: str = ""  # as stored: "SEND GM; PeRi"


@dataclass
class WorkstreamWork:
    action: str
    code: str
    name: str
    workstream: "Workstream | None"
    leads: (
        list[str] | None
    )  # canonical initials in order; [] for no lead; None to leave the leads as they are
    diff: dict[str, list[str]]


@dataclass
class GroupWork:
    """A group (board, team or role) to add or change: its name, short name, members (canonical
    initials) and notes as the import writes them."""

    action: str
    short_name: str
    name: str
    group: "Person | None"
    members: list[str]
    notes: str
    diff: dict[str, list[str]]


@dataclass
class StatusWork:
    """A status to add, change or remove. For the first two, what the import writes: the file's values,
    or the status's own where the file has no such column."""

    action: str
    label: str
    summary: str  # the meaning the file gives (the status's own for a removal), for the preview
    status: RagStatus | None
    diff: dict[str, list[str]]
    colour: str = ""
    meaning: str = ""
    counts_as_done: bool = False
    needs_impact_evidence: bool = False


@dataclass
class ItemWork:
    action: str  # "added", "changed", or "" when unchanged
    number: str
    existing: Item | None
    text: str = ""
    due_date: date | None = None
    scalars: dict[str, str] = field(default_factory=dict)
    owners: list[str] = field(default_factory=list)
    workstreams: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    status: str = ""
    values: dict[str, str] = field(default_factory=dict)
    diff: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Work:
    plan: Plan | None = None
    settings: PlanSettings = field(default_factory=PlanSettings)  # the file's Plan sheet
    plan_diff: dict[str, list[str]] = field(default_factory=dict)
    scheme: RagScheme | None = None
    scheme_name: str = ""
    people: list[PersonWork] = field(default_factory=list)
    people_unchanged: int = 0
    workstreams: list[WorkstreamWork] = field(default_factory=list)
    workstreams_unchanged: int = 0
    statuses: list[StatusWork] = field(default_factory=list)
    statuses_unchanged: int = 0
    status_order: list[str] | None = None  # labels in the file's order, when the file gives the scheme
    items: list[ItemWork] = field(default_factory=list)
    items_unchanged: int = 0
    removed_items: list[Item] = field(default_factory=list)
    removed_tops: list[Item] = field(default_factory=list)
    texts: list["TextWork"] = field(default_factory=list)  # sections of the plan's text added or changed
    texts_unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # how names were read, for the preview to say
    order: list[str] = field(default_factory=list)  # the file's item numbers, in the document's order
    # each parent (None: the top level) whose children come in another order: (old numbers, new)
    order_changes: dict[str | None, tuple[list[str], list[str]]] = field(default_factory=dict)
    findings: list["FindingWork"] = field(default_factory=list)  # the Findings sheet's, in its order
    findings_unchanged: int = 0
    fields: "FieldsWork | None" = None  # the plan's fields the area defines, and items' values of them
    groups: list[GroupWork] = field(default_factory=list)
    groups_unchanged: int = 0


def creation_order(new: list[ItemWork]) -> list[ItemWork]:
    """New items in an order that makes each after its parent and, where it can, after the items
    its See also names, so that most are created whole. Ties go in number order. Items in a
    loop of cross-references are made in number order; their later references are added after."""
    pending = {entry.number: entry for entry in new}
    waits_for: dict[str, set[str]] = {}
    wanted_by: dict[str, list[str]] = {}
    for entry in new:
        parent = rules.parent_number(entry.number)
        needs = {n for n in [parent, *entry.see_also] if n in pending and n != entry.number}
        waits_for[entry.number] = needs
        for need in needs:
            wanted_by.setdefault(need, []).append(entry.number)
    ready = [(rules.sort_key(n), n) for n, needs in waits_for.items() if not needs]
    heapq.heapify(ready)
    remaining = sorted(pending.values(), key=lambda e: rules.sort_key(e.number))
    order: list[ItemWork] = []
    done: set[str] = set()
    while len(done) < len(pending):
        if ready:
            number = heapq.heappop(ready)[1]
            if number in done:
                continue
        else:  # a loop: the first not yet made (its parent, earlier in number order, is made)
            number = next(e.number for e in remaining if e.number not in done)
        done.add(number)
        order.append(pending[number])
        for other in wanted_by.get(number, []):
            waits_for[other].discard(number)
            if not waits_for[other] and other not in done:
                heapq.heappush(ready, (rules.sort_key(other), other))
    return order
