"""Fields a programme manager defines on a plan, and items' values of them: each change validated,
versioned and recorded in the history (the field's own, and each item's, by the field's name)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from areas.services import organisation_for
from common.concurrency import claim_version
from history import services as history

from .. import rules
from ..fields import FieldInput, plan_field_snapshot, value_words
from ..models import Item, ItemFieldValue, Plan, PlanField

RESERVED = ("Findings",)  # labels the item history already uses beyond the Items columns


def _built_in_columns() -> tuple[str, ...]:
    # Imported here: the spreadsheet package imports these services.
    from ..spreadsheet.template import ITEMS

    return (*ITEMS.columns, *RESERVED)


def check_field_name(*, plan: Plan, name: str, exclude: int | None = None) -> None:
    others = PlanField.objects.filter(plan=plan).exclude(pk=exclude or 0).values_list("name", flat=True)
    if problem := rules.field_name_problem(name, _built_in_columns(), others):
        raise ValidationError({"name": problem})


def _check(plan: Plan, name: str, level: int | None, kind: str, *, exclude: int | None = None) -> None:
    check_field_name(plan=plan, name=name, exclude=exclude)
    if len(name.strip()) > 80:
        raise ValidationError({"name": "Keep the name under 80 characters"})
    if level is not None and not 1 <= level <= plan.depth:
        raise ValidationError({"level": f"Choose a level of this plan, 1 to {plan.depth}, or every level"})
    if kind not in PlanField.Kind.values:
        raise ValidationError({"kind": "Choose text, organisations or a person"})


def _subject(plan: Plan, name: str) -> str:
    return f"Plan {plan.reference}: field {name}"


@transaction.atomic
def plan_field_create(
    *, plan: Plan, name: str, level: int | None, kind: str, by: User | None = None, source: str = "Web"
) -> PlanField:
    """Add a field to the plan's items, after the others."""
    name = " ".join(name.split())
    _check(plan, name, level, kind)
    last = PlanField.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
    plan_field = PlanField(plan=plan, name=name, level=level, kind=kind, position=(last or 0) + 1)
    history.save_recorded(
        obj=plan_field,
        snapshot=plan_field_snapshot,
        before=None,
        area=plan.area,
        subject=_subject(plan, name),
        by=by,
        source=source,
        plan=plan,
    )
    return plan_field


@transaction.atomic
def plan_field_update(
    *,
    plan_field: PlanField,
    name: str,
    level: int | None,
    kind: str,
    expected_version: int,
    by: User | None = None,
    source: str = "Web",
) -> PlanField:
    """Rename a field, or change the level it applies to; its type only while no item holds a value. A
    level that would leave values on items of other levels is refused."""
    plan = plan_field.plan
    name = " ".join(name.split())
    _check(plan, name, level, kind, exclude=plan_field.pk)
    held = ItemFieldValue.objects.filter(field=plan_field, item__removed_at__isnull=True)
    if kind != plan_field.kind and ItemFieldValue.objects.filter(field=plan_field).exists():
        raise ValidationError(
            {"kind": "Items hold values of this field, so its type cannot change. Add a new field instead"}
        )
    if level is not None and (elsewhere := held.exclude(item__level=level).count()):
        raise ValidationError(
            {
                "level": f"{elsewhere} item{'' if elsewhere == 1 else 's'} of other levels "
                f"{'holds' if elsewhere == 1 else 'hold'} a value of this field. Clear "
                f"{'it' if elsewhere == 1 else 'them'} first, or keep the field for every level"
            }
        )
    before = plan_field_snapshot(plan_field)
    plan_field.name, plan_field.level, plan_field.kind = name, level, kind
    history.save_recorded(
        obj=plan_field,
        snapshot=plan_field_snapshot,
        before=before,
        area=plan.area,
        subject=_subject(plan, name),
        by=by,
        source=source,
        expected_version=expected_version,
        plan=plan,
    )
    return plan_field


@transaction.atomic
def plan_field_remove(
    *, plan_field: PlanField, expected_version: int, by: User | None = None, source: str = "Web"
) -> int:
    """Remove a field and every item's value of it: the field's removal and each item's lost value are
    recorded in the history. Returns how many items held a value."""
    plan = plan_field.plan
    claim_version(plan_field, expected_version)
    values = (
        ItemFieldValue.objects.filter(field=plan_field)
        .select_related("item", "person")
        .prefetch_related("organisations")
    )
    count = 0
    for value in values:
        words = value_words(plan_field, value)
        count += not value.item.is_removed
        if words:
            history.change_record(
                area=plan.area,
                plan=plan,
                item=value.item,
                action=history.Action.CHANGED,
                subject=f"{plan.level_name(value.item.level)} {value.item.number}",
                changes={plan_field.name: [words, ""]},
                by=by,
                source=f"Field {plan_field.name} removed",
            )
    history.change_record(
        area=plan.area,
        plan=plan,
        action=history.Action.REMOVED,
        subject=_subject(plan, plan_field.name),
        changes={label: [old, ""] for label, old in plan_field_snapshot(plan_field).items()},
        by=by,
        source=source,
    )
    plan_field.delete()
    return count


def field_values_write(*, item: Item, values: dict[PlanField, FieldInput]) -> None:
    """Write an item's values of its plan's fields, within the caller's transaction (item_create and
    item_update record them in the item's history). A blank value removes the item's value; a value for a
    field that does not apply to the item's level, or another plan's field, is refused. Organisations
    named but not yet in the area are added."""
    held = {v.field_id: v for v in ItemFieldValue.objects.filter(item=item)}
    for plan_field, given in values.items():
        key = f"field_{plan_field.pk}"
        if plan_field.plan_id != item.plan_id:
            raise ValidationError({key: "Choose a field of this item's plan"})
        if given.is_blank:
            if plan_field.pk in held:
                held[plan_field.pk].delete()
            continue
        if not plan_field.applies_to(item.level):
            level_name = item.plan.level_name(plan_field.level or 0).lower()
            raise ValidationError({key: f"{plan_field.name} is for each {level_name} only: leave it blank"})
        if given.person is not None and given.person.area_id != item.plan.area_id:
            raise ValidationError({key: "Choose a person of this local area"})
        value = held.get(plan_field.pk) or ItemFieldValue(item=item, field=plan_field)
        value.text = given.text.strip() if plan_field.kind == PlanField.Kind.TEXT else ""
        value.person = given.person if plan_field.kind == PlanField.Kind.PERSON else None
        value.save()
        if plan_field.kind == PlanField.Kind.ORGANISATIONS:
            found = [organisation_for(area=item.plan.area, name=name) for name in given.names()]
            value.organisations.set([o for o in found if o is not None])
        elif value.organisations.exists():
            value.organisations.clear()
