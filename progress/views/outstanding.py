"""What is outstanding: the updates still missing in a reporting period, for the programme manager,
who may send the reminders now rather than wait for the daily `manage.py send_reminders`."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, cycle_runner

from .. import rules
from ..models import ReportingPeriod
from ..outstanding import missing_updates
from ..reminders import ReminderRun, reminders_send


def _period(access: Access, pk: int) -> ReportingPeriod:
    return get_object_or_404(
        ReportingPeriod.objects.select_related("plan__area", "plan__rag_scheme"),
        pk=pk,
        plan__area=access.area,
    )


@require_http_methods(["GET"])
@area_view(cycle_runner, reads=Kind.CYCLE)
def outstanding(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    return _page(request, access, _period(access, pk), None)


@require_http_methods(["GET", "POST"])
@area_view(cycle_runner, reads=Kind.CYCLE)
def remind_now(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """POST: send the reminders now (each kind once per period, as the daily command), then say
    who was reminded and who could not be reached. GET goes back to the outstanding page."""
    period = _period(access, pk)
    if request.method == "POST" and not period.takes_updates:
        state = period.get_state_display().lower()
        messages.error(
            request, f"{period.name} is {state}: it no longer takes updates, so nobody was reminded."
        )
    if request.method == "GET" or not period.takes_updates:
        return redirect("progress:outstanding", area=access.area.slug, pk=period.pk)
    run = reminders_send(period=period, today=timezone.localdate(), now=True)
    return _page(request, access, period, run)


def _page(
    request: SignedInRequest, access: Access, period: ReportingPeriod, run: ReminderRun | None
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "progress/outstanding.html",
        {
            "access": access,
            "plan": period.plan,
            "period": period,
            "outstanding": missing_updates(period, today),
            "run": run,
            "remind_owners": today <= period.deadline,
            "reminder_days": rules.REMINDER_DAYS_BEFORE_DEADLINE,
            "nav": "plans",
        },
    )
