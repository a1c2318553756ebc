"""Adding, editing and removing a plan's inspection findings, each change recorded in the plan's history.

A finding has its own number and label, its quotation from the inspection letter and the page, and is
answered by any of the plan's items, at any level, in the order given.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from common.concurrency import claim_version, save_or_explain
from history import services as history

from .. import snapshots
from ..models import Finding, FindingItem, Item, Plan

NUMBER_LIMIT = 20
LABEL_LIMIT = 200
PAGE_LIMIT = 20


@dataclass
class FindingContent:
    """Everything about a finding that people write."""

    quotation: str
    number: str = ""
    label: str = ""
    page: str = ""
    items: list[Item] = field(default_factory=list)
    position: int | None = None  # its place in the document; None: a new one goes last, an edit stays


def _check(plan: Plan, content: FindingContent, finding: Finding | None) -> None:
    problems: dict[str, str] = {}
    if not content.quotation.strip():
        problems["quotation"] = "Enter the finding, quoted from the inspection letter"
    for name, limit in (("number", NUMBER_LIMIT), ("label", LABEL_LIMIT), ("page", PAGE_LIMIT)):
        if len(getattr(content, name)) > limit:
            problems[name] = f"Shorten it to {limit} characters or fewer"
    if content.number:
        taken = Finding.objects.filter(plan=plan, number__iexact=content.number)
        if finding is not None:
            taken = taken.exclude(pk=finding.pk)
        if taken.exists():
            problems["number"] = (
                f"There is already a finding {content.number} in this plan. Give this one its own number"
            )
    for item in content.items:
        if item.plan_id != plan.pk or item.is_removed:
            problems["items"] = "Findings are answered by the current items of their own plan"
    if problems:
        raise ValidationError(problems)


def _write(finding: Finding, content: FindingContent) -> None:
    """Save the finding and its items. A number taken by someone else a moment ago is said in words."""
    finding.number = content.number.strip()
    finding.label = content.label.strip()
    finding.quotation = content.quotation.strip()
    finding.page = content.page.strip()
    if content.position is not None:
        finding.position = content.position
    save_or_explain(finding, lambda: _check(finding.plan, content, finding if finding.pk else None))
    wanted = list(dict.fromkeys(item.pk for item in content.items))
    kept = [a.item_id for a in FindingItem.objects.filter(finding=finding).order_by("position", "pk")]
    if kept != wanted:
        FindingItem.objects.filter(finding=finding).delete()
        FindingItem.objects.bulk_create(
            FindingItem(finding=finding, item_id=pk, position=n) for n, pk in enumerate(wanted)
        )


def _fresh(finding: Finding) -> Finding:
    return Finding.objects.select_related("plan__area").prefetch_related("answers__item").get(pk=finding.pk)


@transaction.atomic
def finding_create(
    *, plan: Plan, content: FindingContent, by: User | None = None, source: str = "Web"
) -> Finding:
    """Add a finding to the plan: at the end of its findings unless `content.position` says where."""
    _check(plan, content, None)
    finding = Finding(plan=plan)
    if content.position is None:
        last = Finding.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
        finding.position = 0 if last is None else last + 1
    _write(finding, content)
    finding = _fresh(finding)
    history.change_record(
        area=plan.area,
        plan=plan,
        obj=finding,
        action=history.Action.ADDED,
        subject=snapshots.finding_subject(finding.number, finding.label),
        changes=history.diff({}, snapshots.finding_snapshot(finding)),
        by=by,
        source=source,
    )
    return finding


@transaction.atomic
def finding_update(
    *,
    finding: Finding,
    content: FindingContent,
    expected_version: int,
    by: User | None = None,
    source: str = "Web",
) -> Finding:
    """Save new content for a finding, if nobody else saved it since `expected_version`."""
    plan = finding.plan
    _check(plan, content, finding)
    finding = _fresh(finding)
    before = snapshots.finding_snapshot(finding)
    claim_version(finding, expected_version)
    _write(finding, content)
    finding = _fresh(finding)
    changes = history.diff(before, snapshots.finding_snapshot(finding))
    if changes:
        history.change_record(
            area=plan.area,
            plan=plan,
            obj=finding,
            action=history.Action.CHANGED,
            subject=snapshots.finding_subject(finding.number, finding.label),
            changes=changes,
            by=by,
            source=source,
        )
    return finding


@transaction.atomic
def finding_remove(
    *, finding: Finding, expected_version: int, by: User | None = None, source: str = "Web"
) -> None:
    """Remove a finding. What it said stays in the plan's history."""
    plan = finding.plan
    claim_version(finding, expected_version)
    finding = _fresh(finding)
    before = snapshots.finding_snapshot(finding)
    history.change_record(
        area=plan.area,
        plan=plan,
        obj=finding,
        action=history.Action.REMOVED,
        subject=snapshots.finding_subject(finding.number, finding.label),
        changes={label: [value, ""] for label, value in before.items() if value},
        by=by,
        source=source,
    )
    finding.delete()
