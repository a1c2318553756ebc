"""Defining the scorecard: settings, outcomes and measures, by the programme manager.

Breakdowns and targets are in test_breakdowns.py."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from history.models import Change
from scorecard.models import Measure, Outcome, ScorecardSettings
from scorecard.rules import Rating
from scorecard.selectors import area_scorecard
from tests.plans.factories import ItemFactory, PlanFactory
from tests.scorecard.factories import (
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)

pytestmark = pytest.mark.django_db


def url(name: str, area: str = "stockport", **kwargs) -> str:
    return reverse(f"scorecard:{name}", kwargs={"area": area, **kwargs})


def measure_data(**changes) -> dict:
    data = {
        "code": "E7",
        "name": "New EHC plans issued within 20 weeks",
        "unit": "percent",
        "polarity": "higher",
        "frequency": "annual",
        "version": "",
    }
    return {**data, **changes}


@pytest.fixture
def pm(client, programme_manager):
    client.force_login(programme_manager)
    return client


# Measures


def test_a_programme_manager_adds_a_measure_linked_to_outcomes_and_plan_items(pm, area, tree, owner_person):
    safe = OutcomeFactory(area=area, code="I1", statement="I feel safe")
    plan_item = f"items_{tree['top'].plan_id}"
    response = pm.post(
        url("measure-create"),
        measure_data(
            outcomes=[safe.pk],
            owner=owner_person.pk,
            is_public="on",
            breakdowns="All, SEN support, EHC plan",
            **{plan_item: "1.1, 1.1.1.2"},
        ),
    )
    measure = Measure.objects.get(area=area, code="E7")
    assert response.status_code == 302
    assert response["Location"] == url("measure", pk=measure.pk)
    assert list(measure.outcomes.all()) == [safe]
    assert {i.number for i in measure.items.all()} == {"1.1", "1.1.1.2"}
    assert measure.owner == owner_person and measure.is_public
    assert [b.name for b in measure.breakdowns.order_by("position")] == ["All", "SEN support", "EHC plan"]
    assert Change.objects.filter(area=area, subject="Measure E7", action="added").exists()
    assert 'value="1.1, 1.1.1.2"' in pm.get(url("measure-edit", pk=measure.pk)).content.decode()


def test_a_new_measure_gets_a_headline_breakdown_all_when_none_are_named(pm, area):
    pm.post(url("measure-create"), measure_data())
    measure = Measure.objects.get(area=area, code="E7")
    assert [(b.name, b.position) for b in measure.breakdowns.all()] == [("All", 0)]


def test_a_measure_code_already_used_in_the_area_is_refused_whatever_its_case(pm, area):
    MeasureFactory(area=area, code="E7", name="Annual reviews on time")
    response = pm.post(url("measure-create"), measure_data(code="e7"))
    assert (
        "This area already has a measure with the code E7: Annual reviews on time"
        in response.content.decode()
    )
    assert Measure.objects.filter(area=area).count() == 1


def test_an_unknown_plan_item_number_is_named(pm, area, tree):
    response = pm.post(
        url("measure-create"), measure_data(**{f"items_{tree['top'].plan_id}": "1.1, 9.9, 1.x"})
    )
    content = response.content.decode()
    assert "“1.x” is not an item number" in content
    assert not Measure.objects.exists()
    response = pm.post(url("measure-create"), measure_data(**{f"items_{tree['top'].plan_id}": "1.1, 9.9"}))
    assert "WSOA-2019 has no item 9.9" in response.content.decode()


def test_with_several_plans_items_are_given_for_each_plan(pm, area, tree):
    strategy = PlanFactory(area=area, reference="SEND-STRATEGY", title="SEND strategy")
    ItemFactory(plan=strategy, number="1.1")
    response = pm.get(url("measure-create"))
    assert "Items in SEND-STRATEGY (SEND strategy)" in response.content.decode()
    pm.post(
        url("measure-create"),
        measure_data(**{f"items_{tree['top'].plan_id}": "1.1", f"items_{strategy.pk}": "1.1"}),
    )
    measure = Measure.objects.get(code="E7")
    assert sorted(i.plan.reference for i in measure.items.all()) == ["SEND-STRATEGY", "WSOA-2019"]


def test_a_measure_of_another_area_is_not_found(pm, other_area):
    theirs = MeasureFactory(area=other_area)
    for name in ("measure-edit", "breakdowns", "targets"):
        assert pm.get(url(name, pk=theirs.pk)).status_code == 404


def test_a_measures_own_near_miss_rule_is_used_on_the_scorecard(pm, area):
    """The area counts a near miss as amber; E2 says green, so 64% against 65% (tolerance 2) is green."""
    ScorecardSettingsFactory(area=area, tolerance=Decimal("2"), near_miss="amber")
    plain, own = MeasureFactory(area=area, code="E1"), MeasureFactory(area=area, code="E2")
    for measure in (plain, own):
        TargetFactory(breakdown=headline(measure), value=Decimal("65"), due_on=datetime.date(2024, 12, 31))
        add_figures(measure, {"2024": "64"})

    response = pm.post(
        url("measure-edit", pk=own.pk),
        measure_data(code="E2", name=own.name, near_miss="green", version=own.version),
    )

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.near_miss == "green" and own.tolerance is None and own.no_target == ""
    ratings = {line.measure.code: line.assessment.rating for line in area_scorecard(area=area).lines}
    assert ratings == {"E1": Rating.AMBER, "E2": Rating.GREEN}


def test_the_measure_form_says_what_the_area_does_when_a_setting_is_left_as_the_area(pm, area):
    ScorecardSettingsFactory(area=area, near_miss="green")
    content = pm.get(url("measure-create")).content.decode()
    assert "As the area (green (“very close”))" in content


def test_two_people_editing_a_measure_at_once_the_second_sees_what_the_first_saved(pm, area):
    measure = MeasureFactory(area=area, code="E7", name="EHC plans in 20 weeks")
    edit = url("measure-edit", pk=measure.pk)
    pm.post(edit, measure_data(name="EHC plans issued in 20 weeks", version=measure.version))

    response = pm.post(
        edit, measure_data(name="EHC plans in 20 weeks, excluding exceptions", version=measure.version)
    )

    content = response.content.decode()
    assert "Someone else saved this while you were editing it" in content
    assert "EHC plans issued in 20 weeks" in content  # theirs, shown
    measure.refresh_from_db()
    assert measure.name == "EHC plans issued in 20 weeks"
    resent = pm.post(
        edit, measure_data(name="EHC plans in 20 weeks, excluding exceptions", version=measure.version)
    )
    assert resent.status_code == 302


# Settings


def test_settings_are_saved_with_codes_tidied(pm, area):
    response = pm.post(
        url("settings"),
        {
            "tolerance": "2",
            "tolerance_kind": "percent_of_target",
            "near_miss": "green",
            "no_target": "compare",
            "direction_threshold": "0.5",
            "la_code": "e08000007",
            "old_la_code": "356",
            "region_code": "E12000002",
            "region_name": "North West",
            "neighbour_codes": "E08000009 358\nE06000049",
            "version": "1",
        },
    )
    assert response["Location"] == url("scorecard")
    saved = ScorecardSettings.objects.get(area=area)
    assert saved.la_code == "E08000007" and saved.tolerance == Decimal("2")
    assert saved.neighbour_codes == "E08000009, 358, E06000049"
    assert saved.rating_settings().near_miss == "green"
    assert Change.objects.filter(area=area, subject="Scorecard settings").exists()


def test_settings_with_wrong_codes_are_refused_naming_each_code(pm, area):
    response = pm.post(
        url("settings"),
        {
            "tolerance": "-1",
            "tolerance_kind": "units",
            "near_miss": "amber",
            "no_target": "compare",
            "direction_threshold": "0",
            "la_code": "E0800007",
            "old_la_code": "35",
            "neighbour_codes": "E08000009, E0600049",
            "version": "1",
        },
    )
    content = response.content.decode()
    assert "There is a problem" in content
    assert "“E0800007” is not a 9-character local authority code" in content
    assert "“35” is not a 3-digit local authority code" in content
    assert "“E0600049” is not a local authority code" in content
    assert "Enter zero or more" in content
    assert not ScorecardSettings.objects.filter(area=area).exists()


def test_the_settings_page_explains_each_setting_with_an_example(pm):
    content = pm.get(url("settings")).content.decode()
    assert "a figure of 63.5% is nearly met" in content
    assert "a move from 62.1% to 62.4% is unchanged" in content


def test_settings_saved_meanwhile_by_someone_else_are_shown_not_overwritten(pm, area):
    ScorecardSettingsFactory(area=area, region_name="North West", version=2)
    response = pm.post(
        url("settings"),
        {
            "tolerance": "0",
            "tolerance_kind": "units",
            "near_miss": "amber",
            "no_target": "compare",
            "direction_threshold": "0",
            "region_name": "North-West",
            "version": "1",
        },
    )
    content = response.content.decode()
    assert "What the other person saved" in content and "North West" in content
    assert ScorecardSettings.objects.get(area=area).region_name == "North West"


# Outcomes


def test_outcomes_are_listed_with_how_many_measures_evidence_each(pm, area):
    safe = OutcomeFactory(area=area, code="I1", statement="I feel safe")
    OutcomeFactory(area=area, code="I2", statement="My voice is heard and acted upon")
    for _ in range(2):
        MeasureFactory(area=area).outcomes.add(safe)
    response = pm.get(url("outcomes"))
    rows = [line.strip() for line in response.content.decode().splitlines() if 'numeric">' in line]
    assert rows[-2:] == [
        '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>',
        '<td class="govuk-table__cell govuk-table__cell--numeric">0</td>',
    ]


def test_an_outcome_is_added_and_a_repeated_code_refused(pm, area):
    response = pm.post(url("outcome-create"), {"code": "I1", "statement": "I feel safe"})
    assert response["Location"] == url("outcomes")
    response = pm.post(url("outcome-create"), {"code": "i1", "statement": "I am listened to"})
    assert "This area already has an outcome with the code I1" in response.content.decode()
    assert Outcome.objects.filter(area=area).count() == 1


def test_an_outcome_edited_by_two_people_keeps_the_first_change(pm, area):
    outcome = OutcomeFactory(area=area, code="I1", statement="I feel safe")
    edit = url("outcome-edit", pk=outcome.pk)
    pm.post(edit, {"code": "I1", "statement": "I feel safe at school", "version": outcome.version})
    response = pm.post(edit, {"code": "I1", "statement": "I feel safe at home", "version": outcome.version})
    assert "What the other person saved" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.statement == "I feel safe at school"


# Who may


PAGES = [
    ("settings", {}),
    ("outcomes", {}),
    ("outcome-create", {}),
    ("measure-create", {}),
]


@pytest.mark.parametrize("persona", ["workstream_lead", "contributor", "viewer"])
def test_only_the_programme_manager_defines_the_scorecard(client, area, persona, request):
    client.force_login(request.getfixturevalue(persona))
    measure, outcome = MeasureFactory(area=area), OutcomeFactory(area=area)
    pages = [url(name) for name, _ in PAGES] + [
        url("outcome-edit", pk=outcome.pk),
        url("measure-edit", pk=measure.pk),
        url("breakdowns", pk=measure.pk),
        url("targets", pk=measure.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 403, page
    assert client.post(url("measure-create"), measure_data()).status_code == 403
    assert not Measure.objects.filter(code="E7").exists()


def test_someone_from_another_area_finds_no_scorecard_pages(client, area, other_area_user):
    client.force_login(other_area_user)
    for name, _ in PAGES:
        assert client.get(url(name)).status_code == 404


def test_every_definition_page_opens_for_the_programme_manager(pm, area, tree):
    measure, outcome = MeasureFactory(area=area), OutcomeFactory(area=area)
    TargetFactory(breakdown=headline(measure))
    pages = [url(name) for name, _ in PAGES] + [
        url("outcome-edit", pk=outcome.pk),
        url("measure-edit", pk=measure.pk),
        url("breakdowns", pk=measure.pk),
        url("targets", pk=measure.pk),
    ]
    for page in pages:
        assert pm.get(page).status_code == 200, page
