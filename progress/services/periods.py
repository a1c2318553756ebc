"""Opening reporting periods, moving them through the cycle, and freezing what was reported."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from areas.models import shown_as
from common.concurrency import claim_version
from history import services as history
from plans import rollup
from plans import rules as plan_rules
from plans.models import Item, ItemOwner, Plan, RagStatus

from .. import rules
from ..models import HighlightReport, ReportedRating, ReportingPeriod, Update
from ..selectors.challenge import ITEMS_MISSING_WHEN_CONFIRMED, MISSING_WHEN_CONFIRMED, missing_numbers
from ..selectors.highlights import workstreams_without_report
from ..signals import period_reported, period_reporting
from ..trend import trend_between


@transaction.atomic
def period_open(
    *,
    plan: Plan,
    by: User | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    deadline: date | None = None,
    name: str = "",
    today: date | None = None,
) -> ReportingPeriod:
    """Open the plan's next reporting period. The one before must have been reported."""
    today = today or timezone.localdate()
    latest = plan.periods.order_by("-starts_on").first()
    if latest is not None and not latest.is_reported:
        raise ValidationError(f"Report {latest.name} before opening the next period.")
    default_start, _ = rules.period_dates(latest.ends_on if latest else None, plan.reporting_cadence, today)
    starts_on = starts_on or default_start
    if ends_on is None:
        ends_on = rules.add_months(starts_on, plan.reporting_cadence) - timedelta(days=1)
    _check_dates(latest, starts_on, ends_on, deadline)
    period = ReportingPeriod.objects.create(
        plan=plan,
        name=name.strip() or rules.period_name(starts_on, ends_on),
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=deadline or rules.default_deadline(ends_on, plan.reporting_cadence),
    )
    history.change_record(
        area=plan.area,
        plan=plan,
        action=history.Action.ADDED,
        subject=f"Reporting period {period.name}",
        obj=period,
        changes={"Updates due by": ["", f"{period.deadline:%d/%m/%Y}"]},
        by=by,
        source="Web",
    )
    return period


def _check_dates(
    latest: ReportingPeriod | None, starts_on: date, ends_on: date, deadline: date | None
) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date"})
    if latest is not None and starts_on <= latest.ends_on:
        raise ValidationError(
            {"starts_on": f"The period must start after {latest.name} ended ({latest.ends_on:%d/%m/%Y})"}
        )
    if deadline is not None and deadline > ends_on:
        raise ValidationError({"deadline": "Updates must be due by the end of the period, or sooner"})


def period_snapshot(*, period: ReportingPeriod) -> dict[str, str]:
    """A period's settings as people read them: for its history and for showing an edit conflict."""
    return {"Name": period.name, "Updates due by": f"{period.deadline:%d/%m/%Y}"}


@transaction.atomic
def period_settings_save(
    *, period: ReportingPeriod, name: str, deadline: date, expected_version: int, by: User | None = None
) -> ReportingPeriod:
    """Rename a period or move its update deadline, until it is reported."""
    if period.is_reported:
        raise ValidationError("This period has been reported. What was reported cannot be changed.")
    if deadline > period.ends_on:
        raise ValidationError({"deadline": "Updates must be due by the end of the period, or sooner"})
    before = period_snapshot(period=period)
    claim_version(period, expected_version)
    period.name, period.deadline = name.strip() or period.name, deadline
    period.save(update_fields=["name", "deadline"])
    changes = history.diff(before, period_snapshot(period=period))
    if changes:
        history.change_record(
            area=period.plan.area,
            plan=period.plan,
            action=history.Action.CHANGED,
            subject=f"Reporting period {period.name}",
            obj=period,
            changes=changes,
            by=by,
            source="Web",
        )
    return period


