"""Risks and mitigations, made through the foundation's services."""

import factory

from risks.models import Mitigation, Risk
from tests.plans.factories import PlanFactory


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    plan = factory.SubFactory(PlanFactory)
    reference = factory.Sequence(lambda n: f"R{n + 1}")
    sort_key = factory.LazyAttribute(lambda o: o.reference)
    title = "Not enough educational psychologists"
    likelihood = 3
    impact = 4


class MitigationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitigation

    risk = factory.SubFactory(RiskFactory)
    position = factory.Sequence(lambda n: n + 1)
    action = "Recruit two locum educational psychologists"
