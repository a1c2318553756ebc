"""A plan's own text: its introduction, commitment, principles, governance and monitoring."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, manager_only
from common.conflicts import try_save

from .. import selectors, services, snapshots
from ..forms_text import PlanTextForm
from ..models import PlanText


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def plan_text(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """Every section of the plan's text, for every member; an edit link on each for the programme manager."""
    plan = selectors.plan_for(access=access, pk=pk)
    texts = selectors.plan_texts(plan=plan)
    context = {"access": access, "plan": plan, "texts": texts, "nav": "plans"}
    return render(request, "plans/plan_text.html", context)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def plan_text_edit(request: SignedInRequest, access: Access, pk: int, section: str) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    if section not in PlanText.Section.values:
        raise Http404("No such section")
    text = next(t for t in selectors.plan_texts(plan=plan) if t.section == section)
    label = text.get_section_display()
    form = PlanTextForm(
        request.POST or None, label=label, initial={"text": text.text, "version": text.version}
    )
    attempt = try_save(
        form,
        lambda: services.plan_text_save(
            plan=plan,
            section=section,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing=f"the {label.lower()}",
        doing="editing it",
        theirs=snapshots.plan_text_snapshot,
        mine=lambda: {label: form.cleaned_data["text"]},
    )
    if attempt.saved:
        messages.success(request, f"{label} saved.")
        return redirect(reverse("plans:plan-text", kwargs={"area": access.area.slug, "pk": plan.pk}))
    context = {"access": access, "plan": plan, "form": form, "label": label, "theirs": attempt.theirs}
    return render(request, "plans/plan_text_form.html", {**context, "nav": "plans"})
