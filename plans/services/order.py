"""The order of a plan's items: the order its document gives (plans.rules.position_key). A new item
goes last among its siblings; an import puts the items in the order of the file's rows."""

from django.db import transaction

from accounts.models import User
from history import services as history

from .. import rules, snapshots
from ..models import Item, Plan


def last_key(*, plan: Plan, parent: Item | None) -> str:
    """The sort key of a new last child of `parent` (None: a new last top-level item). Removed siblings
    count, so the new key is never one a removed item still has."""
    siblings = plan.items.filter(parent=parent) if parent else plan.items.filter(parent__isnull=True)
    last = max((rules.key_position(key) for key in siblings.values_list("sort_key", flat=True)), default=0)
    return rules.position_key(parent.sort_key if parent else None, last + 1)


def order_label(*, plan: Plan, parent: Item | None) -> str:
    """What the history and the preview call the order of a parent's children: "Order of Activities"."""
    level = parent.level + 1 if parent else 1
    return f"Order of {plan.level_plural(level)}"


@transaction.atomic
def items_order(*, plan: Plan, numbers: list[str], by: User | None = None, source: str = "Web") -> int:
    """Put the plan's current items in the order of `numbers` (a file's rows, any item it leaves out
    after them), rewriting their sort keys. Each parent whose children now come in another order is
    recorded in the history, with the old order and the new. Returns how many items' keys changed."""
    items = list(plan.items.current().order_by("sort_key"))
    before = [item.number for item in items]
    keys = rules.document_keys([*numbers, *before])
    changed = []
    for item in items:
        if item.sort_key != keys[item.number]:
            item.sort_key = keys[item.number]
            changed.append(item)
    Item.objects.bulk_update(changed, ["sort_key"], batch_size=500)
    by_number = {item.number: item for item in items}
    after = sorted(before, key=lambda number: keys[number])
    for parent_number, (old, new) in rules.order_changes(before, after).items():
        parent = by_number.get(parent_number) if parent_number else None
        if parent is not None:
            parent.plan = plan
        history.change_record(
            area=plan.area,
            plan=plan,
            item=parent,
            obj=parent or plan,
            action=history.Action.CHANGED,
            subject=snapshots.item_subject(parent) if parent else f"Plan {plan.reference}",
            changes={order_label(plan=plan, parent=parent): [", ".join(old), ", ".join(new)]},
            by=by,
            source=source,
        )
    return len(changed)
