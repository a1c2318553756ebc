"""Updates: which items need one each period (owned and not done), the user's still to write, one item's,
those a piece of evidence is used in."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.access import Access
from evidence.models import Evidence
from plans import selectors as plan_selectors
from plans.models import Item, Plan

from ..models import ReportingPeriod, Update
from .periods import current_periods


def done_status_ids(*, plan: Plan) -> list[int]:
    """The ids of the plan's statuses that count as done."""
    return list(plan.rag_scheme.statuses.filter(counts_as_done=True).values_list("pk", flat=True))


def expected_items(*, plan: Plan) -> QuerySet[Item]:
    """Items that need an update each period: owned and not done (rules.expects_update)."""
    owned = Exists(Item.owners.through.objects.filter(item_id=OuterRef("pk")))
    return (
        plan.items.current()
        .filter(owned)
        .filter(plan_selectors.not_done(done_ids=done_status_ids(plan=plan)))
    )


@dataclass(frozen=True)
class UpdatesDue:
    period: ReportingPeriod
    missing: int


def my_updates_due(*, access: Access) -> list[UpdatesDue]:
    """For each period taking updates: how many of the user's items (owned, or in workstreams they
    lead) still need an update. One query per open period (a handful: one per live plan)."""
    if not access.person_id and not access.led_workstream_ids:
        return []
    due = []
    for period in current_periods(access=access).values():
        if not period.takes_updates:
            continue
        mine = Q(ownerships__person_id__in=access.owner_id_list)
        if access.led_workstream_ids:
            mine |= Q(workstreams__id__in=access.led_workstream_ids)
        has_update = Exists(Update.objects.filter(period=period, item_id=OuterRef("pk")))
        missing = expected_items(plan=period.plan).filter(mine).filter(~has_update).distinct().count()
        due.append(UpdatesDue(period=period, missing=missing))
    return due


def item_in_period(*, access: Access, period: ReportingPeriod, item_pk: int) -> Item:
    """A current item of the period's plan (in the user's area) with what the update and challenge pages
    show and check: its status, owners and workstreams, and the period's plan as its own (not its links,
    parent or remover, which `plans.selectors.item_for` reads for the item's page)."""
    item = get_object_or_404(
        Item.objects.filter(plan__area=access.area)
        .select_related("status")
        .prefetch_related(*plan_selectors.ITEM_LIST_PREFETCH),
        pk=item_pk,
    )
    if item.is_removed:
        raise Http404("This item has been removed")
    if item.plan_id != period.plan_id:
        raise Http404("This item is not in this period's plan")
    item.plan = period.plan  # read with the period, with its area and RAG scheme
    return item


def update_of(*, period: ReportingPeriod, item: Item) -> Update | None:
    return (
        Update.objects.filter(period=period, item=item)
        .select_related("proposed_status", "confirmed_status", "submitted_by", "confirmed_by")
        .prefetch_related("evidence")
        .order_by("pk")  # one at most: not the model's order, which joins the item, the period and its plan
        .first()
    )


def evidence_uses(*, evidence: Evidence) -> QuerySet[Update]:
    """The updates the evidence is linked to, with their item and period, latest period first."""
    return (
        evidence.updates.filter(period__plan__area_id=evidence.area_id)
        .select_related("item__plan", "period")
        .order_by("-period__starts_on", "item__sort_key")
    )
