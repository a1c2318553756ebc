"""Items: one item and what its page shows, lists of items (milestones, a person's, a workstream's), and
the history of an item or a plan."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import shown_as
from common.urls import url_maker
from history import selectors as history_selectors
from history.models import Change

from .. import rules
from ..models import FindingItem, Item, ItemOwner, Plan, RagStatus
from .fields import FieldFilter, field_conditions
from .plans import not_done, statuses_of

ITEM_LIST_PREFETCH = (
    "workstreams",
    Prefetch("ownerships", queryset=ItemOwner.objects.select_related("person")),
)


def item_for(*, access: Access, pk: int, include_removed: bool = False) -> Item:
    """One item of the user's area, with everything its page shows prefetched."""
    queryset = (
        Item.objects.filter(plan__area=access.area)
        .select_related("plan__area", "plan__rag_scheme", "status", "parent", "removed_by")
        .prefetch_related(
            *ITEM_LIST_PREFETCH,
            Prefetch("see_also", queryset=Item.objects.current().order_by("sort_key")),
            Prefetch("referenced_by", queryset=Item.objects.current().order_by("sort_key")),
        )
    )
    item = get_object_or_404(queryset, pk=pk)
    if item.is_removed and not include_removed:
        raise Http404("This item has been removed")
    return item


PARENTS_READ_WITH_ITEM = rules.MAX_LEVELS - 1  # a plan's deepest breadcrumbs, in the item's own query


def item_page(*, access: Access, pk: int) -> Item:
    """One item of the user's area, removed or not, for its own page: `item_for`'s prefetches, less
    what the page reads more cheaply: its parents come in the same query (`ancestors_of`), its links in
    one (`links_of`), and its findings are only read if it has any (`findings_of`)."""
    parents = "__".join(["parent"] * PARENTS_READ_WITH_ITEM)
    queryset = (
        Item.objects.filter(plan__area=access.area)
        .select_related("plan__area", "plan__rag_scheme", "status", "removed_by", parents)
        .annotate(has_findings=Exists(FindingItem.objects.filter(item=OuterRef("pk"))))
        .prefetch_related(*ITEM_LIST_PREFETCH)
    )
    return get_object_or_404(queryset, pk=pk)


def links_of(*, item: Item) -> tuple[list[Item], list[Item]]:
    """The current items this one says to see also, and those that refer to it, in one query."""
    see_also, referenced_by = [], []
    Link = Item.see_also.through
    for link in Link.objects.filter(Q(from_item=item) | Q(to_item=item)).select_related(
        "from_item", "to_item"
    ):
        if link.from_item_id == item.pk and not link.to_item.is_removed:
            see_also.append(link.to_item)
        if link.to_item_id == item.pk and not link.from_item.is_removed:
            referenced_by.append(link.from_item)
    return sorted(see_also, key=lambda i: i.sort_key), sorted(referenced_by, key=lambda i: i.sort_key)


def children_of(*, item: Item) -> QuerySet[Item]:
    return item.children.current().order_by("sort_key")


def ancestors_of(*, item: Item) -> list[Item]:
    """The current items above this one, top first: from the parents read with the item when they
    reach the top (`item_page`), else in one query."""
    chain: list[Item] = []
    above = item
    while Item.parent.is_cached(above) and (parent := above.parent) is not None:
        above = parent
        chain.append(above)
    if above.parent_id is None:
        return [ancestor for ancestor in reversed(chain) if not ancestor.is_removed]
    numbers = []
    parts = item.number.split(".")
    for i in range(1, len(parts)):
        numbers.append(".".join(parts[:i]))
    if not numbers:
        return []
    return list(item.plan.items.current().filter(number__in=numbers).order_by("level"))


def history_of_item(*, item: Item) -> QuerySet[Change]:
    return history_selectors.changes_of_item(item=item)


def history_of_plan(*, plan: Plan) -> QuerySet[Change]:
    return history_selectors.changes_of_plan(plan=plan)


@dataclass
class MilestoneFilters:
    workstream: int | None = None
    owner: int | None = None
    status: str | None = None  # a status id, or "none"
    overdue: bool = False
    due_soon: bool = False
    fields: list[FieldFilter] = field(default_factory=list)  # by the fields the area defines


