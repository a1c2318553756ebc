"""Words for the pages that define the scorecard's outcomes and measures (the settings are in .settings,
breakdowns and targets in .breakdowns), and the number fields they share."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Field, Model, QuerySet
from django.forms import BoundField

from areas.models import Person
from common.forms import Form
from plans.models import Item, Plan

from ..dfe import codes
from ..models import Frequency, Measure, Outcome, ScorecardSettings, Unit
from ..selectors.manage import items_numbered
from ..services.measures import MeasureContent

NUMBER_MESSAGES = {
    "invalid": "Enter a number, such as 2 or 62.5",
    "min_value": "Enter zero or more",
    "max_digits": "Enter a smaller number",
    "max_whole_digits": "Enter a smaller number",
}


def _number(
    label: str,
    *,
    help_text: str = "",
    required: bool = False,
    places: int = 3,
    digits: int = 9,
    minimum: int | None = 0,
) -> forms.DecimalField:
    messages = NUMBER_MESSAGES | {
        "required": f"Enter the {label.lower()}",
        "max_decimal_places": f"Enter a number with at most {places} decimal places",
    }
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        max_digits=digits,
        decimal_places=places,
        min_value=minimum,
        error_messages=messages,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}
        ),
    )


def _choices(model: type[Model], name: str) -> list[tuple[str, str]]:
    field = cast("Field[Any, Any]", model._meta.get_field(name))  # a column with choices, not a relation
    return field.flatchoices


def plain_number(value: Decimal | None) -> str | None:
    """A stored Decimal as people type it: 60.0000 is 60, never 6E+1."""
    return None if value is None else f"{value.normalize():f}"


def _lower_first(text: str) -> str:
    """ "Compare with England" -> "compare with England": a choice's words inside a sentence."""
    return text[:1].lower() + text[1:]


