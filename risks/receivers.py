"""What the risk register does when the monthly cycle reports a period (progress.signals), connected in
RisksConfig.ready. Each hands over to a selector or a service."""

from progress.models import ReportingPeriod

from .selectors.reporting import reporting_problem
from .services.reporting import reported_risks_freeze


def refuse_red_without_update(sender: object, *, period: ReportingPeriod, **kwargs: object) -> str | None:
    """progress.signals.period_reporting: an open red risk with no mitigation note in the period holds
    it back (risks.rules.red_risks_problem)."""
    return reporting_problem(period=period)


def risks_keep_when_reported(sender: object, *, period: ReportingPeriod, **kwargs: object) -> None:
    """progress.signals.period_reported: keep each risk as the board is told it."""
    reported_risks_freeze(period=period)
