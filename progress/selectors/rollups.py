"""Roll-ups on the cycle's pages: each item above the lowest level rated from the items under it, live
while a period is open and as reported once it is (the frozen `ReportedRating` rows), and a top-level
item's roll-up across the reported periods (its trend)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from areas.access import Access
from common.urls import url_maker
from plans import rollup
from plans import rules as plan_rules
from plans import selectors as plan_selectors
from plans.models import Item
from plans.selectors import Rollup, RollupRow

from ..models import ReportedRating, ReportingPeriod

FROZEN = ("rollup_rule", "rollup_counts", "overall_label", "overall_colour", "overall_reason")


def frozen_rollup(*, rule: str, counts: list[Any], label: str, colour: str, reason: str) -> Rollup | None:
    """A roll-up as it was reported, from a rating's stored values; None if the period was reported
    before roll-ups were kept."""
    if not rule:
        return None
    return Rollup(
        rule=rule,
        rule_name=rollup.RULES.get(rule, rule),
        counts=[(str(entry[0]), str(entry[1]), int(entry[2])) for entry in counts],
        rating_label=label,
        rating_colour=colour,
        reason=reason,
    )


def reported_rollups(
    *, access: Access, period: ReportingPeriod, max_level: int = plan_rules.MAX_LEVELS
) -> list[RollupRow]:
    """The roll-up of each item above the lowest level (down to `max_level`) as the board was told it
    for `period`, in plan order: one query, whatever has changed in the plan since."""
    rows = (
        period.ratings.filter(level__lt=period.plan.depth, level__lte=max_level)
        .order_by("item__sort_key")
        .values_list("item_id", "number", "text", "level", *FROZEN)
    )
    item_url = url_maker("plans:item", area=access.area.slug)
    found = []
    for item_id, number, text, level, rule, counts, label, colour, reason in rows:
        kept = frozen_rollup(rule=rule, counts=counts, label=label, colour=colour, reason=reason)
        if kept is not None:
            found.append(RollupRow(item_id, item_url(item_id), number, text, level, kept))
    return found


PERIOD_PAGE_LEVELS = 2  # the period page shows the top two levels' roll-ups; each item's page, its own


def period_rollups(*, access: Access, period: ReportingPeriod) -> list[RollupRow]:
    """The period page's roll-ups of the top two levels: as reported once the period is, else live from
    the items' statuses."""
    if period.is_reported:
        return reported_rollups(access=access, period=period, max_level=PERIOD_PAGE_LEVELS)
    plan = period.plan
    return plan_selectors.plan_rollups(
        access=access, plan=plan, statuses=plan_selectors.statuses_of(plan=plan), max_level=PERIOD_PAGE_LEVELS
    )


@dataclass(frozen=True)
class RollupPoint:
    """An item's roll-up in one reported period."""

    period_pk: int
    period_name: str
    ends_on: date
    rollup: Rollup


def rollup_trend(*, item: Item) -> list[RollupPoint]:
    """An item's roll-up in each reported period that kept one, oldest first: one query."""
    if item.level >= item.plan.depth:
        return []
    rows = (
        ReportedRating.objects.filter(item=item, period__state=ReportingPeriod.State.REPORTED)
        .exclude(rollup_rule="")
        .order_by("period__starts_on")
        .values_list("period_id", "period__name", "period__ends_on", *FROZEN)
    )
    points = []
    for period_pk, name, ends_on, rule, counts, label, colour, reason in rows:
        kept = frozen_rollup(rule=rule, counts=counts, label=label, colour=colour, reason=reason)
        if kept is not None:
            points.append(RollupPoint(period_pk, name, ends_on, kept))
    return points
