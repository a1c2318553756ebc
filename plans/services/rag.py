"""Defining RAG schemes: their statuses, colours, meanings and order."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import claim_version
from history import services as history
from history.rules import Changes

from ..models import Item, RagScheme, RagStatus
from ..presets import RAG_PRESETS
from ..snapshots import rag_status_snapshot


def _record(status: RagStatus, action: str, changes: Changes, by: User | None, source: str) -> None:
    history.change_record(
        area=status.scheme.area,
        action=action,
        subject=f"RAG scheme {status.scheme.name}: {status.label}",
        obj=status,
        changes=changes,
        by=by,
        source=source,
    )


@transaction.atomic
def rag_scheme_create(
    *, area: LocalArea, name: str, preset: str | None = None, by: User | None = None, source: str = "Web"
) -> RagScheme:
    """A new scheme, empty or a copy of one of the presets."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the scheme"})
    if RagScheme.objects.filter(area=area, name__iexact=name).exists():
        raise ValidationError({"name": f"This area already has a scheme called {name}"})
    if preset and preset not in RAG_PRESETS:
        raise ValidationError({"preset": "Choose one of the schemes offered"})
    scheme = RagScheme.objects.create(area=area, name=name)
    for data in RAG_PRESETS.get(preset or "", []):
        rag_status_add(
            scheme=scheme,
            label=data["label"],
            colour=data["colour"],
            meaning=data["meaning"],
            counts_as_done=data["counts_as_done"],
            needs_impact_evidence=data["needs_impact_evidence"],
            by=by,
            source=source,
        )
    return scheme


def _check_label(scheme: RagScheme, label: str, exclude_pk: int | None = None) -> str:
    label = label.strip()
    if not label:
        raise ValidationError({"label": "Enter the status word"})
    same = scheme.statuses.filter(label__iexact=label)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ValidationError({"label": f"This scheme already has a status called {label}"})
    return label


@transaction.atomic
def rag_status_add(
    *,
    scheme: RagScheme,
    label: str,
    colour: str,
    meaning: str = "",
    counts_as_done: bool = False,
    needs_impact_evidence: bool = False,
    by: User | None = None,
    source: str = "Web",
) -> RagStatus:
    position = (scheme.statuses.aggregate(top=Max("position"))["top"] or 0) + 1
    status = RagStatus(
        scheme=scheme,
        position=position,
        label=_check_label(scheme, label),
        colour=colour.strip().lower(),
        meaning=meaning.strip(),
        counts_as_done=counts_as_done,
        needs_impact_evidence=needs_impact_evidence,
    )
    status.full_clean()
    status.save()
    _record(status, history.Action.ADDED, history.diff({}, rag_status_snapshot(status)), by, source)
    return status


@transaction.atomic
def rag_status_update(
    *,
    status: RagStatus,
    label: str | None = None,
    colour: str | None = None,
    meaning: str | None = None,
    counts_as_done: bool | None = None,
    needs_impact_evidence: bool | None = None,
    position: int | None = None,
    expected_version: int | None = None,
    by: User | None = None,
    source: str = "Web",
) -> RagStatus:
    """Change what is given of a status; what is left out (None) stays as it is. The import gives only
    the position when it puts a scheme's statuses in its file's order. With `expected_version` (the
    status page), refused with EditConflict if someone saved the status since it was read."""
    saved = RagStatus.objects.get(pk=status.pk)  # as saved, whatever a form set on `status`
    before = rag_status_snapshot(saved)
    claim_version(saved, saved.version if expected_version is None else expected_version)
    status.version = saved.version  # a page open on the status now sees it changed
    if label is not None:
        status.label = _check_label(status.scheme, label, exclude_pk=status.pk)
    if colour is not None:
        status.colour = colour.strip().lower()
    if meaning is not None:
        status.meaning = meaning
    if counts_as_done is not None:
        status.counts_as_done = counts_as_done
    if needs_impact_evidence is not None:
        status.needs_impact_evidence = needs_impact_evidence
    if position is not None:
        status.position = position
    status.full_clean()
    status.save()
    changes = history.diff(before, rag_status_snapshot(status))
    if changes:
        _record(status, history.Action.CHANGED, changes, by, source)
    return status


@transaction.atomic
def rag_status_move(*, status: RagStatus, up: bool, by: User | None = None, source: str = "Web") -> None:
    """Swap a status with the one above (or below) it."""
    ordered = list(status.scheme.statuses.order_by("position"))
    index = next(i for i, s in enumerate(ordered) if s.pk == status.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(ordered):
        return
    ordered[index], ordered[other_index] = ordered[other_index], ordered[index]
    for position, each in enumerate(ordered, start=1):
        if each.position != position:
            RagStatus.objects.filter(pk=each.pk).update(position=position)
    _record(status, history.Action.MOVED, {"Position": [str(index + 1), str(other_index + 1)]}, by, source)


@transaction.atomic
def rag_status_remove(*, status: RagStatus, by: User | None = None, source: str = "Web") -> None:
    used = Item.objects.filter(status=status).count()
    rated = Item.objects.filter(overall_status=status).count()
    if used or rated:
        uses = []
        if used:
            uses.append(f"{used} {'item has' if used == 1 else 'items have'} the status {status.label}")
        if rated:
            uses.append(
                f"{rated} {'item has' if rated == 1 else 'items have'} it as an overall rating set by hand"
            )
        raise ValidationError(
            f"{' and '.join(uses)}, so it cannot be removed. Change their status or overall rating first."
        )
    _record(status, history.Action.REMOVED, {}, by, source)
    status.delete()
    for position, each in enumerate(status.scheme.statuses.order_by("position"), start=1):
        RagStatus.objects.filter(pk=each.pk).update(position=position)
