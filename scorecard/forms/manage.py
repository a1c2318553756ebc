"""Words for the pages that define the scorecard: settings, outcomes, measures, breakdowns and targets."""

from django import forms

from common.forms import Form

from ..dfe import codes
from ..models import Frequency, Measure, Outcome, ScorecardSettings, Unit
from ..selectors.manage import items_numbered
from ..services.measures import SETTINGS_FIELDS, MeasureContent

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
):
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


def _code(label: str, help_text: str, width: int = 10):
    return forms.CharField(
        label=label,
        required=False,
        max_length=12,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": f"govuk-input--width-{width}", "spellcheck": "false"}),
    )


def _choices(model, name: str) -> list[tuple[str, str]]:
    return list(model._meta.get_field(name).choices)


def plain_number(value):
    """A stored Decimal as people type it: 60.0000 is 60, never 6E+1."""
    return None if value is None else f"{value.normalize():f}"


def _lower_first(text: str) -> str:
    """ "Compare with England" -> "compare with England": a choice's words inside a sentence."""
    return text[:1].lower() + text[1:]


class SettingsForm(Form):
    tolerance = _number(
        "Tolerance",
        required=True,
        help_text="How far short of its target a measure can be and still count as nearly met. For "
        "example, with a target of 65% and a tolerance of 2, a figure of 63.5% is nearly met and 62.5% "
        "is not met. Enter 0 if a target is either met or not.",
    )
    tolerance_kind = forms.ChoiceField(
        label="The tolerance is measured",
        choices=_choices(ScorecardSettings, "tolerance_kind"),
        widget=forms.RadioSelect,
        help_text="In the measure's own units, a tolerance of 2 means 2 percentage points, or 2 weeks. "
        "As a percentage of the target, 5 means 5% of it: 0.6 weeks for a target of 12 weeks.",
        error_messages={"required": "Choose how the tolerance is measured"},
    )
    near_miss = forms.ChoiceField(
        label="A measure that nearly meets its target is rated",
        choices=_choices(ScorecardSettings, "near_miss"),
        widget=forms.RadioSelect,
        help_text="Some boards count a target that is very close to being met as green. For example, a "
        "target of 65% with a tolerance of 2: a figure of 64% is amber, or green if a near miss counts "
        "as very close.",
        error_messages={"required": "Choose how a near miss is rated"},
    )
    no_target = forms.ChoiceField(
        label="A measure with no target is",
        choices=_choices(ScorecardSettings, "no_target"),
        widget=forms.RadioSelect,
        help_text="Compared, it is green if at least as good as both England and the region, red if worse "
        "than both, amber in between. For example, 58% against England 55% and the region 60% is amber.",
        error_messages={"required": "Choose what happens to measures with no target"},
    )
    direction_threshold = _number(
        "Direction threshold",
        required=True,
        help_text="A change no bigger than this, in the measure's units, is shown as unchanged rather "
        "than improving or declining. For example, with 0.5, a move from 62.1% to 62.4% is unchanged. "
        "Enter 0 to count every change.",
    )
    la_code = _code("9-character local authority code", "For example, E08000007 for Stockport")
    old_la_code = _code("3-digit local authority code", "For example, 356 for Stockport", width=4)
    region_code = _code("Region code", "For example, E12000002 for the North West")
    region_name = forms.CharField(
        label="Region name",
        required=False,
        max_length=80,
        help_text="As DfE files write it, for example North West",
    )
    neighbour_codes = forms.CharField(
        label="Statistical neighbours",
        required=False,
        help_text="The local authority codes of the area's statistical neighbours, 9-character or 3-digit, "
        "separated by commas. For example, E08000009, E06000049, 358",
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def _read(self, name: str, reader) -> str:
        try:
            return reader(self.cleaned_data.get(name, ""))
        except codes.CodeProblem as problem:
            raise forms.ValidationError(str(problem)) from problem

    def clean_la_code(self) -> str:
        return self._read("la_code", codes.read_la_code)

    def clean_old_la_code(self) -> str:
        return self._read("old_la_code", codes.read_old_la_code)

    def clean_region_code(self) -> str:
        return self._read("region_code", codes.read_region_code)

    def clean(self):
        data = super().clean()
        own = (data.get("la_code", ""), data.get("old_la_code", ""))
        if "neighbour_codes" in data:
            try:
                data["neighbour_codes"] = ", ".join(
                    codes.read_neighbour_codes(data["neighbour_codes"], own=own)
                )
            except codes.CodeProblem as problem:
                self.add_error("neighbour_codes", str(problem))
        return data


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
    owner = forms.ModelChoiceField(
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
    outcomes = forms.ModelMultipleChoiceField(
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
        self, *args, outcomes, people, plans, area_settings: ScorecardSettings, creating: bool, **kw
    ):
        super().__init__(*args, **kw)
        self.plans = plans
        self.fields["owner"].queryset = people
        self.fields["outcomes"].queryset = outcomes
        self.fields["outcomes"].label_from_instance = str
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
        self.items: list = []

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
            self.fields[name].choices = [
                ("", f"{AS_THE_AREA} ({_lower_first(area_choice)})"),
                *_choices(ScorecardSettings, name),
            ]

    @staticmethod
    def item_field_name(plan) -> str:
        return f"items_{plan.pk}"

    @staticmethod
    def initial_for(measure: Measure, plans) -> dict:
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

    def item_fields(self):
        return [self[self.item_field_name(plan)] for plan in self.plans]

    def override_fields(self):
        return [self[name] for name in self.OVERRIDES]

    def overrides_open(self) -> bool:
        """Show the overrides opened when any is set or has an error."""
        return any(self[name].value() not in (None, "") or self[name].errors for name in self.OVERRIDES)

    def clean(self):
        data = super().clean()
        self.items = []
        for plan in self.plans:
            name = self.item_field_name(plan)
            try:
                numbers = codes.read_item_numbers(data.get(name, ""))
            except codes.CodeProblem as problem:
                self.add_error(name, str(problem))
                continue
            found = items_numbered(plan, numbers)
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


def outcome_initial(outcome: Outcome) -> dict:
    return {
        "code": outcome.code,
        "statement": outcome.statement,
        "position": outcome.position,
        "version": outcome.version,
    }


def settings_initial(current: ScorecardSettings) -> dict:
    initial = {name: getattr(current, name) for name in SETTINGS_FIELDS}
    return initial | {
        "tolerance": plain_number(current.tolerance),
        "direction_threshold": plain_number(current.direction_threshold),
        "version": current.version,
    }
