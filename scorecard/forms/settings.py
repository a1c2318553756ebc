"""The words of the scorecard settings page: how the area rates its measures, and its DfE codes."""

from collections.abc import Callable
from typing import Any

from django import forms

from common.forms import Form

from ..dfe import codes
from ..models import ScorecardSettings
from ..services.settings import SETTINGS_FIELDS, SettingsContent
from .manage import _choices, _number, plain_number


def _code(label: str, help_text: str, width: int = 10) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=12,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": f"govuk-input--width-{width}", "spellcheck": "false"}),
    )


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

    def _read(self, name: str, reader: Callable[[str], str]) -> str:
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

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        own = (data.get("la_code", ""), data.get("old_la_code", ""))
        if "neighbour_codes" in data:
            try:
                data["neighbour_codes"] = ", ".join(
                    codes.read_neighbour_codes(data["neighbour_codes"], own=own)
                )
            except codes.CodeProblem as problem:
                self.add_error("neighbour_codes", str(problem))
        return data

    def content(self) -> SettingsContent:
        data = self.cleaned_data
        return SettingsContent(
            tolerance=data["tolerance"],
            tolerance_kind=data["tolerance_kind"],
            near_miss=data["near_miss"],
            no_target=data["no_target"],
            direction_threshold=data["direction_threshold"],
            la_code=data["la_code"],
            old_la_code=data["old_la_code"],
            region_code=data["region_code"],
            region_name=data["region_name"],
            neighbour_codes=data["neighbour_codes"],
        )


def settings_initial(current: ScorecardSettings) -> dict[str, object]:
    initial = {name: getattr(current, name) for name in SETTINGS_FIELDS}
    return initial | {
        "tolerance": plain_number(current.tolerance),
        "direction_threshold": plain_number(current.direction_threshold),
        "version": current.version,
    }
