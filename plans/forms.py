"""The words of the plan pages: labels, hints and error messages live here."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from areas.forms import PersonChoiceField, offer_people
from areas.models import LocalArea, Person, Workstream
from areas.rules import name_key, split_aliases
from common.forms import FastSelect, Form, ModelForm, UKDateField, split_list

from . import measure_codes, rollup, rules
from .forms_fields import add_filters, add_item_inputs, item_inputs
from .models import Item, Plan, RagScheme, RagStatus
from .presets import RAG_PRESETS
from .services import ItemContent, PlanContent


def _choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A choice field of the form, to give it the plan's choices."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A model choice field of the form, to give it the area's, plan's or item's objects."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class ItemForm(Form):
    """Add or edit an item. Owners and cross-references are typed as plans write them."""

    number = forms.CharField(
        label="Number",
        help_text="Where the item sits: 1.2.7 is the seventh item under 1.2",
        error_messages={"required": "Enter the item's number, such as 1.2.7"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    text = forms.CharField(
        label="Text",
        error_messages={"required": "Enter the item's text"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_date = UKDateField(label="Due date", required=False)
    due_text = forms.CharField(
        label="Due as written",
        required=False,
        max_length=500,
        help_text="The date as the plan's document gives it, if it is vague: for example, Autumn Term 2018",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ModelChoiceField(
        label="Status", queryset=RagStatus.objects.none(), required=False, empty_label="No status"
    )
    workstreams = forms.ModelMultipleChoiceField(
        label="Workstreams",
        queryset=Workstream.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owners = forms.CharField(
        label="Owners",
        required=False,
        help_text="Initials, another name or a group's short name from the People page, separated by commas, "
        "lead owner first: for example, GM, DS, SIB",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    partners = forms.CharField(label="Partners", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    senior_owner = forms.CharField(
        label="Senior owner", required=False, help_text="For top-level items: the senior role that owns it"
    )
    impact = forms.CharField(
        label="Impact",
        required=False,
        help_text="What will be different for children and families",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.CharField(
        label="How do we know",
        required=False,
        help_text="The evidence that will show the impact",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    see_also = forms.CharField(
        label="See also",
        required=False,
        help_text="Numbers of related items, separated by commas: for example, 3.1, 2.2.1",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(
        label="Measures",
        required=False,
        max_length=500,
        help_text="Codes of the scorecard measures this item contributes to, separated by commas: "
        "for example, S6, S7, E9",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, plan: Plan, item: Item | None = None, can_rate: bool = True, **kwargs: Any
    ) -> None:
        self.plan, self.item = plan, item
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = item_initial(item)
        super().__init__(*args, **kwargs)
        _model_choice(self, "status").queryset = plan.rag_scheme.statuses.order_by("position")
        _model_choice(self, "workstreams").queryset = Workstream.objects.filter(area=plan.area)
        add_item_inputs(self, plan=plan, item=item, level=item.level if item else _level(self.initial))
        if item is not None:
            self.fields["number"].disabled = True
            self.fields["number"].help_text = "To change the number, move the item"
        if not can_rate:
            self.fields["status"].disabled = True
            self.fields[
                "status"
            ].help_text = "The status changes through the monthly update and the workstream's challenge"

    def clean_owners(self) -> list[Person]:
        initials = split_list(self.cleaned_data["owners"])
        people: dict[str, Person] = {}
        for person in Person.objects.filter(area=self.plan.area):
            for name in [*split_aliases(person.aliases), person.initials]:  # initials win over an alias
                people[name_key(name)] = person
        unknown = [i for i in initials if name_key(i) not in people]
        if unknown:
            raise ValidationError(
                f"There is no one with the initials {', '.join(unknown)} in this area. "
                "Check the initials, or ask the programme manager to add them on the People page"
            )
        owners = [people[name_key(i)] for i in initials]
        return list(dict.fromkeys(owners))  # a person written twice (by initials and alias) owns once

    def clean_measures(self) -> str:
        codes = rules.measure_codes(self.cleaned_data["measures"])
        known = measure_codes.known_codes(self.plan.area)
        if known is not None and (problem := rules.unknown_codes_problem(codes, known)):
            raise ValidationError(f"{problem} Check the codes on the scorecard")
        spelled = {code.lower(): code for code in known or []}
        return ", ".join(spelled.get(code.lower(), code) for code in codes)

    def clean_see_also(self) -> list[Item]:
        numbers = split_list(self.cleaned_data["see_also"])
        found = {i.number: i for i in self.plan.items.current().filter(number__in=numbers)}
        unknown = [n for n in numbers if n not in found]
        if unknown:
            raise ValidationError(f"This plan has no item {', '.join(unknown)}. Check the numbers")
        return [found[n] for n in numbers]

    def content(self) -> ItemContent:
        data = self.cleaned_data
        return ItemContent(
            text=data["text"],
            due_date=data["due_date"],
            due_text=data["due_text"],
            partners=data["partners"],
            senior_owner=data["senior_owner"],
            impact=data["impact"],
            evidence=data["evidence"],
            notes=data["notes"],
            measure_codes=data["measures"],
            status=data["status"],
            owners=data["owners"],
            workstreams=list(data["workstreams"]),
            see_also=data["see_also"],
            fields=item_inputs(self),
        )


def _level(initial: Mapping[str, Any]) -> int | None:
    """The level of a new item, from the number suggested for it (None when it cannot be read)."""
    try:
        return rules.number_level(str(initial.get("number", "")))
    except rules.NumberProblem:
        return None


def item_initial(item: Item) -> dict[str, object]:
    return {
        "number": item.number,
        "text": item.text,
        "due_date": item.due_date,
        "due_text": item.due_text,
        "status": item.status_id,
        "workstreams": [w.pk for w in item.workstreams.all()],
        "owners": ", ".join(o.person.initials for o in item.ownerships.all()),
        "partners": item.partners,
        "senior_owner": item.senior_owner,
        "impact": item.impact,
        "evidence": item.evidence,
        "see_also": ", ".join(i.number for i in item.see_also.all()),
        "notes": item.notes,
        "measures": item.measure_codes,
        "version": item.version,
    }


class ItemChoiceField(forms.ModelChoiceField):
    """An item of the plan, shown as its number and the start of its text."""

    def label_from_instance(self, obj: Item) -> str:
        return f"{obj.number} {obj.text[:90]}"


class MoveForm(Form):
    new_parent = ItemChoiceField(
        label="Move under",
        queryset=Item.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose where to move the item",
            "invalid_choice": "Choose where to move the item",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _model_choice(self, "new_parent")
        above = item.plan.items.current().filter(level=item.level - 1)
        field.queryset = above if item.parent_id is None else above.exclude(pk=item.parent_id)
        field.label = f"Move under which {item.plan.level_name(item.level - 1).lower()}?"
        field.help_text = "The item and everything under it get new numbers at the end of the one you choose"


class VersionForm(Form):
    """A confirmation (remove, etc.) that knows the version it was shown at."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class HintedRadioSelect(forms.RadioSelect):
    """Radios with a hint under each option, in plain words (GOV.UK radios with hints)."""

    def __init__(self, *, hints: dict[str, str]) -> None:
        super().__init__()
        self.hints = hints

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["hint"] = self.hints.get(str(option["value"]), "")
        return option


