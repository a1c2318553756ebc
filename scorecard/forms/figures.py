"""The words for entering figures by hand and by file: labels, hints and error messages live here."""

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings

from common.forms import Form
from common.uploads import describe_size

from ..dfe.values import MISSING_REASONS
from ..models import COMPARATOR_SERIES, Breakdown, Figure, Measure, Series
from ..periods import PeriodProblem, read_period
from ..selectors import settings_for
from ..selectors.measure import comparator_names

OTHER = "other"
SYMBOLS = [(symbol, reason) for symbol, reason in MISSING_REASONS.items() if symbol]
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def missing_choice(reason: str) -> tuple[str, str]:
    """The radio and the free text that show a stored reason: a DfE symbol's meaning, or other words."""
    for symbol, meaning in SYMBOLS:
        if reason == meaning:
            return symbol, ""
    return (OTHER, reason) if reason else ("", "")


class FigureForm(Form):
    """One figure: whose, for which period, and its value or why there is none."""

    breakdown = forms.ChoiceField(
        label="Breakdown",
        help_text="The first is the measure's headline, shown on the scorecard",
        error_messages={"required": "Choose the breakdown", "invalid_choice": "Choose the breakdown"},
    )
    series = forms.ChoiceField(
        label="Whose figure is it?",
        choices=Series.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whose figure it is: this area, England, the region or the neighbours",
            "invalid_choice": "Choose whose figure it is: this area, England, the region or the neighbours",
        },
    )
    period = forms.CharField(
        label="Period",
        max_length=40,
        help_text="As it is published: a year (2024), an academic year (2023/24) or a month (March 2024)",
        error_messages={"required": "Enter the period, such as 2024, 2023/24 or March 2024"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    value = forms.CharField(
        label="Value",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    missing = forms.ChoiceField(
        label="If there is no figure, why not?",
        required=False,
        choices=[("", "There is a figure"), *SYMBOLS, (OTHER, "Another reason")],
        widget=forms.RadioSelect,
        help_text="A missing figure is shown as not available, never as zero",
        error_messages={"invalid_choice": "Choose why there is no figure"},
    )
    missing_other = forms.CharField(
        label="Another reason",
        required=False,
        max_length=200,
        help_text="For example, the survey was not run this year",
        error_messages={"max_length": "The reason must be 200 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, measure: Measure, figure: Figure | None = None, **kwargs: Any) -> None:
        self.measure = measure
        self.breakdowns = {str(b.pk): b for b in measure.breakdowns.order_by("position", "pk")}
        if figure is not None and "initial" not in kwargs:
            symbol, other = missing_choice(figure.missing_reason)
            kwargs["initial"] = {
                "breakdown": str(figure.breakdown_id),
                "series": figure.series,
                "period": figure.period,
                "value": f"{figure.value.normalize():f}" if figure.value is not None else "",
                "missing": symbol,
                "missing_other": other,
                "version": figure.version,
            }
        kwargs.setdefault("initial", {"series": Series.AREA, "breakdown": next(iter(self.breakdowns), "")})
        kwargs["initial"].setdefault("missing", "")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["breakdown"]).choices = [
            (pk, b.name) for pk, b in self.breakdowns.items()
        ]
        names = comparator_names(settings=settings_for(area=measure.area))
        cast(forms.ChoiceField, self.fields["series"]).choices = [
            (Series.AREA.value, measure.area.name),
            *((series.value, names[series.value]) for series in COMPARATOR_SERIES),
        ]
        unit = measure.get_unit_display().lower()
        self.fields["value"].help_text = (
            f"{measure.code} is measured as {unit}. Enter a number, such as 46.4, "
            "or leave it blank if there is no figure and say why below"
        )

    def clean_period(self) -> str:
        try:
            return read_period(self.cleaned_data["period"]).label
        except PeriodProblem as problem:
            raise forms.ValidationError(str(problem)) from problem

    def clean_value(self) -> Decimal | None:
        text = self.cleaned_data["value"].strip().replace(",", "").removesuffix("%").strip()
        if not text:
            return None
        if not _NUMBER.match(text):
            raise forms.ValidationError(
                "Enter the value as a number, such as 46.4, or leave it blank and say why there is no figure"
            )
        return Decimal(text)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        symbol, other = data.get("missing", ""), data.get("missing_other", "").strip()
        reason = MISSING_REASONS[symbol] if symbol and symbol != OTHER else other
        if symbol == OTHER and not other:
            self.add_error("missing_other", "Enter why there is no figure")
        if data.get("value") is not None and (symbol or other):
            self.add_error(
                "value",
                "Enter a value or say why there is no figure, not both. A figure has one or the other",
            )
        elif "value" in data and data["value"] is None and not reason and symbol != OTHER:
            self.add_error("value", "Enter the value, or say why there is no figure")
        data["missing_reason"] = "" if data.get("value") is not None else reason
        return data

    @property
    def chosen_breakdown(self) -> Breakdown:
        return self.breakdowns[self.cleaned_data["breakdown"]]


class FiguresUploadForm(Form):
    file = forms.FileField(
        label="Upload a file of figures",
        error_messages={
            "required": "Choose the file of figures to upload",
            "empty": "The file you chose is empty. Choose a file with figures in it",
            "invalid": "The selected file could not be uploaded. Try again",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "A CSV file (.csv) or an Excel workbook (.xlsx) with the template's headings, "
            f"smaller than {describe_size(settings.UPLOAD_MAX_BYTES)}"
        )


class ConfirmUploadForm(Form):
    token = forms.CharField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput)
