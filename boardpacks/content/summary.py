"""The summary: the lowest-level items by status against the compared period (counted as the programme
at a glance counts them, progress/selectors/glance.py), the red and overdue counts, the scorecard's
summary and the red risks, all as reported."""

from .parts import status_counts
from .ratings import NO_STATUS_COLOUR, NO_STATUS_LABEL
from .risks import red_risks
from .schema import StatusCount, Summary
from .scorecard import scorecard_summary
from .source import Source


def summary_section(source: Source) -> Summary:
    ratings = source.ratings
    lowest = ratings.lowest
    now = ratings.status_counts(lowest)
    before = ratings.status_counts(ratings.lowest_before) if ratings.before is not None else None
    no_status: StatusCount | None = None
    if now.get("") or (before and before.get("")):
        no_status = {
            "label": NO_STATUS_LABEL,
            "colour": NO_STATUS_COLOUR,
            "now": now.get("", 0),
            "before": None if before is None else before.get("", 0),
        }
    return {
        "items_total": len(lowest),
        "counts": status_counts(ratings.best_first(), now, before),
        "no_status": no_status,
        "red_count": sum(1 for row in lowest if ratings.is_red(row)),
        "overdue_count": sum(1 for row in lowest if row.overdue),
        "scorecard": scorecard_summary(source.assessments) if source.assessments else None,
        "red_risks": red_risks(source) if source.risks_now else None,
    }
