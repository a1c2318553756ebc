"""Keeping the scorecard as the board was told it, when a period of the area's plan is reported.

`reported_scorecard_freeze` runs inside the reporting transaction (progress.signals.period_reported,
received in scorecard.receivers), so a period is never reported without its scorecard, and a refused
reporting keeps nothing.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from progress.models import ReportingPeriod

from ..assess import Assessment, Point
from ..frozen import point_frozen, points_frozen
from ..models import COMPARATOR_SERIES, Breakdown, Commentary, Measure, ReportedAssessment
from ..selectors.card import area_scorecard, assess_breakdown, breakdown_figures, figure_points
from ..selectors.measure import comparator_names
from ..selectors.objects import settings_for


@transaction.atomic
def reported_scorecard_freeze(*, period: ReportingPeriod, known_by: date | None = None) -> int:
    """Keep every measure of the plan's area as the board is told it for `period`, and return how many
    breakdowns were kept.

    Each measure's headline is kept as the live scorecard assesses it at this moment (the assessment the
    red-commentary rule judged), and each other breakdown as the measure's page assesses it: the figure
    rated and its period, a newer period that was not available and why, the figure before, the target
    in force, the comparators for the same period, the rating, the direction and the reason; with the
    measure's code, name, unit, polarity, owner, outcomes, small trend and its commentary for the period.

    `known_by` leaves out figures for periods that ended after it: the demo uses it to give periods that
    were reported before its scorecard was loaded the scorecard they would have had. Reporting itself
    uses every figure known. A fixed number of queries, whatever the number of measures (the rows are
    written with one bulk insert, which SQLite splits into batches of 999 values).
    """
    if period.state != ReportingPeriod.State.REPORTED:
        raise ValidationError(f"{period.name} has not been reported, so there is no scorecard to keep yet.")
    if ReportedAssessment.objects.filter(period=period).exists():
        raise ValidationError(
            f"The scorecard as reported for {period.name} is already kept. It cannot change."
        )
    area = period.plan.area
    card = area_scorecard(area=area, known_by=known_by)
    area_settings = settings_for(area=area)
    names = comparator_names(settings=area_settings)
    commentary = dict(
        Commentary.objects.filter(period=period, measure__area=area).values_list("measure_id", "text")
    )
    others = {line.measure.pk: list(line.measure.breakdowns.all())[1:] for line in card.lines}
    figures = breakdown_figures(
        breakdown_ids=[b.pk for cuts in others.values() for b in cuts], known_by=known_by
    )
    rows = []
    for position, line in enumerate(card.lines):
        measure = line.measure
        kept = _measure_as_kept(period, measure, position, commentary.get(measure.pk, ""))
        rows.append(_row(kept, line.headline, line.assessment, line.points, names, headline=True))
        for breakdown in others[measure.pk]:
            assessment, points, _ = assess_breakdown(
                measure=measure,
                breakdown=breakdown,
                by_series=figure_points(rows=figures.get(breakdown.pk, [])),
                area_settings=area_settings,
            )
            rows.append(_row(kept, breakdown, assessment, points, names, headline=False))
    ReportedAssessment.objects.bulk_create(rows)
    return len(rows)


def _measure_as_kept(
    period: ReportingPeriod, measure: Measure, position: int, commentary: str
) -> dict[str, object]:
    """The measure's words as they are now, for each of its rows."""
    return {
        "period": period,
        "measure": measure,
        "position": position,
        "measure_code": measure.code,
        "measure_name": measure.name,
        "unit": measure.unit,
        "polarity": measure.polarity,
        "owner_name": str(measure.owner) if measure.owner else "",
        "outcomes": [
            {"code": outcome.code, "statement": outcome.statement, "position": outcome.position}
            for outcome in measure.outcomes.all()
        ],
        "commentary": commentary,
    }


def _row(
    kept: dict[str, object],
    breakdown: Breakdown | None,
    assessment: Assessment,
    points: list[Point],
    names: dict[str, str],
    *,
    headline: bool,
) -> ReportedAssessment:
    latest, last = assessment.latest, assessment.last_period
    target = assessment.target
    return ReportedAssessment(
        **kept,
        breakdown=breakdown,
        breakdown_name=breakdown.name if breakdown else "",
        breakdown_position=breakdown.position if breakdown else 0,
        is_headline=headline,
        figure_period=latest.period if latest else "",
        figure_ends_on=latest.ends_on if latest else None,
        figure_value=latest.value if latest else None,
        previous=point_frozen(assessment.previous),
        unavailable=point_frozen(last) if last is not None and last != latest else None,
        target_value=target[1] if target else None,
        target_due_on=target[0] if target else None,
        comparators=[
            {"series": series.value, "name": names[series.value], **point_frozen(point)}
            for series in COMPARATOR_SERIES
            if (point := assessment.comparators.get(series.value)) is not None
        ],
        rating=assessment.rating.value,
        direction=assessment.direction.value,
        reason=assessment.reason,
        points=points_frozen(points),
    )
