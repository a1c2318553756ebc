"""The scorecard as reported: every headline measure's `ReportedAssessment` (its figure, target, rating,
direction, reason, commentary and small trend as the board was told them, scorecard/frozen.py), the
summary in words (scorecard.rules.summarise) and counts, and which measures are exceptions (red or
worsening: scorecard.assess.Assessment.is_exception, read back by scorecard.selectors.reported)."""

from collections import Counter
from collections.abc import Sequence

from scorecard.frozen import points_thawed
from scorecard.models import UNIT_SUFFIX, ReportedAssessment, Unit
from scorecard.rules import Direction, Rating, show, summarise
from scorecard.selectors.reported import assessment_as_reported

from .parts import iso
from .schema import Measure, Point, Scorecard, ScorecardSummary
from .source import Source

# GOV.UK's colours for the ratings; the rating's word is always printed beside its colour.
RATING_COLOURS = {Rating.GREEN: "#00703c", Rating.AMBER: "#f47738", Rating.RED: "#d4351c"}
NOT_RATED_COLOUR = "#505a5f"
ALWAYS_COUNTED = (Rating.GREEN, Rating.AMBER, Rating.RED)


def scorecard_summary(rows: Sequence[ReportedAssessment]) -> ScorecardSummary:
    """The sentence boards read (rules.summarise) and how many measures had each rating: green, amber
    and red always, the others when any measure had them."""
    summary = summarise((row.rating, row.direction) for row in rows)
    tally = Counter(Rating(row.rating) for row in rows)
    return {
        "sentence": summary.sentence(),
        "counts": [
            {"label": rating.label, "count": tally[rating]}
            for rating in Rating
            if rating in ALWAYS_COUNTED or tally[rating]
        ],
    }


def scorecard_section(source: Source) -> Scorecard:
    rows = source.assessments
    return {"summary": scorecard_summary(rows), "measures": [measure(row) for row in rows]}


def measure(row: ReportedAssessment) -> Measure:
    """One headline measure as reported, its figures in words with its unit."""
    unit = UNIT_SUFFIX[Unit(row.unit)]
    rating, way = Rating(row.rating), Direction(row.direction)
    target = ""
    if row.target_value is not None:
        target = show(row.target_value, unit)
        if row.target_due_on is not None:
            target += f" by {row.target_due_on:%d/%m/%Y}"
    points: list[Point] = [
        {
            "date": iso(point.ends_on) or "",
            "period": point.period,
            "value": None if point.value is None else float(point.value),
        }
        for point in points_thawed(row.points)
    ]
    return {
        "code": row.measure_code,
        "name": row.measure_name,
        "outcomes": [str(outcome.get("statement", "")) for outcome in row.outcomes or []],
        "unit": unit,
        "polarity": row.polarity,
        "figure": show(row.figure_value, unit) if row.figure_value is not None else "No figure",
        "figure_period": row.figure_period,
        "target": target,
        "target_value": None if row.target_value is None else float(row.target_value),
        "rating": rating.value,
        "rating_label": rating.label,
        "rating_colour": RATING_COLOURS.get(rating, NOT_RATED_COLOUR),
        "direction": way.value,
        "direction_label": way.label,
        "reason": row.reason,
        "commentary": row.commentary,
        "owner": row.owner_name,
        "exception": assessment_as_reported(row=row).is_exception,
        "points": points,
    }
