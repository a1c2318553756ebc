"""The words for importing DfE open data: the file, the column mapping and the measure it fills."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.forms import BoundField

from common.forms import Form
from common.uploads import describe_size

from ..dfe import READY_MADE, ColumnMapping, fitting_mappings
from ..dfe.mapping import COLUMN_ROLES, PERIOD_FORMATS, UNITS, normalise_column
from ..models import SavedMapping

FILTERS = 3
NOT_IN_FILE = "Not in this file"
UNIT_LABELS = {"count": "A count", "percent": "A percentage"}
PERIOD_LABELS = {key: description[0].upper() + description[1:] for key, description in PERIOD_FORMATS.items()}
PERIOD_LABELS["auto"] = "Either: " + PERIOD_FORMATS["auto"]


def role_field(role: str) -> str:
    return f"col_{role}"


class DfeFileForm(Form):
    file = forms.FileField(
        label="Upload a DfE open data file",
        error_messages={
            "required": "Choose the CSV file downloaded from explore-education-statistics",
            "empty": "The file you chose is empty. Choose the CSV file downloaded from the DfE",
            "invalid": "The selected file could not be uploaded. Try again",
        },
        widget=forms.FileInput(attrs={"accept": ".csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "The CSV file from the DfE's download (unzip it first), "
            f"smaller than {describe_size(settings.DFE_UPLOAD_MAX_BYTES)}"
        )


Choices = list[tuple[str, str | list[tuple[str, str]]]]  # options, and groups of them


def start_choices(header: list[str], saved: list[SavedMapping]) -> Choices:
    """What a mapping can start from: saved ones, ready-made ones that fit the file, and the others."""
    fitting = fitting_mappings(header)
    choices: Choices = [("", "A new mapping, starting from the DfE's usual column names")]
    if saved:
        choices.append(("Saved mappings", [(f"saved:{m.pk}", m.name) for m in saved]))
    if fitting:
        choices.append(
            ("Ready-made, fits this file", [(f"ready:{kind}", READY_MADE[kind].name) for kind in fitting])
        )
    others = [kind for kind in READY_MADE if kind not in fitting]
    if others:
        choices.append(
            (
                "Ready-made, columns to choose",
                [(f"ready:{kind}", READY_MADE[kind].name) for kind in others],
            )
        )
    return choices


class StartForm(Form):
    start = forms.ChoiceField(
        label="Start from",
        required=False,
        help_text="A saved or ready-made mapping fills in the columns below. You can change them before "
        "you check the file",
    )

    def __init__(self, *args: Any, header: list[str], saved: list[SavedMapping], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["start"]).choices = start_choices(header, saved)


def fit_to_header(mapping: ColumnMapping, header: list[str] | None) -> tuple[dict[str, str], list[str]]:
    """A mapping as the form's initial values, in the file's spelling; and the columns the file lacks."""
    spelt = {normalise_column(name): name.replace("\ufeff", "").strip() for name in header or []}
    initial: dict[str, str] = {
        "unit": mapping.unit,
        "period_format": mapping.period_format,
        "name": mapping.name,
    }
    lacking = []

    def column(name: str, described: str) -> str:
        if not name.strip() or header is None:
            return name
        found = spelt.get(normalise_column(name))
        if not found:
            lacking.append(f"“{name}” ({described})")
        return found or ""

    for role, described in COLUMN_ROLES.items():
        initial[role_field(role)] = column(getattr(mapping, role), described)
    for number, (name, wanted) in enumerate(list(mapping.filters.items())[:FILTERS], start=1):
        initial[f"filter_column_{number}"] = column(name, "a breakdown")
        initial[f"filter_value_{number}"] = wanted
    return initial, lacking


class MappingForm(Form):
    """Which of a file's columns hold what. With the file's `columns`, each is chosen from a list;
    without (editing a saved mapping), each is typed."""

    unit = forms.ChoiceField(
        label="The published figure is",
        choices=[(key, UNIT_LABELS[key]) for key in UNITS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the figure is a count or a percentage"},
    )
    period_format = forms.ChoiceField(
        label="The period is written as",
        choices=list(PERIOD_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the period is written"},
    )
    name = forms.CharField(
        label="Name for the mapping",
        required=False,
        max_length=120,
        help_text="Needed to save the mapping, for example “EHC plans within 20 weeks, 2025 release”",
        error_messages={"max_length": "The name must be 120 characters or fewer"},
    )

    def __init__(self, *args: Any, columns: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        column_choices = [("", NOT_IN_FILE), *((name, name) for name in columns or [])]
        for role, described in COLUMN_ROLES.items():
            label = f"Column with {described}"
            self.fields[role_field(role)] = self._column_field(label, column_choices)
        for number in range(1, FILTERS + 1):
            self.fields[f"filter_column_{number}"] = self._column_field(
                f"Breakdown filter {number}: column", column_choices
            )
            self.fields[f"filter_value_{number}"] = forms.CharField(
                label=f"Breakdown filter {number}: keep rows with this value",
                required=False,
                max_length=200,
                help_text="For example, All EHC plans issued" if number == 1 else "",
                widget=forms.TextInput(attrs={"class": "govuk-input"}),
            )
        self.order_fields(
            [role_field(role) for role in COLUMN_ROLES]
            + ["unit", "period_format"]
            + [f"filter_{part}_{n}" for n in range(1, FILTERS + 1) for part in ("column", "value")]
        )

    def _column_field(self, label: str, choices: list[tuple[str, str]]) -> forms.Field:
        if self.columns is None:
            return forms.CharField(
                label=label,
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"class": "govuk-input", "spellcheck": "false"}),
            )
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=choices,
            error_messages={"invalid_choice": "Choose one of the file's columns, or “Not in this file”"},
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )

    @property
    def role_fields(self) -> list[BoundField]:
        return [self[role_field(role)] for role in COLUMN_ROLES]

    @property
    def filter_fields(self) -> list[tuple[BoundField, BoundField]]:
        return [(self[f"filter_column_{n}"], self[f"filter_value_{n}"]) for n in range(1, FILTERS + 1)]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for number in range(1, FILTERS + 1):
            column = data.get(f"filter_column_{number}", "").strip()
            value = data.get(f"filter_value_{number}", "").strip()
            if column and not value:
                self.add_error(f"filter_value_{number}", "Enter the value of the rows to keep")
            elif value and not column:
                self.add_error(f"filter_column_{number}", "Choose the column the breakdown is in")
        return data

    def mapping(self) -> ColumnMapping:
        data = self.cleaned_data
        filters = {}
        for number in range(1, FILTERS + 1):
            column = data.get(f"filter_column_{number}", "").strip()
            if column:
                filters[column] = data.get(f"filter_value_{number}", "").strip()
        return ColumnMapping(
            **{role: data.get(role_field(role), "").strip() for role in COLUMN_ROLES},
            unit=data["unit"],
            period_format=data["period_format"],
            filters=filters,
            name=" ".join(data.get("name", "").split()),
        )


class DfeImportForm(MappingForm):
    """The mapping, and the measure and breakdown the file fills."""

    breakdown = forms.ChoiceField(
        label="Measure and breakdown to fill",
        required=False,
        help_text="The area's figures go in this breakdown, with England's, the region's and the "
        "statistical neighbours' beside them",
    )

    def __init__(self, *args: Any, breakdowns: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["breakdown"]).choices = [("", "Choose a measure"), *breakdowns]
        self.fields["breakdown"].error_messages["invalid_choice"] = "Choose a measure from the list"

    def require_breakdown(self) -> bool:
        if not self.cleaned_data.get("breakdown"):
            self.add_error("breakdown", "Choose the measure and breakdown the file fills")
            return False
        return True


class SavedMappingForm(MappingForm):
    """Edit a saved mapping: its name and columns, typed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, columns=None, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].error_messages["required"] = "Enter a name for the mapping"
        self.fields["name"].help_text = ""
