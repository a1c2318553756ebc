"""Reading one measure: every breakdown with its figures period by period, its chart, the plan items
that serve it and its commentary. Everything is looked up inside the signed-in user's area.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import LocalArea
from common.prepared import PreparedQuery
from plans import rules as plan_rules
from plans.models import Item
from progress.models import ReportingPeriod

from .. import charts
from ..assess import Assessment, Point
from ..links import candidate_codes, codes_named
from ..models import (
    COMPARATOR_SERIES,
    Breakdown,
    Commentary,
    Figure,
    Measure,
    ScorecardSettings,
    Series,
    Unit,
)
from ..rules import show, target_in_force
from .card import FIGURE_VALUES, assess_breakdown, figure_points
from .objects import settings_for


def not_available(*, point: Point | None, unit: str) -> str:
    """A figure as a table shows it: "58.3%", "Not available (x: suppressed)", or "" for no row."""
    if point is None:
        return ""
    if point.value is None:
        shown = f"Not available ({point.missing_reason})" if point.missing_reason else "Not available"
    else:
        shown = show(point.value, unit)
    return f"{shown} ({point.made_from})" if point.made_from else shown


def comparator_names(*, settings: ScorecardSettings) -> dict[str, str]:
    """What each comparator series is called for this area: the region by its own name when it is set."""
    names = {series.value: series.label for series in COMPARATOR_SERIES}
    if settings.region_name:
        names[Series.REGION.value] = settings.region_name
    return names


@dataclass
class PeriodRow:
    period: str
    ends_on: date
    area: str
    comparators: list[str]
    target: str


@dataclass
class BreakdownView:
    breakdown: Breakdown
    assessment: Assessment
    points: list[Point]
    comparators: dict[str, list[Point]]
    targets: list[tuple[date, Decimal]]
    rows: list[PeriodRow] = field(default_factory=list)


@dataclass
class LinkedItem:
    item: Item
    why: str  # "Linked to this measure", or "Names E7 in its impact"


@dataclass
class MeasurePage:
    measure: Measure
    settings: ScorecardSettings
    breakdowns: list[BreakdownView]
    items: list[LinkedItem]
    commentaries: list[Commentary]
    open_periods: list[ReportingPeriod]
    series_names: dict[str, str]

    @property
    def headline(self) -> BreakdownView | None:
        return self.breakdowns[0] if self.breakdowns else None


def _breakdowns(measure: Measure, only: int | None = None) -> list[Breakdown]:
    breakdowns = Breakdown.objects.filter(measure=measure)
    if only is not None:
        breakdowns = breakdowns.filter(pk=only)
    return list(
        breakdowns.order_by("position", "pk")
        .prefetch_related("targets")
        .prefetch_related(
            Prefetch(
                "figures",
                queryset=Figure.objects.only("breakdown_id", *FIGURE_VALUES).order_by("period_ends_on"),
            )
        )
    )


def _rows(view: BreakdownView, unit: str) -> list[PeriodRow]:
    """Every period any series has a figure for, oldest first, as the chart reads."""
    by_period: dict[tuple[date, str], dict[str, Point]] = defaultdict(dict)
    for point in view.points:
        by_period[point.ends_on, point.period][Series.AREA] = point
    for series, points in view.comparators.items():
        for point in points:
            by_period[point.ends_on, point.period][series] = point
    rows = []
    for (ends_on, period), found in sorted(by_period.items()):
        target = target_in_force(ends_on, view.targets)
        area = found.get(Series.AREA)
        rows.append(
            PeriodRow(
                period=period,
                ends_on=ends_on,
                area=not_available(point=area, unit=unit) if area else "No figure",
                comparators=[not_available(point=found.get(s), unit=unit) for s in COMPARATOR_SERIES],
                target=f"{show(target[1], unit)} by {target[0]:%d/%m/%Y}" if target else "",
            )
        )
    return rows


def breakdown_views(
    *, measure: Measure, settings: ScorecardSettings, only: int | None = None
) -> list[BreakdownView]:
    """Each breakdown (or only the one with pk `only`) assessed, with its figures period by period."""
    views = []
    for breakdown in _breakdowns(measure, only):
        assessment, points, comparators = assess_breakdown(
            measure=measure,
            breakdown=breakdown,
            by_series=figure_points(
                rows=(
                    (f.series, f.period, f.period_ends_on, f.value, f.missing_reason, f.made_from)
                    for f in breakdown.figures.all()
                )
            ),
            area_settings=settings,
        )
        view = BreakdownView(
            breakdown,
            assessment,
            points,
            comparators,
            sorted((t.due_on, t.value) for t in breakdown.targets.all()),
        )
        view.rows = _rows(view, measure.unit_suffix)
        views.append(view)
    return views


def linked_items(*, measure: Measure) -> list[LinkedItem]:
    """The plan items linked to the measure, and the current items whose impact or "how do we know"
    text names its code as a whole word."""
    explicit = list(measure.items.current().select_related("plan").order_by("plan__reference", "sort_key"))
    found = [LinkedItem(item, "Linked to this measure") for item in explicit]
    seen = {item.pk for item in explicit}
    candidates = (
        Item.objects.current()
        .filter(plan__area_id=measure.area_id)
        .filter(
            Q(impact__icontains=measure.code)
            | Q(evidence__icontains=measure.code)
            | Q(measure_codes__icontains=measure.code)
        )
        .exclude(pk__in=seen)
        .select_related("plan")
        .order_by("plan__reference", "sort_key")
    )
    for item in candidates:
        if measure.code.lower() in {code.lower() for code in plan_rules.measure_codes(item.measure_codes)}:
            found.append(LinkedItem(item, f"Cites {measure.code} in its measures"))
            continue
        places = [
            name
            for name, text in (("impact", item.impact), ("evidence", item.evidence))
            if codes_named(text, [measure.code])
        ]
        if places:
            found.append(LinkedItem(item, f"Names {measure.code} in its {' and '.join(places)}"))
    return found


def commentary_periods(*, area: LocalArea) -> list[ReportingPeriod]:
    """Each plan's latest period not yet reported: the ones commentary can still be written for."""
    latest: dict[int, ReportingPeriod] = {}
    for period in (
        ReportingPeriod.objects.filter(plan__area=area)
        .exclude(state=ReportingPeriod.State.REPORTED)
        .select_related("plan")
        .defer("trend")
        .order_by("plan__reference", "-starts_on")
    ):
        latest.setdefault(period.plan_id, period)
    return list(latest.values())


