"""The words of the monthly cycle's pages: labels, hints and error messages live here."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from areas.models import LocalArea, Workstream
from common.forms import FastCheckboxes, FastSelect, Form, UKDateField
from common.html import esc
from common.templatetags.govuk import status_tag
from evidence.models import Evidence
from plans.models import Plan, RagStatus

from . import rules
from .models import HighlightReport, HighlightRow
from .selectors import STATE_FILTERS
from .services.updates import UpdateContent

IMPACT_HINT = "Needs evidence of impact on children and families."


class StatusRadios(forms.RadioSelect):
    """Each status with its colour, its word and what it means (and whether it needs evidence of impact),
    as GOV.UK radios with hints: written in Python, as the update and challenge forms draw it each load."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        id_ = self.build_attrs(self.attrs, attrs).get("id")
        chosen = self.format_value(value)
        found = False
        options = []
        for index, (choice, label) in enumerate(self.choices):
            selected = not found and str(choice) in chosen
            found = found or selected
            option_id = esc(f"{id_}_{index}") if id_ else ""
            options.append(_status_option(option_id, esc(name), choice, label, selected))
        return mark_safe(  # noqa: S308 - every value escaped by esc, the status by status_tag  # nosec B308, B703
            '<div class="govuk-radios govuk-radios--small" data-module="govuk-radios">\n'
            + "".join(options)
            + "</div>"
        )


def _status_option(option_id: str, name: str, choice: Any, label: Any, selected: bool) -> str:
    """One radio of `StatusRadios`: the status's swatch and word, its meaning as the radio's hint."""
    status = getattr(choice, "instance", None)
    words = [status.meaning, IMPACT_HINT if status.needs_impact_evidence else ""] if status else []
    hint = " ".join(esc(word) for word in words if word)
    checked = " checked" if selected else ""
    described = f' aria-describedby="{option_id}-hint"' if hint else ""
    hint_div = (
        f'<div id="{option_id}-hint" class="govuk-hint govuk-radios__hint">{hint}</div>' if hint else ""
    )
    return (
        '<div class="govuk-radios__item">'
        f'<input class="govuk-radios__input" id="{option_id}" name="{name}" type="radio"'
        f' value="{esc(choice)}"{checked}{described}>'
        f'<label class="govuk-label govuk-radios__label" for="{option_id}">'
        f"{status_tag(status) if status else esc(label)}</label>{hint_div}</div>\n"
    )


def _status_field(label: str, **kwargs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=RagStatus.objects.none(),
        widget=StatusRadios,
        empty_label=None,
        **kwargs,
    )


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's field `name`, a choice of objects whose queryset the form sets."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    """Evidence from the bank, each with its kind and whether it shows impact."""

    def label_from_instance(self, obj: Evidence) -> str:
        return f"{obj.title} ({obj.get_kind_display().lower()}{', shows impact' if obj.shows_impact else ''})"


