"""One measure assessed from its figures: the latest figure, the target in force, the comparators
for that period, the rating and the direction of travel. Plain Python: no Django import.

The scorecard page, the measure page, the exceptions view and the bench all assess measures
through `assess`, so a measure is rated the same way everywhere.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .rules import (
    DEFAULT_SETTINGS,
    Direction,
    Polarity,
    Rating,
    RatingResult,
    RatingSettings,
    direction,
    rate,
    target_in_force,
)


class Point(NamedTuple):
    """One period's figure; `value` None means not available, and `missing_reason` says why. `made_from`
    says how a figure made from others was made ("mean of 2 of 3 neighbours; Trafford: x").
    A named tuple: a scorecard of 120 measures makes tens of thousands of them."""

    ends_on: date
    period: str
    value: Decimal | None
    missing_reason: str = ""
    made_from: str = ""


def known_value(point: Point) -> Decimal:
    """The value of a point known to have one: the latest figure, a point in a run of figures."""
    if point.value is None:
        raise ValueError(f"{point.period} has no figure")
    return point.value


@dataclass(frozen=True)
class Assessment:
    rating: Rating
    reason: str
    direction: Direction
    latest: Point | None = None
    previous: Point | None = None
    target: tuple[date, Decimal] | None = None
    comparators: Mapping[str, Point] = field(default_factory=dict)
    last_period: Point | None = None

    @property
    def is_exception(self) -> bool:
        """Red, or getting worse: what the exceptions view lists."""
        return self.rating is Rating.RED or self.direction is Direction.DECLINING


def latest_two(points: Iterable[Point]) -> tuple[Point | None, Point | None]:
    """The latest figure with a value and the one with a value before it (points in any order)."""
    known = sorted((p for p in points if p.value is not None), key=lambda p: p.ends_on)
    latest = known[-1] if known else None
    previous = known[-2] if len(known) > 1 else None
    return latest, previous


def assess(
    points: Iterable[Point],
    *,
    polarity: Polarity | str,
    targets: Iterable[tuple[date, Decimal]] = (),
    comparators: Mapping[str, Iterable[Point]] | None = None,
    contextual: bool = False,
    to_be_defined: bool = False,
    unit: str = "",
    settings: RatingSettings = DEFAULT_SETTINGS,
    region_name: str = "the region",
) -> Assessment:
    """Rate the latest figure against the target in force for its period, or, with no target,
    against England's and the region's figures for the same period (rating.rate), and compare it
    with the figure before (rating.direction).

    `comparators` maps a series ("england", "region", "neighbours") to its points. A latest period
    with no figure (suppressed, say) does not hide the last known one: the last known figure is
    rated, and `last_period` shows the newer gap with its reason.
    """
    points = list(points)
    latest, previous = latest_two(points)
    last_period = max(points, key=lambda p: p.ends_on) if points else None
    compared: dict[str, Point] = {}
    if latest is not None:
        for name, series in (comparators or {}).items():
            match = next((p for p in series if p.period == latest.period), None)
            if match is not None:
                compared[name] = match
    target = target_in_force(latest.ends_on, targets) if latest else None
    result: RatingResult = rate(
        latest.value if latest else None,
        target=target[1] if target else None,
        england=_value(compared.get("england")),
        region=_value(compared.get("region")),
        polarity=Polarity(polarity),
        contextual=contextual,
        to_be_defined=to_be_defined,
        unit=unit,
        settings=settings,
        region_name=region_name,
    )
    reason = result.reason
    if latest is None and last_period is not None and not to_be_defined:
        reason = f"No figure yet: {last_period.period} is not available ({last_period.missing_reason})"
    way = direction(
        previous.value if previous else None,
        latest.value if latest else None,
        polarity=Polarity(polarity),
        threshold=settings.direction_threshold,
    )
    if to_be_defined or contextual:
        way = Direction.NOT_KNOWN  # contextual measures have no better direction (docs/ratings.md)
    return Assessment(
        rating=result.rating,
        reason=reason,
        direction=way,
        latest=latest,
        previous=previous,
        target=target,
        comparators=compared,
        last_period=last_period,
    )


def _value(point: Point | None) -> Decimal | None:
    return point.value if point else None
