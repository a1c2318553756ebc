"""Reading the scorecard: the whole scorecard, one measure, the exceptions, and a breakdown's chart."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from areas.access import Kind, area_view

from .. import selectors
from ..forms.reported import ReportedPeriodForm
from ..models import Commentary
from ..selectors import measure as measure_selectors
from ..selectors import reported as reported_selectors


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def scorecard(request, access):
    card = selectors.area_scorecard(access.area)
    names = measure_selectors.comparator_names(selectors.settings_for(access.area))
    reported = reported_selectors.reported_periods(access)
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
def exceptions(request, access):
    card = selectors.area_scorecard(access.area)
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
def measure_detail(request, access, pk: int):
    page = measure_selectors.measure_page(access, pk)
    charts = [
        (
            view,
            measure_selectors.chart_alt(page.measure, view, access.area.name, page.series_names),
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
            "as_reported": reported_selectors.measure_as_reported(page.measure),
            "can_enter": access.can_enter_figures(page.measure),
            "can_manage": access.can_manage_scorecard(),
            "nav": "scorecard",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def measure_chart(request, access, pk: int, breakdown_pk: int):
    """The chart as an SVG file: the measure page shows it as an image, and board packs reuse it."""
    svg = measure_selectors.breakdown_chart(access, pk, breakdown_pk)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # opened on its own: inert
    response["Cache-Control"] = "private, no-cache"
    return response
