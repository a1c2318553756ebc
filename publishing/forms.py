"""The words of the publishing pages: labels, hints and error messages."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from common.forms import Form
from plans.models import Plan


class SummaryForm(Form):
    """A top-level item in words for families."""

    summary = forms.CharField(
        label="Summary for families",
        required=False,
        max_length=3000,
        help_text="What this part of the plan is doing and what has changed, in plain English. "
        "Do not name people",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "The summary must be 3,000 characters or fewer"},
    )
    easy_read = forms.CharField(
        label="Easy-read summary (optional)",
        required=False,
        max_length=2000,
        help_text="Short sentences and everyday words. It is shown beside the summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The easy-read summary must be 2,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublicSettingsForm(Form):
    """The public pages' introduction and which plan they show."""

    introduction = forms.CharField(
        label="Introduction",
        required=False,
        max_length=3000,
        help_text="Shown at the top of the public progress page: what the plan is for and how to read it",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "The introduction must be 3,000 characters or fewer"},
    )
    plan = forms.ModelChoiceField(
        label="Plan shown",
        queryset=Plan.objects.none(),
        required=False,
        empty_label="The area's live plan",
        error_messages={"invalid_choice": "Choose a plan of this local area"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plans: QuerySet[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["plan"]).queryset = plans


class PublishForm(Form):
    """Publish what the preview shows."""

    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        help_text="What this publication changed, for the news feed. For example, March 2021 progress",
        error_messages={"max_length": "The note must be 500 characters or fewer"},
    )
    latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    etag = forms.CharField(widget=forms.HiddenInput, max_length=64)
