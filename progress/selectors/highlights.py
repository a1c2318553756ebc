"""Highlight reports: a period's, by workstream, and one workstream's with its rows."""

from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import Workstream

from ..models import HighlightReport, ReportingPeriod


def highlight_reports_of(*, period: ReportingPeriod) -> dict[int, HighlightReport]:
    return {
        r.workstream_id: r
        for r in HighlightReport.objects.filter(period=period).select_related("workstream", "updated_by")
    }


def highlight_report_for(*, period: ReportingPeriod, workstream: Workstream) -> HighlightReport | None:
    return (
        HighlightReport.objects.filter(period=period, workstream=workstream)
        .select_related("workstream", "updated_by", "drafted_by")
        .prefetch_related("rows")
        .first()
    )


def workstream_for(*, access: Access, pk: int) -> Workstream:
    return get_object_or_404(Workstream.objects.select_related("lead"), pk=pk, area=access.area)
