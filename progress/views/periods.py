"""A plan's reporting periods: opening one, its page, its settings, and moving it through the cycle."""

from datetime import date
from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, cycle_runner
from common.conflicts import try_save
from plans import selectors as plan_selectors
from plans.models import Item, Plan
from risks.selectors.reporting import period_risks
from risks.services.reporting import reported_risks_of
from scorecard.selectors.reported import reported_summary
from scorecard.selectors.reporting import measures_needing_commentary

from .. import rules, selectors, services
from ..forms import MissingReportsForm, PeriodFilterForm, PeriodForm, PeriodMoveForm, PeriodSettingsForm
from ..models import ReportingPeriod

PAGE_SIZE = 100

# What each move is called on its button and its confirmation page.
MOVES = {
    rules.CHALLENGE: "Start the challenge",
    rules.OPEN: "Reopen for updates",
    rules.CONFIRMED: "Confirm the ratings",
    rules.REPORTED: "Report to the board",
}


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def period_list(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    periods = list(selectors.periods_of(plan=plan))
    return render(
        request,
        "progress/period_list.html",
        {
            "access": access,
            "plan": plan,
            "periods": periods,
            "can_open": access.can_run_cycle() and all(p.is_reported for p in periods),
            "nav": "plans",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(cycle_runner, reads=Kind.CYCLE)
def period_create(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    latest = plan.periods.order_by("-starts_on").first()
    if latest is not None and not latest.is_reported:
        messages.error(request, f"Report {latest.name} before opening the next period.")
        return redirect(latest)
    form = PeriodForm(request.POST or None, initial=_next_period(plan, latest))
    attempt = try_save(
        form,
        lambda: services.period_open(
            plan=plan,
            by=request.user,
            name=form.cleaned_data["name"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            deadline=form.cleaned_data["deadline"],
        ),
    )
    if attempt.result is not None:
        messages.success(request, f"{attempt.result.name} is open for updates.")
        return redirect(attempt.result)
    context = {"access": access, "plan": plan, "form": form, "nav": "plans"}
    return render(
        request, "progress/period_form.html", {**context, "cadence": plan.get_reporting_cadence_display()}
    )


def _next_period(plan: Plan, latest: ReportingPeriod | None) -> dict[str, date]:
    """The dates a new period starts with: the next after `latest`, or the current one."""
    start, end = rules.period_dates(
        latest.ends_on if latest else None, plan.reporting_cadence, timezone.localdate()
    )
    return {
        "starts_on": start,
        "ends_on": end,
        "deadline": rules.default_deadline(end, plan.reporting_cadence),
    }


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def period_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    form = PeriodFilterForm(request.GET or None, area=access.area)
    filters = _filters(form)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "access": access,
        "plan": period.plan,
        "period": period,
        "form": form,
        "query": query.urlencode(),
        "moves": [(state, MOVES[state]) for state in rules.NEXT_STATES[period.state]],
        "missing_confirmation": selectors.missing_confirmation(period=period),
        "rollups": selectors.period_rollups(access=access, period=period),
        "nav": "plans",
    }
    if period.is_reported:
        ratings = Paginator(selectors.reported_rows(period=period, filters=filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        scorecard = reported_summary(period=period) if access.can_read(Kind.SCORECARD) else None
        context.update(page=ratings, ratings=ratings.object_list, scorecard_summary=scorecard)
    else:
        items = selectors.period_items(access=access, period=period, filters=filters)
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(page=page, **_open_period(access, period, page))
    if access.can_read(Kind.RISKS):
        # The risks the period reviews; once reported, the risks as the board was told them.
        if period.is_reported:
            context["reported_risks"] = reported_risks_of(period=period)
        else:
            open_risks = period_risks(period=period)
            context["risks_for_review"] = [row for row in open_risks if row.due]
            context["risks_blocking"] = [row for row in open_risks if row.blocks_reporting]
    return render(request, "progress/period_detail.html", context)


def _filters(form: PeriodFilterForm) -> selectors.PeriodFilters:
    if not form.is_valid():
        return selectors.PeriodFilters()
    data = form.cleaned_data
    return selectors.PeriodFilters(
        workstream=data["workstream"].pk if data["workstream"] else None,
        state=data["state"] or None,
        mine=data["mine"],
    )


def _open_period(access: Access, period: ReportingPeriod, page: Page[Item]) -> dict[str, Any]:
    """What the page of a period not yet reported shows beside its rows."""
    # Once updates are in (challenge onwards), what the scorecard still needs before reporting.
    scorecard_open = period.state != period.State.OPEN and access.can_read(Kind.SCORECARD)
    needing = measures_needing_commentary(period=period) if scorecard_open else []
    return {
        "rows": selectors.period_rows(
            access=access,
            period=period,
            items=cast("QuerySet[Item]", page.object_list),  # a page of a QuerySet is a sliced QuerySet
            today=rules.overdue_judged_on(
                ends_on=period.ends_on, is_reported=period.is_reported, today=timezone.localdate()
            ),
        ),
        "summary": selectors.period_summary(period=period),
        "needing_commentary": [(measure, access.can_enter_figures(measure)) for measure in needing],
        "can_challenge": access.is_programme_manager or bool(access.led_workstream_ids),
        "challenge_workstreams": selectors.challenge_workstreams(access=access, period=period)
        if period.takes_updates and (access.is_programme_manager or access.led_workstream_ids)
        else [],
        "can_update": access.role != "viewer",
    }


@require_http_methods(["GET", "POST"])
@area_view(cycle_runner, reads=Kind.CYCLE)
def period_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    if period.is_reported:
        messages.error(request, "This period has been reported. What was reported cannot be changed.")
        return redirect(period)
    form = PeriodSettingsForm(
        request.POST or None,
        initial={"name": period.name, "deadline": period.deadline, "version": period.version},
    )
    attempt = try_save(
        form,
        lambda: services.period_settings_save(
            period=period,
            name=form.cleaned_data["name"],
            deadline=form.cleaned_data["deadline"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this period",
        theirs=lambda saved: services.period_snapshot(period=saved),
        mine=lambda: services.period_snapshot(
            period=ReportingPeriod(
                name=form.cleaned_data["name"].strip(), deadline=form.cleaned_data["deadline"]
            )
        ),
    )
    if attempt.saved:
        messages.success(request, f"{period.name} saved.")
        return redirect(period)
    context = {"access": access, "plan": period.plan, "period": period, "form": form}
    return render(request, "progress/period_edit.html", {**context, "theirs": attempt.theirs, "nav": "plans"})


@require_http_methods(["GET", "POST"])
@area_view(cycle_runner, reads=Kind.CYCLE)
def period_move(request: SignedInRequest, access: Access, pk: int, state: str) -> HttpResponse:
    """Move a period on (or back) to `state`: GET asks, saying what stands in the way; POST does it."""
    period = selectors.period_for(access=access, pk=pk)
    if state not in MOVES:
        raise Http404("No such state")
    if request.method == "GET":
        return _move_page(request, access, period, state)
    acknowledge = _missing_reports_form(period, state, request.POST)
    if acknowledge is not None and not acknowledge.is_valid():
        return _move_page(request, access, period, state, acknowledge=acknowledge)
    form = PeriodMoveForm(request.POST)
    attempt = try_save(
        form,
        lambda: services.period_move(
            period=period,
            to_state=state,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            # Confirming with updates missing asks first: the number the user was shown and agreed to.
            missing_agreed=(form.cleaned_data["missing_agreed"] or 0) if state == rules.CONFIRMED else None,
        ),
        thing="this period",
        verb="moved",
        doing="looking at it",
    )
    if attempt.saved:
        messages.success(request, f"{period.name}: {ReportingPeriod.State(state).label.lower()}.")
        return redirect(period)
    asked = attempt.error is not None and "missing_agreed" in getattr(attempt.error, "error_dict", {})
    period = selectors.period_for(access=access, pk=pk)
    return _move_page(request, access, period, state, "" if asked else attempt.problem, asked_again=asked)


def _missing_reports_form(period: ReportingPeriod, state: str, data: Any = None) -> MissingReportsForm | None:
    """When reporting, the box the programme manager ticks to report without some highlight reports."""
    if state != rules.REPORTED or period.is_reported:
        return None
    names = [f"{w.code} {w.name}".strip() for w in selectors.workstreams_without_report(period=period)]
    return MissingReportsForm(data, names=names) if names else None


def _move_page(
    request: SignedInRequest,
    access: Access,
    period: ReportingPeriod,
    state: str,
    problem: str = "",
    *,
    acknowledge: MissingReportsForm | None = None,
    asked_again: bool = False,
) -> HttpResponse:
    summary = selectors.period_summary(period=period)
    if request.method == "GET":
        problem = rules.state_change_problem(period.state, state, summary.unconfirmed) or ""
        if not problem and state == rules.REPORTED:
            problem = " ".join(services.reporting_problems(period=period))
    missing = selectors.missing_numbers(period=period) if state == rules.CONFIRMED and not problem else []
    context = {
        "access": access,
        "plan": period.plan,
        "period": period,
        "form": PeriodMoveForm(initial={"version": period.version, "missing_agreed": len(missing)}),
        "state": state,
        "action": MOVES[state],
        "problem": problem,
        "summary": summary,
        "acknowledge": acknowledge or _missing_reports_form(period, state),
        "missing": missing,
        "asked_again": asked_again,
        "nav": "plans",
    }
    return render(request, "progress/period_move.html", context)
