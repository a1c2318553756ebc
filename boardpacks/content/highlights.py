"""Highlight reports: each workstream's report for the period as it was frozen when the period was
reported (its name then, each priority's number and words then), and the workstreams that reported
without one (`ReportingPeriod.no_highlight_reports`)."""

from collections import defaultdict

from progress.models import HighlightReport, HighlightRow

from .schema import HighlightRow as RowContent
from .schema import Highlights
from .source import Source


def highlights_section(source: Source) -> Highlights:
    """Two queries: the reports, then all their rows."""
    period = source.period
    reports = list(
        HighlightReport.objects.filter(period=period)
        .order_by("workstream__code", "workstream_name")
        .values_list("pk", "workstream_name")
    )
    rows: dict[int, list[RowContent]] = defaultdict(list)
    for report_id, *values in (
        HighlightRow.objects.filter(report__period=period)
        .order_by("report_id", "position", "pk")
        .values_list("report_id", "number", "title", *HighlightRow.COLUMNS)
    ):
        number, title, progressed, impact, evidence, next_steps = values
        rows[report_id].append(
            {
                "number": number,
                "title": title,
                "actions_progressed": progressed,
                "impact": impact,
                "evidence": evidence,
                "next_steps": next_steps,
            }
        )
    return {
        "reports": [{"workstream": name, "rows": rows[pk]} for pk, name in reports],
        "without_report": [str(kept.get("name", "")) for kept in period.no_highlight_reports or []],
    }
