"""The SEND scorecard's rules, as plain functions of plain values: the rating rule, the target in
force, direction of travel, and the summary boards read.

Nothing here imports Django, so each rule is tested on its own (tests/scorecard/test_rating.py)
and against the worked examples in docs/ratings.md, which explain the rule to board members
(tests/scorecard/test_ratings_doc.py runs that table).

Figures are Decimal throughout: DfE files publish them as text ("58.3"), and "within 0.1 of the
target" must mean exactly that, which binary floats cannot promise. Floats are refused; pass
Decimal, int or numeric text, and None where there is no figure (reading the DfE's missing-value
symbols is the DfE reader's job, not this module's).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, overload

Number = Decimal | int | str


class Polarity(StrEnum):
    """Whether a higher or a lower value is better (lower for absence, exclusions, waiting times)."""

    HIGHER = "higher"
    LOWER = "lower"


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    CONTEXTUAL = "contextual"  # has a figure, shown for information, not rated
    NO_DATA = "no_data"  # defined, but no figure yet
    TO_BE_DEFINED = "to_be_defined"  # no agreed definition or source yet

    @property
    def label(self) -> str:
        names = {"contextual": "Not rated", "no_data": "No data", "to_be_defined": "To be defined"}
        return names.get(self.value, self.value.capitalize())


class Direction(StrEnum):
    IMPROVING = "improving"
    DECLINING = "declining"
    NO_CHANGE = "no_change"
    NOT_KNOWN = "not_known"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ToleranceKind(StrEnum):
    """A tolerance in the measure's own units (percentage points for a % measure), or a % of the target."""

    UNITS = "units"
    PERCENT_OF_TARGET = "percent_of_target"


class NearMiss(StrEnum):
    """What a value within the tolerance of its target is rated: amber, or green ("very close")."""

    AMBER = "amber"
    GREEN = "green"


class NoTarget(StrEnum):
    """What happens to a measure with no target: compared with England and the region, or not rated."""

    COMPARE = "compare"
    NOT_RATED = "not_rated"


@overload
def _number(value: Number) -> Decimal: ...
@overload
def _number(value: Number | None) -> Decimal | None: ...
def _number(value: Number | None) -> Decimal | None:
    """A figure as a Decimal; None (no data) stays None and is never taken as zero."""
    if value is None:
        return None
    if isinstance(value, bool | float):
        raise TypeError("Give figures as Decimal, int or text, not float or bool")
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(f"“{value}” is not a figure: pass None when there is no data")
    return number


@dataclass(frozen=True)
class RatingSettings:
    """How an area rates its measures; a measure may override any of them (see effective_settings).

    The defaults are the plain rule: no tolerance (a target is met or not), a near miss would be
    amber, measures without a target are compared with England and the region, and any change
    at all counts as improving or declining.
    """

    tolerance: Decimal = Decimal(0)
    tolerance_kind: ToleranceKind = ToleranceKind.UNITS
    near_miss: NearMiss = NearMiss.AMBER
    no_target: NoTarget = NoTarget.COMPARE
    direction_threshold: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for name in ("tolerance", "direction_threshold"):
            amount = _number(getattr(self, name))
            if amount is None or amount < 0:
                raise ValueError(f"The {name.replace('_', ' ')} must be zero or more")
            object.__setattr__(self, name, amount)
        for name, kind in (
            ("tolerance_kind", ToleranceKind),
            ("near_miss", NearMiss),
            ("no_target", NoTarget),
        ):
            object.__setattr__(self, name, kind(getattr(self, name)))


DEFAULT_SETTINGS = RatingSettings()


def effective_settings(
    area_settings: RatingSettings, overrides: Mapping[str, object] | None
) -> RatingSettings:
    """A measure's settings: the area's, with each one the measure sets (not None) replaced by its own.

    `overrides` names RatingSettings fields, e.g. {"tolerance": Decimal("2"), "near_miss": None};
    an unknown name is an error.
    """
    # Any: each value is read by RatingSettings.__post_init__, as when the area's settings are made.
    chosen: dict[str, Any] = {name: value for name, value in (overrides or {}).items() if value is not None}
    return replace(area_settings, **chosen)


def tolerance_amount(target: Number, settings: RatingSettings) -> Decimal:
    """The tolerance in the measure's units: as set, or that % of the target (5% of 12 weeks is 0.6 weeks)."""
    if settings.tolerance_kind is ToleranceKind.PERCENT_OF_TARGET:
        return abs(_number(target)) * settings.tolerance / 100
    return settings.tolerance


