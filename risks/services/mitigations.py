"""Mitigating actions and their dated progress notes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from areas.models import Person
from history import services as history

from ..models import Mitigation, MitigationNote, Risk
from ..snapshots import mitigation_snapshot

SOURCE = "Web"


def _check(mitigation: Mitigation) -> None:
    mitigation.action = mitigation.action.strip()
    if not mitigation.action:
        raise ValidationError({"action": "Enter what is being done to reduce the risk"})
    if mitigation.owner is not None and mitigation.owner.area_id != mitigation.risk.plan.area_id:
        raise ValidationError({"owner": "Choose an owner from this local area's people"})


def _subject(mitigation: Mitigation) -> str:
    return f"Mitigation {mitigation.position} of risk {mitigation.risk.reference}"


@transaction.atomic
def mitigation_add(
    *,
    risk: Risk,
    action: str,
    owner: Person | None,
    due_on: date | None,
    by: User | None = None,
    source: str = SOURCE,
) -> Mitigation:
    position = (risk.mitigations.aggregate(m=Max("position"))["m"] or 0) + 1
    mitigation = Mitigation(risk=risk, action=action, owner=owner, due_on=due_on, position=position)
    _check(mitigation)
    history.save_recorded(
        obj=mitigation,
        snapshot=mitigation_snapshot,
        before=None,
        area=risk.plan.area,
        subject=_subject(mitigation),
        by=by,
        source=source,
        plan=risk.plan,
    )
    return mitigation


@transaction.atomic
def mitigation_update(
    *,
    mitigation: Mitigation,
    expected_version: int,
    action: str,
    owner: Person | None,
    due_on: date | None,
    is_done: bool,
    by: User | None = None,
) -> Mitigation:
    before = mitigation_snapshot(mitigation)
    mitigation.action, mitigation.owner, mitigation.due_on, mitigation.is_done = (
        action,
        owner,
        due_on,
        is_done,
    )
    _check(mitigation)
    history.save_recorded(
        obj=mitigation,
        snapshot=mitigation_snapshot,
        before=before,
        area=mitigation.risk.plan.area,
        subject=_subject(mitigation),
        by=by,
        source=SOURCE,
        expected_version=expected_version,
        plan=mitigation.risk.plan,
    )
    return mitigation


@transaction.atomic
def note_add(
    *, mitigation: Mitigation, dated: date, text: str, by: User | None = None, source: str = SOURCE
) -> MitigationNote:
    """Add a dated progress note to a mitigating action. Notes are never edited: a correction is a
    new note, so the record of what the board was told stays whole."""
    if not text.strip():
        raise ValidationError({"text": "Enter the progress made"})
    note = MitigationNote.objects.create(mitigation=mitigation, dated=dated, text=text.strip(), written_by=by)
    history.change_record(
        area=mitigation.risk.plan.area,
        action=history.Action.ADDED,
        subject=f"Progress on mitigation {mitigation.position} of risk {mitigation.risk.reference}",
        changes={"Date": ["", dated.strftime("%d/%m/%Y")], "Progress": ["", note.text]},
        obj=note,
        by=by,
        source=source,
        plan=mitigation.risk.plan,
    )
    return note
