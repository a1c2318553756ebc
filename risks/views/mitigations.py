"""A risk's mitigating actions and their dated progress notes: the programme manager and the risk's
owner (areas.access.Access.can_update_risk)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from common.conflicts import try_save

from ..forms import MitigationForm, NoteForm
from ..models import Mitigation, Risk
from ..selectors.register import risk_for
from ..selectors.risk import mitigation_for
from ..services.mitigations import mitigation_add, mitigation_update, note_add
from ..snapshots import mitigation_snapshot


def _risk_to_update(access: Access, pk: int) -> Risk:
    risk = risk_for(access=access, pk=pk)
    if not access.can_update_risk(risk):
        raise PermissionDenied("Only the risk's owner and the programme manager can change its mitigations.")
    return risk


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.RISKS)
def mitigation_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    risk = _risk_to_update(access, pk)
    form = MitigationForm(request.POST or None, area=access.area, editing=False)
    attempt = try_save(
        form,
        lambda: mitigation_add(
            risk=risk,
            action=form.cleaned_data["action"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,
        ),
    )
    if attempt.saved:
        messages.success(request, f"Mitigating action added to risk {risk.reference}.")
        return redirect(risk.get_absolute_url() + "#mitigations")
    context = {"access": access, "plan": risk.plan, "risk": risk, "form": form, "mitigation": None}
    return render(request, "risks/mitigation_form.html", {**context, "nav": "risks"})


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.RISKS)
def mitigation_edit(request: SignedInRequest, access: Access, pk: int, mitigation_pk: int) -> HttpResponse:
    risk = _risk_to_update(access, pk)
    mitigation = mitigation_for(risk=risk, pk=mitigation_pk)
    initial = {
        "action": mitigation.action,
        "owner": mitigation.owner_id,
        "due_on": mitigation.due_on,
        "is_done": mitigation.is_done,
        "version": mitigation.version,
    }
    form = MitigationForm(request.POST or None, initial=initial, area=access.area, editing=True)
    attempt = try_save(
        form,
        lambda: mitigation_update(
            mitigation=mitigation,
            expected_version=form.cleaned_data["version"] or 0,
            action=form.cleaned_data["action"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            is_done=form.cleaned_data["is_done"],
            by=request.user,
        ),
        thing="this mitigating action",
        theirs=mitigation_snapshot,
        mine=lambda: mitigation_snapshot(
            Mitigation(
                risk=risk,
                action=form.cleaned_data["action"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                is_done=form.cleaned_data["is_done"],
            )
        ),
    )
    if attempt.saved:
        messages.success(request, f"Mitigating action of risk {risk.reference} saved.")
        return redirect(risk.get_absolute_url() + "#mitigations")
    context = {"access": access, "plan": risk.plan, "risk": risk, "form": form, "mitigation": mitigation}
    return render(
        request, "risks/mitigation_form.html", {**context, "theirs": attempt.theirs, "nav": "risks"}
    )


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.RISKS)
def note_create(request: SignedInRequest, access: Access, pk: int, mitigation_pk: int) -> HttpResponse:
    risk = _risk_to_update(access, pk)
    mitigation = mitigation_for(risk=risk, pk=mitigation_pk)
    form = NoteForm(request.POST or None)
    attempt = try_save(
        form,
        lambda: note_add(
            mitigation=mitigation,
            dated=form.cleaned_data["dated"],
            text=form.cleaned_data["text"],
            by=request.user,
        ),
    )
    if attempt.saved:
        messages.success(request, f"Progress added to a mitigating action of risk {risk.reference}.")
        return redirect(risk.get_absolute_url() + "#mitigations")
    context = {"access": access, "plan": risk.plan, "risk": risk, "form": form, "mitigation": mitigation}
    return render(request, "risks/note_form.html", {**context, "nav": "risks"})
