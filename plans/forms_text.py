"""The words of the plan text pages: one section of a plan's own text."""

from typing import Any

from django import forms

from common.forms import Form

from .services.texts import TEXT_LIMIT


class PlanTextForm(Form):
    """Edit one section of a plan's text. Plain text: a blank line starts a new paragraph."""

    text = forms.CharField(
        label="Text",
        required=False,
        max_length=TEXT_LIMIT,
        strip=False,
        help_text="Plain text. Leave a blank line between paragraphs; empty for no such section.",
        error_messages={"max_length": f"Keep a section under {TEXT_LIMIT:,} characters"},
        widget=forms.Textarea(attrs={"rows": 15}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
