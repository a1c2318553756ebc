"""The words of the breakdowns and targets pages."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from common.forms import Form, UKDateField

from ..models import Breakdown
from ..periods import PeriodProblem, read_period
from ..services.breakdowns import BreakdownContent
from .manage import _number


class BreakdownForm(Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="For example, Primary, or EHC plan",
        error_messages={"required": "Enter the breakdown's name, such as Primary"},
    )
    baseline = _number(
        "Baseline",
        help_text="The figure progress is measured from, for example 58.3",
        places=4,
        digits=14,
        minimum=None,
    )
    baseline_period = forms.CharField(
        label="Baseline period",
        required=False,
        max_length=40,
        help_text="The period the baseline is for: a year (2018), an academic year (2017/18) or a month "
        "(March 2018)",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    baseline_note = forms.CharField(
        label="Note on the baseline",
        required=False,
        max_length=200,
        help_text="For example, provisional data",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_baseline_period(self) -> str:
        text = self.cleaned_data["baseline_period"].strip()
        if not text:
            return ""
        try:
            return read_period(text).label
        except PeriodProblem as problem:
            raise forms.ValidationError(str(problem)) from problem

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("baseline_period") and data.get("baseline") is None and "baseline" not in self.errors:
            self.add_error("baseline", "Enter the baseline figure for the period, or clear the period")
        return data

    def content(self) -> BreakdownContent:
        data = self.cleaned_data
        return BreakdownContent(
            name=data["name"],
            baseline=data["baseline"],
            baseline_period=data["baseline_period"],
            baseline_note=data["baseline_note"],
        )


class TargetForm(Form):
    breakdown = forms.TypedChoiceField(
        label="Breakdown", coerce=int, error_messages={"required": "Choose the breakdown"}
    )
    value = _number("Target", required=True, places=4, digits=14, minimum=None)
    due_on = UKDateField(
        label="By",
        help_text="The date the target is to be met by, for example 31/03/2026",
        error_messages={"required": "Enter the date the target is to be met by, such as 31/03/2026"},
    )
    note = forms.CharField(
        label="Note", required=False, max_length=200, help_text="For example, the national average"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, breakdowns: Sequence[Breakdown] | None, unit_suffix: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if unit_suffix:
            self.fields["value"].help_text = f"In the measure's unit ({unit_suffix})"
        field = cast(forms.TypedChoiceField, self.fields["breakdown"])
        if breakdowns is None:
            del self.fields["breakdown"]
        elif len(breakdowns) == 1:
            field.widget = forms.HiddenInput()
            field.choices = [(b.pk, b.name) for b in breakdowns]
            field.initial = breakdowns[0].pk
        else:
            field.choices = [(b.pk, b.name) for b in breakdowns]