@transaction.atomic
def period_move(
    *,
    period: ReportingPeriod,
    to_state: str,
    expected_version: int,
    by: User | None = None,
    at: datetime | None = None,
    missing_agreed: int | None = None,
) -> ReportingPeriod:
    """Move a period to the next (or back to the previous) state of the cycle.

    Confirming the ratings while items have no update asks first: the page passes the number of
    missing updates the programme manager was shown and agreed to (`missing_agreed`,
    rules.missing_updates_problem); going ahead records in the period's history who did, and how
    many and which were missing (`MISSING_WHEN_CONFIRMED`), which the period's page shows.

    Reporting freezes the period: each item's rating and the highlight reports are kept as
    the board was told them, and no update or report of the period can change after. The apps beside
    the plan are asked first (`reporting_problems`: red measures need a commentary) and told after
    (progress.signals.period_reported: the scorecard is frozen as reported). A workstream with
    updates but no highlight report does not stop reporting (`rules.missing_reports_warning`: the
    page asks the programme manager to go ahead knowingly); it is kept on the period
    (`no_highlight_reports`, shown as "No report") and named in the history with who reported.
    """
    unconfirmed = Update.objects.filter(period=period, confirmed_at__isnull=True).count()
    problem = rules.state_change_problem(period.state, to_state, unconfirmed)
    if problem:
        raise ValidationError(problem)
    if to_state == ReportingPeriod.State.REPORTED and (problems := reporting_problems(period=period)):
        raise ValidationError(problems)
    missing = missing_numbers(period=period) if to_state == ReportingPeriod.State.CONFIRMED else []
    if problem := rules.missing_updates_problem(len(missing), missing_agreed):
        raise ValidationError({"missing_agreed": problem})
    old_label = period.get_state_display()
    claim_version(period, expected_version)
    period.state = to_state
    fields = ["state"]
    changes = {"State": [old_label, period.get_state_display()]}
    if to_state == ReportingPeriod.State.REPORTED:
        period.reported_at, period.reported_by = at or timezone.now(), by
        fields += ["reported_at", "reported_by", "trend", "no_highlight_reports"]
        period.no_highlight_reports = [
            {"id": w.pk, "name": f"{w.code} {w.name}".strip(), "lead": w.leads_shown()}
            for w in workstreams_without_report(period=period)
        ]
        if period.no_highlight_reports:
            names = ", ".join(w["name"] for w in period.no_highlight_reports)
            changes["Reported without highlight reports from"] = ["", names]
        _freeze(period)
        previous = (
            period.plan.periods.filter(state=ReportingPeriod.State.REPORTED, starts_on__lt=period.starts_on)
            .order_by("-starts_on")
            .first()
        )
        period.trend = {} if previous is None else trend_between(period, previous, period.plan.depth)
    period.save(update_fields=fields)
    if period.is_reported:
        period_reported.send(sender=ReportingPeriod, period=period)
    history.change_record(
        area=period.plan.area,
        plan=period.plan,
        action=history.Action.CHANGED,
        subject=f"Reporting period {period.name}",
        obj=period,
        changes={**changes, **_missing_changes(missing)},
        by=by,
        source="Web",
    )
    return period


def _missing_changes(missing: list[str]) -> dict[str, list[str]]:
    if not missing:
        return {}
    return {
        MISSING_WHEN_CONFIRMED: ["", str(len(missing))],
        ITEMS_MISSING_WHEN_CONFIRMED: ["", ", ".join(missing)],
    }


def reporting_problems(*, period: ReportingPeriod) -> list[str]:
    """What the apps beside the plan still need before `period` can be reported (progress.signals):
    the scorecard's red measures without a commentary, say. Empty when nothing stands in the way."""
    answers = period_reporting.send(sender=ReportingPeriod, period=period)
    return [problem for _, problem in answers if problem]


