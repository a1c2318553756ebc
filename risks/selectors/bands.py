"""An area's risk bands, as every page that shows a band reads them."""

from areas.models import LocalArea
from progress.models import ReportingPeriod

from ..models import ReportedRiskBands, RiskBands


def bands_for(*, area: LocalArea) -> RiskBands:
    """The area's bands; the defaults (unsaved) until its programme manager sets them."""
    return RiskBands.objects.filter(area=area).first() or RiskBands(area=area)


def bands_reported(*, period: ReportingPeriod) -> RiskBands | ReportedRiskBands:
    """The bands in force when `period` was reported (kept with its risks, risks.services.reporting); the
    area's bands now for a period that kept none (one not reported, or made without the cycle, as the
    bench's history is)."""
    kept = ReportedRiskBands.objects.filter(period=period).first()
    return kept if kept is not None else bands_for(area=period.plan.area)
