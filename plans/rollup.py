"""How an item above a plan's lowest level is rated from the lowest-level items under it (its roll-up).

Plain Python, no Django: each rule is tested on its own (tests/plans/test_rollup.py).

A status is known here by its position in the plan's RAG scheme. A scheme lists its statuses from the
furthest from done to done (red, amber, green, blue), so **a lower position is worse**: the worst
status is the one furthest from done (progress.rules.is_worst and progress.rules.movement read the
order the same way). Statuses that count as done sit at the end of a scheme and are compared like
any other: they are only ever the worst when every item under the roll-up is done.

An item with no status yet has nothing to say about how the work is going: it is counted (as
"No status") but leaves the overall rating alone. Nothing rated under an item gives it no rating.
"""

from collections import Counter
from collections.abc import Iterable, Mapping

WORST, MOST_COMMON, BY_HAND = "worst", "most_common", "by_hand"

RULES: dict[str, str] = {
    WORST: "Worst status",
    MOST_COMMON: "Most common status",
    BY_HAND: "Set by hand",
}
RULE_HINTS: dict[str, str] = {
    WORST: "The item takes the worst status of the items under it: one red item makes it red. "
    "Items with no status yet are left out.",
    MOST_COMMON: "The item takes the status most of the items under it have. When two statuses are "
    "as common as each other, it takes the worse. Items with no status yet are left out.",
    BY_HAND: "The programme manager or the workstream's lead sets the item's rating, with a reason. "
    "The counts of the items under it are still shown beside it.",
}

Counts = Mapping[int | None, int]  # status position (None: no status) -> how many items have it


def count_positions(positions: Iterable[int | None]) -> dict[int | None, int]:
    """How many items have each status position (None for an item with no status)."""
    return dict(Counter(positions))


def worst_status(counts: Counts) -> int | None:
    """The worst status among the items counted: the lowest position with at least one item.

    Items with no status are left out; when no item has a status, there is no rating (None).
    """
    rated = [position for position, count in counts.items() if position is not None and count > 0]
    return min(rated, default=None)


def most_common_status(counts: Counts) -> int | None:
    """The status most of the items counted have; of two as common, the worse (lower position).

    Items with no status are left out; when no item has a status, there is no rating (None).
    """
    rated = [(position, count) for position, count in counts.items() if position is not None and count > 0]
    if not rated:
        return None
    return min(rated, key=lambda entry: (-entry[1], entry[0]))[0]


def overall_rating(rule: str, counts: Counts, by_hand: int | None = None) -> int | None:
    """An item's overall rating under the plan's `rule`: worst status, most common status, or the
    position set by hand (`by_hand`, None until someone sets it)."""
    if rule == BY_HAND:
        return by_hand
    if rule == MOST_COMMON:
        return most_common_status(counts)
    if rule == WORST:
        return worst_status(counts)
    raise ValueError(f"No such roll-up rule: {rule}")


def ancestor_numbers(number: str) -> list[str]:
    """The numbers of the items above `number`, top first: "1.2.3" is under "1" and "1.2"."""
    parts = number.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def roll_up(lowest: Iterable[tuple[str, int | None]]) -> dict[str, dict[int | None, int]]:
    """The counts by status position under every item above the lowest level, by its number, from the
    lowest-level items' (number, status position): each item counts under every number above it
    (`ancestor_numbers`), found by cutting its number's last part off in turn."""
    counts: dict[str, dict[int | None, int]] = {}
    for number, position in lowest:
        above = number.rpartition(".")[0]
        while above:
            entry = counts.get(above)
            if entry is None:
                entry = counts[above] = {}
            entry[position] = entry.get(position, 0) + 1
            above = above.rpartition(".")[0]
    return counts
