"""Reads of the fields an area defines on a plan: the plan's fields, one of them, an item's values as its
page shows them, and the lowest-level list's filters by field. Each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import Organisation, Person

from ..fields import value_words
from ..models import Item, ItemFieldValue, Plan, PlanField


def plan_fields(*, plan: Plan) -> list[PlanField]:
    """The plan's fields, in order, each with `held`: how many current items hold a value. One query."""
    held = Count("values", filter=Q(values__item__removed_at__isnull=True))
    return list(PlanField.objects.filter(plan=plan).annotate(held=held).order_by("position", "pk"))


def values_count(*, plan_field: PlanField) -> int:
    """How many current items hold a value of the field."""
    return ItemFieldValue.objects.filter(field=plan_field, item__removed_at__isnull=True).count()


def plan_field_for(*, access: Access, plan_pk: int, pk: int) -> PlanField:
    """One field of a plan of the user's area (404 for any other)."""
    queryset = PlanField.objects.select_related("plan__area", "plan__rag_scheme")
    return get_object_or_404(queryset, pk=pk, plan_id=plan_pk, plan__area=access.area)


@dataclass(frozen=True)
class FieldShown:
    """A field as an item's page shows it: its words, and for a person or organisations, those."""

    plan_field: PlanField
    words: str
    person: Person | None
    organisations: list[Organisation]


def item_fields(*, item: Item) -> list[FieldShown]:
    """Each field of the item's plan that applies to its level, with the item's value (blank when it has
    none). One query for the fields, and two more when any applies; none for an item read by `item_page`
    whose plan has no fields (its `has_plan_fields`)."""
    if getattr(item, "has_plan_fields", True) is False:
        return []
    fields = [f for f in PlanField.objects.filter(plan_id=item.plan_id) if f.applies_to(item.level)]
    if not fields:
        return []
    values = {
        v.field_id: v
        for v in ItemFieldValue.objects.filter(item=item, field__in=fields)
        .select_related("person")
        .prefetch_related("organisations")
    }
    shown = []
    for plan_field in fields:
        value = values.get(plan_field.pk)
        shown.append(
            FieldShown(
                plan_field,
                value_words(plan_field, value),
                value.person if value else None,
                sorted(value.organisations.all(), key=lambda o: o.name.lower()) if value else [],
            )
        )
    return shown


@dataclass(frozen=True)
class FieldFilter:
    """One filter of the lowest-level list by a field: text containing `value`; the person whose id is
    `value`; organisations including the one whose id is `value`."""

    plan_field: PlanField
    value: str | int


def field_conditions(*, filters: list[FieldFilter]) -> list[Exists]:
    """Conditions on items: their values match every filter (one subquery each)."""
    conditions = []
    for found in filters:
        values = ItemFieldValue.objects.filter(item=OuterRef("pk"), field=found.plan_field)
        kind = found.plan_field.kind
        if kind == PlanField.Kind.PERSON:
            values = values.filter(person_id=found.value)
        elif kind == PlanField.Kind.ORGANISATIONS:
            values = values.filter(organisations__id=found.value)
        else:
            values = values.filter(text__icontains=str(found.value))
        conditions.append(Exists(values))
    return conditions
