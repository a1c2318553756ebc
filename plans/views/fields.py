"""The fields a programme manager defines on a plan's items: the list, adding, editing and removing."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, manager_only
from common.conflicts import try_save

from .. import selectors, services
from ..fields import level_words, plan_field_snapshot
from ..forms import VersionForm
from ..forms_fields import PlanFieldForm
from ..models import Plan, PlanField
from ..selectors.fields import plan_field_for, plan_fields, values_count


def _list_url(access: Access, plan: Plan) -> str:
    return reverse("plans:plan-fields", kwargs={"area": access.area.slug, "pk": plan.pk})


@require_http_methods(["GET"])
@area_view(manager_only, reads=Kind.PLAN)
def field_list(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    fields = [(f, level_words(plan, f.level)) for f in plan_fields(plan=plan)]
    context = {"access": access, "plan": plan, "fields": fields, "nav": "plans"}
    return render(request, "plans/plan_fields.html", context)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def field_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    form = PlanFieldForm(request.POST or None, plan=plan)
    attempt = try_save(
        form,
        lambda: services.plan_field_create(
            plan=plan,
            name=form.cleaned_data["name"],
            level=form.level_value(),
            kind=form.cleaned_data["kind"],
            by=request.user,
        ),
    )
    if attempt.saved and (added := attempt.result) is not None:
        messages.success(request, f"Field {added.name} added.")
        return redirect(_list_url(access, plan))
    context = {"access": access, "plan": plan, "form": form, "nav": "plans"}
    return render(request, "plans/plan_field_form.html", context)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def field_edit(request: SignedInRequest, access: Access, plan_pk: int, pk: int) -> HttpResponse:
    plan_field = plan_field_for(access=access, plan_pk=plan_pk, pk=pk)
    plan = plan_field.plan
    form = PlanFieldForm(
        request.POST or None, plan=plan, plan_field=plan_field, held=values_count(plan_field=plan_field)
    )
    form.fields["version"].required = True
    attempt = try_save(
        form,
        lambda: services.plan_field_update(
            plan_field=plan_field,
            name=form.cleaned_data["name"],
            level=form.level_value(),
            kind=form.cleaned_data.get("kind") or plan_field.kind,
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this field",
        theirs=plan_field_snapshot,
        mine=lambda: plan_field_snapshot(
            PlanField(
                plan=plan,
                name=form.cleaned_data["name"],
                level=form.level_value(),
                kind=form.cleaned_data.get("kind") or plan_field.kind,
            )
        ),
    )
    if attempt.saved:
        messages.success(request, f"Field {form.cleaned_data['name']} saved.")
        return redirect(_list_url(access, plan))
    context = {"access": access, "plan": plan, "plan_field": plan_field, "form": form}
    return render(
        request, "plans/plan_field_form.html", {**context, "theirs": attempt.theirs, "nav": "plans"}
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def field_remove(request: SignedInRequest, access: Access, plan_pk: int, pk: int) -> HttpResponse:
    plan_field = plan_field_for(access=access, plan_pk=plan_pk, pk=pk)
    plan = plan_field.plan
    form = VersionForm(request.POST or None, initial={"version": plan_field.version})
    attempt = try_save(
        form,
        lambda: services.plan_field_remove(
            plan_field=plan_field, expected_version=form.cleaned_data["version"], by=request.user
        ),
        thing="this field",
        removing=True,
        theirs=plan_field_snapshot,
    )
    if attempt.saved:
        messages.success(
            request, f"Field {plan_field.name} removed, with its values. The history keeps them."
        )
        return redirect(_list_url(access, plan))
    context = {"access": access, "plan": plan, "plan_field": plan_field, "form": form}
    context["held"] = values_count(plan_field=plan_field)
    return render(
        request, "plans/plan_field_remove.html", {**context, "theirs": attempt.theirs, "nav": "plans"}
    )