def frozen_rating(
    *, period: ReportingPeriod, item: Item, status: RagStatus | None, commentary: str, owners: str = ""
) -> ReportedRating:
    """An item as the board is told it for `period` (unsaved), `owners` its owners' initials ("KD, JG").
    Overdue is judged at the period's end."""
    done = bool(status and status.counts_as_done)
    return ReportedRating(
        period=period,
        item=item,
        number=item.number,
        text=item.text,
        level=item.level,
        status_label=status.label if status else "",
        status_colour=status.colour if status else "",
        status_position=status.position if status else None,
        counts_as_done=done,
        due_date=item.due_date,
        original_due_date=item.original_due_date,
        slip_count=item.slip_count,
        overdue=plan_rules.is_overdue(item.due_date, done, period.ends_on),
        owners=owners,
        commentary=commentary,
    )


def rollups_freeze(
    *,
    plan: Plan,
    ratings: list[ReportedRating],
    statuses: list[RagStatus],
    by_hand: dict[int, tuple[RagStatus | None, str]],
) -> None:
    """Give each rating (unsaved) of an item above the lowest level its roll-up as the board is told it:
    the lowest-level ratings under it counted by status, with the scheme's words and colours then, and
    its overall rating by the plan's rule then (`by_hand`: item id -> the rating set by hand, reason)."""
    by_position = {status.position: status for status in statuses}
    counts = rollup.roll_up((r.number, r.status_position) for r in ratings if r.level == plan.depth)
    for rating in ratings:
        if rating.level >= plan.depth:
            continue
        under = counts.get(rating.number, {})
        hand, reason = by_hand.get(rating.item_id, (None, ""))
        position = rollup.overall_rating(plan.rollup_rule, under, hand.position if hand else None)
        overall = by_position.get(position) if position is not None else None
        rating.rollup_rule = plan.rollup_rule
        rating.rollup_counts = [[s.label, s.colour, under.get(s.position, 0)] for s in statuses] + [
            ["", "", under.get(None, 0)]
        ]
        rating.overall_label = overall.label if overall else ""
        rating.overall_colour = overall.colour if overall else ""
        rating.overall_position = overall.position if overall else None
        rating.overall_reason = reason if plan.rollup_rule == rollup.BY_HAND else ""


def owners_by_item(*, plan: Plan) -> dict[int, str]:
    """Each current item's owners in their order ("KD, JG", a group by its name: "KD, SEND Improvement
    Board"): one query for the whole plan."""
    found: dict[int, list[str]] = {}
    for item_id, initials in (
        ItemOwner.objects.filter(item__plan=plan, item__removed_at__isnull=True)
        .order_by("item_id", "position", "pk")
        .values_list("item_id", shown_as("person__"))
    ):
        found.setdefault(item_id, []).append(initials)
    return {item_id: ", ".join(initials) for item_id, initials in found.items()}


def _freeze(period: ReportingPeriod) -> None:
    """Copy what the board is told into rows that later edits never touch.

    Overdue is judged as at the end of the period, which is what the ratings describe.
    """
    plan = period.plan
    commentary = dict(Update.objects.filter(period=period).values_list("item_id", "commentary"))
    items = list(plan.items.current().select_related("status", "overall_status").order_by("sort_key"))
    owners = owners_by_item(plan=plan)
    ratings = [
        frozen_rating(
            period=period,
            item=item,
            status=item.status,
            commentary=commentary.get(item.pk, ""),
            owners=owners.get(item.pk, ""),
        )
        for item in items
    ]
    rollups_freeze(
        plan=plan,
        ratings=ratings,
        statuses=list(plan.rag_scheme.statuses.order_by("position")),
        by_hand={
            item.pk: (item.overall_status, item.overall_reason) for item in items if item.level < plan.depth
        },
    )
    ReportedRating.objects.bulk_create(ratings)
    for report in HighlightReport.objects.filter(period=period).select_related("workstream"):
        report.workstream_name = f"{report.workstream.code} {report.workstream.name}".strip()
        report.save(update_fields=["workstream_name"])
        for row in report.rows.select_related("priority"):
            if row.priority is not None:
                row.number, row.title = row.priority.number, row.priority.text
                row.save(update_fields=["number", "title"])
