"""Writing an item's update for a period, and the challenge that confirms or changes its status."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import area_view
from common.concurrency import EditConflict
from common.views import apply_validation_error
from evidence.models import Evidence
from plans.rules import is_overdue

from .. import rules, selectors, services
from ..forms import ChallengeForm, UpdateForm
from ..services.updates import update_snapshot

RECENT_EVIDENCE_DAYS = 90


def _just_added(request) -> list[int]:
    """Evidence the user has just added to the bank: the evidence page sends them back with its id."""
    return [int(pk) for pk in request.GET.getlist("evidence") if pk.isdigit()]


def _evidence_choices(access, item, update, request):
    """Evidence already used for this item, what this user added lately, and what they just added."""
    just_added = _just_added(request)
    since = timezone.now() - timedelta(days=RECENT_EVIDENCE_DAYS)
    wanted = Q(updates__item=item) | Q(added_by=request.user, added_at__gte=since) | Q(pk__in=just_added)
    if update is not None:
        wanted |= Q(updates=update)
    return Evidence.objects.filter(area=access.area).filter(wanted).distinct().order_by("title")


def _initial(update, request) -> dict:
    just_added = _just_added(request)
    if update is None:
        return {"evidence": just_added}
    return {
        "commentary": update.commentary,
        "next_steps": update.next_steps,
        "proposed_status": update.proposed_status_id,
        "proposed_due_date": update.proposed_due_date,
        "due_date_reason": update.due_date_reason,
        "mitigation": update.mitigation,
        "evidence": [e.pk for e in update.evidence.all()] + just_added,
        "version": update.version,
    }


@require_http_methods(["GET", "POST"])
@area_view()
def update_edit(request, access, pk: int, item_pk: int):
    period = selectors.period_for(access, pk)
    item = selectors.item_in_period(access, period, item_pk)
    if not access.can_update_item(item):
        raise PermissionDenied(
            "Only the item's owners, their workstream lead and the programme manager can update it."
        )
    update = selectors.update_of(period, item)
    evidence_choices = _evidence_choices(access, item, update, request)
    form = UpdateForm(
        request.POST or None,
        plan=period.plan,
        evidence_choices=evidence_choices,
        initial=_initial(update, request),
    )
    theirs = None
    if request.method == "POST" and period.takes_updates and form.is_valid():
        data = form.cleaned_data
        content = services.UpdateContent(
            commentary=data["commentary"],
            proposed_status=data["proposed_status"],
            next_steps=data["next_steps"],
            proposed_due_date=data["proposed_due_date"],
            due_date_reason=data["due_date_reason"],
            mitigation=data["mitigation"],
            evidence=list(data["evidence"]),
        )
        try:
            services.update_save(
                period=period, item=item, content=content, expected_version=data["version"], by=request.user
            )
        except EditConflict:
            update = selectors.update_of(period, item)
            mine = update_snapshot(content)
            theirs = [
                (label, value, mine.get(label, ""))
                for label, value in (update_snapshot(update) if update else {}).items()
                if value != mine.get(label, "")
            ]
            data = request.POST.copy()
            data["version"] = update.version if update else ""
            form = UpdateForm(
                data, plan=period.plan, evidence_choices=_evidence_choices(access, item, update, request)
            )
            form.is_valid()
            form.add_error(
                None,
                "Someone else saved an update for this item while you were writing yours. What they saved is "
                "shown below. Your update has not been saved: check it against theirs and save again.",
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, f"Update on {item.number} saved. It now waits for the workstream's challenge."
            )
            return redirect(period)
    return render(
        request,
        "progress/update_form.html",
        {
            "access": access,
            "plan": period.plan,
            "period": period,
            "item": item,
            "update": update,
            "form": form,
            "theirs": theirs,
            "due": rules.due_wording(item.due_date, item.original_due_date, item.slip_count),
            "overdue": _overdue(item),
            "nav": "plans",
        },
    )


def _overdue(item) -> bool:
    return is_overdue(item.due_date, bool(item.status and item.status.counts_as_done), timezone.localdate())


@require_http_methods(["GET", "POST"])
@area_view()
def update_challenge(request, access, pk: int, item_pk: int):
    period = selectors.period_for(access, pk)
    item = selectors.item_in_period(access, period, item_pk)
    if not access.can_challenge_item(item):
        raise PermissionDenied("Only the workstream's lead and the programme manager can confirm ratings.")
    update = selectors.update_of(period, item)
    form = None
    if update is not None:
        initial = {
            "status": update.confirmed_status_id or update.proposed_status_id,
            "reason": update.challenge_reason,
            "mitigation": update.mitigation,
            "version": update.version,
        }
        form = ChallengeForm(request.POST or None, plan=period.plan, initial=initial)
        if request.method == "POST" and period.takes_updates and form.is_valid():
            data = form.cleaned_data
            try:
                services.update_confirm(
                    update=update,
                    status=data["status"],
                    reason=data["reason"],
                    mitigation=data["mitigation"],
                    expected_version=data["version"],
                    by=request.user,
                )
            except EditConflict:
                form.add_error(
                    None,
                    "The owner changed this update while you were reviewing it. It now shows their changes: "
                    "review it again before confirming.",
                )
                update = selectors.update_of(period, item)
                form = _rebound(form, update, period)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                word = "changed" if data["status"].pk != update.proposed_status_id else "confirmed"
                messages.success(request, f"Status of {item.number} {word}: {data['status'].label}.")
                return redirect(period)
    return render(
        request,
        "progress/challenge_form.html",
        {
            "access": access,
            "plan": period.plan,
            "period": period,
            "item": item,
            "update": update,
            "form": form,
            "due": rules.due_wording(item.due_date, item.original_due_date, item.slip_count),
            "proposed_due": rules.due_wording(update.proposed_due_date, None, 0)
            if update and update.proposed_due_date
            else "",
            "overdue": _overdue(item),
            "impact_evidence": [e for e in update.evidence.all() if e.shows_impact] if update else [],
            "nav": "plans",
        },
    )


def _rebound(old_form, update, period):
    """The challenge form again, at the update's new version, keeping what the reviewer chose."""
    data = old_form.data.copy()
    data["version"] = update.version
    form = ChallengeForm(data, plan=period.plan)
    form.is_valid()
    for error in old_form.non_field_errors():
        form.add_error(None, error)
    return form
