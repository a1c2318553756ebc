"""What the scorecard does when the monthly cycle reports a period (progress.signals), connected in
ScorecardConfig.ready. Django calls a receiver with the sender and the signal's arguments; each hands
over to a selector or a service."""

from progress.models import ReportingPeriod

from .selectors.reporting import measures_needing_commentary, needing_commentary_message
from .services.reporting import reported_scorecard_freeze


def refuse_red_without_commentary(sender: object, *, period: ReportingPeriod, **kwargs: object) -> str | None:
    """progress.signals.period_reporting: a red measure without a commentary holds the period back."""
    needing = measures_needing_commentary(period=period)
    return needing_commentary_message(measures=needing) if needing else None


def scorecard_keep_when_reported(sender: object, *, period: ReportingPeriod, **kwargs: object) -> None:
    """progress.signals.period_reported: keep the scorecard as the board is told it, every figure known."""
    reported_scorecard_freeze(period=period)
