"""Reading the scorecard as it was reported: the stored `ReportedAssessment` rows rebuilt into the same
structures the live scorecard uses (`Scorecard`, `OutcomeGroup`, `MeasureLine`, `Assessment`, `Point`),
so the same templates and tags draw it. Nothing is worked out again: the figures, targets, ratings,
directions, reasons and words are the ones kept when the period was reported; only the summary's
counts are added up from the kept ratings and directions (rules.summarise).

Periods are looked up inside the signed-in user's area (areas.access), and only reported ones.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas.access import Access
from areas.models import LocalArea
from progress.models import ReportingPeriod

from ..assess import Assessment, Point
from ..frozen import point_thawed, points_thawed
from ..models import COMPARATOR_SERIES, UNIT_SUFFIX, Breakdown, Measure, Outcome, ReportedAssessment, Unit
from ..rules import Direction, Rating, ScorecardSummary, show, summarise
from .card import MeasureLine, OutcomeGroup, Scorecard


@dataclass
class ReportedLine(MeasureLine):
    """A measure's scorecard row as reported, with its owner and its commentary then."""

    owner_name: str = ""
    commentary: str = ""


@dataclass
class ReportedScorecard:
    period: ReportingPeriod
    card: Scorecard
    comparators: list[tuple[str, str]]  # the (series, name) columns with a figure, named as reported

    @property
    def reported_on(self) -> date | None:
        return timezone.localdate(self.period.reported_at) if self.period.reported_at else None


def reported_periods(*, access: Access) -> list[ReportingPeriod]:
    """The area's reported periods, newest first, each with its plan."""
    return list(
        ReportingPeriod.objects.filter(plan__area=access.area, state=ReportingPeriod.State.REPORTED)
        .select_related("plan")
        .defer("trend")
        .order_by("-ends_on", "plan__reference")
    )


def reported_period_for(*, access: Access, pk: int) -> ReportingPeriod:
    """One of the area's reported periods: a period of another area, or not yet reported, is not found."""
    return get_object_or_404(
        ReportingPeriod.objects.select_related("plan", "reported_by").defer("trend"),
        plan__area=access.area,
        state=ReportingPeriod.State.REPORTED,
        pk=pk,
    )


def assessment_as_reported(*, row: ReportedAssessment) -> Assessment:
    """The assessment the board was shown, from its kept row."""
    latest = Point(row.figure_ends_on, row.figure_period, row.figure_value) if row.figure_ends_on else None
    return Assessment(
        rating=Rating(row.rating),
        reason=row.reason,
        direction=Direction(row.direction),
        latest=latest,
        previous=point_thawed(row.previous),
        target=(
            (row.target_due_on, row.target_value)
            if row.target_due_on and row.target_value is not None
            else None
        ),
        comparators={
            kept["series"]: point for kept in row.comparators if (point := point_thawed(kept)) is not None
        },
        last_period=point_thawed(row.unavailable) or latest,
    )


def line_as_reported(*, row: ReportedAssessment, area: LocalArea) -> ReportedLine:
    """The scorecard row as reported. Its measure is rebuilt from the kept words (never saved): a measure
    deleted since has no id, so its row has no link."""
    measure = Measure(
        pk=row.measure_id,
        area=area,
        code=row.measure_code,
        name=row.measure_name,
        unit=row.unit,
        polarity=row.polarity,
    )
    breakdown = Breakdown(
        pk=row.breakdown_id, measure=measure, name=row.breakdown_name, position=row.breakdown_position
    )
    assessment = assessment_as_reported(row=row)
    return ReportedLine(
        measure,
        breakdown,
        assessment,
        points_thawed(row.points),
        {series: [point] for series, point in assessment.comparators.items()},
        owner_name=row.owner_name,
        commentary=row.commentary,
    )


