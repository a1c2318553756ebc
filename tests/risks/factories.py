import datetime

import factory

from plans import rules as plan_rules
from risks.models import Mitigation, MitigationNote, Risk
from tests.plans.factories import PlanFactory


class RiskFactory(factory.django.DjangoModelFactory):
    """An open risk scored 3 x 4 = 12 now (amber by the default bands), owned by nobody."""

    class Meta:
        model = Risk

    plan = factory.SubFactory(PlanFactory)
    reference = factory.Sequence(lambda n: f"R{n + 1}")
    sort_key = factory.LazyAttribute(lambda o: plan_rules.sort_key(o.reference))
    title = factory.Sequence(lambda n: f"Risk to delivery {n}")
    cause = "Because of pressure on schools"
    event = "there is a risk that they cannot take part"
    effect = "which would mean families see no change"
    likelihood = 3
    impact = 4


class MitigationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitigation

    risk = factory.SubFactory(RiskFactory)
    position = factory.Sequence(lambda n: n + 1)
    action = factory.Sequence(lambda n: f"Mitigating action {n}")
    due_on = datetime.date(2021, 6, 30)


class MitigationNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MitigationNote

    mitigation = factory.SubFactory(MitigationFactory)
    dated = datetime.date(2021, 3, 10)
    text = factory.Sequence(lambda n: f"Progress made {n}")
