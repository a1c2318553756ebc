"""What every section reads from: the pack's template, plan, area, period and the period it is compared
with, and the data as reported for them, each read once however many sections use it."""

from datetime import date
from functools import cached_property

from areas.models import LocalArea
from plans.models import Plan
from progress.models import ReportingPeriod
from risks.models import ReportedRisk, ReportedRiskBands, RiskBands
from risks.selectors.bands import bands_reported
from scorecard.models import ReportedAssessment

from .. import rules
from ..models import PackTemplate
from .ratings import Ratings, read_ratings


class Source:
    """The data as reported for one pack. Each reader runs its queries the first time it is used."""

    def __init__(self, *, template: PackTemplate, period: ReportingPeriod) -> None:
        self.template = template
        self.plan: Plan = template.plan
        self.area: LocalArea = template.area
        self.period = period
        self.frequency = str(template.frequency)
        self.covers_from: date = rules.covered_from(period_starts=period.starts_on, frequency=self.frequency)
        self.previous = self._previous()

    def _previous(self) -> ReportingPeriod | None:
        """The reported period the pack compares with (rules.comparison_period): one query."""
        reported = list(
            ReportingPeriod.objects.filter(plan_id=self.plan.pk, state=ReportingPeriod.State.REPORTED)
            .exclude(pk=self.period.pk)
            .defer("trend")
        )
        chosen = rules.comparison_period(
            period_ends=self.period.ends_on,
            frequency=self.frequency,
            reported=[(p.pk, p.ends_on) for p in reported],
        )
        return next((p for p in reported if p.pk == chosen), None)

    @cached_property
    def ratings(self) -> Ratings:
        return read_ratings(plan=self.plan, period=self.period, previous=self.previous)

    @cached_property
    def assessments(self) -> list[ReportedAssessment]:
        """Every headline measure as reported for the period, in the scorecard's order: one query."""
        return list(
            ReportedAssessment.objects.filter(period=self.period, is_headline=True).order_by(
                "position", "measure_code"
            )
        )

    @cached_property
    def risks_now(self) -> list[ReportedRisk]:
        return [row for row in self._risks if row.period_id == self.period.pk]

    @cached_property
    def risks_before(self) -> dict[int, ReportedRisk] | None:
        """The compared period's risks by risk id; None when there is no period to compare with."""
        if self.previous is None:
            return None
        return {row.risk_id: row for row in self._risks if row.period_id == self.previous.pk}

    @cached_property
    def _risks(self) -> list[ReportedRisk]:
        """The risks kept in the period and in the compared one, in the register's order: one query."""
        ids = [self.period.pk] + ([self.previous.pk] if self.previous is not None else [])
        return list(ReportedRisk.objects.filter(period_id__in=ids).order_by("risk__sort_key", "period_id"))

    @cached_property
    def bands(self) -> RiskBands | ReportedRiskBands:
        """The risk bands in force when the period was reported (risks.selectors.bands.bands_reported)."""
        return bands_reported(period=self.period)