def milestones(*, plan: Plan, filters: MilestoneFilters, today: date) -> QuerySet[Item]:
    """The plan's lowest-level items, filtered as the milestones page and its CSV download show them.
    Each filter is a condition on the item itself (a subquery for its workstreams and owners, not a
    join), so no item comes twice and the page and its count need no DISTINCT."""
    queryset = plan.items.current().filter(level=plan.depth)
    if filters.workstream:
        in_workstream = Item.workstreams.through.objects.filter(workstream_id=filters.workstream)
        queryset = queryset.filter(pk__in=in_workstream.values("item_id"))
    if filters.owner:
        owned = ItemOwner.objects.filter(person_id=filters.owner)
        queryset = queryset.filter(pk__in=owned.values("item_id"))
    if filters.status == "none":
        queryset = queryset.filter(status__isnull=True)
    elif filters.status:
        queryset = queryset.filter(status_id=int(filters.status))
    if filters.overdue or filters.due_soon:  # the statuses are read only for these two
        open_items = not_done(done_ids=[s.pk for s in statuses_of(plan=plan) if s.counts_as_done])
        if filters.overdue:
            queryset = queryset.filter(open_items, due_date__lt=today)
        if filters.due_soon:
            queryset = queryset.filter(
                open_items, due_date__gte=today, due_date__lte=today + timedelta(days=30)
            )
    queryset = queryset.filter(*field_conditions(filters=filters.fields))
    return queryset.order_by("sort_key")


def items_of_person(*, access: Access, person_id: int) -> QuerySet[Item]:
    return (
        Item.objects.current()
        .filter(plan__area=access.area, ownerships__person_id=person_id)
        .order_by("plan__title", "sort_key")
    )


def items_of_owners(*, access: Access, person_ids: Iterable[int]) -> QuerySet[Item]:
    """The items owned by any of these people or groups (a user's person and their groups)."""
    return (
        Item.objects.current()
        .filter(plan__area=access.area, ownerships__person_id__in=list(person_ids))
        .distinct()
        .order_by("plan__title", "sort_key")
    )


def items_of_workstreams(*, access: Access, workstream_ids: Iterable[int]) -> QuerySet[Item]:
    return (
        Item.objects.current()
        .filter(plan__area=access.area, workstreams__id__in=list(workstream_ids))
        .distinct()
        .order_by("plan__title", "sort_key")
    )


@dataclass(frozen=True)
class ItemRow:
    """One line of an item table or CSV: plain values, no model instances (fast at thousands of rows)."""

    pk: int
    url: str
    number: str
    text: str
    due_date: date | None
    due_text: str
    status: RagStatus | None
    workstreams: list[str]
    owners: list[str]
    overdue: bool
    plan_reference: str


IDS_LISTED = 200  # up to this many rows, their owners and workstreams are read by their ids


def item_rows(*, access: Access, queryset: QuerySet[Item], today: date) -> list[ItemRow]:
    """Rows for the items of `queryset` (already filtered, ordered and sliced), in three queries."""
    values = list(
        queryset.values("pk", "number", "text", "due_date", "due_text", "status_id", "plan__reference")
    )
    ids: list[int] | QuerySet[Item, Any] = [v["pk"] for v in values]
    if len(ids) > IDS_LISTED:  # the rows' owners and workstreams by the query itself, not 2,000 ids
        ids = queryset.values("pk")
    owners: dict[int, list[str]] = {}
    for item_id, initials in (
        ItemOwner.objects.filter(item_id__in=ids)
        .order_by("position")
        .values_list("item_id", shown_as("person__"))
    ):
        owners.setdefault(item_id, []).append(initials)
    workstreams: dict[int, list[str]] = {}
    links = Item.workstreams.through.objects.filter(item_id__in=ids).order_by("workstream__code")
    for item_id, code in links.values_list("item_id", "workstream__code"):
        workstreams.setdefault(item_id, []).append(code)
    status_ids = {v["status_id"] for v in values if v["status_id"]}
    statuses = (
        {s.pk: s for s in RagStatus.objects.filter(pk__in=status_ids).order_by()} if status_ids else {}
    )  # by id: not in the model's order, which joins the schemes
    item_url = url_maker("plans:item", area=access.area.slug)
    rows = []
    for v in values:
        status = statuses.get(v["status_id"])
        done = bool(status and status.counts_as_done)
        rows.append(
            ItemRow(
                pk=v["pk"],
                url=item_url(v["pk"]),
                number=v["number"],
                text=v["text"],
                due_date=v["due_date"],
                due_text=v["due_text"],
                status=status,
                workstreams=workstreams.get(v["pk"], []),
                owners=owners.get(v["pk"], []),
                overdue=rules.is_overdue(v["due_date"], done, today),
                plan_reference=v["plan__reference"],
            )
        )
    return rows
