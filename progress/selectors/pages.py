"""The period page: how far its updates have got, its items filtered, and their rows; once reported, the
ratings the board was told."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from areas.access import Access
from plans import selectors as plan_selectors
from plans.models import Item, RagStatus

from .. import rules
from ..models import ReportedRating, ReportingPeriod, Update
from .updates import done_status_ids, expected_items

STATE_FILTERS = {
    "missing": "No update yet",
    "submitted": "Waiting for challenge",
    "confirmed": "Confirmed",
    "changed": "Changed in challenge",
}


@dataclass
class PeriodSummary:
    expected: int = 0
    submitted: int = 0
    confirmed: int = 0
    changed: int = 0
    missing: int = 0
    unconfirmed: int = 0


def period_summary(*, period: ReportingPeriod) -> PeriodSummary:
    """How far the period's updates have got, in two queries."""
    expected_ids = set(expected_items(plan=period.plan).values_list("pk", flat=True))
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


def period_items(*, access: Access, period: ReportingPeriod, filters: PeriodFilters) -> QuerySet[Item]:
    """The items of the period page: those expecting an update and those that have one."""
    plan = period.plan
    has_update = Exists(Update.objects.filter(period=period, item_id=OuterRef("pk")))
    owned = Exists(Item.owners.through.objects.filter(item_id=OuterRef("pk")))
    not_done = plan_selectors.not_done(done_ids=done_status_ids(plan=plan))
    queryset = plan.items.current().filter(has_update | (Q(owned) & not_done))
    if filters.workstream:
        queryset = queryset.filter(workstreams__id=filters.workstream)
    if filters.mine:
        mine = Q(ownerships__person_id__in=access.owner_id_list)
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
            Exists(updates.filter(confirmed_at__isnull=False).exclude(confirmed_status=F("proposed_status")))
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
    *, access: Access, period: ReportingPeriod, items: QuerySet[Item], today: date
) -> list[PeriodRow]:
    """Rows for a page of the period's items (`items`: already filtered, ordered and sliced), their
    updates and what the user may do: seven queries."""
    item_rows = plan_selectors.item_rows(access=access, queryset=items, today=today)
    ids = [row.pk for row in item_rows]
    workstream_ids: dict[int, set[int]] = {}
    for item_id, workstream_id in Item.workstreams.through.objects.filter(item_id__in=ids).values_list(
        "item_id", "workstream_id"
    ):
        workstream_ids.setdefault(item_id, set()).add(workstream_id)
    owned = set(
        Item.owners.through.objects.filter(item_id__in=ids, person_id__in=access.owner_id_list).values_list(
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
        slip = slips.get(row.pk)
        rows.append(
            PeriodRow(
                item=row,
                due=rules.due_wording(
                    row.due_date,
                    slip["original_due_date"] if slip else None,
                    slip["slip_count"] if slip else 0,
                )
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


def reported_rows(*, period: ReportingPeriod, filters: PeriodFilters) -> QuerySet[ReportedRating]:
    """What the board was told: the frozen ratings of the items that had a status or an update."""
    queryset = period.ratings.filter(Q(level=period.plan.depth) | ~Q(commentary=""))
    if filters.workstream:
        queryset = queryset.filter(item__workstreams__id=filters.workstream)
    return queryset.order_by("item__sort_key")
