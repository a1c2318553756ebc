"""Reads for the monthly cycle's pages, each in a fixed number of queries whatever the plan's size.

Every lookup takes the user's `Access`, so periods and updates are only found inside their area.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import Workstream
from common.urls import url_maker
from plans import selectors as plan_selectors
from plans.models import Item, Plan, RagStatus

from . import rules
from .models import HighlightReport, ReportedRating, ReportingPeriod, Update
from .trend import NO_STATUS

STATE_FILTERS = {
    "missing": "No update yet",
    "submitted": "Waiting for challenge",
    "confirmed": "Confirmed",
    "changed": "Changed in challenge",
}


def period_for(access: Access, pk: int) -> ReportingPeriod:
    return get_object_or_404(
        ReportingPeriod.objects.select_related("plan__area", "plan__rag_scheme", "reported_by").defer(
            "trend"
        ),
        pk=pk,
        plan__area=access.area,
    )


def periods_of(plan: Plan) -> list[ReportingPeriod]:
    """The plan's periods, newest first, each with its count of updates and of confirmed ones."""
    periods = list(plan.periods.defer("trend").order_by("-starts_on"))
    counts = {
        row["period_id"]: row
        for row in Update.objects.filter(period_id__in=[p.pk for p in periods])
        .values("period_id")
        .annotate(n=Count("id"), confirmed=Count("id", filter=Q(confirmed_at__isnull=False)))
        .order_by()
    }
    for period in periods:
        row = counts.get(period.pk, {})
        period.update_count, period.confirmed_count = row.get("n", 0), row.get("confirmed", 0)
    return periods


def current_period(plan: Plan) -> ReportingPeriod | None:
    """The plan's period that is not yet reported, if there is one."""
    return (
        plan.periods.exclude(state=ReportingPeriod.State.REPORTED)
        .defer("trend")
        .order_by("-starts_on")
        .first()
    )


def current_periods(access: Access) -> dict[int, ReportingPeriod]:
    """Each plan's period that is not yet reported, by plan id, in one query."""
    periods = (
        ReportingPeriod.objects.filter(plan__area=access.area)
        .select_related("plan__rag_scheme", "plan__area")
        .defer("trend")
        .exclude(state=ReportingPeriod.State.REPORTED)
        .order_by("starts_on")
    )
    return {period.plan_id: period for period in periods}


@dataclass(frozen=True)
class UpdatesDue:
    period: ReportingPeriod
    missing: int


def my_updates_due(access: Access) -> list[UpdatesDue]:
    """For each period taking updates: how many of the user's items (owned, or in workstreams they
    lead) still need an update. One query per open period (a handful: one per live plan)."""
    if not access.person_id and not access.led_workstream_ids:
        return []
    due = []
    for period in current_periods(access).values():
        if not period.takes_updates:
            continue
        mine = Q(ownerships__person_id=access.person_id or 0)
        if access.led_workstream_ids:
            mine |= Q(workstreams__id__in=access.led_workstream_ids)
        has_update = Exists(Update.objects.filter(period=period, item_id=OuterRef("pk")))
        missing = expected_items(period.plan).filter(mine).filter(~has_update).distinct().count()
        due.append(UpdatesDue(period=period, missing=missing))
    return due


def item_in_period(access: Access, period: ReportingPeriod, item_pk: int) -> Item:
    item = plan_selectors.item_for(access=access, pk=item_pk)
    if item.plan_id != period.plan_id:
        raise Http404("This item is not in this period's plan")
    return item


def update_of(period: ReportingPeriod, item: Item) -> Update | None:
    return (
        Update.objects.filter(period=period, item=item)
        .select_related("proposed_status", "confirmed_status", "submitted_by", "confirmed_by")
        .prefetch_related("evidence")
        .first()
    )


# The period page -----------------------------------------------------------------------


def _done_ids(plan: Plan) -> list[int]:
    return list(plan.rag_scheme.statuses.filter(counts_as_done=True).values_list("pk", flat=True))


def expected_items(plan: Plan) -> QuerySet[Item]:
    """Items that need an update each period: owned and not done (rules.expects_update)."""
    owned = Exists(Item.owners.through.objects.filter(item_id=OuterRef("pk")))
    return plan.items.current().filter(owned).filter(plan_selectors.not_done(done_ids=_done_ids(plan)))


@dataclass
class PeriodSummary:
    expected: int = 0
    submitted: int = 0
    confirmed: int = 0
    changed: int = 0
    missing: int = 0
    unconfirmed: int = 0


