"""The words of the plan fields pages (a field's name, level and type), and the inputs the item form and
the lowest-level list's filters get for each field the area defines."""

from typing import Any

from django import forms

from areas.forms import PersonChoiceField
from areas.models import Organisation, Person
from common.forms import WIDGET_CLASSES, FastSelect, Form

from . import rules
from .fields import FieldInput
from .models import Item, ItemFieldValue, Plan, PlanField
from .selectors.fields import FieldFilter


class PlanFieldForm(Form):
    """Add or edit a field of a plan's items."""

    name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="As the plan's spreadsheet heads the column: for example, Senior Officer Support",
        error_messages={
            "required": "Enter the field's name",
            "max_length": "Keep the name under 80 characters",
        },
    )
    level = forms.ChoiceField(label="Which items have it", widget=forms.RadioSelect, required=False)
    kind = forms.ChoiceField(
        label="Type",
        widget=forms.RadioSelect,
        choices=PlanField.Kind.choices,
        help_text="Text: words as written. Organisations: a list of the area's organisations. "
        "Person: one of the area's people.",
        error_messages={"required": "Choose the type of the field"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, plan: Plan, plan_field: PlanField | None = None, held: int = 0, **kwargs: Any
    ) -> None:
        if plan_field is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": plan_field.name,
                "level": str(plan_field.level or ""),
                "kind": plan_field.kind,
                "version": plan_field.version,
            }
        super().__init__(*args, **kwargs)
        level = self.fields["level"]
        assert isinstance(level, forms.ChoiceField)
        level.choices = [("", "Every level")] + [
            (str(n), f"Each {plan.level_name(n).lower()} (level {n})") for n in range(1, plan.depth + 1)
        ]
        if held:
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = "Items hold values of this field, so its type cannot change"

    def level_value(self) -> int | None:
        return int(self.cleaned_data["level"]) if self.cleaned_data.get("level") else None


def _styled(field: forms.Field) -> forms.Field:
    """A field added after the form's own: given its GOV.UK class, as common.forms does for the rest."""
    css = WIDGET_CLASSES.get(type(field.widget).__name__)
    if css:
        field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()
    return field


def _other(plan_field: PlanField) -> str:
    return f"field_{plan_field.pk}_other"


def add_item_inputs(form: forms.BaseForm, *, plan: Plan, item: Item | None, level: int | None) -> None:
    """Give the item form an input for each field of the plan that applies to the item's level: text, a
    person of the area, or the area's organisations as checkboxes with a box for others (no JavaScript)."""
    fields = [f for f in PlanField.objects.filter(plan=plan) if level is None or f.applies_to(level)]
    form.plan_fields = fields  # type: ignore[attr-defined]
    if not fields:
        return
    people = Person.objects.filter(area=plan.area)
    organisations = Organisation.objects.filter(area=plan.area)
    held: dict[int, ItemFieldValue] = {}
    if item is not None:
        values = ItemFieldValue.objects.filter(item=item).select_related("person")
        held = {v.field_id: v for v in values.prefetch_related("organisations")}
    for plan_field in fields:
        name, value = f"field_{plan_field.pk}", held.get(plan_field.pk)
        if plan_field.kind == PlanField.Kind.PERSON:
            form.fields[name] = _styled(
                PersonChoiceField(
                    label=plan_field.name, queryset=people, required=False, empty_label="No one"
                )
            )
            form.initial.setdefault(name, value.person_id if value else None)
        elif plan_field.kind == PlanField.Kind.ORGANISATIONS:
            form.fields[name] = forms.ModelMultipleChoiceField(
                label=plan_field.name,
                queryset=organisations,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            form.fields[_other(plan_field)] = _styled(
                forms.CharField(
                    label=f"{plan_field.name}: other organisations",
                    required=False,
                    max_length=2000,
                    help_text="Organisations not listed above, separated by ; (each is added to the area)",
                )
            )
            form.initial.setdefault(name, [o.pk for o in value.organisations.all()] if value else [])
        else:
            form.fields[name] = _styled(
                forms.CharField(
                    label=plan_field.name, required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
            )
            form.initial.setdefault(name, value.text if value else "")


def item_inputs(form: forms.BaseForm) -> dict[PlanField, FieldInput]:
    """The values typed in the item form's field inputs (`add_item_inputs`), for the services."""
    data = form.cleaned_data
    inputs: dict[PlanField, FieldInput] = {}
    for plan_field in getattr(form, "plan_fields", []):
        given = data.get(f"field_{plan_field.pk}")
        if plan_field.kind == PlanField.Kind.PERSON:
            inputs[plan_field] = FieldInput(person=given)
        elif plan_field.kind == PlanField.Kind.ORGANISATIONS:
            names = rules.organisation_names(data.get(_other(plan_field), ""))
            inputs[plan_field] = FieldInput(organisations=list(given or []), organisation_names=names)
        else:
            inputs[plan_field] = FieldInput(text=given or "")
    return inputs


def add_filters(form: forms.BaseForm, *, plan: Plan) -> None:
    """Give the lowest-level list's filter form one filter for each field of its lowest level: words the
    text contains, the person, or an organisation it includes."""
    fields = [f for f in PlanField.objects.filter(plan=plan) if f.applies_to(plan.depth)]
    form.plan_fields = fields  # type: ignore[attr-defined]
    if not fields:
        return
    people = [("", "Anyone")] + [(str(p.pk), p.initials) for p in Person.objects.filter(area=plan.area)]
    organisations = [("", "Any")] + [(str(o.pk), o.name) for o in Organisation.objects.filter(area=plan.area)]
    for plan_field in fields:
        name = f"field_{plan_field.pk}"
        if plan_field.kind == PlanField.Kind.TEXT:
            form.fields[name] = _styled(
                forms.CharField(
                    label=plan_field.name, required=False, max_length=200, help_text="Has these words"
                )
            )
        else:
            choices = people if plan_field.kind == PlanField.Kind.PERSON else organisations
            form.fields[name] = _styled(
                forms.ChoiceField(label=plan_field.name, choices=choices, required=False, widget=FastSelect)
            )


def filters_chosen(form: forms.BaseForm) -> list[FieldFilter]:
    """The field filters a valid filter form asks for."""
    chosen = []
    for plan_field in getattr(form, "plan_fields", []):
        value = form.cleaned_data.get(f"field_{plan_field.pk}")
        if not value:
            continue
        if plan_field.kind == PlanField.Kind.TEXT:
            chosen.append(FieldFilter(plan_field, value.strip()))
        else:
            chosen.append(FieldFilter(plan_field, int(value)))
    return chosen


def field_inputs_of(form: forms.BaseForm) -> list[forms.BoundField]:
    """The filter form's field filters, bound, for the template to lay out."""
    return [form[f"field_{f.pk}"] for f in getattr(form, "plan_fields", [])]
