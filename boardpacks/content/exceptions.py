"""Exceptions: the lowest-level items that were red (the scheme's worst status, not done), overdue at the
period's end, or whose due date had slipped, as reported, each with its owners' initials, its commentary
as reported and the mitigation written in the period's update (updates of a reported period never
change). The owners are those kept when the period was reported, never today's: blank where none were
kept."""

from progress.models import Update

from .parts import iso, status
from .ratings import Row
from .schema import ExceptionItem, Exceptions
from .source import Source


def exceptions_section(source: Source) -> Exceptions:
    ratings = source.ratings
    lowest = ratings.lowest
    written = Update.objects.filter(period=source.period).exclude(mitigation="")
    mitigations = dict(written.values_list("item_id", "mitigation"))

    def item(row: Row) -> ExceptionItem:
        return {
            "number": row.number,
            "text": row.text,
            "level_name": source.plan.level_name(row.level),
            "status": status(row.status_label, row.status_colour),
            "due_date": iso(row.due_date),
            "original_due_date": iso(row.original_due_date),
            "slip_count": row.slip_count,
            "owners": row.owners,
            "commentary": row.commentary,
            "mitigation": mitigations.get(row.item_id, ""),
        }

    return {
        "red": [item(row) for row in lowest if ratings.is_red(row)],
        "overdue": [item(row) for row in lowest if row.overdue],
        "slipped": [item(row) for row in lowest if row.slip_count > 0],
    }