class PlanForm(ModelForm):
    level_1 = forms.CharField(label="Level 1 name", error_messages={"required": "Name the plan's top level"})
    level_2 = forms.CharField(
        label="Level 2 name", error_messages={"required": "Name the plan's second level"}
    )
    level_3 = forms.CharField(label="Level 3 name", required=False)
    level_4 = forms.CharField(
        label="Level 4 name", required=False, help_text="Leave blank for a three-level plan"
    )
    level_1_plural = forms.CharField(
        label="Level 1 in the plural",
        required=False,
        max_length=120,
        help_text="Leave blank to work it out from the name: Activity becomes Activities",
    )
    level_2_plural = forms.CharField(label="Level 2 in the plural", required=False, max_length=120)
    level_3_plural = forms.CharField(label="Level 3 in the plural", required=False, max_length=120)
    level_4_plural = forms.CharField(label="Level 4 in the plural", required=False, max_length=120)
    start_date = UKDateField(label="Start date", required=False)
    end_date = UKDateField(label="End date", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Plan
        fields = [
            "reference",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "rag_scheme",
            "reporting_cadence",
            "rollup_rule",
        ]
        labels = {
            "kind": "Type",
            "rag_scheme": "RAG scheme",
            "reporting_cadence": "How often progress is reported",
            "rollup_rule": "How each item above the lowest level gets its overall rating",
        }
        help_texts = {
            "reference": "A short code for the plan, such as WSOA-2019. Imports match plans by it.",
            "rollup_rule": "The overall rating of an area of weakness, a priority or any middle level comes "
            "from the lowest-level items under it.",
        }
        widgets = {"rollup_rule": HintedRadioSelect(hints=rollup.RULE_HINTS)}
        error_messages = {
            "reference": {"required": "Enter a reference for the plan, such as WSOA-2019"},
            "title": {"required": "Enter the plan's title"},
            "rag_scheme": {"required": "Choose the RAG scheme the plan's items are rated with"},
        }

    def __init__(self, *args: Any, area: LocalArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rag_scheme = _model_choice(self, "rag_scheme")
        rag_scheme.queryset = RagScheme.objects.filter(area=area)
        rag_scheme.empty_label = None
        self.fields["rollup_rule"].required = False  # left out, a plan keeps its rule (new: worst status)
        names = [*list(self.instance.level_names or []), "", "", "", ""]
        plurals = [*list(self.instance.level_plurals or []), "", "", "", ""]
        for i in range(4):
            self.initial.setdefault(f"level_{i + 1}", names[i])
            self.initial.setdefault(f"level_{i + 1}_plural", plurals[i])
        self.initial.setdefault("version", self.instance.version)

    def level_names(self) -> list[str]:
        return [
            self.cleaned_data[f"level_{i}"].strip()
            for i in range(1, 5)
            if self.cleaned_data.get(f"level_{i}")
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("level_4") and not data.get("level_3"):
            self.add_error("level_3", "Name level 3 before level 4")
        for i in range(1, 5):
            if data.get(f"level_{i}_plural", "").strip() and not data.get(f"level_{i}", "").strip():
                self.add_error(
                    f"level_{i}_plural", f"Name level {i} before giving its plural, or leave it blank"
                )
        return data

    def level_plurals(self) -> list[str]:
        return [self.cleaned_data.get(f"level_{i}_plural", "").strip() for i in range(1, 5)]

    def content(self) -> PlanContent:
        data = self.cleaned_data
        return PlanContent(
            reference=data["reference"],
            title=data["title"],
            kind=data["kind"],
            status=data["status"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            level_names=self.level_names(),
            rag_scheme=data["rag_scheme"],
            reporting_cadence=data["reporting_cadence"],
            rollup_rule=data.get("rollup_rule") or self.instance.rollup_rule or rollup.WORST,
            level_plurals=self.level_plurals(),
        )


class RagSchemeForm(Form):
    name = forms.CharField(
        label="Name of the scheme", error_messages={"required": "Enter a name for the scheme"}
    )
    preset = forms.ChoiceField(
        label="Start from",
        widget=forms.RadioSelect,
        choices=[("", "An empty scheme")] + [(name, name) for name in RAG_PRESETS],
        required=False,
    )


class RagStatusForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RagStatus
        fields = ["label", "colour", "meaning", "counts_as_done", "needs_impact_evidence"]
        labels = {
            "label": "Status word",
            "colour": "Colour",
            "counts_as_done": "Counts as done",
            "needs_impact_evidence": "Needs evidence of impact",
        }
        help_texts = {
            "label": "Always shown beside the colour: for example, Action progressing",
            "colour": "As # and six hex digits, for example #f47738",
            "meaning": "Shown to people choosing a status",
            "counts_as_done": "Items with this status are never overdue",
        }
        widgets = {
            "meaning": forms.Textarea(attrs={"rows": 2}),
            "colour": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        }
        error_messages = {
            "label": {"required": "Enter the status word"},
            "colour": {"required": "Enter a colour"},
        }

    def validate_unique(self) -> None:
        """Label uniqueness is checked, with its message, by the service."""


class MilestoneFilterForm(Form):
    workstream = forms.ModelChoiceField(
        label="Workstream",
        queryset=Workstream.objects.none(),
        required=False,
        empty_label="Any",
        widget=FastSelect,
    )
    owner = PersonChoiceField(
        label="Owner", queryset=Person.objects.none(), required=False, empty_label="Anyone", widget=FastSelect
    )
    status = forms.ChoiceField(label="Status", required=False, widget=FastSelect)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    due_soon = forms.BooleanField(label="Due in the next 30 days", required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "workstream").queryset = Workstream.objects.filter(area=plan.area)
        offer_people(self.fields["owner"], plan.area)
        owner = _model_choice(self, "owner")
        assert owner.queryset is not None  # the area's people, from offer_people
        owner.queryset = owner.queryset.only("pk", "initials", "job_title")  # what its options show
        statuses = plan.rag_scheme.statuses.order_by("position")
        _choice(self, "status").choices = [("", "Any"), ("none", "No status")] + [
            (str(s.pk), s.label) for s in statuses
        ]
        add_filters(self, plan=plan)


class OverallRatingForm(Form):
    """The overall rating of an item above the lowest level, set by hand, with the reason."""

    status = forms.ModelChoiceField(
        label="Overall rating",
        queryset=RagStatus.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label="No overall rating",
        help_text="Look at the counts of the items under it, then choose the rating the board should read.",
    )
    reason = forms.CharField(
        label="Reason for the rating",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say why this is the right rating: the history keeps it, and the board reads it.",
        error_messages={"required": "Enter the reason for the rating"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "status").queryset = item.plan.rag_scheme.statuses.order_by("position")
        self.initial.setdefault("status", item.overall_status_id)
        self.initial.setdefault("reason", item.overall_reason)
        self.initial.setdefault("version", item.version)
