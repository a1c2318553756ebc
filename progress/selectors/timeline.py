"""An item's history across periods: as reported, or as it stands in a period not yet reported."""

from dataclasses import dataclass
from datetime import date

from common.prepared import PreparedQuery
from plans.models import Item

from .. import rules
from ..models import ReportedRating, ReportingPeriod, Update


@dataclass(frozen=True)
class PeriodRef:
    """A period as the timeline names and links it: no model instance, for an item with years of them."""

    pk: int
    name: str
    starts_on: date


@dataclass(frozen=True)
class TimelineEntry:
    period: PeriodRef
    label: str
    colour: str
    how: str  # "Reported", "Confirmed", "Proposed"
    commentary: str
    due: str
    overdue: bool


REPORTED = (
    "period_id",
    "period__name",
    "period__starts_on",
    "status_label",
    "status_colour",
    "commentary",
    "due_date",
    "original_due_date",
    "slip_count",
    "overdue",
)
OPEN = (
    "period_id",
    "period__name",
    "period__starts_on",
    "confirmed_status__label",
    "confirmed_status__colour",
    "proposed_status__label",
    "proposed_status__colour",
    "confirmed_at",
    "commentary",
)


# Prepared once (common.prepared): the item page's. Sorted below, so no ordering joins.
_REPORTED = PreparedQuery(
    lambda item: ReportedRating.objects.filter(item_id=item).order_by().values_list(*REPORTED), item=int
)
_OPEN = PreparedQuery(
    lambda item: (
        Update.objects.filter(item_id=item)
        .exclude(period__state=ReportingPeriod.State.REPORTED)
        .order_by()
        .values_list(*OPEN)
    ),
    item=int,
)


def item_timeline(*, item: Item) -> list[TimelineEntry]:
    """The item's status in each period, newest first: as reported, or as it stands in an open period.
    Two queries of plain values, however many periods the item has been through."""
    entries = [
        TimelineEntry(
            period=PeriodRef(period_pk, name, starts_on),
            label=label,
            colour=colour,
            how="Reported",
            commentary=commentary,
            due=rules.due_wording(due_date, original_due_date, slip_count),
            overdue=overdue,
        )
        for (
            period_pk,
            name,
            starts_on,
            label,
            colour,
            commentary,
            due_date,
            original_due_date,
            slip_count,
            overdue,
        ) in _REPORTED.all(item=item.pk)
    ]
    open_updates = _OPEN.all(item=item.pk)
    for (
        period_pk,
        name,
        starts_on,
        confirmed,
        confirmed_colour,
        proposed,
        proposed_colour,
        at,
        text,
    ) in open_updates:
        entries.append(
            TimelineEntry(
                period=PeriodRef(period_pk, name, starts_on),
                label=confirmed or proposed,
                colour=confirmed_colour if confirmed else proposed_colour,
                how="Confirmed" if at is not None else "Proposed",
                commentary=text,
                due="",
                overdue=False,
            )
        )
    entries.sort(key=lambda e: e.period.starts_on, reverse=True)
    return entries
