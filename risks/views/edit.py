"""Adding and editing risks, reviewing a risk's score, closing and reopening it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, risk_manager
from common.conflicts import try_save
from plans.models import Plan
from plans.selectors import plan_for

from ..forms import CloseForm, ReviewForm, RiskForm, VersionForm, risk_initial
from ..models import Risk
from ..selectors.bands import bands_for
from ..selectors.register import risk_for
from ..services.risks import RiskContent, risk_close, risk_create, risk_reopen, risk_rescore, risk_update
from ..snapshots import risk_snapshot


def _typed(plan: Plan, risk: Risk | None, content: RiskContent) -> dict[str, str]:
    """What was typed, as the risk's snapshot reads it, to show beside what someone else saved."""
    fields = {
        name: getattr(content, name)
        for name in (
            *("reference", "title", "cause", "event", "effect", "owner", "category", "review_on"),
            *("likelihood", "impact", "inherent_likelihood", "inherent_impact"),
            *("target_likelihood", "target_impact"),
        )
    }
    typed = Risk(plan=plan, **fields)
    if risk is not None:
        typed.status, typed.closed_reason = risk.status, risk.closed_reason
    snapshot = risk_snapshot(typed)
    snapshot["Plan items"] = ", ".join(item.number for item in content.items)
    snapshot["Measures"] = ", ".join(measure.code for measure in content.measures)
    return snapshot


@require_http_methods(["GET", "POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def risk_create_view(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = plan_for(access=access, pk=plan_pk)
    form = RiskForm(request.POST or None, plan=plan)
    attempt = try_save(form, lambda: risk_create(plan=plan, content=form.content(), by=request.user))
    if attempt.saved and attempt.result is not None:
        messages.success(request, f"Risk {attempt.result.reference} added.")
        return redirect(attempt.result.get_absolute_url())
    context = {"access": access, "plan": plan, "form": form, "risk": None, "nav": "risks"}
    return render(request, "risks/risk_form.html", context)


@require_http_methods(["GET", "POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def risk_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    risk = risk_for(access=access, pk=pk)
    form = RiskForm(request.POST or None, initial=risk_initial(risk), plan=risk.plan)
    attempt = try_save(
        form,
        lambda: risk_update(
            risk=risk,
            expected_version=form.cleaned_data["version"] or 0,
            content=form.content(),
            by=request.user,
        ),
        thing="this risk",
        theirs=risk_snapshot,
        mine=lambda: _typed(risk.plan, risk, form.content()),
    )
    if attempt.saved:
        messages.success(request, f"Risk {risk.reference} saved.")
        return redirect(risk.get_absolute_url())
    if attempt.problem:
        risk.refresh_from_db()
    context = {"access": access, "plan": risk.plan, "form": form, "risk": risk, "theirs": attempt.theirs}
    return render(request, "risks/risk_form.html", {**context, "nav": "risks"})


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.RISKS)
def risk_review(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """The owner's (or the programme manager's) review of the score now and the next review date."""
    risk = risk_for(access=access, pk=pk)
    if not access.can_update_risk(risk):
        raise PermissionDenied("Only the risk's owner and the programme manager can review its score.")
    if not risk.is_open:
        raise PermissionDenied("A closed risk is not reviewed: reopen it first.")
    initial = {"likelihood": risk.likelihood, "impact": risk.impact, "version": risk.version}
    form = ReviewForm(request.POST or None, initial={**initial, "review_on": risk.review_on})
    attempt = try_save(
        form,
        lambda: risk_rescore(
            risk=risk,
            expected_version=form.cleaned_data["version"] or 0,
            likelihood=form.cleaned_data["likelihood"],
            impact=form.cleaned_data["impact"],
            review_on=form.cleaned_data["review_on"],
            by=request.user,
        ),
        thing="this risk",
        theirs=risk_snapshot,
    )
    if attempt.saved:
        messages.success(request, f"Review of risk {risk.reference} saved.")
        return redirect(risk.get_absolute_url())
    context = {"access": access, "plan": risk.plan, "risk": risk, "form": form, "theirs": attempt.theirs}
    context["band"] = bands_for(area=access.area).band(risk.score)
    return render(request, "risks/risk_review.html", {**context, "nav": "risks"})


@require_http_methods(["GET", "POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def risk_close_view(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    risk = risk_for(access=access, pk=pk)
    if not risk.is_open:
        messages.info(request, f"Risk {risk.reference} is already closed.")
        return redirect(risk.get_absolute_url())
    form = CloseForm(request.POST or None, initial={"version": risk.version})
    attempt = try_save(
        form,
        lambda: risk_close(
            risk=risk,
            expected_version=form.cleaned_data["version"] or 0,
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
        thing="this risk",
        theirs=risk_snapshot,
    )
    if attempt.saved:
        messages.success(request, f"Risk {risk.reference} closed.")
        return redirect(risk.get_absolute_url())
    context = {"access": access, "plan": risk.plan, "risk": risk, "form": form, "theirs": attempt.theirs}
    return render(request, "risks/risk_close.html", {**context, "nav": "risks"})


@require_http_methods(["POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def risk_reopen_view(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    risk = risk_for(access=access, pk=pk)
    form = VersionForm(request.POST)
    attempt = try_save(
        form,
        lambda: risk_reopen(risk=risk, expected_version=form.cleaned_data["version"] or 0, by=request.user),
        thing="this risk",
        doing="looking at it",
    )
    if attempt.saved:
        messages.success(request, f"Risk {risk.reference} reopened.")
    else:
        messages.error(request, attempt.problem)
    return redirect(risk.get_absolute_url())
