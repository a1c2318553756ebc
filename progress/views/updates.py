"""Writing an item's update for a period, and the challenge that confirms or changes its status."""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from common.conflicts import Row, try_save
from plans.models import Item
from plans.rules import is_overdue

from .. import rules, selectors, services
from ..forms import ChallengeForm, UpdateForm
from ..models import ReportingPeriod, Update
from .evidence_picker import EvidencePicker, just_added


def _initial(update: Update | None, request: SignedInRequest) -> dict[str, Any]:
    added = just_added(request)
    if update is None:
        return {"evidence": added}
    return {
        "commentary": update.commentary,
        "next_steps": update.next_steps,
        "proposed_status": update.proposed_status_id,
        "proposed_due_date": update.proposed_due_date,
        "due_date_reason": update.due_date_reason,
        "mitigation": update.mitigation,
        "evidence": [e.pk for e in update.evidence.all()] + added,
        "version": update.version,
    }


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.CYCLE)
def update_edit(request: SignedInRequest, access: Access, pk: int, item_pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    item = selectors.item_in_period(access=access, period=period, item_pk=item_pk)
    if not access.can_update_item(item):
        raise PermissionDenied(
            "Only the item's owners, their workstream lead and the programme manager can update it."
        )
    update = selectors.update_of(period=period, item=item)
    picker = EvidencePicker(access=access, item=item, update=update, request=request)
    form = UpdateForm(
        (request.POST or None) if period.takes_updates and not picker.searching else None,
        plan=period.plan,
        evidence_choices=picker.bank(),
        initial=picker.posted_initial() if picker.searching else _initial(update, request),
    )
    if picker.searching:
        return _update_page(request, access, period, item, update, form, [], picker)
    attempt = try_save(
        form,
        lambda: services.update_save(
            period=period,
            item=item,
            content=form.content(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="an update for this item",
        verb="saved",
        doing="writing yours",
        theirs=lambda saved: services.update_snapshot(update=saved),
        mine=lambda: services.update_snapshot(update=form.content()),
    )
    if attempt.saved:
        messages.success(
            request, f"Update on {item.number} saved. It now waits for the workstream's challenge."
        )
        if warning := impact_warning(attempt.result):
            messages.warning(request, f"{item.number}: {warning}")
        return redirect(period)
    if attempt.conflict:
        update = selectors.update_of(period=period, item=item)
    return _update_page(request, access, period, item, update, form, attempt.theirs, picker)


def _update_page(
    request: SignedInRequest,
    access: Access,
    period: ReportingPeriod,
    item: Item,
    update: Update | None,
    form: UpdateForm,
    theirs: list[Row],
    picker: EvidencePicker,
) -> HttpResponse:
    picker.prepare(form.fields["evidence"])
    context = {
        "access": access,
        "plan": period.plan,
        "period": period,
        "item": item,
        "update": update,
        "form": form,
        "theirs": theirs,
        "due": rules.due_wording(item.due_date, item.original_due_date, item.slip_count),
        "overdue": _overdue(item, period),
        "picker": picker,
        "impact_warning": impact_warning(update) if update and not form.is_bound else "",
        "rating_change": selectors.rating_change_for(item=item, period=period),
        "nav": "plans",
    }
    if picker.searching and picker.htmx:
        return render(request, "progress/includes/evidence_results.html", context)
    return render(request, "progress/update_form.html", context)


def impact_warning(update: Update | None) -> str:
    """What the challenge will refuse about an update's proposed status for want of evidence of impact
    (the challenge's own words, `rules.confirmation_problems`), or "". Owners may still propose it."""
    if update is None or not update.proposed_status.needs_impact_evidence:
        return ""
    status = update.proposed_status
    facts = rules.StatusFacts(
        label=status.label,
        position=status.position,
        needs_impact_evidence=status.needs_impact_evidence,
        counts_as_done=status.counts_as_done,
    )
    has_impact = any(e.shows_impact for e in update.evidence.all())
    problem = rules.impact_evidence_problem(facts, has_impact_evidence=has_impact)
    return f"The challenge will not confirm it yet. {problem}" if problem else ""


def _overdue(item: Item, period: ReportingPeriod) -> bool:
    """Overdue as of the period (rules.overdue_judged_on), as the period's page shows it."""
    on = rules.overdue_judged_on(
        ends_on=period.ends_on, is_reported=period.is_reported, today=timezone.localdate()
    )
    return is_overdue(item.due_date, bool(item.status and item.status.counts_as_done), on)


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.CYCLE)
def update_challenge(request: SignedInRequest, access: Access, pk: int, item_pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    item = selectors.item_in_period(access=access, period=period, item_pk=item_pk)
    if not access.can_challenge_item(item):
        raise PermissionDenied("Only the workstream's lead and the programme manager can confirm ratings.")
    update = selectors.update_of(period=period, item=item)
    if update is None:
        return _challenge_page(request, access, period, item, None, None)
    form = ChallengeForm(
        (request.POST or None) if period.takes_updates else None,
        plan=period.plan,
        initial=_challenge_initial(update),
    )
    attempt = try_save(
        form,
        lambda: services.update_confirm(
            update=update,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            mitigation=form.cleaned_data["mitigation"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this update",
        who="The owner",
        doing="reviewing it",
        theirs=lambda saved: services.update_snapshot(update=saved),
    )
    if attempt.saved:
        status = form.cleaned_data["status"]
        word = "changed" if status.pk != update.proposed_status_id else "confirmed"
        messages.success(request, f"Status of {item.number} {word}: {status.label}.")
        return redirect(period)
    shown = selectors.update_of(period=period, item=item) if attempt.conflict else update
    return _challenge_page(request, access, period, item, shown, form, attempt.theirs)


def _challenge_initial(update: Update) -> dict[str, Any]:
    return {
        "status": update.confirmed_status_id or update.proposed_status_id,
        "reason": update.challenge_reason,
        "mitigation": update.mitigation,
        "version": update.version,
    }


def _challenge_page(
    request: SignedInRequest,
    access: Access,
    period: ReportingPeriod,
    item: Item,
    update: Update | None,
    form: ChallengeForm | None,
    theirs: Iterable[Row] = (),
) -> HttpResponse:
    context = {
        "access": access,
        "plan": period.plan,
        "period": period,
        "item": item,
        "update": update,
        "form": form,
        "theirs": theirs,
        "due": rules.due_wording(item.due_date, item.original_due_date, item.slip_count),
        "proposed_due": rules.due_wording(update.proposed_due_date, None, 0)
        if update and update.proposed_due_date
        else "",
        "overdue": _overdue(item, period),
        "impact_evidence": [e for e in update.evidence.all() if e.shows_impact] if update else [],
        "nav": "plans",
    }
    return render(request, "progress/challenge_form.html", context)
