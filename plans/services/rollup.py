"""Setting by hand the overall rating of an item above the lowest level (a plan whose roll-up rule is
"set by hand"), with the reason, recorded in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from history import services as history

from .. import rollup, snapshots
from ..models import Item, RagStatus


def overall_snapshot(*, item: Item) -> dict[str, str]:
    """An item's hand-set overall rating as people read it: for its history and an edit conflict."""
    return {
        "Overall rating": item.overall_status.label if item.overall_status else "",
        "Reason for the overall rating": item.overall_reason,
    }


@transaction.atomic
def item_overall_set(
    *,
    item: Item,
    status: RagStatus | None,
    reason: str,
    expected_version: int,
    by: User | None = None,
    source: str = "Web",
) -> Item:
    """Set the overall rating of `item` by hand, with the reason, if nobody saved it since
    `expected_version`. Only for an item above the lowest level of a plan rated by hand."""
    plan = item.plan
    if item.level >= plan.depth:
        raise ValidationError(
            f"A {plan.lowest_level_name.lower()} is rated on its own, not from items under it."
        )
    if plan.rollup_rule != rollup.BY_HAND:
        raise ValidationError(
            f"This plan's overall ratings are worked out by the rule “{plan.get_rollup_rule_display()}”. "
            "Change the plan's settings to set them by hand."
        )
    if status is not None and status.scheme_id != plan.rag_scheme_id:
        raise ValidationError({"status": "Choose a status from this plan's RAG scheme"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for the rating"})
    item = Item.objects.select_related("plan__area", "overall_status").get(pk=item.pk)
    before = overall_snapshot(item=item)
    item.overall_status, item.overall_reason = status, reason.strip()
    history.save_recorded(
        obj=item,
        snapshot=lambda saved: overall_snapshot(item=saved),
        before=before,
        area=plan.area,
        subject=snapshots.item_subject(item),
        by=by,
        source=source,
        expected_version=expected_version,
        plan=plan,
        item=item,
    )
    return item
