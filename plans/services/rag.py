"""Defining RAG schemes: their statuses, colours, meanings and order."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from history import services as history

from ..models import Item, RagScheme, RagStatus
from ..presets import RAG_PRESETS


def _status_snapshot(status: RagStatus) -> dict[str, str]:
    return {
        "Label": status.label,
        "Colour": status.colour,
        "Meaning": status.meaning,
        "Counts as done": "Yes" if status.counts_as_done else "No",
        "Needs evidence of impact": "Yes" if status.needs_impact_evidence else "No",
        "Position": str(status.position),
    }


def _record(status: RagStatus, action: str, changes: dict, by, source: str) -> None:
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
    *, area, name: str, preset: str | None = None, by=None, source: str = "Web"
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
        rag_status_add(scheme=scheme, by=by, source=source, **data)
    return scheme


def _check_label(scheme: RagScheme, label: str, exclude_pk: int | None = None) -> str:
    label = label.strip()
    if not label:
        raise ValidationError({"label": "Enter the status word"})
    if scheme.statuses.filter(label__iexact=label).exclude(pk=exclude_pk).exists():
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
    by=None,
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
    _record(status, history.Action.ADDED, history.diff({}, _status_snapshot(status)), by, source)
    return status


@transaction.atomic
def rag_status_update(*, status: RagStatus, by=None, source: str = "Web", **fields) -> RagStatus:
    before = _status_snapshot(status)
    if "label" in fields:
        fields["label"] = _check_label(status.scheme, fields["label"], exclude_pk=status.pk)
    if "colour" in fields:
        fields["colour"] = fields["colour"].strip().lower()
    for name, value in fields.items():
        setattr(status, name, value)
    status.full_clean()
    status.save()
    changes = history.diff(before, _status_snapshot(status))
    if changes:
        _record(status, history.Action.CHANGED, changes, by, source)
    return status


@transaction.atomic
def rag_status_move(*, status: RagStatus, up: bool, by=None, source: str = "Web") -> None:
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
def rag_status_remove(*, status: RagStatus, by=None, source: str = "Web") -> None:
    used = Item.objects.filter(status=status).count()
    if used:
        raise ValidationError(
            f"{used} items have the status {status.label}, so it cannot be removed. "
            "Change their status first."
        )
    _record(status, history.Action.REMOVED, {}, by, source)
    status.delete()
    for position, each in enumerate(status.scheme.statuses.order_by("position"), start=1):
        RagStatus.objects.filter(pk=each.pk).update(position=position)
