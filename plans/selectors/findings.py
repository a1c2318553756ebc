"""A plan's inspection findings, and the findings an item answers, each in a fixed number of queries."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from areas.access import Access
from common.prepared import PreparedQuery

from ..models import Finding, FindingItem, Item, Plan


def _current_answers() -> Prefetch:
    """A finding's answers by current items, in its order, each with its item: `finding.current_answers`."""
    return Prefetch(
        "answers",
        queryset=FindingItem.objects.filter(item__removed_at__isnull=True)
        .select_related("item")
        .order_by("position", "pk"),
        to_attr="current_answers",
    )


def plan_findings(*, plan: Plan) -> list[Finding]:
    """The plan's findings in the document's order, each with the current items answering it
    (`finding.current_answers`, each with its item's `level_name`): two queries whatever their number."""
    findings = list(
        Finding.objects.filter(plan=plan).prefetch_related(_current_answers()).order_by("position", "pk")
    )
    for finding in findings:
        for answer in finding.current_answers:  # type: ignore[attr-defined]  # the Prefetch's to_attr
            answer.level_name = plan.level_name(answer.item.level)
    return findings


def finding_for(*, access: Access, pk: int) -> Finding:
    """One finding of a plan of the user's area, with its plan and the items answering it."""
    queryset = Finding.objects.select_related("plan__area", "plan__rag_scheme").prefetch_related(
        _current_answers(), "answers__item"
    )
    return get_object_or_404(queryset, pk=pk, plan__area=access.area)


def findings_of(*, item: Item) -> list[Finding]:
    """The inspection findings an item answers, in the plan's order; no query for an item read by
    `item_page` without any (its `has_findings`)."""
    if getattr(item, "has_findings", True) is False:
        return []
    return _FINDINGS_OF_ITEM.all(item=item.pk)


_FINDINGS_OF_ITEM = PreparedQuery(  # on every item page with findings: prepared once (common.prepared)
    lambda item: Finding.objects.filter(answers__item_id=item).order_by("position", "pk"), item=int
)
