"""Figures as they are kept in a reported assessment's JSON, and back. Plain Python: no Django import.

A point is kept as {"period": "2024", "ends_on": "2024-12-31", "value": "7.8000", "missing_reason": ""}:
the value as text, so it comes back as exactly the Decimal the board was shown, and None when the
figure was not available (the reason says why).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NotRequired, TypedDict, overload

from .assess import Point


class FrozenPoint(TypedDict):
    period: str
    ends_on: str  # ISO date
    value: str | None
    missing_reason: str
    made_from: NotRequired[str]


@overload
def point_frozen(point: Point) -> FrozenPoint: ...
@overload
def point_frozen(point: None) -> None: ...
@overload
def point_frozen(point: Point | None) -> FrozenPoint | None: ...
def point_frozen(point: Point | None) -> FrozenPoint | None:
    """A point as JSON; no point is None."""
    if point is None:
        return None
    kept: FrozenPoint = {
        "period": point.period,
        "ends_on": point.ends_on.isoformat(),
        "value": None if point.value is None else str(point.value),
        "missing_reason": point.missing_reason,
    }
    if point.made_from:
        kept["made_from"] = point.made_from  # the neighbours' mean: how many it averages
    return kept


def point_thawed(kept: FrozenPoint | None) -> Point | None:
    """A point read back from its JSON; None stays None."""
    if not kept:
        return None
    return _thawed(kept)


def _thawed(kept: FrozenPoint) -> Point:
    value = kept.get("value")
    return Point(
        date.fromisoformat(kept["ends_on"]),
        kept["period"],
        None if value is None else Decimal(value),
        kept.get("missing_reason") or "",
        kept.get("made_from") or "",
    )


def points_frozen(points: Iterable[Point]) -> list[FrozenPoint]:
    return [point_frozen(point) for point in points]


def points_thawed(kept: Iterable[FrozenPoint]) -> list[Point]:
    return [_thawed(point) for point in kept]
