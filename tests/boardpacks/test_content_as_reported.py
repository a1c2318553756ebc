"""A pack's content is the data as reported: building March's pack again after April's changes and
April's reporting gives the same content; its shape is the contract's (schema.py, samples.py); it
survives a JSON round trip; and it is read in the same number of queries however large the plan."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Item, ItemOwner, RagStatus
from risks.models import Risk, RiskBands
from scorecard.models import Commentary, Figure, Measure, Series
from tests.areas.factories import PersonFactory
from tests.boardpacks.content_plan import (
    build,
    confirmed_update,
    february_and_march,
    open_period,
    rate,
    report,
)
from tests.boardpacks.samples import sample_content
from tests.scorecard.factories import headline

pytestmark = pytest.mark.django_db


def without_made_at(content):
    copy = json.loads(json.dumps(content))
    copy["pack"].pop("made_at")
    return copy


def change_everything_after_march(story):
    """What happens in April: statuses, words, due dates and owners of items change, a status is renamed,
    a measure gets new figures, a new name and its March commentary rewritten, a risk is rescored, the
    risk bands move; then April is reported."""
    plan = story["plan"]
    rate(plan, {"1.1.1": 3, "1.1.2": 3, "2.1.1": 1, "2.1.2": 1})
    ItemOwner.objects.filter(item__plan=plan).delete()
    new_owner = PersonFactory(area=plan.area, initials="AB")
    for number in ("2.1.1", "2.1.2"):
        ItemOwner.objects.create(item=Item.objects.get(plan=plan, number=number), person=new_owner)
    Item.objects.filter(plan=plan).update(text="Rewritten in April", due_date=datetime.date(2020, 1, 1))
    Item.objects.filter(plan=plan, number="2.1.2").update(
        slip_count=5, original_due_date=datetime.date(2019, 1, 1)
    )
    RagStatus.objects.filter(scheme=plan.rag_scheme, position=1).update(label="Behind", colour="#942514")
    timeliness = story["measures"]["timeliness"]
    Figure.objects.filter(breakdown=headline(timeliness), period="2024").update(value=Decimal("75"))
    Figure.objects.create(
        breakdown=headline(timeliness),
        series=Series.AREA,
        period="2025",
        period_ends_on=datetime.date(2025, 12, 31),
        value=Decimal("80"),
    )
    Measure.objects.filter(pk=timeliness.pk).update(name="Renamed in April")
    Commentary.objects.filter(measure=timeliness, period=story["march"]).update(text="Rewritten later")
    Risk.objects.filter(pk=story["risks"]["r1"].pk).update(likelihood=1, impact=1, title="Renamed risk")
    RiskBands.objects.update_or_create(area=plan.area, defaults={"amber_from": 8, "red_from": 20})
    april = open_period(plan, "April 2021", datetime.date(2021, 4, 1), datetime.date(2021, 4, 30))
    confirmed_update(april, "1.1.1", commentary="April's words.", mitigation="April's mitigation.")
    report(april)
    return april


def test_building_march_again_after_aprils_changes_gives_the_same_content(area):
    story = february_and_march(area)
    before = build(story["template"], story["march"])
    assert before["sections"]["exceptions"]["red"][0]["owners"] == "KD, JG"

    april = change_everything_after_march(story)
    again = build(story["template"], story["march"])

    assert without_made_at(again) == without_made_at(before)
    # The changes were real: April's pack shows them.
    april_content = build(story["template"], april)
    assert april_content["statuses"][-1]["label"] == "Behind"
    assert april_content["sections"]["exceptions"]["red"][0]["text"] == "Rewritten in April"
    assert [i["owners"] for i in april_content["sections"]["exceptions"]["red"]] == ["AB", "AB"]
    measures = {m["code"]: m for m in april_content["sections"]["scorecard"]["measures"]}
    assert measures["E7"]["figure"] == "80%" and measures["E7"]["name"] == "Renamed in April"
    assert april_content["sections"]["risks"]["red"] == []
    assert april_content["sections"]["risks"]["bands"].startswith("Green: a score of 1 to 7. Amber: 8 to 19.")
    assert april_content["previous"]["name"] == "March 2021"


def keys_of(value, path=""):
    """Every key path of a content dict: lists are walked into (their items share one shape)."""
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            here = f"{path}.{key}"
            found.add(here)
            found |= keys_of(inner, here)
    elif isinstance(value, list):
        for inner in value:
            found |= keys_of(inner, f"{path}[]")
    return found


def test_a_built_content_has_exactly_the_keys_of_the_sample_content(area):
    story = february_and_march(area)
    built = build(story["template"], story["march"])
    sample = sample_content()
    # The sample has every action rated (no_status None); a status count has the same keys as the others.
    sample["sections"]["summary"]["no_status"] = sample["sections"]["summary"]["counts"][0]
    assert built["sections"]["summary"]["no_status"] is not None
    assert keys_of(built) == keys_of(sample)


def test_the_content_survives_a_json_round_trip_unchanged(area):
    story = february_and_march(area)
    built = build(story["template"], story["march"])
    assert json.loads(json.dumps(built)) == built


def queries_to_build(area, *, actions, more):
    story = february_and_march(area, actions=actions, more=more)
    with CaptureQueriesContext(connection) as queries:
        content = build(story["template"], story["march"])
    return len(queries), content


def test_building_a_pack_takes_the_same_number_of_queries_for_a_small_and_a_larger_plan(area, other_area):
    small, small_content = queries_to_build(area, actions=2, more=0)
    large, large_content = queries_to_build(other_area, actions=12, more=8)
    assert len(large_content["sections"]["exceptions"]["red"]) > len(
        small_content["sections"]["exceptions"]["red"]
    )
    assert len(large_content["sections"]["scorecard"]["measures"]) == 10
    assert large_content["sections"]["risks"]["open_count"] == 10
    assert len(large_content["sections"]["voice"]["entries"]) == 9
    assert large == small
    # periods, ratings (owners as reported among them), mitigations, reports, rows, scorecard, risks,
    # bands, entries
    assert small <= 9, small