def period_summary(period: ReportingPeriod) -> PeriodSummary:
    """How far the period's updates have got, in two queries."""
    expected_ids = set(expected_items(period.plan).values_list("pk", flat=True))
    summary = PeriodSummary(expected=len(expected_ids))
    updated = set()
    for item_id, confirmed_at, proposed, confirmed in Update.objects.filter(period=period).values_list(
        "item_id", "confirmed_at", "proposed_status_id", "confirmed_status_id"
    ):
        updated.add(item_id)
        summary.submitted += 1
        if confirmed_at is None:
            summary.unconfirmed += 1
        else:
            summary.confirmed += 1
            summary.changed += int(proposed != confirmed)
    summary.missing = len(expected_ids - updated)
    return summary


@dataclass(frozen=True)
class PeriodFilters:
    workstream: int | None = None
    state: str | None = None
    mine: bool = False


def period_items(access: Access, period: ReportingPeriod, filters: PeriodFilters) -> QuerySet[Item]:
    """The items of the period page: those expecting an update and those that have one."""
    plan = period.plan
    has_update = Exists(Update.objects.filter(period=period, item_id=OuterRef("pk")))
    owned = Exists(Item.owners.through.objects.filter(item_id=OuterRef("pk")))
    queryset = plan.items.current().filter(
        has_update | (Q(owned) & plan_selectors.not_done(done_ids=_done_ids(plan)))
    )
    if filters.workstream:
        queryset = queryset.filter(workstreams__id=filters.workstream)
    if filters.mine:
        mine = Q(ownerships__person_id=access.person_id or 0)
        if access.led_workstream_ids:
            mine |= Q(workstreams__id__in=access.led_workstream_ids)
        queryset = queryset.filter(mine)
    updates = Update.objects.filter(period=period, item_id=OuterRef("pk"))
    if filters.state == "missing":
        queryset = queryset.filter(~has_update)
    elif filters.state == "submitted":
        queryset = queryset.filter(Exists(updates.filter(confirmed_at__isnull=True)))
    elif filters.state == "confirmed":
        queryset = queryset.filter(Exists(updates.filter(confirmed_at__isnull=False)))
    elif filters.state == "changed":
        queryset = queryset.filter(
            Exists(
                updates.filter(confirmed_at__isnull=False).exclude(
                    confirmed_status=OuterRef("proposed_status")
                )
            )
        )
    return queryset.distinct().order_by("sort_key")


@dataclass(frozen=True)
class PeriodRow:
    item: plan_selectors.ItemRow
    due: str
    update_state: str  # a key of STATE_FILTERS
    proposed: RagStatus | None
    confirmed: RagStatus | None
    commentary: str
    can_update: bool = False
    can_challenge: bool = False


def period_rows(
    access: Access, period: ReportingPeriod, items: list[Item] | QuerySet[Item], today: date
) -> list[PeriodRow]:
    """Rows for a page of the period's items, their updates and what the user may do: seven queries."""
    item_rows = plan_selectors.item_rows(access=access, queryset=items, today=today)
    ids = [row.pk for row in item_rows]
    workstream_ids: dict[int, set[int]] = {}
    for item_id, workstream_id in Item.workstreams.through.objects.filter(item_id__in=ids).values_list(
        "item_id", "workstream_id"
    ):
        workstream_ids.setdefault(item_id, set()).add(workstream_id)
    owned = set(
        Item.owners.through.objects.filter(item_id__in=ids, person_id=access.person_id or 0).values_list(
            "item_id", flat=True
        )
    )
    slips = {
        v["pk"]: v for v in Item.objects.filter(pk__in=ids).values("pk", "original_due_date", "slip_count")
    }
    updates = {
        u.item_id: u
        for u in Update.objects.filter(period=period, item_id__in=ids).select_related(
            "proposed_status", "confirmed_status"
        )
    }
    rows = []
    for row in item_rows:
        update = updates.get(row.pk)
        if update is None:
            state = "missing"
        elif update.confirmed_at is None:
            state = "submitted"
        else:
            state = "changed" if update.was_changed_in_challenge else "confirmed"
        slip = slips.get(row.pk, {})
        rows.append(
            PeriodRow(
                item=row,
                due=rules.due_wording(row.due_date, slip.get("original_due_date"), slip.get("slip_count", 0))
                if row.due_date
                else row.due_text,
                update_state=state,
                proposed=update.proposed_status if update else None,
                confirmed=update.confirmed_status if update else None,
                commentary=update.commentary if update else "",
                can_update=period.takes_updates
                and access.may_update(workstream_ids.get(row.pk, set()), owns=row.pk in owned),
                can_challenge=period.takes_updates
                and update is not None
                and access.may_challenge(workstream_ids.get(row.pk, set())),
            )
        )
    return rows


def reported_rows(period: ReportingPeriod, filters: PeriodFilters) -> QuerySet[ReportedRating]:
    """What the board was told: the frozen ratings of the items that had a status or an update."""
    queryset = period.ratings.filter(Q(level=period.plan.depth) | ~Q(commentary=""))
    if filters.workstream:
        queryset = queryset.filter(item__workstreams__id=filters.workstream)
    return queryset.order_by("item__sort_key")


