"""The register: the area's risks home, a plan's register with its filters, and the area's bands."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, risk_manager
from common.conflicts import try_save
from plans.selectors import plan_for

from .. import rules
from ..forms import BandsForm, RegisterFilterForm
from ..selectors.bands import bands_for
from ..selectors.register import categories_of, plans_with_risks, register_rows
from ..services.bands import bands_update
from ..snapshots import bands_snapshot


@require_http_methods(["GET"])
@area_view(reads=Kind.RISKS)
def home(request: SignedInRequest, access: Access) -> HttpResponse:
    """The register of the area's plan when it has one; otherwise its plans, to choose one."""
    plans = plans_with_risks(access=access)
    if len(plans) == 1:
        return register_page(request, access, plans[0].pk)
    return render(request, "risks/home.html", {"access": access, "plans": plans, "nav": "risks"})


def register_page(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = plan_for(access=access, pk=plan_pk)
    bands = bands_for(area=access.area)
    form = RegisterFilterForm(request.GET or None, plan=plan, categories=categories_of(plan=plan))
    filters = form.filters()
    rows = register_rows(access=access, plan=plan, bands=bands, filters=filters, today=timezone.localdate())
    context = {
        "access": access,
        "plan": plan,
        "form": form,
        "filters": filters,
        "rows": rows,
        "key": rules.bands_described(amber_from=bands.amber_from, red_from=bands.red_from),
        "can_manage": access.can_manage_risks(),
        "nav": "risks",
    }
    return render(request, "risks/register.html", context)


@require_http_methods(["GET"])
@area_view(reads=Kind.RISKS)
def register(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    return register_page(request, access, plan_pk)


@require_http_methods(["GET", "POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def bands_edit(request: SignedInRequest, access: Access) -> HttpResponse:
    bands = bands_for(area=access.area)
    initial = {"amber_from": bands.amber_from, "red_from": bands.red_from, "version": bands.version}
    form = BandsForm(request.POST or None, initial=initial)
    attempt = try_save(
        form,
        lambda: bands_update(
            area=access.area,
            expected_version=form.cleaned_data["version"] or 1,
            amber_from=form.cleaned_data["amber_from"],
            red_from=form.cleaned_data["red_from"],
            by=request.user,
        ),
        thing="the risk bands",
        theirs=bands_snapshot,
        mine=lambda: {
            "Amber from": str(form.cleaned_data["amber_from"]),
            "Red from": str(form.cleaned_data["red_from"]),
        },
    )
    if attempt.saved:
        messages.success(request, "Risk bands saved.")
        return redirect("risks:home", area=access.area.slug)
    context = {
        "access": access,
        "form": form,
        "theirs": attempt.theirs,
        "now": str(bands),
        "nav": "risks",
    }
    return render(request, "risks/bands_form.html", context)