class PeriodForm(Form):
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=80,
        help_text="Leave blank to name it after its months, such as April 2021",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    starts_on = UKDateField(label="Start date", error_messages={"required": "Enter the start date"})
    ends_on = UKDateField(label="End date", error_messages={"required": "Enter the end date"})
    deadline = UKDateField(
        label="Updates due by",
        help_text=(
            "Owners are reminded in the week before; their workstream lead after it. For example, 23/04/2021"
        ),
        error_messages={"required": "Enter the date updates are due by"},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end, deadline = data.get("starts_on"), data.get("ends_on"), data.get("deadline")
        if start and end and end < start:
            self.add_error("ends_on", "The end date must be on or after the start date")
        if end and deadline and deadline > end:
            self.add_error("deadline", "Updates must be due by the end of the period, or sooner")
        return data


class PeriodSettingsForm(Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={"required": "Enter the period's name"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    deadline = UKDateField(
        label="Updates due by", error_messages={"required": "Enter the date updates are due by"}
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PeriodFilterForm(Form):
    workstream = forms.ModelChoiceField(
        label="Workstream",
        queryset=Workstream.objects.none(),
        required=False,
        empty_label="Any",
        widget=FastSelect,
    )
    state = forms.ChoiceField(
        label="Update",
        required=False,
        choices=[("", "Any"), *STATE_FILTERS.items()],
        widget=FastSelect,
    )
    mine = forms.BooleanField(label="Only my items and my workstreams' items", required=False)

    def __init__(self, *args: Any, area: LocalArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "workstream").queryset = Workstream.objects.filter(area=area)


class VersionForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MissingReportsForm(Form):
    """Reporting a period while workstreams with updates have no highlight report: said knowingly."""

    without_highlight_reports = forms.BooleanField(
        label="Report without these highlight reports",
        error_messages={
            "required": "Confirm you want to report without these workstreams' highlight reports, "
            "or cancel and ask their leads to write them"
        },
    )

    def __init__(self, *args: Any, names: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warning = rules.missing_reports_warning(names)
        self.fields[
            "without_highlight_reports"
        ].label = f"Report without highlight reports from: {', '.join(names)}"
        self.fields[
            "without_highlight_reports"
        ].help_text = "The board will see “No report” for each of them in this period's highlight reports."


class PeriodMoveForm(VersionForm):
    """Moving a period on; confirming its ratings carries how many missing updates were agreed to."""

    missing_agreed = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class UpdateForm(Form):
    commentary = forms.CharField(
        label="Progress this period",
        help_text="What was done, and what difference it made",
        error_messages={"required": "Enter the progress made this period"},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    proposed_status = _status_field(
        "Proposed status",
        error_messages={"required": "Choose the status you propose for this item"},
        help_text="A status that needs evidence of impact is only confirmed at the challenge if you tick "
        "evidence that says what has changed for children and families",
    )
    evidence = EvidenceChoiceField(
        label="Evidence",
        required=False,
        queryset=None,
        widget=FastCheckboxes,
        help_text="Evidence from the area's evidence bank that shows the progress or its impact: what is "
        "already on this item and what you added lately. To find other evidence, search the bank below",
        error_messages={"invalid_choice": "Choose evidence from this local area's evidence bank"},
    )
    mitigation = forms.CharField(
        label="Mitigation",
        required=False,
        help_text=(
            "If the item is off track: what is being done to bring it back. Needed for the worst status."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_steps = forms.CharField(label="Next steps", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposed_due_date = UKDateField(
        label="Proposed new due date",
        required=False,
        help_text="Only if the due date needs to change. For example, 31/07/2021",
    )
    due_date_reason = forms.CharField(
        label="Reason for the new due date", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, evidence_choices: QuerySet[Evidence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "proposed_status").queryset = plan.rag_scheme.statuses.order_by("position")
        _choices(self, "evidence").queryset = evidence_choices

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("proposed_due_date") and not (data.get("due_date_reason") or "").strip():
            self.add_error("due_date_reason", "Enter the reason the due date needs to change")
        return data

    def content(self) -> UpdateContent:
        data = self.cleaned_data
        return UpdateContent(
            commentary=data["commentary"],
            proposed_status=data["proposed_status"],
            next_steps=data["next_steps"],
            proposed_due_date=data["proposed_due_date"],
            due_date_reason=data["due_date_reason"],
            mitigation=data["mitigation"],
            evidence=list(data["evidence"]),
        )


class ChallengeForm(Form):
    status = _status_field("Confirmed status", error_messages={"required": "Choose the status to confirm"})
    reason = forms.CharField(
        label="Reason for changing the status",
        required=False,
        help_text="Needed if you confirm a different status from the one proposed",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mitigation = forms.CharField(
        label="Mitigation",
        required=False,
        help_text="What is being done to bring the item back on track. Needed for the worst status.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "status").queryset = plan.rag_scheme.statuses.order_by("position")


class HighlightReportForm(Form):
    """The four columns of each priority's row, as fields named row-<pk>-<column>."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    LABELS = {
        "actions_progressed": "Actions progressed",
        "impact": "What has been the impact on service users?",
        "evidence": "What evidence demonstrates this impact?",
        "next_steps": "Next steps",
    }

    def __init__(self, *args: Any, report: HighlightReport, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": report.version})
        super().__init__(*args, **kwargs)
        self.rows: list[HighlightRow] = list(report.rows.all())
        for row in self.rows:
            for column, label in self.LABELS.items():
                name = f"row-{row.pk}-{column}"
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 5, "class": "govuk-textarea"}),
                )
                self.initial.setdefault(name, getattr(row, column))

    def row_fields(self) -> list[tuple[HighlightRow, list[forms.BoundField]]]:
        """Each row with its four bound fields, for the template."""
        return [(row, [self[f"row-{row.pk}-{column}"] for column in self.LABELS]) for row in self.rows]

    def row_data(self) -> dict[int, dict[str, str]]:
        return {
            row.pk: {column: self.cleaned_data.get(f"row-{row.pk}-{column}", "") for column in self.LABELS}
            for row in self.rows
        }
