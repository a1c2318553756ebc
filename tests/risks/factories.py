import datetime

import factory

from plans import rules as plan_rules
from risks.models import Mitigation, MitigationNote, Risk, RiskScore
from tests.plans.factories import PlanFactory


class RiskFactory(factory.django.DjangoModelFactory):
    """An open risk scored 4 x 4 = 16 now (red by default), with its first score in its history."""

    class Meta:
        model = Risk
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    reference = factory.Sequence(lambda n: f"R{n + 1}")
    sort_key = factory.LazyAttribute(lambda risk: plan_rules.reference_sort_key(risk.reference))
    title = "Not enough educational psychologists"
    cause = "Because of pressure on schools"
    event = "there is a risk that they cannot take part"
    effect = "which would mean families see no change"
    likelihood = 4
    impact = 4

    @factory.post_generation
    def scored(self, create, extracted, **kwargs):
        if create and self.likelihood and self.impact:
            RiskScore.objects.create(
                risk=self,
                likelihood=self.likelihood,
                impact=self.impact,
                scored_on=extracted or datetime.date(2021, 3, 1),
            )


class MitigationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitigation

    risk = factory.SubFactory(RiskFactory)
    position = factory.Sequence(lambda n: n + 1)
    action = "Recruit two more educational psychologists"


class MitigationNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MitigationNote

    mitigation = factory.SubFactory(MitigationFactory)
    dated = datetime.date(2021, 3, 15)
    text = "Interviews held; one post offered"
