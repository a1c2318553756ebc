"""Defining the scorecard: the area's rating settings, its outcomes, its measures, their breakdowns
and targets. Every change is checked, saved in one transaction and recorded in the area's history."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from areas.models import LocalArea, Person
from common.concurrency import claim_version
from common.dates import format_uk_date
from plans import history
from plans.models import Change, Item

from .. import codes, rating
from ..models import Breakdown, Measure, Outcome, ScorecardSettings, Target
from ..periods import PeriodProblem, read_period

SOURCE = "Web"


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _record(*, area: LocalArea, action: str, subject: str, before: dict, after: dict, by) -> None:
    changes = history.diff(before, after)
    if changes or action != Change.Action.CHANGED:
        history.record(area=area, action=action, subject=subject, changes=changes, by=by, source=SOURCE)


# Settings

SETTINGS_FIELDS = (
    "tolerance",
    "tolerance_kind",
    "near_miss",
    "no_target",
    "direction_threshold",
    "la_code",
    "old_la_code",
    "region_code",
    "region_name",
    "neighbour_codes",
)


def settings_snapshot(found: ScorecardSettings) -> dict[str, str]:
    return {
        "Tolerance": _number(found.tolerance),
        "Tolerance measured": found.get_tolerance_kind_display(),
        "A near miss is": found.get_near_miss_display(),
        "Measures with no target": found.get_no_target_display(),
        "Direction threshold": _number(found.direction_threshold),
        "9-character LA code": found.la_code,
        "3-digit LA code": found.old_la_code,
        "Region code": found.region_code,
        "Region name": found.region_name,
        "Statistical neighbours": found.neighbour_codes,
    }


def _check_settings(found: ScorecardSettings) -> None:
    errors = {}
    for name, reader in (
        ("la_code", codes.read_la_code),
        ("old_la_code", codes.read_old_la_code),
        ("region_code", codes.read_region_code),
    ):
        try:
            setattr(found, name, reader(getattr(found, name)))
        except codes.CodeProblem as problem:
            errors[name] = str(problem)
    try:
        own = (found.la_code, found.old_la_code)
        found.neighbour_codes = ", ".join(codes.read_neighbour_codes(found.neighbour_codes, own=own))
    except codes.CodeProblem as problem:
        errors["neighbour_codes"] = str(problem)
    found.region_name = found.region_name.strip()
    try:
        found.rating_settings()
    except ValueError as problem:
        errors["__all__"] = str(problem)
    if errors:
        raise ValidationError(errors)
    found.full_clean(exclude=["area"], validate_constraints=False)


@transaction.atomic
def settings_save(*, area: LocalArea, expected_version: int, by=None, **fields) -> ScorecardSettings:
    """Save the area's rating settings and data codes; refused if someone saved them since they were read."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Not a scorecard setting: {', '.join(sorted(unknown))}")
    found, _ = ScorecardSettings.objects.get_or_create(area=area)
    before = settings_snapshot(found)
    claim_version(found, expected_version)
    for name, value in fields.items():
        setattr(found, name, value)
    _check_settings(found)
    found.save()
    _record(
        area=area,
        action=Change.Action.CHANGED,
        subject="Scorecard settings",
        before=before,
        after=settings_snapshot(found),
        by=by,
    )
    return found


# Outcomes


def outcome_snapshot(outcome: Outcome) -> dict[str, str]:
    return {"Code": outcome.code, "Statement": outcome.statement, "Order": str(outcome.position)}


def _check_outcome(outcome: Outcome) -> None:
    outcome.code = outcome.code.strip()
    outcome.statement = " ".join(outcome.statement.split())
    if not outcome.code:
        raise ValidationError({"code": "Enter the outcome's code, such as I1"})
    if not outcome.statement:
        raise ValidationError({"statement": "Enter the outcome, such as “I feel safe”"})
    clash = Outcome.objects.filter(area=outcome.area, code__iexact=outcome.code).exclude(pk=outcome.pk).first()
    if clash:
        raise ValidationError({"code": f"This area already has an outcome with the code {clash.code}"})
    outcome.full_clean(exclude=["area"], validate_constraints=False)


