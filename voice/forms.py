"""The words of "You said, we did": labels, hints and error messages live here."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django import forms

from areas.models import LocalArea
from common.forms import FastSelect, FastSelectMultiple, Form, UKDateField
from evidence.models import Evidence
from plans.models import Item
from scorecard.models import Measure, Outcome

from . import selectors
from .models import Entry, Source
from .selectors import NOT_PUBLISHED, PUBLISHED, EntryFilters
from .services import EntryContent


def _item_words(reference: str, number: str, text: str) -> str:
    text = text if len(text) <= 80 else text[:79] + "…"
    return f"{reference} {number}: {text}"


def item_label(item: Item) -> str:
    return _item_words(item.plan.reference, item.number, item.text)


class ItemChoices(forms.models.ModelChoiceIterator):
    """An area's items as options, written from plain values: thousands of items, no model for each."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", str(self.field.empty_label))
        rows = self.queryset.values_list("pk", "plan__reference", "number", "text")
        for pk, reference, number, text in rows:
            yield (pk, _item_words(reference, number, text))


class ItemsField(forms.ModelMultipleChoiceField):
    iterator = ItemChoices

    def label_from_instance(self, obj: Item) -> str:
        return item_label(obj)


class ItemField(forms.ModelChoiceField):
    iterator = ItemChoices

    def label_from_instance(self, obj: Item) -> str:
        return item_label(obj)


def coded_label(obj: Outcome | Measure) -> str:
    """An I statement or a measure by its code and words: "I1 I feel safe"."""
    return f"{obj.code} {obj.statement if isinstance(obj, Outcome) else obj.name}"


class CodedField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Outcome | Measure) -> str:
        return coded_label(obj)


class OutcomeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Outcome) -> str:
        return coded_label(obj)


class EvidenceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Evidence) -> str:
        return f"{obj.title} ({obj.dated:%d/%m/%Y})" if obj.dated else obj.title


