"""The words of the risk register's pages: the register's filters, a risk, its review, closing it,
its mitigating actions and their progress notes, and the area's bands."""

from typing import Any

from django import forms
from django.utils import timezone

from areas.forms import PersonChoiceField, offer_people
from areas.models import LocalArea, Person
from common.forms import FastSelect, Form, UKDateField
from plans.models import Item, Plan
from scorecard.models import Measure

from . import rules
from .models import Risk
from .selectors.register import RegisterFilters
from .services.risks import RiskContent

NOT_ASSESSED = "Not assessed"
LIKELIHOOD_CHOICES = [(str(n), f"{n} {word}") for n, word in rules.LIKELIHOOD_WORDS.items()]
IMPACT_CHOICES = [(str(n), f"{n} {word}") for n, word in rules.IMPACT_WORDS.items()]


class FastSelectMultiple(FastSelect):
    """A FastSelect choosing several: for a plan's 1,000 items."""

    allow_multiple_selected = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"multiple": True, "class": "govuk-select app-select-multiple", **(attrs or {})}
        )


class MeasureChoiceField(forms.ModelMultipleChoiceField):
    """Measures shown by code and name: "E7 New EHC plans issued within 20 weeks"."""

    def label_from_instance(self, obj: Measure) -> str:
        return f"{obj.code} {obj.name}"


