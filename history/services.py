"""Recording a change of any model: one function every app calls, and one for the usual
save-then-record.

A snapshot is an object's content as the text people read, keyed by the label they know
("Due date": "31/03/2027"); a change stores `{label: [old, new]}` for the labels that differ.
"""

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from common.concurrency import claim_version

from .models import Change
from .rules import Changes, Snapshot, diff

Action = Change.Action
M = TypeVar("M", bound=models.Model)


def change_record(
    *,
    area: models.Model,
    action: str,
    subject: str,
    changes: Changes,
    obj: models.Model | None = None,
    by: AbstractBaseUser | None = None,
    source: str = "",
    plan: models.Model | None = None,
    item: models.Model | None = None,
) -> Change:
    """Record one change: who (`by`, None for the system), what (`subject`, as people name it, and
    `obj`, the changed object of any model), how (`action`, `changes`) and through what (`source`:
    "Web", "Import of plan.xlsx"). A change to plan content also names its plan and item, so their
    history pages read it by index. The change keeps the object's version after it, when it has one.
    """
    subject_of = obj if obj is not None else item
    version = getattr(subject_of, "version", None) if subject_of is not None else None
    return Change.objects.create(
        area_id=area.pk,
        plan_id=plan.pk if plan is not None else None,
        item_id=item.pk if item is not None else None,
        subject_type=ContentType.objects.get_for_model(subject_of) if subject_of is not None else None,
        subject_id=subject_of.pk if subject_of is not None else None,
        action=action,
        subject=subject,
        changes=changes,
        by_id=by.pk if by is not None else None,
        source=source,
        version=version,
    )


def save_recorded(
    *,
    obj: M,
    snapshot: Callable[[M], Snapshot],
    before: Snapshot | None,
    area: models.Model,
    subject: str,
    by: AbstractBaseUser | None = None,
    source: str = "",
    expected_version: int | None = None,
    plan: models.Model | None = None,
    item: models.Model | None = None,
) -> Change | None:
    """Save `obj` and record what changed. Call inside the service's transaction, after validating.

    `before` None means `obj` is new: it is recorded as added, with every value. Otherwise only the
    values that differ from `before` are recorded, and nothing at all when none do. With
    `expected_version`, the object's version is claimed first (common.concurrency), so an edit made
    from a stale page raises EditConflict and saves nothing.
    """
    if expected_version is not None:
        claim_version(obj, expected_version)
    obj.save()
    after = snapshot(obj)
    changes = diff(before or {}, after)
    if before is not None and not changes:
        return None
    return change_record(
        area=area,
        action=Action.ADDED if before is None else Action.CHANGED,
        subject=subject,
        changes=changes,
        obj=obj,
        by=by,
        source=source,
        plan=plan,
        item=item,
    )
