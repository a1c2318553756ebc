"""The items as the board was told them: the `ReportedRating` rows of a pack's period and of the period
it is compared with, read in one query, and the plan's statuses as they were then.

Statuses are matched by their words as reported (a status renamed since still counts as it was), and a
row of the compared period whose status sat at a position the period itself used takes that status's
words, so a status renamed between the two periods is still compared with itself.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plans.models import Plan, RagStatus
from plans.selectors import statuses_of
from progress.models import ReportedRating, ReportingPeriod

NO_STATUS_LABEL = "No status"
NO_STATUS_COLOUR = "#b1b4b6"  # GOV.UK mid-grey: the words say it, the colour only fills the bar

FIELDS = (
    "period_id",
    "item_id",
    "number",
    "text",
    "level",
    "status_label",
    "status_colour",
    "status_position",
    "counts_as_done",
    "due_date",
    "original_due_date",
    "slip_count",
    "overdue",
    "owners",
    "commentary",
    "rollup_rule",
    "rollup_counts",
    "overall_label",
    "overall_colour",
    "overall_reason",
)


@dataclass(frozen=True)
class Row:
    """One item as reported in one period."""

    period_id: int
    item_id: int
    number: str
    text: str
    level: int
    status_label: str
    status_colour: str
    status_position: int | None
    counts_as_done: bool
    due_date: date | None
    original_due_date: date | None
    slip_count: int
    overdue: bool
    owners: str  # initials as reported, "KD, JG"; blank when none were kept
    commentary: str
    rollup_rule: str
    rollup_counts: list[Any]
    overall_label: str
    overall_colour: str
    overall_reason: str


@dataclass(frozen=True)
class StatusWords:
    label: str
    colour: str


@dataclass
class Ratings:
    """A period's rows and its compared period's, in plan order, with the statuses as reported (the
    scheme's order: worst first)."""

    depth: int
    period_id: int
    now: list[Row]
    before: list[Row] | None  # None when there is no period to compare with
    statuses: list[StatusWords]
    position_words: dict[int, str] = field(default_factory=dict)  # position -> label, as now reported

    @property
    def lowest(self) -> list[Row]:
        return [row for row in self.now if row.level == self.depth]

    @property
    def lowest_before(self) -> list[Row]:
        return [row for row in self.before or [] if row.level == self.depth]

    @property
    def worst(self) -> str | None:
        """The label of the scheme's worst status as reported (its first), or None without statuses."""
        return self.statuses[0].label if self.statuses else None

    def is_red(self, row: Row) -> bool:
        """A row with the worst status that does not count as done (plans/rollup.py: lower is worse)."""
        return bool(row.status_label) and row.status_label == self.worst and not row.counts_as_done

    def label_of(self, row: Row) -> str:
        """The status a row is counted under: its own words, or for a row of the compared period at a
        position this period used, this period's words for it."""
        if row.status_position is not None and row.period_id != self.period_id:
            return self.position_words.get(row.status_position, row.status_label)
        return row.status_label

    def status_counts(self, rows: Iterable[Row]) -> Counter[str]:
        """How many rows have each status label ("" for none)."""
        return Counter(self.label_of(row) for row in rows)

    def best_first(self) -> list[StatusWords]:
        return list(reversed(self.statuses))


def read_ratings(*, plan: Plan, period: ReportingPeriod, previous: ReportingPeriod | None) -> Ratings:
    """The rows of `period` and `previous`, in plan order: one query (and one more for a plan that kept
    no roll-ups, whose statuses are read from its scheme with the words the rows kept)."""
    ids = [period.pk] + ([previous.pk] if previous is not None else [])
    rows = [
        Row(*values)
        for values in ReportedRating.objects.filter(period_id__in=ids)
        .order_by("item__sort_key", "period_id")
        .values_list(*FIELDS)
    ]
    now = [row for row in rows if row.period_id == period.pk]
    before = [row for row in rows if row.period_id != period.pk] if previous is not None else None
    position_words = {row.status_position: row.status_label for row in now if row.status_position is not None}
    kept = next((row.rollup_counts for row in now if row.rollup_counts), None)
    if kept:
        statuses = [StatusWords(str(entry[0]), str(entry[1])) for entry in kept if entry[0]]
    else:
        statuses = _from_scheme(statuses_of(plan=plan), now)
    return Ratings(
        depth=plan.depth,
        period_id=period.pk,
        now=now,
        before=before,
        statuses=statuses,
        position_words=position_words,
    )


def _from_scheme(scheme: Sequence[RagStatus], now: Sequence[Row]) -> list[StatusWords]:
    """The scheme's statuses in its order, each with the words and colour the period's rows kept for its
    position where one used it (a plan with one level keeps no roll-ups)."""
    kept = {row.status_position: (row.status_label, row.status_colour) for row in now if row.status_label}
    return [StatusWords(*kept.get(status.position, (status.label, status.colour))) for status in scheme]