def _scale(
    label: str, choices: list[tuple[str, str]], *, required: bool, hint: str = ""
) -> forms.TypedChoiceField:
    what = label.lower()
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        coerce=int,
        empty_value=None,
        required=required,
        choices=([] if required else [("", NOT_ASSESSED)]) + choices,
        widget=forms.RadioSelect if required else FastSelect,
        error_messages={"required": f"Choose the {what}", "invalid_choice": f"Choose the {what} from 1 to 5"},
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class RegisterFilterForm(Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("open", "Open"), ("closed", "Closed"), ("all", "Open and closed")],
        widget=FastSelect,
    )
    band = forms.ChoiceField(
        label="Band now",
        required=False,
        choices=[("", "Any")] + [(band.css, band.label) for band in reversed(rules.Band)],
        widget=FastSelect,
    )
    owner = PersonChoiceField(
        label="Owner", queryset=Person.objects.none(), required=False, empty_label="Anyone", widget=FastSelect
    )
    category = forms.ChoiceField(label="Category", required=False, widget=FastSelect)
    overdue = forms.BooleanField(label="Review overdue only", required=False)

    def __init__(self, *args: Any, plan: Plan, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Person.objects.filter(area=plan.area, risks__plan=plan).distinct()
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [("", "Any")] + [(name, name) for name in categories]

    def filters(self) -> RegisterFilters:
        """The filters chosen; a value that is not one of the choices is ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        bands = {band.css: band for band in rules.Band}
        owner = data.get("owner")
        return RegisterFilters(
            status=data.get("status") or "open",
            band=bands.get(data.get("band") or ""),
            owner_id=owner.pk if owner else None,
            category=data.get("category") or "",
            overdue_only=bool(data.get("overdue")),
        )


class RiskForm(Form):
    """Add or edit a risk. Items are chosen from the plan's, measures from the area's scorecard."""

    reference = forms.CharField(
        label="Reference",
        max_length=20,
        help_text="A short reference, for example R1",
        error_messages={"required": "Enter the risk's reference, such as R1"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    title = forms.CharField(
        label="Title",
        max_length=250,
        help_text="For example, Not enough educational psychologists to meet the 20-week deadline",
        error_messages={
            "required": "Enter the risk's title",
            "max_length": "Title must be 250 characters or fewer",
        },
    )
    cause = forms.CharField(
        label="Because of ...",
        required=False,
        help_text="The cause: what is happening now",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    event = forms.CharField(
        label="there is a risk that ...",
        required=False,
        help_text="The event: what might happen",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    effect = forms.CharField(
        label="which would mean ...",
        required=False,
        help_text="The effect on children, young people and families, or on the plan",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = PersonChoiceField(
        label="Owner",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No owner yet",
        help_text="The owner reviews the risk's score and writes progress on its mitigating actions",
        widget=FastSelect,
    )
    category = forms.CharField(
        label="Category", required=False, max_length=80, help_text="For example, Finance or Workforce"
    )
    likelihood = _scale("Likelihood now", LIKELIHOOD_CHOICES, required=False)
    impact = _scale("Impact now", IMPACT_CHOICES, required=False)
    inherent_likelihood = _scale("Likelihood before mitigation", LIKELIHOOD_CHOICES, required=False)
    inherent_impact = _scale("Impact before mitigation", IMPACT_CHOICES, required=False)
    target_likelihood = _scale("Target likelihood", LIKELIHOOD_CHOICES, required=False)
    target_impact = _scale("Target impact", IMPACT_CHOICES, required=False)
    review_on = UKDateField(label="Next review", required=False, help_text="For example, 30/04/2021")
    items = forms.TypedMultipleChoiceField(
        label="Plan items",
        required=False,
        coerce=int,
        help_text="The items this risk threatens. Hold Ctrl (or Cmd on a Mac) to choose more than one.",
        widget=FastSelectMultiple,
        error_messages={"invalid_choice": "Choose items of this plan"},
    )
    measures = MeasureChoiceField(
        label="Scorecard measures",
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose measures of this local area's scorecard"},
    )
    version = _version()

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        offer_people(self.fields["owner"], plan.area)
        items = self.fields["items"]
        assert isinstance(items, forms.TypedMultipleChoiceField)
        items.choices = [
            (pk, f"{number} {text[:90]}")
            for pk, number, text in Item.objects.current()
            .filter(plan=plan)
            .order_by("sort_key")
            .values_list("pk", "number", "text")
        ]
        measures = self.fields["measures"]
        assert isinstance(measures, forms.ModelMultipleChoiceField)
        measures.queryset = Measure.objects.filter(area=plan.area).order_by("code")

    def content(self) -> RiskContent:
        data = self.cleaned_data
        items = list(Item.objects.filter(plan=self.plan, pk__in=data["items"]).order_by("sort_key"))
        return RiskContent(
            reference=data["reference"],
            title=data["title"],
            cause=data["cause"],
            event=data["event"],
            effect=data["effect"],
            owner=data["owner"],
            category=data["category"],
            likelihood=data["likelihood"],
            impact=data["impact"],
            inherent_likelihood=data["inherent_likelihood"],
            inherent_impact=data["inherent_impact"],
            target_likelihood=data["target_likelihood"],
            target_impact=data["target_impact"],
            review_on=data["review_on"],
            items=items,
            measures=list(data["measures"]),
        )


INITIAL_FIELDS = (
    *("reference", "title", "cause", "event", "effect", "category", "review_on", "version"),
    *("likelihood", "impact", "inherent_likelihood", "inherent_impact", "target_likelihood", "target_impact"),
)


def risk_initial(risk: Risk) -> dict[str, Any]:
    """A saved risk as the edit form starts."""
    initial: dict[str, Any] = {name: getattr(risk, name) for name in INITIAL_FIELDS}
    initial["owner"] = risk.owner_id
    initial["items"] = [item.pk for item in risk.items.all()]
    initial["measures"] = [measure.pk for measure in risk.measures.all()]
    return initial


class ReviewForm(Form):
    """The owner's review: the likelihood and impact now, and when to review it next."""

    likelihood = _scale(
        "Likelihood now",
        LIKELIHOOD_CHOICES,
        required=True,
        hint="How likely is it to happen, with the mitigations in place?",
    )
    impact = _scale("Impact now", IMPACT_CHOICES, required=True, hint="How bad would it be if it happened?")
    review_on = UKDateField(
        label="Next review", required=False, help_text="Usually next month's meeting. For example, 30/04/2021"
    )
    version = _version()


class CloseForm(Form):
    reason = forms.CharField(
        label="Why is the risk being closed?",
        help_text="For example, The recruitment campaign filled every vacant post",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the risk is being closed"},
    )
    version = _version()


class VersionForm(Form):
    version = _version()


class MitigationForm(Form):
    action = forms.CharField(
        label="Mitigating action",
        help_text="What is being done to reduce the risk",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what is being done to reduce the risk"},
    )
    owner = PersonChoiceField(
        label="Owner",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No owner yet",
        widget=FastSelect,
    )
    due_on = UKDateField(label="Due date", required=False, help_text="For example, 31/07/2021")
    is_done = forms.BooleanField(label="Done", required=False, help_text="The action is complete")
    version = _version()

    def __init__(self, *args: Any, area: LocalArea, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_people(self.fields["owner"], area)
        if not editing:
            del self.fields["is_done"]


class NoteForm(Form):
    dated = UKDateField(
        label="Date",
        help_text="The day the progress was made or reported. For example, 31/03/2021",
        error_messages={"required": "Enter the date of the progress, like 31/03/2021"},
    )
    text = forms.CharField(
        label="Progress",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the progress made",
            "max_length": "Progress must be 5,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dated"].initial = timezone.localdate()


class BandsForm(Form):
    amber_from = forms.IntegerField(
        label="Amber from a score of",
        min_value=2,
        max_value=24,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the score amber starts at",
            "invalid": "Enter a whole number, such as 5",
            "min_value": "Amber must start at a score from 2 to 24",
            "max_value": "Amber must start at a score from 2 to 24",
        },
    )
    red_from = forms.IntegerField(
        label="Red from a score of",
        min_value=3,
        max_value=25,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the score red starts at",
            "invalid": "Enter a whole number, such as 15",
            "min_value": "Red must start at a score from 3 to 25",
            "max_value": "Red must start at a score from 3 to 25",
        },
    )
    version = _version()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        amber, red = data.get("amber_from"), data.get("red_from")
        if amber is not None and red is not None:
            problem = rules.bands_problem(amber_from=amber, red_from=red)
            if problem:
                self.add_error("red_from" if problem.startswith("Red") else "amber_from", problem)
        return data
