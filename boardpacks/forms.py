"""The words of the board pack pages: a pack template (its settings and its sections in order, chosen
without JavaScript), and making a pack for a reported period."""

from typing import Any

from django import forms

from common.forms import FastSelect, Form, UKDateField
from plans.models import Plan
from progress.models import ReportingPeriod

from . import rules
from .models import PackTemplate

ORDER_CHOICES = [(str(n), str(n)) for n in range(1, len(rules.SECTIONS) + 1)]


def include_name(key: str) -> str:
    return f"include_{key}"


def order_name(key: str) -> str:
    return f"order_{key}"


class PlanChoiceField(forms.ModelChoiceField):
    """Plans shown by reference and title."""

    def label_from_instance(self, obj: Plan) -> str:
        return f"{obj.reference} {obj.title}".strip()


class TemplateForm(Form):
    """Set up or change a pack template: who it is for, how often, and which sections in which order.

    Each section has an "Include" box and an "Order" number, so the order is chosen without JavaScript;
    included sections are put in the order of their numbers."""

    plan = PlanChoiceField(
        label="Plan",
        queryset=Plan.objects.none(),
        empty_label=None,
        help_text="The plan whose reported periods the pack shows",
        error_messages={"required": "Choose the plan", "invalid_choice": "Choose one of this area's plans"},
    )
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the programme team calls it, for example Monthly SEND board pack",
        error_messages={
            "required": "Enter the pack's name",
            "max_length": "Name must be 100 characters or fewer",
        },
    )
    audience = forms.CharField(
        label="Who it is for",
        max_length=150,
        help_text="For example, SEND Improvement Board",
        error_messages={
            "required": "Enter who the pack is for",
            "max_length": "Who it is for must be 150 characters or fewer",
        },
    )
    title = forms.CharField(
        label="Title on the cover",
        max_length=200,
        help_text="For example, SEND Written Statement of Action: progress update",
        error_messages={
            "required": "Enter the title on the cover",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    meeting = forms.CharField(
        label="Meeting",
        max_length=200,
        help_text="The meeting the pack goes to, for example SEND Improvement Board",
        error_messages={
            "required": "Enter the meeting the pack goes to",
            "max_length": "Meeting must be 200 characters or fewer",
        },
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=PackTemplate.Frequency.choices,
        widget=forms.RadioSelect,
        initial=PackTemplate.Frequency.MONTHLY,
        error_messages={"required": "Choose how often the pack is made"},
    )
    is_default = forms.BooleanField(
        label="Make this the area's default pack",
        required=False,
        help_text="The pack made from the command line when no pack is named",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, plans: list[Plan], sections: list[str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        plan = self.fields["plan"]
        assert isinstance(plan, forms.ModelChoiceField)
        plan.queryset = Plan.objects.filter(pk__in=[p.pk for p in plans])
        if len(plans) == 1:
            plan.widget = forms.HiddenInput()
            self.initial.setdefault("plan", plans[0].pk)
        chosen = list(rules.DEFAULT_SECTIONS if sections is None else sections)
        # The sections chosen first, in their order, then the others in the usual order: no number twice.
        order = chosen + [key for key in rules.SECTION_KEYS if key not in chosen]
        for section in rules.SECTIONS:
            position = order.index(section.key) + 1
            self.fields[include_name(section.key)] = forms.BooleanField(
                label=f"Include {section.title}",
                required=False,
                help_text=section.describes,
                widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
            )
            self.fields[order_name(section.key)] = forms.TypedChoiceField(
                label=f"Order of {section.title}",
                choices=ORDER_CHOICES,
                coerce=int,
                widget=FastSelect(attrs={"class": "govuk-select"}),
                error_messages={"invalid_choice": f"Choose a number from 1 to {len(rules.SECTIONS)}"},
            )
            self.initial.setdefault(include_name(section.key), section.key in chosen)
            self.initial.setdefault(order_name(section.key), str(position))

    def section_rows(self) -> list[tuple[rules.Section, forms.BoundField, forms.BoundField]]:
        """Each section with its "Include" box and its "Order" field, for the template."""
        return [(s, self[include_name(s.key)], self[order_name(s.key)]) for s in rules.SECTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        included = [s for s in rules.SECTIONS if data.get(include_name(s.key))]
        numbers: dict[int, list[str]] = {}
        for section in included:
            number = data.get(order_name(section.key))
            if number is not None:
                numbers.setdefault(number, []).append(section.title)
        clashes = [(n, titles) for n, titles in sorted(numbers.items()) if len(titles) > 1]
        if clashes:
            number, titles = clashes[0]
            raise forms.ValidationError(
                f"{' and '.join(titles)} both have order {number}: give each section you include its own "
                "number",
                code="order",
            )
        keys = [s.key for s in sorted(included, key=lambda s: data.get(order_name(s.key)) or 0)]
        problem = rules.sections_problem(keys)
        if problem:
            raise forms.ValidationError(problem, code="sections")
        data["sections"] = keys
        return data

    def values(self) -> dict[str, Any]:
        """What the services take (template_create / template_update), less the plan and version."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "audience": data["audience"],
            "title": data["title"],
            "meeting": data["meeting"],
            "frequency": data["frequency"],
            "sections": data["sections"],
            "is_default": data["is_default"],
        }


def template_initial(template: PackTemplate) -> dict[str, Any]:
    return {
        "plan": template.plan_id,
        "name": template.name,
        "audience": template.audience,
        "title": template.title,
        "meeting": template.meeting,
        "frequency": template.frequency,
        "is_default": template.is_default,
        "version": template.version,
    }


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReportingPeriod) -> str:
        return obj.name


class PackForm(Form):
    """Make a pack: which reported period, the meeting's date, and the matters for the board's decision."""

    period = PeriodChoiceField(
        label="Reporting period",
        queryset=ReportingPeriod.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the reporting period the pack is for",
            "invalid_choice": "Choose one of the reported periods listed",
        },
    )
    meeting_date = UKDateField(
        label="Date of the meeting",
        required=False,
        help_text="For example, 20/04/2021. Leave it blank if the date is not set yet",
    )
    matters = forms.CharField(
        label="Matters for the board's decision",
        required=False,
        max_length=5000,
        help_text="What the board is asked to decide or note, one matter a paragraph",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "Matters for decision must be 5,000 characters or fewer"},
    )

    def __init__(
        self, *args: Any, template: PackTemplate, periods: list[ReportingPeriod], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        period = self.fields["period"]
        assert isinstance(period, forms.ModelChoiceField)
        period.queryset = ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).order_by("-ends_on")
        if template.frequency == PackTemplate.Frequency.QUARTERLY:
            period.help_text = (
                "The quarter ends with the period you choose: the pack covers it and the two months before"
            )
        else:
            period.help_text = "Only reported periods are listed: a pack shows the data as reported"
