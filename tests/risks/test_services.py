"""Writing the register: risks, their scores, mitigations, notes and bands (risks/services/)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from common.concurrency import EditConflict
from history.models import Change
from risks.models import Risk
from risks.services import bands as band_services
from risks.services.mitigations import mitigation_add, mitigation_update, note_add
from risks.services.risks import (
    RiskContent,
    content_of,
    risk_close,
    risk_create,
    risk_reopen,
    risk_rescore,
    risk_update,
)
from tests.areas.factories import PersonFactory
from tests.plans.factories import ItemFactory, PlanFactory
from tests.scorecard.factories import MeasureFactory

MARCH = datetime.date(2021, 3, 1)


@pytest.fixture
def risk(plan, programme_manager, owner_person):
    content = RiskContent(reference="R1", title="Too few EPs", owner=owner_person, likelihood=4, impact=4)
    return risk_create(plan=plan, content=content, by=programme_manager, scored_on=MARCH)


def test_creating_a_risk_records_its_first_score(risk):
    assert [(s.likelihood, s.impact, s.scored_on) for s in risk.scores.all()] == [(4, 4, MARCH)]


def test_creating_an_unscored_risk_records_no_score(plan):
    risk = risk_create(plan=plan, content=RiskContent(reference="R2", title="Not yet scored"))
    assert not risk.scores.exists()


def test_a_rescore_adds_a_history_row(risk, programme_manager):
    risk_rescore(
        risk=risk,
        expected_version=risk.version,
        likelihood=3,
        impact=4,
        review_on=datetime.date(2021, 4, 30),
        by=programme_manager,
        scored_on=datetime.date(2021, 4, 1),
    )
    assert [s.score for s in risk.scores.all()] == [16, 12]
    assert risk.review_on == datetime.date(2021, 4, 30)


def test_an_unchanged_rescore_adds_no_history_row(risk):
    risk_rescore(risk=risk, expected_version=risk.version, likelihood=4, impact=4, review_on=None)
    assert risk.scores.count() == 1


def test_a_stale_version_raises_edit_conflict_and_saves_nothing(risk):
    stale = risk.version
    risk_rescore(risk=risk, expected_version=stale, likelihood=2, impact=2, review_on=None)
    fresh = Risk.objects.get(pk=risk.pk)
    with pytest.raises(EditConflict):
        risk_rescore(risk=fresh, expected_version=stale, likelihood=5, impact=5, review_on=None)
    assert Risk.objects.get(pk=risk.pk).score == 4
    assert risk.scores.count() == 2


def test_closing_needs_a_reason(risk):
    with pytest.raises(ValidationError) as refused:
        risk_close(risk=risk, expected_version=risk.version, reason="  ")
    assert refused.value.message_dict == {"reason": ["Say why the risk is being closed"]}
    assert Risk.objects.get(pk=risk.pk).is_open


def test_closing_and_reopening(risk):
    risk_close(risk=risk, expected_version=risk.version, reason="Posts filled")
    assert (risk.status, risk.closed_reason) == ("closed", "Posts filled") and risk.closed_at
    risk_reopen(risk=risk, expected_version=risk.version)
    assert risk.is_open and risk.closed_reason == "" and risk.closed_at is None


def test_an_owner_from_another_area_is_refused(plan, other_area):
    stranger = PersonFactory(area=other_area, initials="ZZ")
    with pytest.raises(ValidationError) as refused:
        risk_create(plan=plan, content=RiskContent(reference="R5", title="T", owner=stranger))
    assert "owner" in refused.value.message_dict


def test_an_item_of_another_plan_is_refused(plan, area):
    elsewhere = ItemFactory(plan=PlanFactory(area=area, reference="OTHER"), number="1")
    with pytest.raises(ValidationError) as refused:
        risk_create(plan=plan, content=RiskContent(reference="R5", title="T", items=[elsewhere]))
    assert refused.value.message_dict["items"] == ["Choose items of this plan"]


def test_a_measure_of_another_area_is_refused(plan, other_area):
    theirs = MeasureFactory(area=other_area)
    with pytest.raises(ValidationError) as refused:
        risk_create(plan=plan, content=RiskContent(reference="R5", title="T", measures=[theirs]))
    assert refused.value.message_dict["measures"] == ["Choose measures of this local area's scorecard"]


def test_a_reference_is_unique_in_its_plan_whatever_its_case(risk, plan):
    with pytest.raises(ValidationError) as refused:
        risk_create(plan=plan, content=RiskContent(reference="r1", title="Again"))
    assert "already has a risk R1" in refused.value.message_dict["reference"][0]


def test_changes_are_recorded_in_the_plans_history(risk, programme_manager, plan):
    content = content_of(risk=risk)
    content.title = "Too few educational psychologists"
    risk_update(risk=risk, expected_version=risk.version, content=content, by=programme_manager)
    changes = Change.objects.filter(plan=plan, subject="Risk R1").order_by("at", "pk")
    assert [c.action for c in changes] == ["added", "changed"]
    assert changes.last().changes["Title"] == ["Too few EPs", "Too few educational psychologists"]
    assert changes.last().by == programme_manager


def test_mitigations_and_notes_are_recorded(risk, owner_person, plan):
    mitigation = mitigation_add(risk=risk, action="Recruit", owner=owner_person, due_on=None)
    mitigation_update(
        mitigation=mitigation,
        expected_version=mitigation.version,
        action="Recruit",
        owner=None,
        due_on=None,
        is_done=True,
    )
    note_add(mitigation=mitigation, dated=MARCH, text="Advert placed")
    subjects = list(Change.objects.filter(plan=plan).values_list("subject", flat=True))
    assert "Mitigation 1 of risk R1" in subjects and "Progress on mitigation 1 of risk R1" in subjects


def test_a_note_needs_text(risk):
    mitigation = mitigation_add(risk=risk, action="Recruit", owner=None, due_on=None)
    with pytest.raises(ValidationError):
        note_add(mitigation=mitigation, dated=MARCH, text=" ")


def test_bands_update_refuses_bad_thresholds_and_saves_good_ones(area, programme_manager):
    with pytest.raises(ValidationError):
        band_services.bands_update(area=area, expected_version=1, amber_from=12, red_from=12)
    bands = band_services.bands_update(
        area=area, expected_version=1, amber_from=6, red_from=16, by=programme_manager
    )
    assert (bands.amber_from, bands.red_from, bands.version) == (6, 16, 2)
    with pytest.raises(EditConflict):
        band_services.bands_update(area=area, expected_version=1, amber_from=5, red_from=15)
