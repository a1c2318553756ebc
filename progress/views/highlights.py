"""Highlight reports: one per workstream per period, one row per priority, four columns."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from areas.models import Workstream
from common.conflicts import try_save

from .. import selectors, services
from ..forms import HighlightReportForm, VersionForm
from ..services.highlights import priorities_of


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def report_list(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """Every workstream's report. Once reported: the reports as reported, and "No report" for each
    workstream that had updates but no report then (kept on the period, so later ones never appear)."""
    period = selectors.period_for(access=access, pk=pk)
    reports = selectors.highlight_reports_of(period=period)
    workstreams = list(Workstream.objects.filter(area=access.area).prefetch_related("leaderships__person"))
    entries: list[dict[str, Any]] = [
        {
            "workstream": w,
            "name": reports[w.pk].workstream_name if w.pk in reports and period.is_reported else "",
            "lead": w.leads_shown(),
            "report": reports.get(w.pk),
            "can_edit": access.can_edit_highlight_report(w) and not period.is_reported,
        }
        for w in workstreams
        if w.pk in reports or not period.is_reported
    ]
    if period.is_reported:
        entries += [
            {"workstream": None, "name": missing["name"], "lead": missing.get("lead", ""), "no_report": True}
            for missing in period.no_highlight_reports
        ]
        entries.sort(key=lambda entry: entry["name"].lower())
    return render(
        request,
        "progress/highlight_list.html",
        {"access": access, "plan": period.plan, "period": period, "entries": entries, "nav": "plans"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def report_detail(request: SignedInRequest, access: Access, pk: int, workstream_pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    workstream = selectors.workstream_for(access=access, pk=workstream_pk)
    report = selectors.highlight_report_for(period=period, workstream=workstream)
    can_edit = access.can_edit_highlight_report(workstream) and not period.is_reported
    return render(
        request,
        "progress/highlight_detail.html",
        {
            "access": access,
            "plan": period.plan,
            "period": period,
            "workstream": workstream,
            "report": report,
            "rows": list(report.rows.all()) if report else [],
            "priorities": [] if report else priorities_of(period=period, workstream=workstream),
            "can_edit": can_edit,
            "draft_form": VersionForm(initial={"version": 0}),
            "nav": "plans",
        },
    )


def _editable(access: Access, workstream: Workstream) -> None:
    if not access.can_edit_highlight_report(workstream):
        raise PermissionDenied(
            "Only the workstream's lead and the programme manager can write its highlight report."
        )


@require_http_methods(["POST"])
@area_view(reads=Kind.CYCLE)
def report_draft(request: SignedInRequest, access: Access, pk: int, workstream_pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    workstream = selectors.workstream_for(access=access, pk=workstream_pk)
    _editable(access, workstream)
    try:
        report = services.highlight_draft(period=period, workstream=workstream, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            "progress:highlight-report", area=access.area.slug, pk=period.pk, workstream_pk=workstream.pk
        )
    messages.success(
        request, f"{workstream.code} highlight report drafted from the period's updates. Check and edit it."
    )
    return redirect(
        "progress:highlight-report-edit",
        area=access.area.slug,
        pk=period.pk,
        workstream_pk=report.workstream_id,
    )


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.CYCLE)
def report_edit(request: SignedInRequest, access: Access, pk: int, workstream_pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    workstream = selectors.workstream_for(access=access, pk=workstream_pk)
    _editable(access, workstream)
    report = selectors.highlight_report_for(period=period, workstream=workstream)
    if report is None or period.is_reported:
        return redirect(
            "progress:highlight-report", area=access.area.slug, pk=period.pk, workstream_pk=workstream.pk
        )
    form = HighlightReportForm(request.POST or None, report=report)
    attempt = try_save(
        form,
        lambda: services.highlight_save(
            report=report,
            rows=form.row_data(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this highlight report",
        verb="saved",
        theirs=lambda saved: services.highlight_snapshot(report=saved),
        mine=lambda: services.highlight_snapshot(report=report, rows=form.row_data()),
    )
    if attempt.saved:
        messages.success(request, f"{workstream.code} highlight report saved.")
        return redirect(report)
    context = {"access": access, "plan": period.plan, "period": period, "workstream": workstream}
    context |= {"report": report, "form": form, "theirs": attempt.theirs, "nav": "plans"}
    return render(request, "progress/highlight_form.html", context)