def target_in_force(
    period_ends_on: date, targets: Iterable[tuple[date, Decimal]]
) -> tuple[date, Decimal] | None:
    """The target a figure for the period ending `period_ends_on` is judged against.

    A measure may have several targets over time ("14.76% by July 2020, 13% by July 2022").
    A figure is judged against the first target due on or after its period ends: the next
    milestone still ahead of it. Once every target's date has passed, the last one still stands,
    so a figure is never left unrated because its deadline went by. No targets: None.
    """
    ordered = sorted(targets)
    if not ordered:
        return None
    for due, value in ordered:
        if due >= period_ends_on:
            return due, value
    return ordered[-1]


def show(number: Decimal, unit: str = "", *, difference: bool = False) -> str:
    """A figure as a board paper prints it: 68.2%, 12.6 weeks, 2,915; a difference in a % measure is
    in percentage points."""
    plain = f"{number.normalize():,f}"
    if unit == "%":
        return f"{plain} percentage {'point' if number == 1 else 'points'}" if difference else f"{plain}%"
    return f"{plain} {unit}" if unit else plain


@dataclass(frozen=True)
class RatingResult:
    rating: Rating
    reason: str


def is_better(value: Decimal, than: Decimal, polarity: Polarity) -> bool:
    """Higher is better unless the measure's polarity says lower is."""
    return value > than if polarity is Polarity.HIGHER else value < than


def rate(
    value: Number | None,
    *,
    target: Number | None = None,
    england: Number | None = None,
    region: Number | None = None,
    polarity: Polarity,
    contextual: bool = False,
    to_be_defined: bool = False,
    unit: str = "",
    settings: RatingSettings = DEFAULT_SETTINGS,
    region_name: str = "the region",
) -> RatingResult:
    """A measure's rating and the reason for it, in words a board member can read (the region named
    as the area knows it, "the North West", when `region_name` is given).

    1. A measure still to be defined is not rated; nor is one with no figure yet (no data,
       never taken as zero); nor a contextual measure.
    2. With a target: met (equal counts) is green; short of it by no more than the tolerance is
       amber, or green if the area counts a near miss as "very close"; further short is red.
    3. With no target, unless the area chooses not to rate such measures: at least as good as both
       England and the region is green, worse than both is red, between them is amber. With
       only one of the two, that one decides. With neither, the measure is not rated.
    Where lower is better, "short of" and "as good as" reverse.
    """
    polarity = Polarity(polarity)
    if to_be_defined:
        return RatingResult(Rating.TO_BE_DEFINED, "Still to be defined: no agreed definition or data yet")
    number = _number(value)
    if number is None:
        return RatingResult(Rating.NO_DATA, "No data yet")
    if contextual:
        return RatingResult(Rating.CONTEXTUAL, f"Contextual, shown for information: {show(number, unit)}")
    goal = _number(target)
    if goal is not None:
        return _against_target(number, goal, polarity, unit, settings)
    if settings.no_target is NoTarget.NOT_RATED:
        return RatingResult(Rating.CONTEXTUAL, f"No target set, so not rated: {show(number, unit)}")
    return _against_comparators(number, _number(england), _number(region), polarity, unit, region_name)


def _against_target(
    value: Decimal, target: Decimal, polarity: Polarity, unit: str, settings: RatingSettings
) -> RatingResult:
    aim, figure, gap = show(target, unit), show(value, unit), abs(target - value)
    if not is_better(target, value, polarity):
        return RatingResult(Rating.GREEN, f"Target {aim} met: {figure}")
    short = f"{show(gap, unit, difference=True)} {'below' if polarity is Polarity.HIGHER else 'above'} it"
    allowed = tolerance_amount(target, settings)
    if gap > allowed:
        return RatingResult(Rating.RED, f"Target {aim} not met: {figure}, {short}")
    within = f"within the tolerance of {show(allowed, unit, difference=True)}"
    if settings.near_miss is NearMiss.GREEN:
        return RatingResult(Rating.GREEN, f"Target {aim} very nearly met: {figure}, {short}, {within}")
    return RatingResult(Rating.AMBER, f"Target {aim} nearly met: {figure}, {short}, {within}")


