import datetime
from decimal import Decimal

import factory

from scorecard.models import Breakdown, Figure, Measure, Outcome, ScorecardSettings, Series, Target
from tests.areas.factories import LocalAreaFactory


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    area = factory.SubFactory(LocalAreaFactory)
    code = factory.Sequence(lambda n: f"I{n + 1}")
    statement = "I feel safe"


class MeasureFactory(factory.django.DjangoModelFactory):
    """A percentage measure where higher is better, with one breakdown, "All" (its headline)."""

    class Meta:
        model = Measure
        skip_postgeneration_save = True

    area = factory.SubFactory(LocalAreaFactory)
    code = factory.Sequence(lambda n: f"E{n + 1}")
    name = "EHC plans issued within 20 weeks"
    unit = "percent"
    polarity = "higher"

    @factory.post_generation
    def headline(self, create, extracted, **kwargs):
        if create and not self.breakdowns.exists():
            Breakdown.objects.create(measure=self, name="All", position=0)


class BreakdownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Breakdown

    measure = factory.SubFactory(MeasureFactory)
    name = factory.Sequence(lambda n: f"Breakdown {n}")
    position = factory.Sequence(lambda n: n + 1)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    breakdown = factory.SubFactory(BreakdownFactory)
    value = Decimal("60")
    due_on = datetime.date(2025, 12, 31)


class FigureFactory(factory.django.DjangoModelFactory):
    """The area's own figure for 2024."""

    class Meta:
        model = Figure

    breakdown = factory.SubFactory(BreakdownFactory)
    series = Series.AREA
    period = "2024"
    period_ends_on = datetime.date(2024, 12, 31)
    value = Decimal("50")


class ScorecardSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScorecardSettings
        django_get_or_create = ("area",)

    area = factory.SubFactory(LocalAreaFactory)


def headline(measure: Measure) -> Breakdown:
    return measure.breakdowns.order_by("position", "pk").first()


def add_figures(measure: Measure, values: dict[str, str | None], series: str = Series.AREA, breakdown=None):
    """Figures for calendar years, e.g. {"2023": "40", "2024": None} (None: suppressed, "x")."""
    breakdown = breakdown or headline(measure)
    for year, value in values.items():
        Figure.objects.create(
            breakdown=breakdown,
            series=series,
            period=year,
            period_ends_on=datetime.date(int(year), 12, 31),
            value=None if value is None else Decimal(value),
            missing_reason="x: suppressed or not available" if value is None else "",
        )
