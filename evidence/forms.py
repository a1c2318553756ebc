"""The words of the evidence bank: labels, hints and error messages live here."""

from typing import Any

from django import forms
from django.conf import settings

from common.forms import FastSelect, Form, UKDateField
from common.uploads import describe_size

from .files import ACCEPT_ATTRIBUTE
from .models import Evidence
from .services import EvidenceData


class EvidenceForm(Form):
    """Add or edit evidence: what it is, what it shows, and a file or web address."""

    title = forms.CharField(
        label="Title",
        max_length=250,
        error_messages={
            "required": "Enter a title for the evidence",
            "max_length": "The title must be 250 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=Evidence.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of evidence",
            "invalid_choice": "Select the kind of evidence",
        },
    )
    dated = UKDateField(
        label="Date",
        required=False,
        help_text="When the document was written, the survey closed or the meeting was held. "
        "For example, 31/07/2019",
    )
    description = forms.CharField(
        label="Description",
        required=False,
        help_text="What it is and where it comes from",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    impact = forms.CharField(
        label="Impact on children and families",
        required=False,
        help_text="What this shows has changed for children, young people and families. "
        "Evidence that says this counts as evidence of impact",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    url = forms.URLField(
        label="Web address",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Needed for a link. For example, https://www.example.org/report",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.org/report",
            "max_length": "The web address must be 500 characters or fewer",
        },
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
    )
    file = forms.FileField(
        label="File",
        required=False,
        error_messages={
            "invalid": "The selected file could not be uploaded. Try again",
            "empty": "The selected file is empty. Choose a file with something in it",
            "missing": "The selected file could not be uploaded. Try again",
        },
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, evidence: Evidence | None = None, **kwargs: Any) -> None:
        self.evidence = evidence
        if evidence is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": evidence.title,
                "kind": evidence.kind,
                "dated": evidence.dated,
                "description": evidence.description,
                "impact": evidence.impact,
                "url": evidence.url,
                "version": evidence.version,
            }
        super().__init__(*args, **kwargs)
        accepted = (
            "A PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG, JPEG or GIF file, "
            f"smaller than {describe_size(settings.UPLOAD_MAX_BYTES)}"
        )
        if evidence is not None and evidence.file:
            self.fields["file"].label = "Replace the file"
            self.fields[
                "file"
            ].help_text = (
                f"The current file is {evidence.file_name}. Choose a file only to replace it. {accepted}"
            )
        else:
            self.fields["file"].help_text = accepted

    def data_for_service(self) -> EvidenceData:
        data = self.cleaned_data
        return EvidenceData(
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            impact=data["impact"],
            dated=data["dated"],
            url=data["url"],
        )


class EvidenceFilterForm(Form):
    """Search the evidence bank and show one kind of evidence."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words in the title, description or impact",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label="Kind of evidence",
        required=False,
        choices=[("", "All kinds"), *Evidence.Kind.choices],
        error_messages={"invalid_choice": "Choose a kind of evidence from the list"},
    )

    def filters(self) -> dict[str, str]:
        """The search words and kind to show; a kind that does not exist is ignored."""
        self.is_valid()
        return {"q": self.cleaned_data.get("q", ""), "kind": self.cleaned_data.get("kind", "")}


class EvidenceSearchForm(Form):
    """Find evidence in the area's bank by its title, kind and date (the update form's search)."""

    title = forms.CharField(
        label="Title contains",
        required=False,
        max_length=250,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    kind = forms.ChoiceField(
        label="Kind of evidence",
        required=False,
        choices=[("", "Any kind"), *Evidence.Kind.choices],
        widget=FastSelect,
    )
    dated_from = UKDateField(label="Dated from", required=False, help_text="For example, 01/03/2021")
    dated_to = UKDateField(label="Dated to", required=False, help_text="For example, 31/03/2021")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("dated_from"), data.get("dated_to")
        if start and end and end < start:
            self.add_error("dated_to", "The “dated to” date must be on or after the “dated from” date")
        return data
