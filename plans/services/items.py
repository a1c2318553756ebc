"""Adding, editing, moving and removing plan items, each change recorded in the history."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import User
from areas.models import Person, Workstream
from common.concurrency import claim_version
from history import services as history

from .. import rules, snapshots
from ..fields import FieldInput
from ..models import Item, ItemFieldValue, ItemOwner, Plan, PlanField, RagStatus
from .fields import field_values_write
from .order import last_key


@dataclass
class ItemContent:
    """Everything about an item that people write, at any level."""

    text: str
    due_date: date | None = None
    due_text: str = ""
    partners: str = ""
    senior_owner: str = ""
    impact: str = ""
    evidence: str = ""
    notes: str = ""
    measure_codes: str = ""  # as plans.rules.measure_codes keeps them, joined by ", "
    status: RagStatus | None = None
    owners: list[Person] = field(default_factory=list)
    workstreams: list[Workstream] = field(default_factory=list)
    see_also: list[Item] = field(default_factory=list)
    fields: dict[PlanField, FieldInput] | None = None  # the plan's fields the area defines; None: as they are

    SCALARS = (
        "text",
        "due_date",
        "due_text",
        "partners",
        "senior_owner",
        "impact",
        "evidence",
        "notes",
        "measure_codes",
        "status",
    )


def _check_content(plan: Plan, content: ItemContent) -> None:
    if not content.text.strip():
        raise ValidationError({"text": "Enter the item's text"})
    if content.status is not None and content.status.scheme_id != plan.rag_scheme_id:
        raise ValidationError({"status": "Choose a status from this plan's RAG scheme"})
    for person in content.owners:
        if person.area_id != plan.area_id:
            raise ValidationError({"owners": "Owners must be people of this local area"})
    for workstream in content.workstreams:
        if workstream.area_id != plan.area_id:
            raise ValidationError({"workstreams": "Workstreams must be of this local area"})
    for other in content.see_also:
        if other.plan_id != plan.pk:
            raise ValidationError({"see_also": "Cross-references must be to items of this plan"})


def _apply(item: Item, content: ItemContent, *, is_new: bool) -> None:
    for name in ItemContent.SCALARS:
        setattr(item, name, getattr(content, name))
    item.save()
    wanted = [p.pk for p in content.owners]
    if is_new or [o.person_id for o in item.ownerships.all()] != wanted:
        item.ownerships.all().delete()
        ItemOwner.objects.bulk_create(
            ItemOwner(item=item, person_id=pk, position=i) for i, pk in enumerate(dict.fromkeys(wanted))
        )
    if is_new or {w.pk for w in item.workstreams.all()} != {w.pk for w in content.workstreams}:
        item.workstreams.set(content.workstreams)
    if is_new or {i.pk for i in item.see_also.all()} != {i.pk for i in content.see_also}:
        item.see_also.set([i for i in content.see_also if i.pk != item.pk])
    if content.fields is not None:
        field_values_write(item=item, values=content.fields)
    for name in ("ownerships", "workstreams", "see_also", "field_values"):
        getattr(item, "_prefetched_objects_cache", {}).pop(name, None)


def _fresh(item: Item) -> Item:
    return (
        Item.objects.select_related("plan__area", "status")
        .prefetch_related(
            "workstreams",
            "ownerships__person",
            "see_also",
            "plan__plan_fields",
            Prefetch(
                "field_values",
                queryset=ItemFieldValue.objects.select_related("person").prefetch_related("organisations"),
            ),
        )
        .get(pk=item.pk)
    )


@transaction.atomic
def item_create(
    *, plan: Plan, number: str, content: ItemContent, by: User | None = None, source: str = "Web"
) -> Item:
    """Add an item at the place its number gives: "1.2.7" goes under "1.2"."""
    try:
        level = rules.number_level(number)
        parent_no = rules.parent_number(number)
    except rules.NumberProblem as problem:
        raise ValidationError({"number": str(problem)}) from problem
    if level > plan.depth:
        raise ValidationError(
            {"number": f"This plan has {plan.depth} levels, so numbers have at most {plan.depth} parts"}
        )
    parent = None
    if parent_no:
        parent = plan.items.current().filter(number=parent_no).first()
        if parent is None:
            raise ValidationError({"number": f"There is no item {parent_no} to put {number} under"})
    if plan.items.current().filter(number=number).exists():
        raise ValidationError({"number": f"There is already an item {number} in this plan"})
    _check_content(plan, content)
    item = Item(
        plan=plan, parent=parent, number=number, sort_key=last_key(plan=plan, parent=parent), level=level
    )
    _apply(item, content, is_new=True)
    item = _fresh(item)
    history.change_record(
        area=plan.area,
        plan=plan,
        item=item,
        action=history.Action.ADDED,
        subject=snapshots.item_subject(item),
        changes=history.diff({}, snapshots.item_snapshot(item)),
        by=by,
        source=source,
    )
    return item


@transaction.atomic
def item_update(
    *, item: Item, content: ItemContent, expected_version: int, by: User | None = None, source: str = "Web"
) -> Item:
    """Save new content for an item, if nobody else saved it since `expected_version`."""
    plan = item.plan
    _check_content(plan, content)
    item = _fresh(item)
    before = snapshots.item_snapshot(item)
    claim_version(item, expected_version)
    _apply(item, content, is_new=False)
    item = _fresh(item)
    changes = history.diff(before, snapshots.item_snapshot(item))
    if changes:
        history.change_record(
            area=plan.area,
            plan=plan,
            item=item,
            action=history.Action.CHANGED,
            subject=snapshots.item_subject(item),
            changes=changes,
            by=by,
            source=source,
        )
    return item


def _branch(item: Item) -> QuerySet[Item]:
    return item.plan.items.current().filter(sort_key__startswith=item.sort_key + ".")


@transaction.atomic
def item_move(
    *, item: Item, new_parent: Item, expected_version: int, by: User | None = None, source: str = "Web"
) -> Item:
    """Move an item, with everything under it, to the end of another parent at the same level: last
    among its new siblings, its branch's sort keys rewritten under the new parent's."""
    if new_parent.plan_id != item.plan_id or new_parent.is_removed:
        raise ValidationError({"new_parent": "Choose an item of this plan"})
    if new_parent.level != item.level - 1:
        parent_level = rules.with_article(item.plan.level_name(item.level - 1).lower())
        raise ValidationError({"new_parent": f"Choose {parent_level} to move this under"})
    if new_parent.pk == item.parent_id:
        raise ValidationError({"new_parent": f"This is already under {new_parent.number}"})
    claim_version(item, expected_version)
    siblings = list(new_parent.children.current().values_list("number", flat=True))
    old_number, new_number = item.number, rules.next_child_number(new_parent.number, siblings)
    old_key, new_key = item.sort_key, last_key(plan=item.plan, parent=new_parent)
    branch = [item, *_branch(item)]
    for moved in branch:
        before = moved.number
        moved.number = rules.renumber(moved.number, old_number, new_number)
        moved.sort_key = new_key + moved.sort_key[len(old_key) :]
        if moved.pk == item.pk:
            moved.parent = new_parent
        Item.objects.filter(pk=moved.pk).update(
            number=moved.number, sort_key=moved.sort_key, parent=moved.parent_id
        )
        history.change_record(
            area=item.plan.area,
            plan=item.plan,
            item=moved,
            action=history.Action.MOVED,
            subject=snapshots.item_subject(moved),
            changes={"Number": [before, moved.number]},
            by=by,
            source=source if moved.pk == item.pk else f"Moved with {old_number}",
        )
    return _fresh(item)


@transaction.atomic
def item_remove(
    *, item: Item, expected_version: int, by: User | None = None, source: str = "Web"
) -> list[Item]:
    """Remove an item and everything under it. They stay in the plan's history."""
    claim_version(item, expected_version)
    now = timezone.now()
    removed = [item, *_branch(item)]
    Item.objects.filter(pk__in=[i.pk for i in removed]).update(removed_at=now, removed_by=by)
    for gone in removed:
        history.change_record(
            area=item.plan.area,
            plan=item.plan,
            item=gone,
            action=history.Action.REMOVED,
            subject=snapshots.item_subject(gone),
            changes={},
            by=by,
            source=source if gone.pk == item.pk else f"Removed with {item.number}",
        )
    return removed
