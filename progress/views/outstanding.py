"""What is outstanding: the updates still missing in a reporting period, for the programme manager."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, cycle_runner

from ..models import ReportingPeriod
from ..outstanding import missing_updates


@require_http_methods(["GET"])
@area_view(cycle_runner, reads=Kind.CYCLE)
def outstanding(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__area", "plan__rag_scheme"),
        pk=pk,
        plan__area=access.area,
    )
    return render(
        request,
        "progress/outstanding.html",
        {
            "access": access,
            "plan": period.plan,
            "period": period,
            "outstanding": missing_updates(period, timezone.localdate()),
            "nav": "plans",
        },
    )