@transaction.atomic
def outcome_create(
    *, area: LocalArea, code: str, statement: str, position: int | None = None, by=None
) -> Outcome:
    if position is None:
        position = (Outcome.objects.filter(area=area).aggregate(m=Max("position"))["m"] or 0) + 1
    outcome = Outcome(area=area, code=code, statement=statement, position=position)
    _check_outcome(outcome)
    outcome.save()
    _record(
        area=area,
        action=Change.Action.ADDED,
        subject=f"Outcome {outcome.code}",
        before={},
        after=outcome_snapshot(outcome),
        by=by,
    )
    return outcome


@transaction.atomic
def outcome_update(
    *, outcome: Outcome, expected_version: int, code: str, statement: str, position: int | None, by=None
) -> Outcome:
    before = outcome_snapshot(outcome)
    claim_version(outcome, expected_version)
    outcome.code, outcome.statement = code, statement
    if position is not None:
        outcome.position = position
    _check_outcome(outcome)
    outcome.save()
    _record(
        area=outcome.area,
        action=Change.Action.CHANGED,
        subject=f"Outcome {outcome.code}",
        before=before,
        after=outcome_snapshot(outcome),
        by=by,
    )
    return outcome


# Measures


@dataclass
class MeasureContent:
    """Everything the measure form sets; overrides left as None or "" are "as the area"."""

    code: str
    name: str
    description: str = ""
    unit: str = "percent"
    polarity: str = rating.Polarity.HIGHER.value
    frequency: str = "annual"
    source: str = ""
    owner: Person | None = None
    is_public: bool = False
    is_contextual: bool = False
    to_be_defined: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    tolerance: Decimal | None = None
    tolerance_kind: str = ""
    near_miss: str = ""
    no_target: str = ""
    direction_threshold: Decimal | None = None

    FIELDS = (
        "code",
        "name",
        "description",
        "unit",
        "polarity",
        "frequency",
        "source",
        "owner",
        "is_public",
        "is_contextual",
        "to_be_defined",
        "tolerance",
        "tolerance_kind",
        "near_miss",
        "no_target",
        "direction_threshold",
    )

    @classmethod
    def of(cls, measure: Measure) -> "MeasureContent":
        return cls(
            **{name: getattr(measure, name) for name in cls.FIELDS},
            outcomes=list(measure.outcomes.all()),
            items=list(measure.items.select_related("plan")),
        )

    def snapshot(self) -> dict[str, str]:
        """The content as people read it, keyed by label: for history and for showing an edit conflict."""
        shown = Measure(**{name: getattr(self, name) for name in self.FIELDS})
        as_area = "As the area"
        items = sorted(self.items, key=lambda i: (i.plan.reference, i.sort_key))
        several_plans = len({i.plan_id for i in items}) > 1
        return {
            "Code": self.code,
            "Name": self.name,
            "Description": self.description,
            "Unit": shown.get_unit_display(),
            "Better when": shown.get_polarity_display(),
            "Frequency": shown.get_frequency_display(),
            "Source": self.source,
            "Owner": self.owner.initials if self.owner else "",
            "Published to families": _yes(self.is_public),
            "Contextual": _yes(self.is_contextual),
            "To be defined": _yes(self.to_be_defined),
            "Outcomes": ", ".join(o.code for o in sorted(self.outcomes, key=lambda o: (o.position, o.code))),
            "Plan items": ", ".join(f"{i.plan.reference} {i.number}" if several_plans else i.number for i in items),
            "Tolerance": _number(self.tolerance) or as_area,
            "Tolerance measured": shown.get_tolerance_kind_display() if self.tolerance_kind else as_area,
            "A near miss is": shown.get_near_miss_display() if self.near_miss else as_area,
            "Measures with no target": shown.get_no_target_display() if self.no_target else as_area,
            "Direction threshold": _number(self.direction_threshold) or as_area,
        }


def _apply(measure: Measure, content: MeasureContent) -> None:
    for name in MeasureContent.FIELDS:
        setattr(measure, name, getattr(content, name))
    measure.code = measure.code.strip()
    measure.name = " ".join(measure.name.split())
    measure.source = measure.source.strip()
    for name in ("tolerance_kind", "near_miss", "no_target"):
        setattr(measure, name, getattr(measure, name) or "")


