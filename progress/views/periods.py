"""A plan's reporting periods: opening one, its page, its settings, and moving it through the cycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Kind, area_view, cycle_runner
from common.concurrency import EditConflict
from common.views import apply_validation_error
from plans import selectors as plan_selectors
from scorecard.selectors.reported import reported_summary
from scorecard.selectors.reporting import measures_needing_commentary

from .. import rules, selectors, services
from ..forms import PeriodFilterForm, PeriodForm, PeriodSettingsForm, VersionForm
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
def period_list(request, access, plan_pk: int):
    plan = plan_selectors.plan_for(access, plan_pk)
    periods = list(selectors.periods_of(plan))
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
@area_view(cycle_runner)
def period_create(request, access, plan_pk: int):
    plan = plan_selectors.plan_for(access, plan_pk)
    latest = plan.periods.order_by("-starts_on").first()
    if latest is not None and not latest.is_reported:
        messages.error(request, f"Report {latest.name} before opening the next period.")
        return redirect(latest)
    start, end = rules.period_dates(
        latest.ends_on if latest else None, plan.reporting_cadence, timezone.localdate()
    )
    initial = {
        "starts_on": start,
        "ends_on": end,
        "deadline": rules.default_deadline(end, plan.reporting_cadence),
    }
    form = PeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = services.period_open(
                plan=plan,
                by=request.user,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                deadline=data["deadline"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{period.name} is open for updates.")
            return redirect(period)
    return render(
        request,
        "progress/period_form.html",
        {
            "access": access,
            "plan": plan,
            "form": form,
            "cadence": plan.get_reporting_cadence_display(),
            "nav": "plans",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def period_detail(request, access, pk: int):
    period = selectors.period_for(access, pk)
    plan = period.plan
    form = PeriodFilterForm(request.GET or None, area=access.area)
    filters = selectors.PeriodFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PeriodFilters(
            workstream=data["workstream"].pk if data["workstream"] else None,
            state=data["state"] or None,
            mine=data["mine"],
        )
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "access": access,
        "plan": plan,
        "period": period,
        "form": form,
        "query": query.urlencode(),
        "moves": [(state, MOVES[state]) for state in rules.NEXT_STATES[period.state]],
        "nav": "plans",
    }
    if period.is_reported:
        page = Paginator(selectors.reported_rows(period, filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        scorecard = reported_summary(period) if access.can_read(Kind.SCORECARD) else None
        context.update(page=page, ratings=page.object_list, scorecard_summary=scorecard)
    else:
        page = Paginator(selectors.period_items(access, period, filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(
            page=page,
            rows=selectors.period_rows(access, period, page.object_list, today),
            summary=selectors.period_summary(period),
            # Once updates are in (challenge onwards), what the scorecard still needs before reporting.
            needing_commentary=[
                (measure, access.can_enter_figures(measure))
                for measure in (
                    measures_needing_commentary(period)
                    if period.state != period.State.OPEN and access.can_read(Kind.SCORECARD)
                    else []
                )
            ],
            can_challenge=access.is_programme_manager or bool(access.led_workstream_ids),
            can_update=access.role != "viewer",
        )
    return render(request, "progress/period_detail.html", context)


@require_http_methods(["GET", "POST"])
@area_view(cycle_runner)
def period_edit(request, access, pk: int):
    period = selectors.period_for(access, pk)
    if period.is_reported:
        messages.error(request, "This period has been reported. What was reported cannot be changed.")
        return redirect(period)
    form = PeriodSettingsForm(
        request.POST or None,
        initial={"name": period.name, "deadline": period.deadline, "version": period.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.period_settings_save(
                period=period,
                name=form.cleaned_data["name"],
                deadline=form.cleaned_data["deadline"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except EditConflict:
            form.add_error(
                None,
                "Someone else changed this period while you were editing it. It now shows their changes: "
                "check and save again.",
            )
            form = PeriodSettingsForm(
                initial={"name": period.name, "deadline": period.deadline, "version": period.version}
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{period.name} saved.")
            return redirect(period)
    return render(
        request,
        "progress/period_edit.html",
        {"access": access, "plan": period.plan, "period": period, "form": form, "nav": "plans"},
    )


@require_http_methods(["GET", "POST"])
@area_view(cycle_runner)
def period_move(request, access, pk: int, state: str):
    period = selectors.period_for(access, pk)
    if state not in MOVES:
        raise Http404("No such state")
    form = VersionForm(request.POST or None, initial={"version": period.version})
    problem = None
    if request.method == "POST" and form.is_valid():
        try:
            services.period_move(
                period=period, to_state=state, expected_version=form.cleaned_data["version"], by=request.user
            )
        except EditConflict:
            problem = "Someone else moved this period on while you were looking at it. Check its state."
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"{period.name}: {ReportingPeriod.State(state).label.lower()}.")
            return redirect(period)
        period = selectors.period_for(access, pk)
        form = VersionForm(initial={"version": period.version})
    summary = selectors.period_summary(period)
    if problem is None and request.method == "GET":
        problem = rules.state_change_problem(period.state, state, summary.unconfirmed)
        if problem is None and state == rules.REPORTED and (problems := services.reporting_problems(period)):
            problem = " ".join(problems)
    return render(
        request,
        "progress/period_move.html",
        {
            "access": access,
            "plan": period.plan,
            "period": period,
            "form": form,
            "state": state,
            "action": MOVES[state],
            "problem": problem,
            "summary": summary,
            "nav": "plans",
        },
    )
