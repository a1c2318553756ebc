"""Optimistic concurrency: an edit is saved only if nobody saved the object since it was read.

`select_for_update` does nothing on SQLite, so every edit form carries the version it
was read at; the save claims the next version with a conditional UPDATE, which both
SQLite and PostgreSQL serialise. The loser gets an `EditConflict`, never a silent overwrite.
"""

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Model


class EditConflict(Exception):
    """Someone else saved this while it was being edited."""

    def __init__(self, obj: Model, message: str | None = None):
        self.obj = obj
        super().__init__(
            message
            or "Someone else changed this while you were editing it. Their changes are shown below: "
            "check your changes against them and save again."
        )


def claim_version(obj: Any, expected_version: int) -> None:
    """Move `obj` to the next version if it is still at `expected_version`, else raise EditConflict.

    Call inside the transaction that saves the object.
    """
    updated = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1)
    )
    if updated != 1:
        obj.refresh_from_db()
        raise EditConflict(obj)
    obj.version = expected_version + 1


def save_or_explain(obj: Model, check: Callable[[], None]) -> None:
    """Save `obj`, whose `check` (raising ValidationError) passed a moment ago. If a unique constraint
    still trips, someone saved the same name or code in between: `check` is run again to say so in the
    form's words, rather than the user seeing a server error."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        check()
        raise