class EntryForm(Form):
    """Add or edit an entry: what was said, where, what was done and how we know it made a difference.

    "Published to families" is offered only to whoever may publish (`can_publish`); for anyone else
    the field is not there, and the entry keeps the value it had."""

    reference = forms.CharField(
        label="Reference",
        max_length=20,
        help_text="A short reference, such as YS12",
        error_messages={
            "required": "Enter the entry's reference, such as YS1",
            "max_length": "The reference must be 20 characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    said = forms.CharField(
        label="You said",
        help_text="What families or young people said, in their words",
        error_messages={"required": "Enter what families or young people said"},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source = forms.ChoiceField(
        label="Where it was said",
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where it was said",
            "invalid_choice": "Select where it was said",
        },
    )
    heard_on = UKDateField(
        label="Date said", required=False, help_text="When it was said. For example, 31/03/2021"
    )
    group = forms.CharField(
        label="Group",
        required=False,
        max_length=200,
        help_text="Who said it, such as the parent carer forum or the youth council",
        error_messages={"max_length": "The group must be 200 characters or fewer"},
    )
    did = forms.CharField(
        label="We did",
        required=False,
        help_text="What was done because of it",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    how_we_know = forms.CharField(
        label="How we know",
        required=False,
        help_text="How we know it made a difference to children and families: choose the evidence and "
        "measures that show it below",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = EvidenceField(
        label="Evidence",
        queryset=Evidence.objects.none(),
        required=False,
        help_text="From the evidence bank. To choose more than one, hold Ctrl (or Cmd on a Mac)",
        widget=FastSelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": "Choose evidence from this local area's evidence bank"},
    )
    measures = CodedField(
        label="Scorecard measures",
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose measures of this local area's scorecard"},
    )
    outcomes = CodedField(
        label="I statements",
        queryset=Outcome.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose I statements of this local area's scorecard"},
    )
    items = ItemsField(
        label="Plan items",
        queryset=Item.objects.none(),
        required=False,
        help_text="The items this concerns. To choose more than one, hold Ctrl (or Cmd on a Mac)",
        widget=FastSelectMultiple(attrs={"size": 8}),
        error_messages={"invalid_choice": "Choose items of this local area's plans"},
    )
    is_published = forms.BooleanField(
        label="Published to families",
        required=False,
        help_text="Shown on the public pages from the next publication",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, area: LocalArea, may_publish: bool, entry: Entry | None = None, **kwargs: Any
    ) -> None:
        self.entry = entry
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "reference": entry.reference,
                "said": entry.said,
                "source": entry.source,
                "heard_on": entry.heard_on,
                "group": entry.group,
                "did": entry.did,
                "how_we_know": entry.how_we_know,
                "evidence": [e.pk for e in entry.evidence.all()],
                "measures": [m.pk for m in entry.measures.all()],
                "outcomes": [o.pk for o in entry.outcomes.all()],
                "items": [i.pk for i in entry.items.all()],
                "is_published": entry.is_published,
                "version": entry.version,
            }
        super().__init__(*args, **kwargs)
        self._choices("evidence").queryset = selectors.evidence_of(area=area)
        self._choices("measures").queryset = selectors.measures_of(area=area)
        self._choices("outcomes").queryset = selectors.outcomes_of(area=area)
        self._choices("items").queryset = selectors.items_of(area=area)
        if entry is not None:
            self._say_linked(entry)
        if not may_publish:
            del self.fields["is_published"]

    def _say_linked(self, entry: Entry) -> None:
        """A long list box shows few of its choices: say which are linked now."""
        linked = {
            "evidence": [e.title for e in entry.evidence.all()],
            "items": [f"{i.plan.reference} {i.number}" for i in entry.items.all()],
        }
        for name, names in linked.items():
            now = "; ".join(names) if names else "none"
            self.fields[name].help_text = f"{self.fields[name].help_text}. Linked now: {now}"

    def _choices(self, name: str) -> forms.ModelMultipleChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # nosec B101
        return field

    def content(self) -> EntryContent:
        """What was typed, for the service; "published" as it was when this user may not publish."""
        data = self.cleaned_data
        kept = self.entry.is_published if self.entry is not None else False
        return EntryContent(
            reference=data["reference"],
            said=data["said"],
            source=data["source"],
            heard_on=data["heard_on"],
            group=data["group"],
            did=data["did"],
            how_we_know=data["how_we_know"],
            evidence=list(data["evidence"]),
            measures=list(data["measures"]),
            outcomes=list(data["outcomes"]),
            items=list(data["items"]),
            is_published=data.get("is_published", kept),
        )


PUBLISHED_CHOICES = [("", "Published or not"), (PUBLISHED, "Published"), (NOT_PUBLISHED, "Not published")]


class EntryFilterForm(Form):
    """Narrow the list: words, an I statement, a source, a plan item, published or not."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words in what was said or done, or the group",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    outcome = OutcomeField(
        label="I statement",
        queryset=Outcome.objects.none(),
        required=False,
        empty_label="Any I statement",
        widget=FastSelect,
    )
    source = forms.ChoiceField(
        label="Where it was said", required=False, choices=[("", "Anywhere"), *Source.choices]
    )
    item = ItemField(
        label="Plan item",
        queryset=Item.objects.none(),
        required=False,
        empty_label="Any item",
        widget=FastSelect,
    )
    published = forms.ChoiceField(label="Published", required=False, choices=PUBLISHED_CHOICES)

    def __init__(self, *args: Any, area: LocalArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcome, item = self.fields["outcome"], self.fields["item"]
        assert isinstance(outcome, forms.ModelChoiceField) and isinstance(item, forms.ModelChoiceField)  # nosec B101
        outcome.queryset = selectors.outcomes_of(area=area)
        item.queryset = selectors.items_of(area=area)

    def filters(self) -> EntryFilters:
        """What to show; a choice that is not offered (another area's I statement) is ignored."""
        self.is_valid()
        data = self.cleaned_data
        return EntryFilters(
            q=data.get("q", ""),
            outcome=data.get("outcome"),
            source=data.get("source", ""),
            item=data.get("item"),
            published=data.get("published", ""),
        )

    def query(self) -> str:
        """The filters as a query string, for the pages' links."""
        keep = {name: self.data.get(name) for name in self.fields if name in self.cleaned_data}
        return urlencode({name: value for name, value in keep.items() if value})
