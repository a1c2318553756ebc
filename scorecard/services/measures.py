"""Defining the scorecard: its outcomes and its measures (the area's rating settings are in .settings,
breakdowns and targets in .breakdowns). Every change is checked, saved in one transaction and recorded
in the area's history; the helpers for recording are shared from here."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model

from accounts.models import User
from areas.models import LocalArea, Person
from common.concurrency import claim_version, save_or_explain
from history import services as history
from history.services import Snapshot
from plans.models import Item

from .. import rules
from ..dfe import codes
from ..models import Breakdown, Measure, Outcome

SOURCE = "Web"


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _record(
    *,
    area: LocalArea,
    action: str,
    subject: str,
    obj: Model,
    before: Snapshot,
    after: Snapshot,
    by: User | None,
) -> None:
    """Record a change to the scorecard's definitions; a save that changed nothing is not recorded."""
    changes = history.diff(before, after)
    if changes or action != history.Action.CHANGED:
        history.change_record(
            area=area, action=action, subject=subject, changes=changes, obj=obj, by=by, source=SOURCE
        )


# Outcomes


def outcome_snapshot(*, outcome: Outcome) -> dict[str, str]:
    return {"Code": outcome.code, "Statement": outcome.statement, "Order": str(outcome.position)}


def _check_outcome(outcome: Outcome) -> None:
    outcome.code = outcome.code.strip()
    outcome.statement = " ".join(outcome.statement.split())
    if not outcome.code:
        raise ValidationError({"code": "Enter the outcome's code, such as I1"})
    if not outcome.statement:
        raise ValidationError({"statement": "Enter the outcome, such as “I feel safe”"})
    clash = (
        Outcome.objects.filter(area=outcome.area, code__iexact=outcome.code).exclude(pk=outcome.pk).first()
    )
    if clash:
        raise ValidationError({"code": f"This area already has an outcome with the code {clash.code}"})
    outcome.full_clean(exclude=["area"], validate_constraints=False)


@transaction.atomic
def outcome_create(
    *, area: LocalArea, code: str, statement: str, position: int | None = None, by: User | None = None
) -> Outcome:
    if position is None:
        position = (Outcome.objects.filter(area=area).aggregate(m=Max("position"))["m"] or 0) + 1
    outcome = Outcome(area=area, code=code, statement=statement, position=position)
    _check_outcome(outcome)
    save_or_explain(outcome, lambda: _check_outcome(outcome))
    _record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Outcome {outcome.code}",
        obj=outcome,
        before={},
        after=outcome_snapshot(outcome=outcome),
        by=by,
    )
    return outcome


@transaction.atomic
def outcome_update(
    *,
    outcome: Outcome,
    expected_version: int,
    code: str,
    statement: str,
    position: int | None,
    by: User | None = None,
) -> Outcome:
    before = outcome_snapshot(outcome=outcome)
    claim_version(outcome, expected_version)
    outcome.code, outcome.statement = code, statement
    if position is not None:
        outcome.position = position
    _check_outcome(outcome)
    save_or_explain(outcome, lambda: _check_outcome(outcome))
    _record(
        area=outcome.area,
        action=history.Action.CHANGED,
        subject=f"Outcome {outcome.code}",
        obj=outcome,
        before=before,
        after=outcome_snapshot(outcome=outcome),
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
    polarity: str = rules.Polarity.HIGHER.value
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
            "Plan items": ", ".join(
                f"{i.plan.reference} {i.number}" if several_plans else i.number for i in items
            ),
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
    *,
    area: LocalArea,
    content: MeasureContent,
    breakdowns: list[str] | None = None,
    by: User | None = None,
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
    save_or_explain(measure, lambda: _check_measure(measure, content))
    measure.outcomes.set(content.outcomes)
    measure.items.set(content.items)
    Breakdown.objects.bulk_create(
        Breakdown(measure=measure, name=name, position=position) for position, name in enumerate(names)
    )
    after = content.snapshot() | {"Breakdowns": ", ".join(names)}
    _record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Measure {measure.code}",
        obj=measure,
        before={},
        after=after,
        by=by,
    )
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, content: MeasureContent, expected_version: int, by: User | None = None
) -> Measure:
    """Save a measure's definition; refused (EditConflict) if someone saved it since it was read."""
    before = MeasureContent.of(measure).snapshot()
    claim_version(measure, expected_version)
    _apply(measure, content)
    _check_measure(measure, content)
    save_or_explain(measure, lambda: _check_measure(measure, content))
    measure.outcomes.set(content.outcomes)
    measure.items.set(content.items)
    _record(
        area=measure.area,
        action=history.Action.CHANGED,
        subject=f"Measure {measure.code}",
        obj=measure,
        before=before,
        after=content.snapshot(),
        by=by,
    )
    return measure
