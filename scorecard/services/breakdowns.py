"""A measure's breakdowns (with their baselines) and targets. Every change is checked, saved in one
transaction and recorded in the area's history.

Changing or removing a breakdown or a target is refused (EditConflict) if someone saved it since it
was read. Moving breakdowns is not: it only reorders, and saves nothing but their positions.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import claim_version, save_or_explain
from common.dates import format_uk_date
from history import services as history

from .. import rules
from ..models import Breakdown, Measure, Target
from ..periods import PeriodProblem, read_period
from .measures import SOURCE, _number, _record, _yes

# Breakdowns

BREAKDOWN_FIELDS = ("name", "baseline", "baseline_period", "baseline_note")


@dataclass
class BreakdownContent:
    """Everything the breakdown form sets: its name and its baseline."""

    name: str
    baseline: Decimal | None = None
    baseline_period: str = ""
    baseline_note: str = ""

    def apply(self, breakdown: Breakdown) -> None:
        breakdown.name, breakdown.baseline = self.name, self.baseline
        breakdown.baseline_period, breakdown.baseline_note = self.baseline_period, self.baseline_note


def breakdown_snapshot(*, breakdown: Breakdown) -> dict[str, str]:
    """A breakdown as people read it, keyed by label: for history and for showing an edit conflict."""
    return {
        "Name": breakdown.name,
        "Headline": _yes(breakdown.position == 0),
        "Baseline": _number(breakdown.baseline),
        "Baseline period": breakdown.baseline_period,
        "Baseline note": breakdown.baseline_note,
    }


def _breakdown_subject(breakdown: Breakdown) -> str:
    return f"Measure {breakdown.measure.code}, breakdown {breakdown.name}"


def _check_breakdown(breakdown: Breakdown) -> None:
    breakdown.name = " ".join(breakdown.name.split())
    breakdown.baseline_note = breakdown.baseline_note.strip()
    if not breakdown.name:
        raise ValidationError({"name": "Enter the breakdown's name, such as Primary"})
    clash = (
        Breakdown.objects.filter(measure=breakdown.measure, name__iexact=breakdown.name)
        .exclude(pk=breakdown.pk)
        .first()
    )
    if clash:
        raise ValidationError({"name": f"This measure already has a breakdown called {clash.name}"})
    if breakdown.baseline_period.strip():
        try:
            breakdown.baseline_period = read_period(breakdown.baseline_period).label
        except PeriodProblem as problem:
            raise ValidationError({"baseline_period": str(problem)}) from problem
    else:
        breakdown.baseline_period = ""
    if breakdown.baseline is None and breakdown.baseline_period:
        raise ValidationError({"baseline": "Enter the baseline figure for the period, or clear the period"})
    breakdown.full_clean(exclude=["measure"], validate_constraints=False)


def _renumber(measure: Measure, ordered: list[Breakdown]) -> None:
    for position, breakdown in enumerate(ordered):
        if breakdown.position != position:
            breakdown.position = position
            breakdown.save(update_fields=["position"])


def _ordered(measure: Measure) -> list[Breakdown]:
    return list(Breakdown.objects.select_for_update().filter(measure=measure).order_by("position", "pk"))


@transaction.atomic
def breakdown_add(*, measure: Measure, content: BreakdownContent, by: User | None = None) -> Breakdown:
    """Add a breakdown after the existing ones (the headline stays the headline)."""
    position = (Breakdown.objects.filter(measure=measure).aggregate(m=Max("position"))["m"] or 0) + 1
    breakdown = Breakdown(measure=measure, position=position if measure.breakdowns.exists() else 0)
    content.apply(breakdown)
    _check_breakdown(breakdown)
    save_or_explain(breakdown, lambda: _check_breakdown(breakdown))
    _record(
        area=measure.area,
        action=history.Action.ADDED,
        subject=_breakdown_subject(breakdown),
        obj=breakdown,
        before={},
        after=breakdown_snapshot(breakdown=breakdown),
        by=by,
    )
    return breakdown


@transaction.atomic
def breakdown_update(
    *, breakdown: Breakdown, expected_version: int, content: BreakdownContent, by: User | None = None
) -> Breakdown:
    """Save a breakdown's name and baseline; refused (EditConflict) if someone saved it since it was read.

    Its position is left as it is in the database, so a move made meanwhile is kept.
    """
    before = breakdown_snapshot(breakdown=breakdown)
    claim_version(breakdown, expected_version)
    content.apply(breakdown)
    _check_breakdown(breakdown)
    breakdown.save(update_fields=[*BREAKDOWN_FIELDS, "version"])
    _record(
        area=breakdown.measure.area,
        action=history.Action.CHANGED,
        subject=_breakdown_subject(breakdown),
        obj=breakdown,
        before=before,
        after=breakdown_snapshot(breakdown=breakdown),
        by=by,
    )
    return breakdown


@transaction.atomic
def breakdown_move(*, breakdown: Breakdown, up: bool, by: User | None = None) -> Breakdown:
    """Move a breakdown one place up or down; the one at the top is the headline."""
    ordered = _ordered(breakdown.measure)
    index = next(i for i, b in enumerate(ordered) if b.pk == breakdown.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(breakdown.measure, ordered)
        _record_order(breakdown.measure, ordered, by)
    return breakdown


@transaction.atomic
def breakdown_make_headline(*, breakdown: Breakdown, by: User | None = None) -> Breakdown:
    """Make a breakdown the headline, the one rated on the scorecard; the others keep their order."""
    ordered = _ordered(breakdown.measure)
    ordered.sort(key=lambda b: b.pk != breakdown.pk)
    _renumber(breakdown.measure, ordered)
    _record_order(breakdown.measure, ordered, by)
    return breakdown


def _record_order(measure: Measure, ordered: list[Breakdown], by: User | None) -> None:
    history.change_record(
        area=measure.area,
        action=history.Action.MOVED,
        subject=f"Measure {measure.code} breakdowns",
        obj=measure,
        changes={"Order": ["", ", ".join(b.name for b in ordered)]},
        by=by,
        source=SOURCE,
    )


def _record_removal(*, area: LocalArea, subject: str, before: dict[str, str], by: User | None) -> None:
    history.change_record(
        area=area,
        action=history.Action.REMOVED,
        subject=subject,
        changes=history.diff(before, dict.fromkeys(before, "")),
        by=by,
        source=SOURCE,
    )


@transaction.atomic
def breakdown_remove(*, breakdown: Breakdown, expected_version: int, by: User | None = None) -> None:
    """A breakdown is removed with its targets; one holding figures is not, nor a measure's only one.

    Refused (EditConflict) if someone saved it since it was read.
    """
    measure = breakdown.measure
    claim_version(breakdown, expected_version)
    held = breakdown.figures.count()
    if held:
        noun = "figure" if held == 1 else "figures"
        raise ValidationError(
            f"{breakdown.name} cannot be removed: it holds {held} {noun}. "
            "Remove or move its figures first, or keep it and rename it."
        )
    if measure.breakdowns.count() == 1:
        raise ValidationError(f"{breakdown.name} is this measure's only breakdown, so it cannot be removed")
    before = breakdown_snapshot(breakdown=breakdown)
    subject = _breakdown_subject(breakdown)
    breakdown.delete()
    _renumber(measure, _ordered(measure))
    _record_removal(area=measure.area, subject=subject, before=before, by=by)


# Targets


def target_snapshot(*, target: Target) -> dict[str, str]:
    """A target as people read it, keyed by label: for history and for showing an edit conflict."""
    return {"Target": _number(target.value), "By": format_uk_date(target.due_on), "Note": target.note}


def _target_subject(target: Target) -> str:
    breakdown = target.breakdown
    return f"Measure {breakdown.measure.code}, {breakdown.name} target"


def _check_target(target: Target) -> None:
    target.note = target.note.strip()
    clash = (
        Target.objects.filter(breakdown=target.breakdown, due_on=target.due_on).exclude(pk=target.pk).first()
    )
    if clash:
        raise ValidationError(
            {
                "due_on": f"{target.breakdown.name} already has a target for {format_uk_date(target.due_on)} "
                f"({rules.show(clash.value, target.breakdown.measure.unit_suffix)}): "
                "change that one, or choose another date"
            }
        )
    target.full_clean(exclude=["breakdown"], validate_constraints=False)


@transaction.atomic
def target_add(
    *, breakdown: Breakdown, value: Decimal, due_on: date, note: str = "", by: User | None = None
) -> Target:
    target = Target(breakdown=breakdown, value=value, due_on=due_on, note=note)
    _check_target(target)
    target.save()
    _record(
        area=breakdown.measure.area,
        action=history.Action.ADDED,
        subject=_target_subject(target),
        obj=target,
        before={},
        after=target_snapshot(target=target),
        by=by,
    )
    return target


@transaction.atomic
def target_update(
    *,
    target: Target,
    expected_version: int,
    value: Decimal,
    due_on: date,
    note: str = "",
    by: User | None = None,
) -> Target:
    """Save a target; refused (EditConflict) if someone saved it since it was read."""
    before = target_snapshot(target=target)
    claim_version(target, expected_version)
    target.value, target.due_on, target.note = value, due_on, note
    _check_target(target)
    target.save()
    _record(
        area=target.breakdown.measure.area,
        action=history.Action.CHANGED,
        subject=_target_subject(target),
        obj=target,
        before=before,
        after=target_snapshot(target=target),
        by=by,
    )
    return target


@transaction.atomic
def target_remove(*, target: Target, expected_version: int, by: User | None = None) -> None:
    """Remove a target; refused (EditConflict) if someone saved it since it was read."""
    claim_version(target, expected_version)
    _record_removal(
        area=target.breakdown.measure.area,
        subject=_target_subject(target),
        before=target_snapshot(target=target),
        by=by,
    )
    target.delete()
