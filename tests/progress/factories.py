import datetime

import factory
from django.utils import timezone

from progress import services
from progress.models import ReportingPeriod, Update
from tests.plans.factories import ItemFactory, PlanFactory


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """March 2021 by default: updates due by 25/03/2021, open for updates."""

    class Meta:
        model = ReportingPeriod

    plan = factory.SubFactory(PlanFactory)
    name = "March 2021"
    starts_on = datetime.date(2021, 3, 1)
    ends_on = datetime.date(2021, 3, 31)
    deadline = datetime.date(2021, 3, 25)
    state = ReportingPeriod.State.OPEN


class UpdateFactory(factory.django.DjangoModelFactory):
    """A submitted update on an item of the period's plan, proposing the scheme's first status."""

    class Meta:
        model = Update

    period = factory.SubFactory(ReportingPeriodFactory)
    item = factory.SubFactory(ItemFactory, plan=factory.SelfAttribute("..period.plan"))
    commentary = "Progress as planned."
    proposed_status = factory.LazyAttribute(
        lambda o: o.period.plan.rag_scheme.statuses.order_by("position")[0]
    )
    submitted_at = factory.LazyFunction(timezone.now)


def update_saved(period, item, status, commentary="Board met twice this month"):
    """An update saved by its owner through the service, proposing `status`, as the update form saves it."""
    return services.update_save(
        period=period,
        item=item,
        content=services.UpdateContent(commentary=commentary, proposed_status=status),
        expected_version=None,
    )
