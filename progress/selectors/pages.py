"""The period page: how far its updates have got, its items filtered, and their rows; once reported, the
ratings the board was told."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from areas.access import Access
from areas.models import shown_as
from common.urls import url_maker
from plans import rules as plan_rules
from plans import selectors as plan_selectors
from plans.models import Item, ItemOwner, RagStatus

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
    """How far the period's updates have got, counted by the database in two queries (and the plan's
    done statuses)."""
    updated = Q(pk__in=Update.objects.filter(period=period).values("item_id"))
    expected = expected_items(plan=period.plan).aggregate(
        expected=Count("pk"), missing=Count("pk", filter=~updated)
    )
    confirmed = Q(confirmed_at__isnull=False)
    updates = Update.objects.filter(period=period).aggregate(
        submitted=Count("pk"),
        confirmed=Count("pk", filter=confirmed),
        changed=Count("pk", filter=confirmed & ~Q(confirmed_status=F("proposed_status"))),
    )
    return PeriodSummary(
        expected=expected["expected"],
        submitted=updates["submitted"],
        confirmed=updates["confirmed"],
        changed=updates["changed"],
        missing=expected["missing"],
        unconfirmed=updates["submitted"] - updates["confirmed"],
    )


@dataclass(frozen=True)
class PeriodFilters:
    workstream: int | None = None
    state: str | None = None
    mine: bool = False


def period_items(*, access: Access, period: ReportingPeriod, filters: PeriodFilters) -> QuerySet[Item]:
    """The items of the period page: those expecting an update and those that have one. Each filter is
    a subquery, so an item is listed once without DISTINCT (a cheap count for the pages)."""
    plan = period.plan
    its_update = Update.objects.filter(period=period, item_id=OuterRef("pk"))
    # The items updated in the period: a list the database makes once, not a lookup for each item.
    updated = Q(pk__in=Update.objects.filter(period=period).values("item_id"))
    owned = Exists(Item.owners.through.objects.filter(item_id=OuterRef("pk")))
    not_done = plan_selectors.not_done(done_ids=done_status_ids(plan=plan))
    queryset = plan.items.current().filter(updated | (Q(owned) & not_done))
    in_workstreams = Item.workstreams.through.objects.filter(item_id=OuterRef("pk"))
    if filters.workstream:
        queryset = queryset.filter(Exists(in_workstreams.filter(workstream_id=filters.workstream)))
    if filters.mine:
        owners = Item.owners.through.objects.filter(
            item_id=OuterRef("pk"), person_id__in=access.owner_id_list
        )
        mine = Q(Exists(owners))
        if access.led_workstream_ids:
            mine |= Q(Exists(in_workstreams.filter(workstream_id__in=access.led_workstream_ids)))
        queryset = queryset.filter(mine)
    if filters.state == "missing":
        queryset = queryset.exclude(updated)
    elif filters.state == "submitted":
        queryset = queryset.filter(Exists(its_update.filter(confirmed_at__isnull=True)))
    elif filters.state == "confirmed":
        queryset = queryset.filter(Exists(its_update.filter(confirmed_at__isnull=False)))
    elif filters.state == "changed":
        queryset = queryset.filter(
            Exists(
                its_update.filter(confirmed_at__isnull=False).exclude(confirmed_status=F("proposed_status"))
            )
        )
    return queryset.order_by("sort_key")


@dataclass(frozen=True)
class PeriodRow:
    item: plan_selectors.ItemRow
    due: str
    update_state: str  # a key of STATE_FILTERS
    proposed: RagStatus | None
    confirmed: RagStatus | None
    update_url: str = ""  # where the user writes or edits the item's update; "" if they may not
    challenge_url: str = ""  # where the user challenges its rating; "" if they may not


def _update_state(confirmed_at: datetime | None, proposed_id: int, confirmed_id: int | None) -> str:
    """How far an update has got, as a key of STATE_FILTERS (an item with none is "missing")."""
    if confirmed_at is None:
        return "submitted"
    return "changed" if confirmed_id != proposed_id else "confirmed"


def period_rows(
    *, access: Access, period: ReportingPeriod, items: QuerySet[Item], today: date
) -> list[PeriodRow]:
    """Rows for a page of the period's items (`items`: already filtered, ordered and sliced), their
    updates and what the user may do, from plain values: five queries."""
    values = list(
        items.values(
            "pk", "number", "text", "due_date", "due_text", "status_id", "original_due_date", "slip_count"
        )
    )
    ids = [v["pk"] for v in values]
    owners: dict[int, list[str]] = {}
    owned = set()
    mine = set(access.owner_id_list)
    for item_id, person_id, shown in (
        ItemOwner.objects.filter(item_id__in=ids)
        .order_by("position")
        .values_list("item_id", "person_id", shown_as("person__"))
    ):
        owners.setdefault(item_id, []).append(shown)
        if person_id in mine:
            owned.add(item_id)
    codes: dict[int, list[str]] = {}
    workstream_ids: dict[int, set[int]] = {}
    for item_id, workstream_id, code in (
        Item.workstreams.through.objects.filter(item_id__in=ids)
        .order_by("workstream__code")
        .values_list("item_id", "workstream_id", "workstream__code")
    ):
        codes.setdefault(item_id, []).append(code)
        workstream_ids.setdefault(item_id, set()).add(workstream_id)
    updates: dict[int, tuple[str, int | None, int | None]] = {
        item_id: (_update_state(confirmed_at, proposed, confirmed), proposed, confirmed)
        for item_id, confirmed_at, proposed, confirmed in Update.objects.filter(
            period=period, item_id__in=ids
        )
        .order_by()
        .values_list("item_id", "confirmed_at", "proposed_status_id", "confirmed_status_id")
    }
    status_ids: set[int | None] = {v["status_id"] for v in values}
    for _, *update_status_ids in updates.values():
        status_ids.update(update_status_ids)
    statuses: dict[int | None, RagStatus] = {
        s.pk: s for s in RagStatus.objects.filter(pk__in=status_ids - {None})
    }
    area = access.area.slug
    item_url = url_maker("plans:item", area=area)
    update_url = url_maker("progress:update", key="item_pk", area=area, pk=str(period.pk))
    challenge_url = url_maker("progress:challenge", key="item_pk", area=area, pk=str(period.pk))
    rows = []
    for v in values:
        pk = v["pk"]
        state, proposed, confirmed = updates.get(pk, ("missing", None, None))
        status = statuses.get(v["status_id"])
        in_workstreams = workstream_ids.get(pk, set())
        may_update = period.takes_updates and access.may_update(in_workstreams, owns=pk in owned)
        may_challenge = period.takes_updates and state != "missing" and access.may_challenge(in_workstreams)
        rows.append(
            PeriodRow(
                item=plan_selectors.ItemRow(
                    pk=pk,
                    url=item_url(pk),
                    number=v["number"],
                    text=v["text"],
                    due_date=v["due_date"],
                    due_text=v["due_text"],
                    status=status,
                    workstreams=codes.get(pk, []),
                    owners=owners.get(pk, []),
                    overdue=plan_rules.is_overdue(
                        v["due_date"], bool(status and status.counts_as_done), today
                    ),
                    plan_reference=period.plan.reference,
                ),
                due=rules.due_wording(v["due_date"], v["original_due_date"], v["slip_count"])
                if v["due_date"]
                else v["due_text"],
                update_state=state,
                proposed=statuses.get(proposed),
                confirmed=statuses.get(confirmed),
                update_url=update_url(pk) if may_update else "",
                challenge_url=challenge_url(pk) if may_challenge else "",
            )
        )
    return rows


def reported_rows(*, period: ReportingPeriod, filters: PeriodFilters) -> QuerySet[ReportedRating]:
    """What the board was told: the frozen ratings of the items that had a status or an update."""
    queryset = period.ratings.filter(Q(level=period.plan.depth) | ~Q(commentary=""))
    if filters.workstream:
        queryset = queryset.filter(item__workstreams__id=filters.workstream)
    return queryset.order_by("item__sort_key")
