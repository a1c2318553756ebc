"""An item's history across periods: as reported, or as it stands in a period not yet reported."""

from dataclasses import dataclass

from plans.models import Item

from .. import rules
from ..models import ReportingPeriod


@dataclass(frozen=True)
class TimelineEntry:
    period: ReportingPeriod
    label: str
    colour: str
    how: str  # "Reported", "Confirmed", "Proposed"
    commentary: str
    due: str
    overdue: bool


def item_timeline(*, item: Item) -> list[TimelineEntry]:
    """The item's status in each period, newest first: as reported, or as it stands in an open period."""
    entries = []
    ratings = item.reported_ratings.select_related("period").defer("period__trend")
    for rating in ratings.order_by("-period__starts_on"):
        entries.append(
            TimelineEntry(
                period=rating.period,
                label=rating.status_label,
                colour=rating.status_colour,
                how="Reported",
                commentary=rating.commentary,
                due=rules.due_wording(rating.due_date, rating.original_due_date, rating.slip_count),
                overdue=rating.overdue,
            )
        )
    open_updates = (
        item.updates.exclude(period__state=ReportingPeriod.State.REPORTED)
        .select_related("period", "proposed_status", "confirmed_status")
        .defer("period__trend")
        .order_by("-period__starts_on")
    )
    for update in open_updates:
        status = update.confirmed_status or update.proposed_status
        entries.append(
            TimelineEntry(
                period=update.period,
                label=status.label,
                colour=status.colour,
                how="Confirmed" if update.is_confirmed else "Proposed",
                commentary=update.commentary,
                due="",
                overdue=False,
            )
        )
    entries.sort(key=lambda e: e.period.starts_on, reverse=True)
    return entries