def _against_comparators(
    value: Decimal,
    england: Decimal | None,
    region: Decimal | None,
    polarity: Polarity,
    unit: str,
    region_name: str = "the region",
) -> RatingResult:
    figure = show(value, unit)
    known = [(name, c) for name, c in (("England", england), (region_name, region)) if c is not None]
    if not known:
        reason = f"No target and no England or regional figure, so not rated: {figure}"
        return RatingResult(Rating.CONTEXTUAL, reason)
    words = []
    for name, comparator in known:
        if is_better(value, comparator, polarity):
            relation = "better than"
        else:
            relation = "the same as" if value == comparator else "worse than"
        words.append(f"{relation} {name} ({show(comparator, unit)})")
    reason = f"No target: {figure} is {' and '.join(words)}"
    if len(known) == 1:
        reason += "; no regional figure" if region is None else "; no England figure"
    behind = sum(1 for _, comparator in known if is_better(comparator, value, polarity))
    if behind == 0:
        return RatingResult(Rating.GREEN, reason)
    return RatingResult(Rating.RED if behind == len(known) else Rating.AMBER, reason)


def direction(
    previous: Number | None, latest: Number | None, *, polarity: Polarity, threshold: Number = 0
) -> Direction:
    """Improving or declining since the previous figure, as the measure's polarity reads it.

    A change no bigger than the threshold (in the measure's units) is no change. Without both
    figures the direction is not known.
    """
    before, now, limit = _number(previous), _number(latest), _number(threshold)
    if limit is None or limit < 0:
        raise ValueError("The direction threshold must be zero or more")
    if before is None or now is None:
        return Direction.NOT_KNOWN
    if abs(now - before) <= limit:
        return Direction.NO_CHANGE
    return Direction.IMPROVING if is_better(now, before, Polarity(polarity)) else Direction.DECLINING


_TRAVEL_WORDS = {
    Direction.IMPROVING: "improving",
    Direction.DECLINING: "declining",
    Direction.NO_CHANGE: "unchanged",
    Direction.NOT_KNOWN: "with no earlier figure",
}


@dataclass(frozen=True)
class RatedCount:
    """How many measures have one rating, split by direction of travel."""

    improving: int = 0
    declining: int = 0
    no_change: int = 0
    not_known: int = 0

    @property
    def total(self) -> int:
        return self.improving + self.declining + self.no_change + self.not_known

    def phrase(self, colour: str) -> str:
        """ "6 red (3 improving, 3 declining)", "3 green (all improving)", "1 amber (unchanged)"."""
        parts = [(way, getattr(self, way.value)) for way in Direction if getattr(self, way.value)]
        if not parts:
            return f"0 {colour}"
        if len(parts) == 1:
            travel = _TRAVEL_WORDS[parts[0][0]] if self.total == 1 else f"all {_TRAVEL_WORDS[parts[0][0]]}"
        else:
            travel = ", ".join(f"{count} {_TRAVEL_WORDS[way]}" for way, count in parts)
        return f"{self.total} {colour} ({travel})"


@dataclass(frozen=True)
class ScorecardSummary:
    """The scorecard as boards read it. Measures with no data count as "to be defined", as boards
    count measures "to be further defined, or where data will be supplied soon"."""

    green: RatedCount
    amber: RatedCount
    red: RatedCount
    contextual: int
    no_data: int
    to_be_defined: int

    @property
    def with_data(self) -> int:
        """Measures with a figure: the rated ones and the contextual ones."""
        return self.green.total + self.amber.total + self.red.total + self.contextual

    def sentence(self) -> str:
        """ "11 measures with data: 3 green (all improving), 6 red (3 improving, 3 declining), 0 amber,
        2 contextual; 25 to be defined"."""
        noun = "measure" if self.with_data == 1 else "measures"
        colours = ", ".join(count.phrase(name) for name, count in self._colours())
        return (
            f"{self.with_data} {noun} with data: {colours}, {self.contextual} contextual; "
            f"{self.no_data + self.to_be_defined} to be defined"
        )

    def _colours(self) -> list[tuple[str, RatedCount]]:
        return [("green", self.green), ("red", self.red), ("amber", self.amber)]


def summarise(results: Iterable[tuple[Rating | str, Direction | str]]) -> ScorecardSummary:
    """Counts of each rating, with green, amber and red split by direction of travel since the last period."""
    counts = Counter((Rating(rating), Direction(way)) for rating, way in results)
    rated = {r: RatedCount(**{way.value: counts[r, way] for way in Direction}) for r in Rating}
    return ScorecardSummary(
        green=rated[Rating.GREEN],
        amber=rated[Rating.AMBER],
        red=rated[Rating.RED],
        contextual=rated[Rating.CONTEXTUAL].total,
        no_data=rated[Rating.NO_DATA].total,
        to_be_defined=rated[Rating.TO_BE_DEFINED].total,
    )