def _check_measure(measure: Measure, content: MeasureContent) -> None:
    area_id = measure.area_id
    if not measure.code:
        raise ValidationError({"code": "Enter the measure's code, such as E7"})
    if not measure.name:
        raise ValidationError({"name": "Enter the measure's name"})
    clash = Measure.objects.filter(area_id=area_id, code__iexact=measure.code).exclude(pk=measure.pk).first()
    if clash:
        raise ValidationError(
            {"code": f"This area already has a measure with the code {clash.code}: {clash.name}"}
        )
    if measure.owner and measure.owner.area_id != area_id:
        raise ValidationError({"owner": "Choose an owner from this area's people"})
    if any(o.area_id != area_id for o in content.outcomes):
        raise ValidationError({"outcomes": "Choose outcomes of this area"})
    if any(i.plan.area_id != area_id or i.is_removed for i in content.items):
        raise ValidationError("Link the measure to items of this area's plans")
    for name in ("tolerance", "direction_threshold"):
        if getattr(measure, name) is not None and getattr(measure, name) < 0:
            raise ValidationError({name: "Enter zero or more, or leave it blank to use the area's setting"})
    measure.full_clean(exclude=["area", "owner"], validate_constraints=False)


@transaction.atomic
def measure_create(
    *, area: LocalArea, content: MeasureContent, breakdowns: list[str] | None = None, by=None
) -> Measure:
    """Add a measure with its breakdowns ("All" unless named; the first is the headline)."""
    try:
        names = codes.read_breakdown_names(", ".join(breakdowns or []))
    except codes.CodeProblem as problem:
        raise ValidationError({"breakdowns": str(problem)}) from problem
    measure = Measure(area=area)
    _apply(measure, content)
    _check_measure(measure, content)
    measure.position = (Measure.objects.filter(area=area).aggregate(m=Max("position"))["m"] or 0) + 1
    measure.save()
    measure.outcomes.set(content.outcomes)
    measure.items.set(content.items)
    Breakdown.objects.bulk_create(
        Breakdown(measure=measure, name=name, position=position) for position, name in enumerate(names)
    )
    after = content.snapshot() | {"Breakdowns": ", ".join(names)}
    _record(
        area=area, action=Change.Action.ADDED, subject=f"Measure {measure.code}", before={}, after=after, by=by
    )
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, content: MeasureContent, expected_version: int, by=None) -> Measure:
    """Save a measure's definition; refused (EditConflict) if someone saved it since it was read."""
    before = MeasureContent.of(measure).snapshot()
    claim_version(measure, expected_version)
    _apply(measure, content)
    _check_measure(measure, content)
    measure.save()
    measure.outcomes.set(content.outcomes)
    measure.items.set(content.items)
    _record(
        area=measure.area,
        action=Change.Action.CHANGED,
        subject=f"Measure {measure.code}",
        before=before,
        after=content.snapshot(),
        by=by,
    )
    return measure


# Breakdowns


def _breakdown_snapshot(breakdown: Breakdown) -> dict[str, str]:
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
def breakdown_add(
    *,
    measure: Measure,
    name: str,
    baseline: Decimal | None = None,
    baseline_period: str = "",
    baseline_note: str = "",
    by=None,
) -> Breakdown:
    """Add a breakdown after the existing ones (the headline stays the headline)."""
    position = (Breakdown.objects.filter(measure=measure).aggregate(m=Max("position"))["m"] or 0) + 1
    breakdown = Breakdown(
        measure=measure,
        name=name,
        position=position if measure.breakdowns.exists() else 0,
        baseline=baseline,
        baseline_period=baseline_period,
        baseline_note=baseline_note,
    )
    _check_breakdown(breakdown)
    breakdown.save()
    _record(
        area=measure.area,
        action=Change.Action.ADDED,
        subject=_breakdown_subject(breakdown),
        before={},
        after=_breakdown_snapshot(breakdown),
        by=by,
    )
    return breakdown


@transaction.atomic
def breakdown_update(
    *,
    breakdown: Breakdown,
    name: str,
    baseline: Decimal | None,
    baseline_period: str,
    baseline_note: str,
    by=None,
) -> Breakdown:
    before = _breakdown_snapshot(breakdown)
    breakdown.name, breakdown.baseline = name, baseline
    breakdown.baseline_period, breakdown.baseline_note = baseline_period, baseline_note
    _check_breakdown(breakdown)
    breakdown.save()
    _record(
        area=breakdown.measure.area,
        action=Change.Action.CHANGED,
        subject=_breakdown_subject(breakdown),
        before=before,
        after=_breakdown_snapshot(breakdown),
        by=by,
    )
    return breakdown


