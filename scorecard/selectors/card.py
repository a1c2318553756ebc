"""The scorecard as the board reads it: every measure assessed on its headline breakdown.

`area_scorecard` assesses every measure of an area in a fixed number of queries, however many
measures, periods and breakdowns there are; the measure page, the exceptions view and the
reporting check all build on it.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from areas.models import LocalArea

from ..assess import Assessment, Point, assess
from ..models import (
    COMPARATOR_SERIES,
    Breakdown,
    Figure,
    Measure,
    Outcome,
    ScorecardSettings,
    Series,
)
from ..rules import ScorecardSummary, effective_settings, summarise
from .objects import settings_for


@dataclass
class MeasureLine:
    """One measure on the scorecard: its headline breakdown assessed, and its series for the small chart."""

    measure: Measure
    headline: Breakdown | None
    assessment: Assessment
    points: list[Point] = field(default_factory=list)
    comparator_points: dict[str, list[Point]] = field(default_factory=dict)  # for the latest figure's period
    sparkline: str | None = field(default=None, repr=False, compare=False)  # drawn once (scorecard_tags)


@dataclass
class OutcomeGroup:
    outcome: Outcome | None
    lines: Sequence[MeasureLine]

    @property
    def heading(self) -> str:
        return str(self.outcome) if self.outcome else "Not linked to an outcome"


@dataclass
class Scorecard:
    area: LocalArea
    lines: Sequence[MeasureLine]
    groups: list[OutcomeGroup]
    summary: ScorecardSummary

    @property
    def comparator_series(self) -> list[str]:
        """The comparators with at least one figure on this scorecard: the columns worth showing."""
        found = {
            series
            for line in self.lines
            for series, points in line.comparator_points.items()
            if any(point.value is not None for point in points)
        }
        return [series.value for series in COMPARATOR_SERIES if series in found]

    @property
    def exceptions(self) -> list[MeasureLine]:
        return [line for line in self.lines if line.assessment.is_exception]


FIGURE_VALUES = ("series", "period", "period_ends_on", "value", "missing_reason", "made_from")
FigureRow = tuple[str, str, date, Decimal | None, str, str]  # FIGURE_VALUES


def figure_points(*, rows: Iterable[FigureRow]) -> dict[str, list[Point]]:
    """Figures as each series' points, from FIGURE_VALUES rows."""
    by_series: dict[str, list[Point]] = defaultdict(list)
    for series, period, ends_on, value, reason, made_from in rows:
        by_series[series].append(Point(ends_on, period, value, reason, made_from))
    return by_series


def assess_breakdown(
    *,
    measure: Measure,
    breakdown: Breakdown | None,
    by_series: dict[str, list[Point]],
    area_settings: ScorecardSettings,
) -> tuple[Assessment, list[Point], dict[str, list[Point]]]:
    """Assess one breakdown from its figures as points by series (`figure_points`) and its targets
    (prefetched on `breakdown`)."""
    by_series = dict(by_series)
    points = by_series.pop(Series.AREA, [])
    comparators = by_series
    targets = [(t.due_on, t.value) for t in breakdown.targets.all()] if breakdown else []
    assessment = assess(
        points,
        polarity=measure.polarity,
        targets=targets,
        comparators=comparators,
        contextual=measure.is_contextual,
        to_be_defined=measure.to_be_defined,
        unit=measure.unit_suffix,
        settings=effective_settings(area_settings.rating_settings(), measure.overrides()),
        region_name=area_settings.region_name or "the region",
    )
    return assessment, points, comparators


def area_scorecard(*, area: LocalArea, public_only: bool = False, known_by: date | None = None) -> Scorecard:
    """Every measure of the area assessed on its headline breakdown, grouped by outcome.

    `known_by` leaves out every figure whose period ended after that day: the scorecard as it could
    have stood then (the demo's reported periods). Live pages use every figure."""
    area_settings = settings_for(area=area)
    chosen = Measure.objects.filter(area=area).select_related("owner")
    if public_only:
        chosen = chosen.filter(is_public=True)
    measures = list(
        chosen.prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "code")),
            Prefetch(
                "breakdowns",
                queryset=Breakdown.objects.order_by("position", "pk").prefetch_related("targets"),
            ),
        )
    )
    headlines = {m.pk: next(iter(m.breakdowns.all()), None) for m in measures}
    rows = breakdown_figures(
        breakdown_ids=[b.pk for b in headlines.values() if b is not None], known_by=known_by
    )
    lines = []
    for measure in measures:
        headline = headlines[measure.pk]
        assessment, points, comparators = assess_breakdown(
            measure=measure,
            breakdown=headline,
            by_series=figure_points(rows=rows.get(headline.pk, [])) if headline else {},
            area_settings=area_settings,
        )
        lines.append(MeasureLine(measure, headline, assessment, points, comparators))
    return Scorecard(
        area,
        lines,
        _groups(area, lines),
        summarise((line.assessment.rating, line.assessment.direction) for line in lines),
    )


def breakdown_figures(
    *, breakdown_ids: list[int], known_by: date | None = None
) -> dict[int, list[FigureRow]]:
    """Each breakdown's figures as FIGURE_VALUES rows, for assessing it: every period of the area's own
    series (for the small chart), and the comparators' only for the period of its latest figure.
    `known_by`: only figures for periods ended by then.

    Two queries whatever the size: the comparators of a 60-month series are 120 rows a measure that
    the scorecard never shows; the measure's page reads them all.
    """
    rows: dict[int, list[FigureRow]] = defaultdict(list)
    if not breakdown_ids:
        return rows
    figures = Figure.objects.all()
    if known_by is not None:
        figures = figures.filter(period_ends_on__lte=known_by)
    latest: dict[int, str] = {}
    for breakdown_id, series, period, ends_on, value, reason, made_from in (
        figures.filter(breakdown_id__in=breakdown_ids, series=Series.AREA)
        .order_by("period_ends_on")
        .values_list("breakdown_id", *FIGURE_VALUES)
    ):
        rows[breakdown_id].append((series, period, ends_on, value, reason, made_from))
        if value is not None:
            latest[breakdown_id] = period
    if latest:
        for breakdown_id, series, period, ends_on, value, reason, made_from in (
            figures.filter(breakdown_id__in=list(latest), period__in=set(latest.values()))
            .exclude(series=Series.AREA)
            .values_list("breakdown_id", *FIGURE_VALUES)
        ):
            if period == latest[breakdown_id]:
                rows[breakdown_id].append((series, period, ends_on, value, reason, made_from))
    return rows


def _groups(area: LocalArea, lines: Sequence[MeasureLine]) -> list[OutcomeGroup]:
    """Measures under each outcome they are linked to, in the outcomes' order; unlinked ones last."""
    outcomes = list(Outcome.objects.filter(area=area).order_by("position", "code"))
    grouped: dict[int, list[MeasureLine]] = defaultdict(list)
    unlinked: list[MeasureLine] = []
    for line in lines:
        linked = line.measure.outcomes.all()
        for outcome in linked:
            grouped[outcome.pk].append(line)
        if not linked:
            unlinked.append(line)
    groups = [OutcomeGroup(outcome, grouped[outcome.pk]) for outcome in outcomes if grouped[outcome.pk]]
    if unlinked:
        groups.append(OutcomeGroup(None, unlinked))
    return groups