def measure_page(*, access: Access, pk: int) -> MeasurePage:
    measure = get_object_or_404(
        Measure.objects.select_related("owner", "area").prefetch_related("outcomes"), area=access.area, pk=pk
    )
    settings = settings_for(area=access.area)
    return MeasurePage(
        measure=measure,
        settings=settings,
        breakdowns=breakdown_views(measure=measure, settings=settings),
        items=linked_items(measure=measure),
        commentaries=list(
            Commentary.objects.filter(measure=measure)
            .select_related("period__plan", "written_by")
            .order_by("-period__ends_on", "-pk")
        ),
        open_periods=commentary_periods(area=access.area),
        series_names=comparator_names(settings=settings),
    )


UNIT_LABELS = {unit.value: unit.label for unit in Unit}


def chart_title(*, measure: Measure, breakdown: Breakdown) -> str:
    return f"{measure.code} {measure.name}: {breakdown.name}"


def chart_svg(*, measure: Measure, view: BreakdownView, area_name: str, names: dict[str, str]) -> str:
    breakdown = view.breakdown
    return charts.measure_chart(
        title=chart_title(measure=measure, breakdown=breakdown),
        area_name=area_name,
        points=view.points,
        comparators=view.comparators,
        comparator_names=names,
        targets=view.targets,
        baseline=breakdown.baseline,
        baseline_period=breakdown.baseline_period,
        unit=measure.unit_suffix,
        unit_label=UNIT_LABELS.get(measure.unit, ""),
        polarity=measure.polarity,
    )