@transaction.atomic
def breakdown_move(*, breakdown: Breakdown, up: bool, by=None) -> Breakdown:
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
def breakdown_make_headline(*, breakdown: Breakdown, by=None) -> Breakdown:
    """Make a breakdown the headline, the one rated on the scorecard; the others keep their order."""
    ordered = _ordered(breakdown.measure)
    ordered.sort(key=lambda b: b.pk != breakdown.pk)
    _renumber(breakdown.measure, ordered)
    _record_order(breakdown.measure, ordered, by)
    return breakdown


def _record_order(measure: Measure, ordered: list[Breakdown], by) -> None:
    history.record(
        area=measure.area,
        action=Change.Action.MOVED,
        subject=f"Measure {measure.code} breakdowns",
        changes={"Order": ["", ", ".join(b.name for b in ordered)]},
        by=by,
        source=SOURCE,
    )


@transaction.atomic
def breakdown_remove(*, breakdown: Breakdown, by=None) -> None:
    """A breakdown is removed with its targets; one holding figures is not, nor a measure's only one."""
    measure = breakdown.measure
    held = breakdown.figures.count()
    if held:
        noun = "figure" if held == 1 else "figures"
        raise ValidationError(
            f"{breakdown.name} cannot be removed: it holds {held} {noun}. "
            "Remove or move its figures first, or keep it and rename it."
        )
    if measure.breakdowns.count() == 1:
        raise ValidationError(f"{breakdown.name} is this measure's only breakdown, so it cannot be removed")
    before = _breakdown_snapshot(breakdown)
    subject = _breakdown_subject(breakdown)
    breakdown.delete()
    _renumber(measure, _ordered(measure))
    history.record(
        area=measure.area,
        action=Change.Action.REMOVED,
        subject=subject,
        changes=history.diff(before, dict.fromkeys(before, "")),
        by=by,
        source=SOURCE,
    )


# Targets


def _target_snapshot(target: Target) -> dict[str, str]:
    return {"Target": _number(target.value), "By": format_uk_date(target.due_on), "Note": target.note}


def _target_subject(target: Target) -> str:
    breakdown = target.breakdown
    return f"Measure {breakdown.measure.code}, {breakdown.name} target"


def _check_target(target: Target) -> None:
    target.note = target.note.strip()
    clash = Target.objects.filter(breakdown=target.breakdown, due_on=target.due_on).exclude(pk=target.pk).first()
    if clash:
        raise ValidationError(
            {
                "due_on": f"{target.breakdown.name} already has a target for {format_uk_date(target.due_on)} "
                f"({_number(clash.value)}): change that one, or choose another date"
            }
        )
    target.full_clean(exclude=["breakdown"], validate_constraints=False)


@transaction.atomic
def target_add(*, breakdown: Breakdown, value: Decimal, due_on: date, note: str = "", by=None) -> Target:
    target = Target(breakdown=breakdown, value=value, due_on=due_on, note=note)
    _check_target(target)
    target.save()
    _record(
        area=breakdown.measure.area,
        action=Change.Action.ADDED,
        subject=_target_subject(target),
        before={},
        after=_target_snapshot(target),
        by=by,
    )
    return target


@transaction.atomic
def target_update(*, target: Target, value: Decimal, due_on: date, note: str = "", by=None) -> Target:
    before = _target_snapshot(target)
    target.value, target.due_on, target.note = value, due_on, note
    _check_target(target)
    target.save()
    _record(
        area=target.breakdown.measure.area,
        action=Change.Action.CHANGED,
        subject=_target_subject(target),
        before=before,
        after=_target_snapshot(target),
        by=by,
    )
    return target


@transaction.atomic
def target_remove(*, target: Target, by=None) -> None:
    before = _target_snapshot(target)
    subject = _target_subject(target)
    area = target.breakdown.measure.area
    target.delete()
    history.record(
        area=area,
        action=Change.Action.REMOVED,
        subject=subject,
        changes=history.diff(before, dict.fromkeys(before, "")),
        by=by,
        source=SOURCE,
    )
