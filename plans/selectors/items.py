"""Items: one item and what its page shows, lists of items (milestones, a person's, a workstream's), and
the history of an item or a plan."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import Person, shown_as
from common.prepared import PreparedQuery, prepared_for
from common.urls import url_maker
from history import selectors as history_selectors
from history.models import Change

from .. import rules
from ..models import FindingItem, Item, ItemOwner, Plan, PlanField, RagStatus
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


@dataclass(frozen=True)
class ShownOwner:
    """An owner of an item as its page shows them: initials and label (`Person.label`), and as an item
    table shows them (`Person.shown_as`)."""

    person_id: int
    initials: str
    label: str
    shown_as: str


@dataclass(frozen=True)
class ShownWorkstream:
    pk: int
    code: str


@dataclass(frozen=True)
class ItemPage:
    """An item for its own page, and its current children in plan order (none for a removed item or one
    at the lowest level); the owners and workstreams of each, as plain values, by the item's id."""

    item: Item
    children: list[Item]
    owners: dict[int, list[ShownOwner]]
    workstreams: dict[int, list[ShownWorkstream]]

    @property
    def item_owners(self) -> list[ShownOwner]:
        return self.owners.get(self.item.pk, [])

    @property
    def item_workstreams(self) -> list[ShownWorkstream]:
        return self.workstreams.get(self.item.pk, [])


def _item_page_query(also: Mapping[str, Exists]) -> PreparedQuery[Item]:
    """The item page's own query (`item_page`), prepared once for each set of `also` facts."""
    parents = "__".join(["parent"] * PARENTS_READ_WITH_ITEM)

    def build(area: int, pk: int) -> QuerySet[Item]:
        return (
            Item.objects.filter(plan__area_id=area, pk=pk)
            .select_related("plan", "status", parents)
            .annotate(
                has_findings=Exists(FindingItem.objects.filter(item=OuterRef("pk"))),
                has_plan_fields=Exists(PlanField.objects.filter(plan=OuterRef("plan_id"))),
                **also,
            )
        )

    return prepared_for(("plans.item_page", *sorted(also)), lambda: PreparedQuery(build, area=int, pk=int))


# The current children of an item, in plan order; the owners and workstreams of an item and of its
# children (removed children's too: the caller keeps those of the children it shows).
_CHILDREN = PreparedQuery(
    lambda parent: Item.objects.filter(parent_id=parent).current().order_by("sort_key"), parent=int
)
OWNER_VALUES = (
    "item_id",
    "person_id",
    "person__initials",
    "person__name",
    "person__job_title",
    "person__kind",
)
_OWNERS = PreparedQuery(
    lambda item: (
        ItemOwner.objects.filter(Q(item_id=item) | Q(item__parent_id=item))
        .order_by("position")
        .values_list(*OWNER_VALUES)
    ),
    item=int,
)
_WORKSTREAMS = PreparedQuery(
    lambda item: (
        Item.workstreams.through.objects.filter(Q(item_id=item) | Q(item__parent_id=item))
        .order_by("workstream__code")
        .values_list("item_id", "workstream_id", "workstream__code")
    ),
    item=int,
)


def item_page(*, access: Access, pk: int, also: Mapping[str, Exists] | None = None) -> ItemPage:
    """One item of the user's area, removed or not, for its own page, with its current children: the
    owners and workstreams of both in two queries of plain values, for them all at once. Its parents
    come in the item's query (`ancestors_of`), its links in one (`links_of`), and its findings and its
    plan's fields are only read if there are any (`findings_of`, `item_fields`). Its plan's area is the
    user's (the query is filtered by it), not read again; who removed it is read only if it was.
    `also`: more yes-or-no facts about the item, read in the same query, by name (an app above this one
    asks whether the item has any of what it links to items); each name always means the same fact.
    The page's queries are prepared (common.prepared): built and compiled once, not on every request."""
    item = _item_page_query(also or {}).first(area=access.area.pk, pk=pk)
    if item is None:
        raise Http404("No item matches the given query.")
    item.plan.area = access.area
    above_lowest = item.level < item.plan.depth and not item.is_removed  # the lowest level has no children
    children = _CHILDREN.all(parent=item.pk) if above_lowest else []
    ids = {item.pk, *(child.pk for child in children)}
    owners: dict[int, list[ShownOwner]] = {}
    for item_id, person_id, initials, name, job_title, kind in _OWNERS.all(item=item.pk):
        if item_id not in ids:
            continue
        # Shown by Person's own rules, from the plain values (cheaper than the CASE in the query).
        person = Person(initials=initials, name=name, job_title=job_title, kind=kind)
        owners.setdefault(item_id, []).append(ShownOwner(person_id, initials, person.label, person.shown_as))
    workstreams: dict[int, list[ShownWorkstream]] = {}
    for item_id, workstream_id, code in _WORKSTREAMS.all(item=item.pk):
        if item_id in ids:
            workstreams.setdefault(item_id, []).append(ShownWorkstream(workstream_id, code))
    return ItemPage(item, children, owners, workstreams)


