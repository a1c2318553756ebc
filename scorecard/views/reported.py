"""The scorecard as it was reported: the reported periods, one period's scorecard and its exceptions.

Read from the assessments kept when each period was reported (scorecard.selectors.reported), never
worked out again.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Kind, area_view

from ..forms.reported import ReportedPeriodForm
from ..selectors import reported as selectors


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def reported_list(request, access):
    """The reported periods with their summaries; choosing one (?period=) opens its scorecard."""
    periods = selectors.reported_periods(access)
    form = ReportedPeriodForm(request.GET or None, periods=periods)
    if form.is_valid():
        return redirect("scorecard:reported", area=access.area.slug, period_pk=form.cleaned_data["period"])
    summaries = selectors.reported_summaries(periods)
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
def reported_scorecard(request, access, period_pk: int):
    period = selectors.reported_period_for(access, period_pk)
    return render(
        request,
        "scorecard/reported.html",
        {"access": access, "reported": selectors.reported_scorecard(access, period), "nav": "scorecard"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.SCORECARD)
def reported_exceptions(request, access, period_pk: int):
    period = selectors.reported_period_for(access, period_pk)
    return render(
        request,
        "scorecard/reported_exceptions.html",
        {"access": access, "reported": selectors.reported_scorecard(access, period), "nav": "scorecard"},
    )
