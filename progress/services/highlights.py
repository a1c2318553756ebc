"""Highlight reports: drafted from a period's updates, edited by the workstream, frozen when reported."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils.text import capfirst

from accounts.models import User
from areas.models import Workstream
from common.concurrency import claim_version
from evidence.models import Evidence
from history import services as history
from plans.models import Item

from ..models import HighlightReport, HighlightRow, ReportingPeriod, Update

PREFIX_LENGTH = 17  # the sort key of a second-level item: two 8-character parts and a dot


def priorities_of(*, period: ReportingPeriod, workstream: Workstream) -> list[Item]:
    """The plan's second-level items (priorities) that the workstream has a part in, itself or below."""
    plan = period.plan
    keys = set(
        plan.items.current().filter(level__gte=2, workstreams=workstream).values_list("sort_key", flat=True)
    )
    prefixes = {key[:PREFIX_LENGTH] for key in keys}
    return [p for p in plan.items.current().filter(level=2).order_by("sort_key") if p.sort_key in prefixes]


def _lines(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n\n".join(f"{number}: {text.strip()}" for number, text in pairs if text.strip())


def draft_rows(*, period: ReportingPeriod, workstream: Workstream) -> list[HighlightRow]:
    """One unsaved row per priority, filled from the updates on the workstream's items under it."""
    priorities = priorities_of(period=period, workstream=workstream)
    updates = list(
        Update.objects.filter(period=period, item__workstreams=workstream, item__removed_at__isnull=True)
        .select_related("item")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("title")))
        .order_by("item__sort_key")
    )
    rows = []
    for position, priority in enumerate(priorities):
        mine = [u for u in updates if u.item.sort_key.startswith(priority.sort_key)]
        evidence = list({e.pk: e for u in mine for e in u.evidence.all()}.values())
        rows.append(
            HighlightRow(
                priority=priority,
                position=position,
                number=priority.number,
                title=priority.text,
                actions_progressed=_lines((u.item.number, u.commentary) for u in mine),
                impact="\n\n".join(f"{e.title}: {e.impact.strip()}" for e in evidence if e.shows_impact),
                evidence="\n".join(f"{e.title} ({e.get_kind_display().lower()})" for e in evidence),
                next_steps=_lines((u.item.number, u.next_steps) for u in mine),
            )
        )
    return rows


def _column_name(column: str) -> str:
    """A highlight row's column as people read it: "next steps"."""
    field = HighlightRow._meta.get_field(column)
    assert isinstance(field, models.Field)  # each of HighlightRow.COLUMNS is a text field
    return str(field.verbose_name)


def _editable(period: ReportingPeriod) -> None:
    if period.is_reported:
        raise ValidationError(
            f"{period.name} has been reported. Its highlight reports are kept as they were reported."
        )


@transaction.atomic
def highlight_draft(
    *, period: ReportingPeriod, workstream: Workstream, by: User | None = None
) -> HighlightReport:
    """Start a workstream's highlight report for the period, drafted from its updates."""
    _editable(period)
    if workstream.area_id != period.plan.area_id:
        raise ValidationError("This workstream is not in this local area")
    if HighlightReport.objects.filter(period=period, workstream=workstream).exists():
        raise ValidationError(f"{workstream.code} already has a highlight report for {period.name}.")
    rows = draft_rows(period=period, workstream=workstream)
    if not rows:
        raise ValidationError(
            f"{workstream.code} has no items in this plan's priorities, so it has nothing to report."
        )
    report = HighlightReport.objects.create(
        period=period,
        workstream=workstream,
        workstream_name=f"{workstream.code} {workstream.name}".strip(),
        drafted_by=by,
        updated_by=by,
    )
    for row in rows:
        row.report = report
    HighlightRow.objects.bulk_create(rows)
    history.change_record(
        area=period.plan.area,
        plan=period.plan,
        action=history.Action.ADDED,
        subject=f"{workstream.code} highlight report for {period.name}",
        obj=report,
        changes={"Priorities": ["", ", ".join(r.number for r in rows)]},
        by=by,
        source="Web",
    )
    return report


def highlight_snapshot(
    *, report: HighlightReport, rows: dict[int, dict[str, str]] | None = None
) -> dict[str, str]:
    """A report's words keyed by priority and column ("1.2 Next steps"), as saved, or as `rows` would
    save them (row id: {column: text}, as `highlight_save` takes them): to show theirs beside yours."""
    shown = {}
    for row in report.rows.all():
        for column in HighlightRow.COLUMNS:
            label = f"{row.number} {capfirst(_column_name(column))}"
            if rows is None:
                shown[label] = getattr(row, column)
            else:
                shown[label] = rows.get(row.pk, {}).get(column, "").replace("\r\n", "\n").strip()
    return shown


@transaction.atomic
def highlight_save(
    *,
    report: HighlightReport,
    rows: dict[int, dict[str, str]],
    expected_version: int,
    by: User | None = None,
) -> HighlightReport:
    """Save the four columns of each row, if nobody else saved the report since `expected_version`."""
    period = report.period
    _editable(period)
    claim_version(report, expected_version)
    changes = {}
    for row in report.rows.all():
        given = rows.get(row.pk)
        if given is None:
            continue
        for column in HighlightRow.COLUMNS:
            new = given.get(column, "").replace("\r\n", "\n").strip()
            old = getattr(row, column)
            if new != old:
                changes[f"{row.number} {_column_name(column)}"] = [old, new]
                setattr(row, column, new)
        row.save()
    report.updated_by = by
    report.save(update_fields=["updated_by", "updated_at"])
    if changes:
        history.change_record(
            area=period.plan.area,
            plan=period.plan,
            action=history.Action.CHANGED,
            subject=f"{report.workstream.code} highlight report for {period.name}",
            obj=report,
            changes=changes,
            by=by,
            source="Web",
        )
    return report