@dataclass(frozen=True)
class LinkedItem:
    """An item another links to ("see also") or is linked from, as the other's page names it."""

    pk: int
    number: str


_LINK_ENDS = ("id", "number", "sort_key", "removed_at")
_LINKS = PreparedQuery(  # the item page's: prepared once (common.prepared)
    lambda item: Item.see_also.through.objects.filter(Q(from_item_id=item) | Q(to_item_id=item)).values_list(
        *(f"from_item__{name}" for name in _LINK_ENDS), *(f"to_item__{name}" for name in _LINK_ENDS)
    ),
    item=int,
)


def links_of(*, item: Item) -> tuple[list[LinkedItem], list[LinkedItem]]:
    """The current items this one says to see also, and those that refer to it, in plan order: one
    query of plain values."""
    see_also: list[tuple[str, LinkedItem]] = []
    referenced_by: list[tuple[str, LinkedItem]] = []
    rows = _LINKS.all(item=item.pk)
    for from_pk, from_number, from_key, from_removed, to_pk, to_number, to_key, to_removed in rows:
        if from_pk == item.pk and to_removed is None:
            see_also.append((to_key, LinkedItem(to_pk, to_number)))
        if to_pk == item.pk and from_removed is None:
            referenced_by.append((from_key, LinkedItem(from_pk, from_number)))
    return _in_plan_order(see_also), _in_plan_order(referenced_by)


def _in_plan_order(keyed: list[tuple[str, LinkedItem]]) -> list[LinkedItem]:
    return [linked for _, linked in sorted(keyed, key=lambda pair: pair[0])]


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
    return _rows(
        access=access, values=values, owners=owners, workstreams=workstreams, statuses=(), today=today
    )


def child_rows(
    *, access: Access, page: ItemPage, today: date, statuses: Iterable[RagStatus]
) -> list[ItemRow]:
    """`item_rows` for the children `item_page` read with their owners and workstreams: no query, unless
    a child's status is not among `statuses` (the plan's)."""
    reference = page.item.plan.reference
    values = [
        {
            "pk": child.pk,
            "number": child.number,
            "text": child.text,
            "due_date": child.due_date,
            "due_text": child.due_text,
            "status_id": child.status_id,
            "plan__reference": reference,
        }
        for child in page.children
    ]
    owners = {
        child.pk: [owner.shown_as for owner in page.owners.get(child.pk, [])] for child in page.children
    }
    workstreams = {
        child.pk: [workstream.code for workstream in page.workstreams.get(child.pk, [])]
        for child in page.children
    }
    return _rows(
        access=access, values=values, owners=owners, workstreams=workstreams, statuses=statuses, today=today
    )


def _rows(
    *,
    access: Access,
    values: Sequence[Mapping[str, Any]],
    owners: dict[int, list[str]],
    workstreams: dict[int, list[str]],
    statuses: Iterable[RagStatus],
    today: date,
) -> list[ItemRow]:
    known = {s.pk: s for s in statuses}
    missing = {v["status_id"] for v in values if v["status_id"]} - known.keys()
    # by id: not in the model's order, which joins the schemes
    by_id = (
        {**known, **{s.pk: s for s in RagStatus.objects.filter(pk__in=missing).order_by()}}
        if missing
        else known
    )
    item_url = url_maker("plans:item", area=access.area.slug)
    rows = []
    for v in values:
        status = by_id.get(v["status_id"])
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