class OutcomeForm(Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="A short reference, for example I1",
        error_messages={"required": "Enter the outcome's code, such as I1"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    statement = forms.CharField(
        label="Outcome",
        max_length=300,
        help_text="As children, young people and families wrote it, for example “I feel safe”",
        error_messages={"required": "Enter the outcome, such as “I feel safe”"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    position = forms.IntegerField(
        label="Order on the scorecard",
        required=False,
        min_value=0,
        max_value=32767,
        help_text="Outcomes are shown from the lowest number to the highest. Leave blank to put it last.",
        error_messages={"invalid": "Enter a whole number, such as 3", "min_value": "Enter zero or more"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


AS_THE_AREA = "As the area"


class MeasureForm(Form):
    """A measure's definition. Plan items are typed as numbers, one box for each of the area's plans."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="A short reference, for example E7",
        error_messages={"required": "Enter the measure's code, such as E7"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label="Name",
        max_length=300,
        help_text="For example, New EHC plans issued within 20 weeks",
        error_messages={"required": "Enter the measure's name"},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        help_text="How it is counted, and what is in and out",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit = forms.ChoiceField(label="Unit", choices=Unit.choices, initial=Unit.PERCENT)
    polarity = forms.ChoiceField(
        label="Better when",
        choices=_choices(Measure, "polarity"),
        widget=forms.RadioSelect,
        help_text="Lower is better for absence, exclusions and waiting times",
        error_messages={"required": "Choose whether higher or lower is better"},
    )
    frequency = forms.ChoiceField(
        label="How often new figures come", choices=Frequency.choices, initial=Frequency.ANNUAL
    )
    source = forms.CharField(
        label="Source", required=False, max_length=300, help_text="For example, DfE SEN2 return"
    )
    owner: "forms.ModelChoiceField[Person]" = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        required=False,
        empty_label="No owner yet",
        help_text="The owner can enter the measure's figures and commentary",
    )
    is_public = forms.BooleanField(
        label="Published to families",
        required=False,
        help_text="Shown on the area's public scorecard for parents, carers and young people",
    )
    is_contextual = forms.BooleanField(
        label="Contextual",
        required=False,
        help_text="Shown for information and never rated, such as the number of EHC plans",
    )
    to_be_defined = forms.BooleanField(
        label="To be defined",
        required=False,
        help_text="The definition or data source is not agreed yet, so it is not rated",
    )
    outcomes: "forms.ModelMultipleChoiceField[Outcome]" = forms.ModelMultipleChoiceField(
        label="Outcomes it evidences",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose outcomes from the list"},
    )
    breakdowns = forms.CharField(
        label="Breakdowns",
        required=False,
        help_text="Names separated by commas, for example All, Primary, Secondary. The first is the "
        "headline, rated on the scorecard. Leave blank for one breakdown, All.",
    )
    tolerance = _number("Tolerance", help_text="Leave blank to use the area's tolerance")
    tolerance_kind = forms.ChoiceField(label="The tolerance is measured", required=False)
    near_miss = forms.ChoiceField(label="A near miss is rated", required=False)
    no_target = forms.ChoiceField(label="With no target, the measure is", required=False)
    direction_threshold = _number(
        "Direction threshold", help_text="Leave blank to use the area's direction threshold"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    OVERRIDES = ("tolerance", "tolerance_kind", "near_miss", "no_target", "direction_threshold")

    def __init__(
        self,
        *args: Any,
        outcomes: QuerySet[Outcome],
        people: QuerySet[Person],
        plans: list[Plan],
        area_settings: ScorecardSettings,
        creating: bool,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.plans = plans
        cast("forms.ModelChoiceField[Person]", self.fields["owner"]).queryset = people
        cast("forms.ModelMultipleChoiceField[Outcome]", self.fields["outcomes"]).queryset = outcomes
        if not outcomes:
            self.fields["outcomes"].help_text = "The area has no outcomes yet"
        if not creating:
            del self.fields["breakdowns"]
        self._override_choices(area_settings)
        for plan in plans:
            name = self.item_field_name(plan)
            several = len(plans) > 1
            self.fields[name] = forms.CharField(
                label=f"Items in {plan.reference} ({plan.title})" if several else "Plan items",
                required=False,
                help_text=(
                    f"The numbers of the {plan.reference} items this measure shows the effect of, "
                    "separated by commas. For example, 1.1, 4.3.3"
                ),
                widget=forms.TextInput(attrs={"class": "govuk-input", "spellcheck": "false"}),
            )
        self.items: list[Item] = []

    def _override_choices(self, area_settings: ScorecardSettings) -> None:
        self.fields["tolerance"].help_text = (
            f"Leave blank to use the area's: {area_settings.tolerance.normalize():f}"
            f" ({_lower_first(area_settings.get_tolerance_kind_display())})"
        )
        self.fields[
            "direction_threshold"
        ].help_text = f"Leave blank to use the area's: {area_settings.direction_threshold.normalize():f}"
        for name in ("tolerance_kind", "near_miss", "no_target"):
            area_choice = getattr(area_settings, f"get_{name}_display")()
            cast(forms.ChoiceField, self.fields[name]).choices = [
                ("", f"{AS_THE_AREA} ({_lower_first(area_choice)})"),
                *_choices(ScorecardSettings, name),
            ]

    @staticmethod
    def item_field_name(plan: Plan) -> str:
        return f"items_{plan.pk}"

    @staticmethod
    def initial_for(measure: Measure, plans: list[Plan]) -> dict[str, Any]:
        """The form's starting values for an existing measure."""
        initial = {name: getattr(measure, name) for name in MeasureContent.FIELDS}
        for name in ("tolerance", "direction_threshold"):
            if initial[name] is not None:
                initial[name] = f"{initial[name].normalize():f}"
        initial |= {"owner": measure.owner_id, "outcomes": [o.pk for o in measure.outcomes.all()]}
        initial["version"] = measure.version
        items = sorted(measure.items.all(), key=lambda i: i.sort_key)
        for plan in plans:
            numbers = [i.number for i in items if i.plan_id == plan.pk]
            initial[MeasureForm.item_field_name(plan)] = ", ".join(numbers)
        return initial

    def item_fields(self) -> list[BoundField]:
        return [self[self.item_field_name(plan)] for plan in self.plans]

    def override_fields(self) -> list[BoundField]:
        return [self[name] for name in self.OVERRIDES]

    def overrides_open(self) -> bool:
        """Show the overrides opened when any is set or has an error."""
        return any(self[name].value() not in (None, "") or self[name].errors for name in self.OVERRIDES)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self.items = []
        for plan in self.plans:
            name = self.item_field_name(plan)
            try:
                numbers = codes.read_item_numbers(data.get(name, ""))
            except codes.CodeProblem as problem:
                self.add_error(name, str(problem))
                continue
            found = items_numbered(plan=plan, numbers=numbers)
            missing = [n for n in numbers if n not in found]
            if missing:
                self.add_error(name, codes.missing_items_message(plan.reference, missing))
            self.items += [found[n] for n in numbers if n in found]
        if "breakdowns" in self.fields:
            try:
                data["breakdowns"] = codes.read_breakdown_names(data.get("breakdowns", ""))
            except codes.CodeProblem as problem:
                self.add_error("breakdowns", str(problem))
        return data

    def content(self) -> MeasureContent:
        data = self.cleaned_data
        return MeasureContent(
            **{name: data[name] for name in MeasureContent.FIELDS},
            outcomes=list(data["outcomes"]),
            items=list(self.items),
        )


def outcome_initial(outcome: Outcome) -> dict[str, object]:
    return {
        "code": outcome.code,
        "statement": outcome.statement,
        "position": outcome.position,
        "version": outcome.version,
    }
