"""The words of the findings pages: add or edit one of a plan's inspection findings."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from common.forms import Form

from . import rules
from .models import Finding, Item, Plan
from .services.findings import LABEL_LIMIT, NUMBER_LIMIT, PAGE_LIMIT, FindingContent


class FindingForm(Form):
    """A finding: its number and label, the quotation, the page, and the items answering it by number."""

    number = forms.CharField(
        label="Number",
        required=False,
        max_length=NUMBER_LIMIT,
        help_text="As the letter or the plan numbers it: for example, 2, KC2 or A. Blank if it has none",
        error_messages={"max_length": f"Shorten the number to {NUMBER_LIMIT} characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    label = forms.CharField(
        label="Label",
        required=False,
        max_length=LABEL_LIMIT,
        help_text="A short title: for example, Key concern 2: joint commissioning",
        error_messages={"max_length": f"Shorten the label to {LABEL_LIMIT} characters or fewer"},
    )
    quotation = forms.CharField(
        label="Finding",
        help_text="Quoted from the inspection letter",
        error_messages={"required": "Enter the finding, quoted from the inspection letter"},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    page = forms.CharField(
        label="Page of the letter",
        required=False,
        max_length=PAGE_LIMIT,
        error_messages={"max_length": f"Shorten the page to {PAGE_LIMIT} characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    items = forms.CharField(
        label="Items that answer it",
        required=False,
        help_text="The numbers of the items, at any level, separated by commas: for example, 1.2, 3, A1",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, finding: Finding | None = None, **kwargs: Any) -> None:
        self.plan = plan
        if finding is not None and "initial" not in kwargs:
            kwargs["initial"] = finding_initial(finding)
        super().__init__(*args, **kwargs)

    def clean_items(self) -> list[Item]:
        numbers = rules.item_numbers(self.cleaned_data["items"])
        current = {item.number.lower(): item for item in self.plan.items.current()}
        if problem := rules.unknown_numbers_problem(numbers, (item.number for item in current.values())):
            raise ValidationError(f"{problem} Check the numbers on the plan's pages")
        return [current[number.lower()] for number in numbers]

    def content(self) -> FindingContent:
        data = self.cleaned_data
        return FindingContent(
            quotation=data["quotation"],
            number=data["number"].strip(),
            label=data["label"].strip(),
            page=data["page"].strip(),
            items=data["items"],
        )


def finding_initial(finding: Finding) -> dict[str, Any]:
    """A saved finding as its form shows it: its current items as their numbers, in its order."""
    answers = sorted(finding.answers.all(), key=lambda a: (a.position, a.pk))
    return {
        "number": finding.number,
        "label": finding.label,
        "quotation": finding.quotation,
        "page": finding.page,
        "items": ", ".join(a.item.number for a in answers if not a.item.is_removed),
        "version": finding.version,
    }
