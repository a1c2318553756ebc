"""The fields an area defines on a plan (models_fields.PlanField): a value as typed or read from a file
(`FieldInput`), and every value as the words people read, which the history records, the import
compares and the export writes: text as written, a person by initials, organisations by name, sorted,
joined by "; "."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from areas.models import Organisation, Person

from . import rules
from .models import Item, ItemFieldValue, Plan, PlanField

ORGANISATIONS_JOIN = "; "


@dataclass
class FieldInput:
    """An item's value of one field, as given: text; a person; organisations of the area and the names of
    organisations to find or add (the "Other organisations" box, a cell of a file)."""

    text: str = ""
    person: Person | None = None
    organisations: list[Organisation] = field(default_factory=list)
    organisation_names: list[str] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (self.text.strip() or self.person or self.organisations or self.organisation_names)

    def names(self) -> list[str]:
        """The organisations by name, each once whatever its case."""
        return rules.organisation_names(
            "\n".join([*(o.name for o in self.organisations), *self.organisation_names])
        )


def organisations_words(names: Iterable[str]) -> str:
    """Organisations as a cell and the history write them: sorted, joined by "; "."""
    return ORGANISATIONS_JOIN.join(sorted(names, key=str.lower))


def input_words(plan_field: PlanField, given: FieldInput) -> str:
    if plan_field.kind == PlanField.Kind.PERSON:
        return given.person.initials if given.person else ""
    if plan_field.kind == PlanField.Kind.ORGANISATIONS:
        return organisations_words(given.names())
    return given.text


def value_words(plan_field: PlanField, value: ItemFieldValue | None) -> str:
    """A saved value as words (uses the value's prefetched person and organisations)."""
    if value is None:
        return ""
    if plan_field.kind == PlanField.Kind.PERSON:
        return value.person.initials if value.person else ""
    if plan_field.kind == PlanField.Kind.ORGANISATIONS:
        return organisations_words(o.name for o in value.organisations.all())
    return value.text


def fields_of(plan: Plan) -> list[PlanField]:
    """The plan's fields in order (prefetched `plan_fields` when there are)."""
    return sorted(plan.plan_fields.all(), key=lambda f: (f.position, f.pk))


def item_field_words(item: Item) -> dict[str, str]:
    """Each field of the item's plan that applies to its level, by name, with the item's value as words
    ("" for none). Uses the plan's and the item's prefetched fields and values when there are."""
    fields = [f for f in fields_of(item.plan) if f.applies_to(item.level)]
    if not fields:
        return {}
    held = {value.field_id: value for value in item.field_values.all()}
    return {f.name: value_words(f, held.get(f.pk)) for f in fields}


def inputs_words(given: "dict[PlanField, FieldInput] | None") -> dict[str, str]:
    """Values as typed (a form's), by field name, read as `item_field_words` reads saved ones."""
    return {f.name: input_words(f, value) for f, value in (given or {}).items()}


def level_words(plan: Plan, level: int | None) -> str:
    """Which items a field applies to, as the Fields sheet and the pages say it: "Milestone", or "Every
    level"."""
    return "Every level" if level is None else plan.level_name(level)


def plan_field_snapshot(plan_field: PlanField) -> dict[str, str]:
    """A field's definition as the history records it."""
    return {
        "Name": plan_field.name,
        "Applies to": level_words(plan_field.plan, plan_field.level),
        "Type": plan_field.get_kind_display(),
    }
