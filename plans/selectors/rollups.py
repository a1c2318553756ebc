"""The overview's counts and each higher item's roll-up (plans.rollup), live: a fixed number of queries."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Substr

from areas.access import Access
from common.urls import url_maker

from .. import rollup, rules
from ..models import Item, Plan, RagStatus
from .plans import not_done, statuses_of


@dataclass
class TopLevelRow:
    item: Item
    counts: dict[int | None, int] = field(default_factory=dict)
    total: int = 0
    overdue: int = 0
    done: int = 0
    cells: list[int] = field(default_factory=list)  # counts in the scheme's order, then "no status"
    rollup: "Rollup | None" = None


def plan_overview(*, plan: Plan, today: date) -> tuple[list[TopLevelRow], list[RagStatus]]:
    """Each top-level item with the count of lowest-level items under it in each status, and overdue."""
    statuses = statuses_of(plan=plan)
    done_ids = [s.pk for s in statuses if s.counts_as_done]
    tops = list(plan.items.current().filter(level=1))
    rows = {t.sort_key: TopLevelRow(item=t) for t in tops}
    counts = (
        plan.items.current()
        .filter(level=plan.depth)
        .annotate(top=Substr("sort_key", 1, 8))
        .values("top", "status_id")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=Q(due_date__lt=today) & not_done(done_ids=done_ids)),
        )
    )
    for entry in counts:
        row = rows.get(entry["top"])
        if row is None:
            continue
        row.counts[entry["status_id"]] = row.counts.get(entry["status_id"], 0) + entry["n"]
        row.total += entry["n"]
        row.overdue += entry["overdue"]
        if entry["status_id"] in done_ids:
            row.done += entry["n"]
    order = [s.pk for s in statuses] + [None]
    for row in rows.values():
        row.cells = [row.counts.get(pk, 0) for pk in order]
        row.rollup = rollup_of(plan=plan, statuses=statuses, counts=row.counts, item=row.item)
    return list(rows.values()), statuses


@dataclass(frozen=True)
class Rollup:
    """An item above the lowest level as the items under it rate it: live, or as reported.

    `counts` are (status label, colour, how many) in the scheme's order, then ("", "", how many have no
    status); the overall rating is by the plan's rule (plans.rollup), named in `rule_name`."""

    rule: str
    rule_name: str
    counts: list[tuple[str, str, int]]
    rating_label: str = ""
    rating_colour: str = ""
    reason: str = ""

    @property
    def total(self) -> int:
        return sum(count for _, _, count in self.counts)

    @property
    def by_hand(self) -> bool:
        return self.rule == rollup.BY_HAND


def rollup_of(
    *,
    plan: Plan,
    statuses: list[RagStatus],
    counts: dict[int | None, int],
    item: Item,
) -> Rollup:
    """The roll-up of `item` from `counts` (status id, None for none -> lowest-level items under it)."""
    by_id = {s.pk: s for s in statuses}
    by_position = {s.position: s for s in statuses}
    positions: dict[int | None, int] = {}
    for status_id, count in counts.items():
        status = by_id.get(status_id) if status_id is not None else None
        key = status.position if status is not None else None
        positions[key] = positions.get(key, 0) + count
    hand = by_id.get(item.overall_status_id) if item.overall_status_id else None
    position = rollup.overall_rating(plan.rollup_rule, positions, hand.position if hand else None)
    rating = by_position.get(position) if position is not None else None
    return Rollup(
        rule=plan.rollup_rule,
        # as get_rollup_rule_display() names it, without its lookup in the field's choices for every row
        rule_name=rollup.RULES.get(plan.rollup_rule, plan.rollup_rule),
        counts=[(s.label, s.colour, counts.get(s.pk, 0)) for s in statuses] + [("", "", counts.get(None, 0))],
        rating_label=rating.label if rating else "",
        rating_colour=rating.colour if rating else "",
        reason=item.overall_reason if plan.rollup_rule == rollup.BY_HAND else "",
    )


def item_rollup(
    *, item: Item, statuses: list[RagStatus], lowest_under: Iterable[int | None] | None = None
) -> Rollup | None:
    """The live roll-up of an item above the lowest level, in one query, or none when the caller has
    read the status ids of the current lowest-level items under it (`lowest_under`: the children of an
    item one level above the lowest); None for a lowest-level item."""
    plan = item.plan
    if item.level >= plan.depth:
        return None
    if lowest_under is not None:
        counts: dict[int | None, int] = dict(Counter(lowest_under))
    else:
        counts = dict(
            plan.items.current()
            .filter(level=plan.depth, sort_key__startswith=item.sort_key + ".")
            .values("status_id")
            .annotate(n=Count("id"))
            .values_list("status_id", "n")
        )
    return rollup_of(plan=plan, statuses=statuses, counts=counts, item=item)


@dataclass(frozen=True)
class RollupRow:
    """An item above the lowest level and its roll-up, as the period page lists them."""

    pk: int
    url: str
    number: str
    text: str
    level: int
    rollup: Rollup


def plan_rollups(
    *, access: Access, plan: Plan, statuses: list[RagStatus], max_level: int = rules.MAX_LEVELS
) -> list[RollupRow]:
    """The live roll-up of each current item above the plan's lowest level (down to `max_level`), in plan
    order: two queries."""
    above = list(
        plan.items.current()
        .filter(level__lt=plan.depth, level__lte=max_level)
        .order_by("sort_key")
        .only("pk", "plan", "number", "text", "level", "overall_status_id", "overall_reason")
    )
    lowest = plan.items.current().filter(level=plan.depth).values_list("number", "status_id")
    counts = rollup.roll_up(lowest)
    item_url = url_maker("plans:item", area=access.area.slug)
    return [
        RollupRow(
            pk=item.pk,
            url=item_url(item.pk),
            number=item.number,
            text=item.text,
            level=item.level,
            rollup=rollup_of(plan=plan, statuses=statuses, counts=counts.get(item.number, {}), item=item),
        )
        for item in above
    ]