def reported_scorecard(*, access: Access, period: ReportingPeriod) -> ReportedScorecard:
    """The scorecard of `period` (one of the access's area's reported periods) as the board was told it,
    grouped by the outcomes as they were. One query, however many measures."""
    rows = list(
        ReportedAssessment.objects.filter(period=period, is_headline=True).order_by(
            "position", "measure_code"
        )
    )
    lines: list[MeasureLine] = [line_as_reported(row=row, area=access.area) for row in rows]
    card = Scorecard(
        access.area,
        lines,
        _groups(rows, lines),
        summarise((line.assessment.rating, line.assessment.direction) for line in lines),
    )
    names = {series.value: series.label for series in COMPARATOR_SERIES}
    for row in rows:
        for kept in row.comparators:
            names[kept["series"]] = kept.get("name") or names.get(kept["series"], kept["series"])
    return ReportedScorecard(period, card, [(series, names[series]) for series in card.comparator_series])


def _groups(rows: list[ReportedAssessment], lines: list[MeasureLine]) -> list[OutcomeGroup]:
    """Measures under each outcome they were linked to, in the outcomes' order then; unlinked ones last."""
    grouped: dict[tuple[int, str, str], list[MeasureLine]] = defaultdict(list)
    unlinked: list[MeasureLine] = []
    for row, line in zip(rows, lines, strict=True):
        for outcome in row.outcomes:
            grouped[outcome["position"], outcome["code"], outcome["statement"]].append(line)
        if not row.outcomes:
            unlinked.append(line)
    groups = [
        OutcomeGroup(Outcome(code=code, statement=statement, position=position), linked)
        for (position, code, statement), linked in sorted(grouped.items())
    ]
    if unlinked:
        groups.append(OutcomeGroup(None, unlinked))
    return groups


def reported_summaries(*, periods: Iterable[ReportingPeriod]) -> dict[int, ScorecardSummary]:
    """Each period's scorecard summary as reported, by period id; a period with no scorecard kept has none.
    One query for any number of periods."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for period_id, rating, way in (
        ReportedAssessment.objects.filter(period__in=[p.pk for p in periods], is_headline=True)
        .order_by()  # counts: not the model's order, which joins the period and its plan
        .values_list("period_id", "rating", "direction")
    ):
        found[period_id].append((rating, way))
    return {period_id: summarise(results) for period_id, results in found.items()}


def reported_summary(*, period: ReportingPeriod) -> ScorecardSummary | None:
    """The summary the board read for `period`, or None if no scorecard was kept (no measures then)."""
    return reported_summaries(periods=[period]).get(period.pk)


@dataclass(frozen=True)
class MeasureAsReported:
    """One reported period's row in a measure's history: what the board was told about it then."""

    period: ReportingPeriod
    figure: str
    target: str
    rating: Rating
    direction: Direction
    reported_as: str  # the code and name it had, when they differ from today's


def measure_as_reported(*, measure: Measure) -> list[MeasureAsReported]:
    """How the measure's headline was reported in each reported period, oldest first. One query."""
    rows = (
        ReportedAssessment.objects.filter(measure=measure, is_headline=True)
        .select_related("period__plan")
        .defer("period__trend", "points", "outcomes", "commentary")
        .order_by("period__ends_on", "period__plan__reference")
    )
    found = []
    for row in rows:
        unit = UNIT_SUFFIX[Unit(row.unit)]
        renamed = (row.measure_code, row.measure_name) != (measure.code, measure.name)
        found.append(
            MeasureAsReported(
                period=row.period,
                figure=_figure_words(row, unit),
                target=(
                    f"{show(row.target_value, unit)} by {row.target_due_on:%d/%m/%Y}"
                    if row.target_due_on and row.target_value is not None
                    else "No target"
                ),
                rating=Rating(row.rating),
                direction=Direction(row.direction),
                reported_as=f"{row.measure_code}: {row.measure_name}" if renamed else "",
            )
        )
    return found


def _figure_words(row: ReportedAssessment, unit: str) -> str:
    """ "7.8% in 2024", with a newer period that was not available and why; "No figure" if none."""
    newer = point_thawed(row.unavailable)
    if row.figure_ends_on is None or row.figure_value is None:
        return f"No figure: {newer.period} not available ({newer.missing_reason})" if newer else "No figure"
    words = f"{show(row.figure_value, unit)} in {row.figure_period}"
    if newer is not None:
        words += f"; {newer.period} not available ({newer.missing_reason})"
    return words
