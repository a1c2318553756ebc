"""Adding and editing "You said, we did" entries through the services: what is refused and why, links
only within the area, history, and edits that crossed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from common.concurrency import EditConflict
from history.models import Change
from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import ItemFactory, PlanFactory
from tests.scorecard.factories import MeasureFactory, OutcomeFactory
from voice.models import Entry, Source
from voice.services import EntryContent, content_of, entry_create, entry_update

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def said(**changes) -> EntryContent:
    content = EntryContent(
        reference="YS1",
        said="Annual reviews are late and we are not told why",
        source=Source.SURVEY,
        heard_on=date(2021, 2, 1),
        group="Parent carer forum",
        did="A team was set up to clear the annual reviews backlog",
    )
    for name, value in changes.items():
        setattr(content, name, value)
    return content


def refusal(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_an_entry_is_added_with_its_links_and_recorded_in_the_history(area, tree, programme_manager):
    outcome, measure = OutcomeFactory(area=area, code="I3"), MeasureFactory(area=area, code="E7")
    evidence = EvidenceFactory(area=area, title="Annual review survey")

    entry = entry_create(
        area=area,
        content=said(outcomes=[outcome], measures=[measure], evidence=[evidence], items=[tree["mine"]]),
        by=programme_manager,
    )

    assert entry.reference == "YS1" and entry.version == 1
    assert list(entry.outcomes.all()) == [outcome] and list(entry.items.all()) == [tree["mine"]]
    change = Change.objects.get(subject="You said, we did YS1")
    assert change.by == programme_manager
    assert change.changes["I statements"] == ["", "I3"]
    assert change.changes["Evidence"] == ["", "Annual review survey"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reference": "  "}, "reference", "Enter the entry's reference, such as YS1"),
        ({"said": ""}, "said", "Enter what families or young people said"),
        ({"source": "rumour"}, "source", "Choose where it was said: Survey, Listening event"),
    ],
)
def test_an_entry_missing_what_it_needs_is_refused_saying_what_to_do(area, changes, field, message):
    problems = refusal(lambda: entry_create(area=area, content=said(**changes)))

    assert problems[field][0].startswith(message)
    assert not Entry.objects.exists()


def test_a_reference_already_used_in_the_area_is_refused_whatever_its_case(area, other_area):
    EntryFactory(area=area, reference="YS1")
    EntryFactory(area=other_area, reference="YS2")

    problems = refusal(lambda: entry_create(area=area, content=said(reference="ys1")))

    assert problems["reference"] == ["This area already has an entry YS1: choose another reference"]
    assert entry_create(area=area, content=said(reference="YS2")).reference == "YS2"


def test_links_to_another_areas_evidence_measures_i_statements_or_items_are_refused(area, other_area):
    other_plan = PlanFactory(area=other_area)
    links = {
        "evidence": [EvidenceFactory(area=other_area)],
        "measures": [MeasureFactory(area=other_area)],
        "outcomes": [OutcomeFactory(area=other_area)],
        "items": [ItemFactory(plan=other_plan, number="1")],
    }

    problems = refusal(lambda: entry_create(area=area, content=said(**links)))

    assert problems == {
        "evidence": ["Choose evidence from this local area's evidence bank"],
        "measures": ["Choose measures of this local area's scorecard"],
        "outcomes": ["Choose I statements of this local area's scorecard"],
        "items": ["Choose items of this local area's plans"],
    }
    assert not Entry.objects.exists()


def test_an_edit_records_what_changed_and_moves_the_version_on(area, tree, contributor):
    entry = entry_create(area=area, content=said())
    content = content_of(entry=entry)
    content.did, content.items = "Extra staff cleared 400 late reviews", [tree["top"]]

    entry_update(entry=entry, expected_version=1, content=content, by=contributor)

    entry.refresh_from_db()
    assert entry.version == 2 and entry.did == "Extra staff cleared 400 late reviews"
    change = Change.objects.filter(subject="You said, we did YS1").latest("pk")
    assert change.by == contributor
    assert change.changes["We did"][1] == "Extra staff cleared 400 late reviews"
    assert change.changes["Plan items"] == ["", "1"]


def test_an_edit_from_a_stale_version_saves_nothing_not_even_its_links(area, tree):
    entry = entry_create(area=area, content=said())
    first = content_of(entry=entry)
    first.did = "Saved first"
    entry_update(entry=Entry.objects.get(pk=entry.pk), expected_version=1, content=first)
    late = content_of(entry=entry)
    late.did, late.items = "Saved second", [tree["mine"]]

    with pytest.raises(EditConflict):
        entry_update(entry=Entry.objects.get(pk=entry.pk), expected_version=1, content=late)

    entry.refresh_from_db()
    assert entry.did == "Saved first" and not entry.items.exists()