# An item's history across periods --------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    period: ReportingPeriod
    label: str
    colour: str
    how: str  # "Reported", "Confirmed", "Proposed"
    commentary: str
    due: str
    overdue: bool


def item_timeline(item: Item) -> list[TimelineEntry]:
    """The item's status in each period, newest first: as reported, or as it stands in an open period."""
    entries = []
    ratings = item.reported_ratings.select_related("period").defer("period__trend")
    for rating in ratings.order_by("-period__starts_on"):
        entries.append(
            TimelineEntry(
                period=rating.period,
                label=rating.status_label,
                colour=rating.status_colour,
                how="Reported",
                commentary=rating.commentary,
                due=rules.due_wording(rating.due_date, rating.original_due_date, rating.slip_count),
                overdue=rating.overdue,
            )
        )
    open_updates = (
        item.updates.exclude(period__state=ReportingPeriod.State.REPORTED)
        .select_related("period", "proposed_status", "confirmed_status")
        .defer("period__trend")
        .order_by("-period__starts_on")
    )
    for update in open_updates:
        status = update.confirmed_status or update.proposed_status
        entries.append(
            TimelineEntry(
                period=update.period,
                label=status.label,
                colour=status.colour,
                how="Confirmed" if update.is_confirmed else "Proposed",
                commentary=update.commentary,
                due="",
                overdue=False,
            )
        )
    entries.sort(key=lambda e: e.period.starts_on, reverse=True)
    return entries


# Trend on the plan overview --------------------------------------------------------------


@dataclass
class Movement:
    number: str
    url: str
    before: str
    after: str


@dataclass
class TrendRow:
    top: Item
    now: list[int] = field(default_factory=list)  # counts in the scheme's order, then "no status"
    before: list[int] = field(default_factory=list)
    improved: list[Movement] = field(default_factory=list)
    declined: list[Movement] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(now, last period) for each status column."""
        return list(zip(self.now, self.before, strict=True))


@dataclass
class Trend:
    now_label: str
    before_label: str
    statuses: list[RagStatus]
    rows: list[TrendRow]

    @property
    def improved(self) -> int:
        return sum(len(r.improved) for r in self.rows)

    @property
    def declined(self) -> int:
        return sum(len(r.declined) for r in self.rows)


def plan_trend(access: Access, plan: Plan, tops: list[Item]) -> Trend | None:
    """Each top-level item's status counts in the latest reported period against the one before,
    with what improved and what declined. None until two periods have been reported.

    Both sides are what the board was told: the comparison was worked out from the frozen
    ratings when the period was reported (progress.trend), so it is read in one query and does
    not shift while the open period's updates come in; the live counts are in the table above it.
    """
    latest = (
        plan.periods.filter(state=ReportingPeriod.State.REPORTED)
        .exclude(trend={})
        .order_by("-starts_on")
        .only("pk", "name", "trend")
        .first()
    )
    if latest is None:
        return None
    statuses = plan_selectors.statuses_of(plan=plan)
    columns = [str(s.position) for s in statuses] + [NO_STATUS]
    stored = latest.trend.get("tops", {})
    item_url = url_maker("plans:item", area=access.area.slug)
    rows = []
    for top in tops:
        entry = stored.get(top.number, {})
        now, before = entry.get("now", {}), entry.get("before", {})

        def moved(kind, entry=entry):
            return [
                Movement(number=number, url=item_url(item_id), before=was, after=became)
                for item_id, number, was, became in entry.get(kind, [])
            ]

        rows.append(
            TrendRow(
                top=top,
                now=[now.get(c, 0) for c in columns],
                before=[before.get(c, 0) for c in columns],
                improved=moved("improved"),
                declined=moved("declined"),
            )
        )
    return Trend(
        now_label=f"Reported for {latest.name}",
        before_label=latest.trend.get("against_name", ""),
        statuses=statuses,
        rows=rows,
    )


# Highlight reports -----------------------------------------------------------------------


def highlight_reports_of(period: ReportingPeriod) -> dict[int, HighlightReport]:
    return {
        r.workstream_id: r
        for r in HighlightReport.objects.filter(period=period).select_related("workstream", "updated_by")
    }


def highlight_report_for(period: ReportingPeriod, workstream: Workstream) -> HighlightReport | None:
    return (
        HighlightReport.objects.filter(period=period, workstream=workstream)
        .select_related("workstream", "updated_by", "drafted_by")
        .prefetch_related("rows")
        .first()
    )


def workstream_for(access: Access, pk: int) -> Workstream:
    return get_object_or_404(Workstream.objects.select_related("lead"), pk=pk, area=access.area)
