"""The scorecard as it was reported: the reported periods, one period's scorecard and its exceptions.

Read from the assessments kept when each period was reported (scorecard.selectors.reported), never
worked out again.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view

from ..forms.reported import ReportedPeriodForm
from ..selectors import reported as selectors


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def reported_list(request: SignedInRequest, access: Access) -> HttpResponse:
    """The reported periods with their summaries; choosing one (?period=) opens its scorecard."""
    periods = selectors.reported_periods(access=access)
    form = ReportedPeriodForm(request.GET or None, periods=periods)
    if form.is_valid():
        return redirect("scorecard:reported", area=access.area.slug, period_pk=form.cleaned_data["period"])
    summaries = selectors.reported_summaries(periods=periods)
    return render(
        request,
        "scorecard/reported_list.html",
        {
            "access": access,
            "form": form,
            "periods": [(period, summaries.get(period.pk)) for period in periods],
            "with_plan": len({period.plan_id for period in periods}) > 1,
            "nav": "scorecard",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def reported_scorecard(request: SignedInRequest, access: Access, period_pk: int) -> HttpResponse:
    period = selectors.reported_period_for(access=access, pk=period_pk)
    reported = selectors.reported_scorecard(access=access, period=period)
    return render(
        request, "scorecard/reported.html", {"access": access, "reported": reported, "nav": "scorecard"}
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def reported_exceptions(request: SignedInRequest, access: Access, period_pk: int) -> HttpResponse:
    period = selectors.reported_period_for(access=access, pk=period_pk)
    reported = selectors.reported_scorecard(access=access, period=period)
    return render(
        request,
        "scorecard/reported_exceptions.html",
        {"access": access, "reported": reported, "nav": "scorecard"},
    )