def chart_alt(*, measure: Measure, view: BreakdownView, area_name: str, names: dict[str, str]) -> str:
    """The chart's text alternative, the same words as the <desc> inside the SVG file."""
    others = [
        charts.ChartSeries(key, names.get(key, key), view.comparators[key])
        for key in charts.SERIES_ORDER
        if view.comparators.get(key)
    ]
    description = charts.chart_description(
        area_name=area_name,
        points=view.points,
        others=others,
        targets=view.targets,
        baseline=view.breakdown.baseline,
        baseline_period=view.breakdown.baseline_period,
        unit=measure.unit_suffix,
        polarity=measure.polarity,
    )
    return f"Chart of {chart_title(measure=measure, breakdown=view.breakdown)}. {description}"


def breakdown_chart(*, access: Access, pk: int, breakdown_pk: int) -> str:
    """The SVG chart of one breakdown of one of the area's measures."""
    measure = get_object_or_404(Measure.objects.select_related("area"), area=access.area, pk=pk)
    settings = settings_for(area=access.area)
    views = breakdown_views(measure=measure, settings=settings, only=breakdown_pk)
    if not views:
        raise Http404("No such breakdown")
    return chart_svg(
        measure=measure, view=views[0], area_name=access.area.name, names=comparator_names(settings=settings)
    )


@dataclass
class ItemMeasure:
    measure: Measure
    why: str  # "Linked to this item", or "Named in its impact"


# The item page's (common.prepared: built and compiled once).
_LINKED_MEASURES = PreparedQuery(
    lambda item: Measure.items.through.objects.filter(item_id=item).values_list("measure_id", flat=True),
    item=int,
)
_AREA_CODES = PreparedQuery(
    lambda area: Measure.objects.filter(area_id=area).order_by().values_list("pk", "code"), area=int
)


def measures_for_item(*, item: Item) -> list[ItemMeasure]:
    """The scorecard measures an item is linked to, and those its impact or "how do we know" text names
    by code (the reverse of `linked_items`). Two short queries of plain values (the item's links, the
    area's codes), matched here; a third reads the measures found, only if there are any."""
    words = {word.lower() for text in (item.impact, item.evidence) for word in candidate_codes(text)}
    cited = {code.lower() for code in plan_rules.measure_codes(item.measure_codes)}
    linked = set(_LINKED_MEASURES.all(item=item.pk))
    found_ids = [
        pk
        for pk, code in _AREA_CODES.all(area=item.plan.area_id)
        if pk in linked or code.lower() in words or code.lower() in cited
    ]
    if not found_ids:
        return []
    measures = list(
        Measure.objects.filter(pk__in=found_ids)
        .only("pk", "code", "name", "area_id")
        .order_by("position", "code")
    )
    codes = [measure.code for measure in measures]
    named = {"impact": codes_named(item.impact, codes), "“how do we know”": codes_named(item.evidence, codes)}
    found = []
    for measure in measures:
        places = [place for place, codes_there in named.items() if measure.code in codes_there]
        if measure.pk in linked:
            found.append(ItemMeasure(measure, "Linked to this item"))
        elif measure.code.lower() in cited:
            found.append(ItemMeasure(measure, "Cited in its measures"))
        elif places:
            found.append(ItemMeasure(measure, f"Named in its {' and '.join(places)}"))
    return found


def measure_codes_of(*, area: LocalArea) -> list[str]:
    """The codes of the area's measures: what a plan item may cite (plans.measure_codes). One query."""
    return list(Measure.objects.filter(area=area).values_list("code", flat=True))
