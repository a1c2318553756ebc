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


def workstreams_without_report(*, period: ReportingPeriod) -> list[Workstream]:
    """The workstreams with an update in `period` on one of their items but no highlight report, by code.

    One query, whatever the plan's size.
    """
    reported = HighlightReport.objects.filter(period=period).values("workstream_id")
    return list(
        Workstream.objects.filter(area_id=period.plan.area_id, items__updates__period=period)
        .exclude(pk__in=reported)
        .prefetch_related("leaderships__person")
        .distinct()
        .order_by("code", "pk")
    )


def workstream_for(*, access: Access, pk: int) -> Workstream:
    return get_object_or_404(
        Workstream.objects.prefetch_related("leaderships__person"), pk=pk, area=access.area
    )
