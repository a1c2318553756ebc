"""What changed between two reported periods, worked out once when the later one is reported.

Both periods are frozen (their `ReportedRating` rows never change), so the comparison never
changes either: it is stored on the period as plain JSON and the plan overview reads it
in one query, however long the plan or its history.
"""

from collections.abc import Iterable
from typing import TypedDict

from . import rules
from .models import ReportedRating, ReportingPeriod

NO_STATUS = "none"

Moved = list[int | str]  # [item id, number, status before, status now], as JSON keeps it


class TopTrend(TypedDict):
    """One top-level item: its items' counts by status column ("none" for no status), now and before,
    and the items that moved."""

    now: dict[str, int]
    before: dict[str, int]
    improved: list[Moved]
    declined: list[Moved]


class StoredTrend(TypedDict):
    """What a reported period keeps (`ReportingPeriod.trend`): the period it was compared with, and
    each top-level item's trend by its number."""

    against: int
    against_name: str
    tops: dict[str, TopTrend]


def _column(position: int | None) -> str:
    return NO_STATUS if position is None else str(position)


def compare(
    now: Iterable[tuple[int, str, int | None, str]], before: dict[int, tuple[int | None, str]]
) -> dict[str, TopTrend]:
    """Counts by top-level number and status position, now and before, and the items that moved.

    `now` holds (item id, number, status position, status label) for the later period's
    lowest-level items; `before` maps item id to (status position, status label) in the earlier.
    Positions are keys as text ("none" for no status), so the result survives JSON.
    """
    tops: dict[str, TopTrend] = {}

    def top(number: str) -> TopTrend:
        key = number.split(".", 1)[0]
        return tops.setdefault(key, {"now": {}, "before": {}, "improved": [], "declined": []})

    for item_id, number, position, label in now:
        entry = top(number)
        column = _column(position)
        entry["now"][column] = entry["now"].get(column, 0) + 1
        if item_id not in before:
            continue
        before_position, before_label = before[item_id]
        column = _column(before_position)
        entry["before"][column] = entry["before"].get(column, 0) + 1
        moved = rules.movement(before_position, position)
        if moved in (rules.IMPROVED, rules.DECLINED):
            movers = entry["improved"] if moved == rules.IMPROVED else entry["declined"]
            movers.append([item_id, number, before_label or "No status", label or "No status"])
    return tops


def trend_between(latest: ReportingPeriod, previous: ReportingPeriod, depth: int) -> StoredTrend:
    """The stored trend of `latest` against `previous`, from their frozen ratings."""
    now, before = [], {}
    rows = ReportedRating.objects.filter(period__in=[latest, previous], level=depth).values_list(
        "period_id", "item_id", "number", "status_position", "status_label"
    )
    latest_pk = latest.pk
    for period_id, item_id, number, position, label in rows:
        if period_id == latest_pk:
            now.append((item_id, number, position, label))
        else:
            before[item_id] = (position, label)
    return {"against": previous.pk, "against_name": previous.name, "tops": compare(now, before)}
