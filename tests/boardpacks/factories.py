"""Pack templates and packs. A `PackFactory` pack holds the sample content (tests/boardpacks/samples.py)
and no files: tests of files make them through `boardpacks.services.pack_make`."""

import datetime

import factory
from django.utils import timezone

from boardpacks import rules
from boardpacks.models import Pack, PackTemplate
from progress.models import ReportingPeriod
from tests.boardpacks.samples import sample_content
from tests.plans.factories import PlanFactory
from tests.progress.factories import ReportingPeriodFactory


class PackTemplateFactory(factory.django.DjangoModelFactory):
    """The monthly SEND board pack of a plan, with every section."""

    class Meta:
        model = PackTemplate

    plan = factory.SubFactory(PlanFactory)
    area = factory.LazyAttribute(lambda template: template.plan.area)
    name = factory.Sequence(lambda n: f"Monthly SEND board pack {n + 1}")
    audience = "SEND Improvement Board"
    title = "SEND Written Statement of Action: progress report"
    meeting = "SEND Improvement Board"
    frequency = PackTemplate.Frequency.MONTHLY
    sections = factory.LazyFunction(lambda: list(rules.DEFAULT_SECTIONS))


class PackFactory(factory.django.DjangoModelFactory):
    """Version 1 of a template's pack for a reported March 2021, holding the sample content."""

    class Meta:
        model = Pack

    template = factory.SubFactory(PackTemplateFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory,
        plan=factory.SelfAttribute("..template.plan"),
        state=ReportingPeriod.State.REPORTED,
        reported_at=factory.LazyFunction(timezone.now),
    )
    number = 1
    meeting_date = datetime.date(2021, 4, 20)
    matters = "The board is asked to note progress."
    content = factory.LazyAttribute(lambda pack: sample_content(sections=list(pack.template.sections)))
    made_at = factory.LazyFunction(timezone.now)
