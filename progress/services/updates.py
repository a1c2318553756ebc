"""Writing an item's update for a period, and confirming or changing its proposed status."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from common.concurrency import EditConflict, claim_version
from common.dates import format_uk_date
from evidence.models import Evidence
from history import services as history
from plans import snapshots
from plans.models import Item, RagStatus

from .. import notices, rules
from ..models import ReportingPeriod, Update


@dataclass
class UpdateContent:
    """What an owner writes for an item in a period."""

    commentary: str
    proposed_status: RagStatus
    next_steps: str = ""
    proposed_due_date: date | None = None
    due_date_reason: str = ""
    mitigation: str = ""
    evidence: list[Evidence] = field(default_factory=list)


UPDATE_LABELS = {
    "commentary": "Progress",
    "next_steps": "Next steps",
    "proposed_status": "Proposed status",
    "proposed_due_date": "Proposed new due date",
    "due_date_reason": "Reason for the new due date",
    "mitigation": "Mitigation",
    "evidence": "Evidence",
}


def update_snapshot(*, update: Update | UpdateContent) -> dict[str, str]:
    """An update as the text people read, keyed by label, to show who changed what."""
    evidence = update.evidence.all() if isinstance(update, Update) else update.evidence
    return {
        "Progress": update.commentary,
        "Next steps": update.next_steps,
        "Proposed status": update.proposed_status.label if update.proposed_status else "",
        "Proposed new due date": format_uk_date(update.proposed_due_date),
        "Reason for the new due date": update.due_date_reason,
        "Mitigation": update.mitigation,
        "Evidence": ", ".join(sorted(e.title for e in evidence)),
    }


def _subject(period: ReportingPeriod, item: Item) -> str:
    return f"Update on {snapshots.item_subject(item)} for {period.name}"


def _check(period: ReportingPeriod, item: Item, content: UpdateContent) -> None:
    if not period.takes_updates:
        raise ValidationError(
            f"{period.name} is {period.get_state_display().lower()}: its updates can no longer be changed."
        )
    if item.plan_id != period.plan_id or item.is_removed:
        raise ValidationError("This item is not in this period's plan")
    errors = {}
    if not content.commentary.strip():
        errors["commentary"] = "Enter the progress made this period"
    if content.proposed_status.scheme_id != period.plan.rag_scheme_id:
        errors["proposed_status"] = "Choose a status from this plan's RAG scheme"
    problem = rules.due_date_change_problem(item.due_date, content.proposed_due_date, content.due_date_reason)
    if problem:
        errors["proposed_due_date" if "proposed" in problem else "due_date_reason"] = problem
    for evidence in content.evidence:
        if evidence.area_id != period.plan.area_id:
            errors["evidence"] = "Evidence must be from this local area's evidence bank"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_save(
    *,
    period: ReportingPeriod,
    item: Item,
    content: UpdateContent,
    expected_version: int | None,
    by: User | None = None,
    at: datetime | None = None,
) -> Update:
    """Write or rewrite an item's update. A rewrite after confirmation needs confirming again.

    `expected_version` is None for a new update; if someone else wrote one meanwhile, the
    save is refused with `EditConflict` rather than overwriting theirs.
    """
    _check(period, item, content)
    existing = (
        Update.objects.filter(period=period, item=item)
        .select_related("proposed_status")  # with its evidence: what its snapshot below reads
        .prefetch_related("evidence")
        .order_by("pk")  # one at most: not the model's order, which joins the item, the period and its plan
        .first()
    )
    now = at or timezone.now()
    if existing is None:
        if expected_version is not None:
            raise ValidationError(
                "The update you were editing no longer exists. Reload the page to write one."
            )
        update = Update(period=period, item=item, submitted_at=now, submitted_by=by)
        before: dict[str, str] = {}
        action = history.Action.ADDED
    else:
        if expected_version is None:
            raise EditConflict(existing)
        before = update_snapshot(update=existing)
        claim_version(existing, expected_version)
        update, action = existing, history.Action.CHANGED
    for name in (
        "commentary",
        "next_steps",
        "proposed_status",
        "proposed_due_date",
        "due_date_reason",
        "mitigation",
    ):
        setattr(update, name, getattr(content, name))
    update.submitted_at, update.submitted_by = now, by
    if update.confirmed_at is not None:
        update.confirmed_at = update.confirmed_by = update.confirmed_status = None
        update.challenge_reason = ""
        update.owners_told_at, update.owners_told = None, ""  # a new proposal: a new change is told anew
    update.save()
    update.evidence.set(content.evidence)
    changes = history.diff(before, update_snapshot(update=content))
    if changes:
        history.change_record(
            area=period.plan.area,
            plan=period.plan,
            item=item,
            action=action,
            subject=_subject(period, item),
            changes=changes,
            by=by,
            source="Web",
        )
    return update


@transaction.atomic
def update_confirm(
    *,
    update: Update,
    status: RagStatus,
    reason: str = "",
    mitigation: str | None = None,
    expected_version: int,
    by: User | None = None,
    at: datetime | None = None,
) -> Update:
    """Confirm the proposed status, or change it with a reason; the item takes the confirmed status.

    A proposed new due date is agreed with the confirmation: the item's due date moves, and a
    later date counts as a slip, keeping the original date. A changed status is emailed to the
    item's owners once the transaction commits (progress.notices), once per update.
    """
    period, item = update.period, update.item
    if not period.takes_updates:
        raise ValidationError(
            f"{period.name} is {period.get_state_display().lower()}: its ratings can no longer be changed."
        )
    if update.version != expected_version:
        raise EditConflict(update)
    if status.scheme_id != period.plan.rag_scheme_id:
        raise ValidationError({"status": "Choose a status from this plan's RAG scheme"})
    if status.pk != update.proposed_status_id and not reason.strip():
        raise ValidationError(
            {"reason": f"Enter the reason for changing the status from “{update.proposed_status.label}”"}
        )
    mitigation = update.mitigation if mitigation is None else mitigation
    statuses = list(period.plan.rag_scheme.statuses.all())
    problems = rules.confirmation_problems(
        _facts(status),
        worst_position=min(s.position for s in statuses),
        has_impact_evidence=any(e.shows_impact for e in update.evidence.all()),
        mitigation=mitigation,
    )
    if problems:
        raise ValidationError(problems)
    claim_version(update, expected_version)
    update.confirmed_status, update.challenge_reason = status, reason.strip()
    update.mitigation = mitigation
    update.confirmed_at, update.confirmed_by = at or timezone.now(), by
    update.save()
    _apply_to_item(update, item, status, by)
    notices.owners_tell_later(update=update)
    return update


def _facts(status: RagStatus) -> rules.StatusFacts:
    return rules.StatusFacts(
        label=status.label,
        position=status.position,
        needs_impact_evidence=status.needs_impact_evidence,
        counts_as_done=status.counts_as_done,
    )


def _apply_to_item(update: Update, item: Item, status: RagStatus, by: User | None) -> None:
    """The item takes the confirmed status and any agreed due date; both recorded in its history."""
    item = Item.objects.select_related("status", "plan__area").get(pk=item.pk)
    before = {
        "Status": item.status.label if item.status else "",
        "Due date": format_uk_date(item.due_date),
        "Original due date": format_uk_date(item.original_due_date),
        "Times the due date slipped": str(item.slip_count),
    }
    due, original, slips = item.due_date, item.original_due_date, item.slip_count
    if update.proposed_due_date and update.proposed_due_date != item.due_date:
        due, original, slips = rules.slipped_due(
            item.due_date, item.original_due_date, item.slip_count, update.proposed_due_date
        )
    Item.objects.filter(pk=item.pk).update(
        status=status, due_date=due, original_due_date=original, slip_count=slips, version=F("version") + 1
    )
    item.refresh_from_db()
    after = {
        "Status": status.label,
        "Due date": format_uk_date(due),
        "Original due date": format_uk_date(original),
        "Times the due date slipped": str(slips),
    }
    changes = history.diff(before, after)
    if update.challenge_reason:
        changes["Reason for the change"] = ["", update.challenge_reason]
    if changes:
        history.change_record(
            area=item.plan.area,
            plan=item.plan,
            item=item,
            action=history.Action.CHANGED,
            subject=f"{snapshots.item_subject(item)} rating for {update.period.name}",
            changes=changes,
            by=by,
            source="Challenge",
        )
