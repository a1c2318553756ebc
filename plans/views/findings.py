"""A plan's inspection findings: the list every member reads, and adding, editing and removing them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, manager_only
from common.conflicts import try_save

from .. import selectors, services, snapshots
from ..forms import VersionForm
from ..forms_findings import FindingForm
from ..models import Finding, Plan


def _findings_url(access: Access, plan: Plan, finding: Finding | None = None) -> str:
    url = reverse("plans:findings", kwargs={"area": access.area.slug, "pk": plan.pk})
    return f"{url}#finding-{finding.pk}" if finding is not None else url


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def finding_list(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """Every finding of the plan with the items answering it, for every member."""
    plan = selectors.plan_for(access=access, pk=pk)
    findings = selectors.plan_findings(plan=plan)
    context = {"access": access, "plan": plan, "findings": findings, "nav": "plans"}
    return render(request, "plans/finding_list.html", context)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def finding_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
    form = FindingForm(request.POST or None, plan=plan)
    attempt = try_save(
        form, lambda: services.finding_create(plan=plan, content=form.content(), by=request.user)
    )
    if attempt.saved and (finding := attempt.result) is not None:
        messages.success(request, f"{snapshots.finding_subject(finding.number, finding.label)} added.")
        return redirect(_findings_url(access, plan, finding))
    context = {"access": access, "plan": plan, "form": form, "nav": "plans"}
    return render(request, "plans/finding_form.html", context)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def finding_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    finding = selectors.finding_for(access=access, pk=pk)
    plan = finding.plan
    form = FindingForm(request.POST or None, plan=plan, finding=finding)
    form.fields["version"].required = True
    attempt = try_save(
        form,
        lambda: services.finding_update(
            finding=finding,
            content=form.content(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this finding",
        theirs=snapshots.finding_snapshot,
        mine=lambda: _typed(form),
    )
    if attempt.saved:
        messages.success(request, f"{snapshots.finding_subject(finding.number, finding.label)} saved.")
        return redirect(_findings_url(access, plan, finding))
    context = {"access": access, "plan": plan, "finding": finding, "form": form, "theirs": attempt.theirs}
    return render(request, "plans/finding_form.html", {**context, "nav": "plans"})


def _typed(form: FindingForm) -> dict[str, str]:
    content = form.content()
    numbers = [item.number for item in content.items]
    return snapshots.finding_values(content.number, content.label, content.quotation, content.page, numbers)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def finding_remove(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    finding = selectors.finding_for(access=access, pk=pk)
    plan = finding.plan
    form = VersionForm(request.POST or None, initial={"version": finding.version})
    attempt = try_save(
        form,
        lambda: services.finding_remove(
            finding=finding, expected_version=form.cleaned_data["version"], by=request.user
        ),
        thing="this finding",
        removing=True,
        theirs=snapshots.finding_snapshot,
    )
    if attempt.saved:
        subject = snapshots.finding_subject(finding.number, finding.label)
        messages.success(request, f"{subject} removed. It stays in the plan's history.")
        return redirect(_findings_url(access, plan))
    context = {"access": access, "plan": plan, "finding": finding, "form": form, "theirs": attempt.theirs}
    return render(request, "plans/finding_remove.html", {**context, "nav": "plans"})
