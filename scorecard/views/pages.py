"""Reading the scorecard: the whole scorecard, one measure, the exceptions, and a breakdown's chart."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view

from .. import selectors
from ..forms.reported import ReportedPeriodForm
from ..models import Commentary
from ..selectors import measure as measure_selectors
from ..selectors import reported as reported_selectors


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def scorecard(request: SignedInRequest, access: Access) -> HttpResponse:
    card = selectors.area_scorecard(area=access.area)
    names = measure_selectors.comparator_names(settings=selectors.settings_for(area=access.area))
    reported = reported_selectors.reported_periods(access=access)
    return render(
        request,
        "scorecard/scorecard.html",
        {
            "access": access,
            "card": card,
            "comparators": [(series, names[series]) for series in card.comparator_series],
            "reported_form": ReportedPeriodForm(periods=reported) if reported else None,
            "nav": "scorecard",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def exceptions(request: SignedInRequest, access: Access) -> HttpResponse:
    card = selectors.area_scorecard(area=access.area)
    lines = card.exceptions
    latest: dict[int, Commentary] = {}
    for commentary in (
        Commentary.objects.filter(measure__in=[line.measure for line in lines])
        .select_related("period")
        .order_by("measure", "-period__ends_on", "-pk")
    ):
        latest.setdefault(commentary.measure_id, commentary)
    return render(
        request,
        "scorecard/exceptions.html",
        {
            "access": access,
            "rows": [(line, latest.get(line.measure.pk)) for line in lines],
            "nav": "scorecard",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def measure_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    page = measure_selectors.measure_page(access=access, pk=pk)
    charts = [
        (
            view,
            measure_selectors.chart_alt(
                measure=page.measure, view=view, area_name=access.area.name, names=page.series_names
            ),
        )
        for view in page.breakdowns
    ]
    return render(
        request,
        "scorecard/measure_detail.html",
        {
            "access": access,
            "page": page,
            "measure": page.measure,
            "charts": charts,
            "region_name": page.series_names["region"],
            "as_reported": reported_selectors.measure_as_reported(measure=page.measure),
            "can_enter": access.can_enter_figures(page.measure),
            "can_manage": access.can_manage_scorecard(),
            "nav": "scorecard",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def measure_chart(request: SignedInRequest, access: Access, pk: int, breakdown_pk: int) -> HttpResponse:
    """The chart as an SVG file: the measure page shows it as an image, and board packs reuse it."""
    svg = measure_selectors.breakdown_chart(access=access, pk=pk, breakdown_pk=breakdown_pk)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # opened on its own: inert
    response["Cache-Control"] = "private, no-cache"
    return response
