"""A small register: R1 red and owned by the contributor's person (SM), R2 amber owned by CL and overdue
for review, R3 green and closed."""

import datetime

import pytest

from tests.risks.factories import MitigationFactory, MitigationNoteFactory, RiskFactory


@pytest.fixture
def register(plan, tree, owner_person, lead_person):
    return a_register(plan, tree, owner_person, lead_person)


def a_register(plan, tree, owner_person, lead_person):
    red = RiskFactory(
        plan=plan,
        reference="R1",
        title="Not enough educational psychologists",
        owner=owner_person,
        category="Workforce",
        likelihood=4,
        impact=5,
        inherent_likelihood=5,
        inherent_impact=5,
        target_likelihood=2,
        target_impact=3,
        review_on=datetime.date(2099, 4, 30),
        cause="vacancies in the educational psychology team",
        event="advice for EHC needs assessments is late",
        effect="plans miss the 20-week deadline",
    )
    red.items.set([tree["mine"]])
    amber = RiskFactory(
        plan=plan,
        reference="R2",
        title="The high needs block overspends",
        owner=lead_person,
        category="Finance",
        likelihood=3,
        impact=3,
        review_on=datetime.date(2021, 1, 31),
    )
    green = RiskFactory(
        plan=plan,
        reference="R3",
        title="The parent carer forum loses its funding",
        category="Finance",
        likelihood=1,
        impact=2,
        status="closed",
        closed_reason="Funding agreed for three years",
    )
    mitigation = MitigationFactory(risk=red, owner=owner_person)
    MitigationNoteFactory(mitigation=mitigation, dated=datetime.date(2021, 3, 1), text="Advert placed")
    MitigationNoteFactory(mitigation=mitigation, dated=datetime.date(2021, 3, 20), text="Two posts offered")
    return {"red": red, "amber": amber, "green": green, "mitigation": mitigation}
