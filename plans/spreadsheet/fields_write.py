"""The fields an area defines on a plan, written: what an import found (`fields.field_work`) written
through the services, and the plan's fields in an export (the Fields sheet, and an Items column for each,
headed by its name, after the template's columns)."""

from dataclasses import replace
from datetime import date

from accounts.models import User
from areas.models import Person

from ..fields import FieldInput, level_words, value_words
from ..models import Item, ItemFieldValue, Plan, PlanField
from ..services.fields import plan_field_create, plan_field_update
from . import template as t
from .fields import FieldsWork
from .work import ItemWork


def fields_write(*, plan: Plan, done: FieldsWork, by: User | None, source: str) -> dict[str, PlanField]:
    """Add or change the fields the import does, through the services; returns the plan's fields by name
    in lower case, for the items' values."""
    for entry in done.fields:
        if entry.existing is None:
            plan_field_create(
                plan=plan,
                name=entry.row.name,
                level=entry.row.level,
                kind=entry.row.kind,
                by=by,
                source=source,
            )
        else:
            plan_field_update(
                plan_field=entry.existing,
                name=entry.existing.name,
                level=entry.row.level,
                kind=entry.row.kind,
                expected_version=entry.existing.version,
                by=by,
                source=source,
            )
    return {f.name.lower(): f for f in PlanField.objects.filter(plan=plan)}


def field_inputs(
    entry: ItemWork, done: FieldsWork, plan_fields: dict[str, PlanField], people: dict[str, Person]
) -> dict[PlanField, FieldInput] | None:
    """An item's values as the services take them (None: the file has no field columns)."""
    cells = done.values.get(entry.number)
    if cells is None:
        return None
    return {
        plan_fields[name.lower()]: FieldInput(
            text=cell.text,
            person=people[cell.initials.lower()] if cell.initials else None,
            organisation_names=cell.organisations,
        )
        for name, cell in cells.items()
    }


def field_rows(plan: Plan) -> list[list[str | date | None]]:
    """The Fields sheet of an export: each field, its level by name (blank for every level), its type."""
    return [
        [f.name, "" if f.level is None else level_words(plan, f.level), f.get_kind_display()]
        for f in PlanField.objects.filter(plan=plan).order_by("position", "pk")
    ]


def with_field_columns(
    tables: list[tuple[t.Sheet, list[list[str | date | None]]]], plan: Plan, items: list[Item]
) -> list[tuple[t.Sheet, list[list[str | date | None]]]]:
    """The export's Items sheet with a column for each field, headed by its name, after the template's
    columns: each item's value as words (organisations joined by "; ", a person by initials)."""
    fields = list(PlanField.objects.filter(plan=plan).order_by("position", "pk"))
    if not fields:
        return tables
    values: dict[tuple[int, int], ItemFieldValue] = {
        (v.item_id, v.field_id): v
        for v in ItemFieldValue.objects.filter(item__plan=plan, item__removed_at__isnull=True)
        .select_related("person")
        .prefetch_related("organisations")
    }
    result = []
    for sheet, rows in tables:
        if sheet is t.ITEMS:
            sheet = replace(sheet, columns=(*sheet.columns, *(f.name for f in fields)))
            rows = [
                [*row, *(value_words(f, values.get((item.pk, f.pk))) for f in fields)]
                for row, item in zip(rows, items, strict=True)
            ]
        result.append((sheet, rows))
    return result
