"""Progress by area: each top-level item's overall rating as reported (its roll-up, kept when the period
was reported) against the compared period's, and the lowest-level items under it by status, now and
before."""

from collections import Counter, defaultdict
from collections.abc import Iterable

from plans import rollup

from .parts import status, status_counts
from .ratings import Ratings, Row
from .schema import OverviewRow, RagOverview, Status
from .source import Source


def _top(number: str) -> str:
    return number.split(".", 1)[0]


def _under_tops(ratings: Ratings, rows: Iterable[Row]) -> dict[str, Counter[str]]:
    """The lowest-level rows' statuses counted under their top-level item's number."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        found[_top(row.number)][ratings.label_of(row)] += 1
    return found


def rule_words(row: Row, lowest_plural: str) -> str:
    """How the rating was reached, as reported: "Worst status of its milestones", "Set by hand: ..."."""
    if row.rollup_rule == rollup.BY_HAND:
        return f"Set by hand: {row.overall_reason}" if row.overall_reason else "Set by hand"
    if row.rollup_rule in rollup.RULES:
        return f"{rollup.RULES[row.rollup_rule]} of its {lowest_plural.lower()}"
    return ""


def overview_section(source: Source) -> RagOverview:
    ratings = source.ratings
    single = ratings.depth <= 1
    now_counts = _under_tops(ratings, ratings.lowest)
    before_counts = _under_tops(ratings, ratings.lowest_before) if ratings.before is not None else None
    before_tops = {row.item_id: row for row in ratings.before or [] if row.level == 1}
    statuses = ratings.best_first()
    lowest_plural = source.plan.lowest_level_plural
    rows: list[OverviewRow] = []
    for row in (row for row in ratings.now if row.level == 1):
        then = before_tops.get(row.item_id)
        now = now_counts.get(row.number, Counter())
        before = None
        if before_counts is not None:
            before = before_counts.get(then.number, Counter()) if then is not None else Counter()
        rows.append(
            {
                "number": row.number,
                "text": row.text,
                "rating": _rating(row, single),
                "rating_before": _rating(then, single) if then is not None else None,
                "rule_words": "Its own status" if single else rule_words(row, lowest_plural),
                "counts": status_counts(statuses, now, before),
                "total": sum(now.values()),
            }
        )
    return {"rows": rows}


def _rating(row: Row, single: bool) -> Status | None:
    if single:
        return status(row.status_label, row.status_colour)
    return status(row.overall_label, row.overall_colour)
