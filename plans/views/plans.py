"""The area's plans, a plan's overview, settings, history and downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, Role, SignedInRequest, area_view, manager_only
from common.conflicts import try_save
from common.views import apply_validation_error
from progress import selectors as progress_selectors
from scorecard.rules import ScorecardSummary
from scorecard.selectors.reported import reported_summary

from .. import selectors, services, snapshots
from ..forms import PlanForm
from ..models import Plan, RagStatus
from ..spreadsheet import CONTENT_TYPES, export_file_name, export_plan

HISTORY_PAGE_SIZE = 50  # changes on a page of the plan's or an item's history


def _glance(
    access: Access, plan: Plan, statuses: list[RagStatus] | None = None
) -> tuple[progress_selectors.Glance, ScorecardSummary | None]:
    """A plan at a glance (its latest reported period, from the frozen ratings) and, for a role that
    reads the scorecard, the scorecard's summary as reported for that period."""
    glance = progress_selectors.plan_glance(access=access, plan=plan, statuses=statuses)
    scorecard = None
    if glance.period is not None and access.can_read(Kind.SCORECARD):
        scorecard = reported_summary(period=glance.period)
    return glance, scorecard


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def area_home(request: SignedInRequest, access: Access) -> HttpResponse:
    """The area's plans; for a viewer (a board member), first each live plan at a glance."""
    plans = list(selectors.plans_for(access=access))
    cycle = access.can_read(Kind.CYCLE)
    periods = progress_selectors.current_periods(access=access) if cycle else {}
    rows = [(plan, periods.get(plan.pk)) for plan in plans]  # each plan with its period not yet reported
    glances = (
        [_glance(access, plan) for plan in plans if plan.status == Plan.Status.LIVE]
        if cycle and access.role == Role.VIEWER
        else []
    )
    context = {"access": access, "plans": rows, "glances": glances, "nav": "plans"}
    return render(request, "plans/area_home.html", context)


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def plan_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    rows, statuses = selectors.plan_overview(plan=plan, today=timezone.localdate())
    cycle = access.can_read(Kind.CYCLE)
    totals = {
        "total": sum(r.total for r in rows),
        "overdue": sum(r.overdue for r in rows),
        "none": sum(r.counts.get(None, 0) for r in rows),
        "by_status": {s.pk: sum(r.counts.get(s.pk, 0) for r in rows) for s in statuses},
    }
    glance, glance_scorecard = _glance(access, plan, statuses) if cycle else (None, None)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "glance": glance,
            "glance_scorecard": glance_scorecard,
            "access": access,
            "plan": plan,
            "rows": rows,
            "statuses": statuses,
            "totals": totals,
            "trend": progress_selectors.plan_trend(
                access=access, plan=plan, tops=[r.item for r in rows], statuses=statuses
            )
            if cycle
            else None,
            "current_period": progress_selectors.current_period(plan=plan) if cycle else None,
            "nav": "plans",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def plan_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = PlanForm(request.POST or None, area=access.area, instance=Plan(area=access.area))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(area=access.area, content=form.content(), by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, f"Plan {plan.reference} added. Add its top-level items, or import them."
            )
            return redirect(plan)
    return render(
        request, "plans/plan_form.html", {"access": access, "form": form, "plan": None, "nav": "plans"}
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def plan_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    form = PlanForm(request.POST or None, area=access.area, instance=plan)
    attempt = try_save(
        form,
        lambda: services.plan_update(
            plan=plan,
            content=form.content(),
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
        ),
        thing="this plan's settings",
        doing="editing them",
        theirs=snapshots.plan_snapshot,
        mine=lambda: snapshots.plan_snapshot(form.content().apply_to(Plan(area=access.area))),
    )
    if attempt.saved:
        messages.success(request, "Plan settings saved.")
        return redirect(plan)
    return render(
        request,
        "plans/plan_form.html",
        {"access": access, "form": form, "plan": plan, "theirs": attempt.theirs, "nav": "plans"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def plan_history(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    page = Paginator(selectors.history_of_plan(plan=plan), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "plans/plan_history.html", {"access": access, "plan": plan, "page": page, "nav": "plans"}
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def plan_export(request: SignedInRequest, access: Access, pk: int, fmt: str) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404("Downloads are .xlsx or .zip")
    response = HttpResponse(export_plan(plan, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export_file_name(plan, fmt)}"'
    return response
