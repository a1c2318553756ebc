"""An area's risk bands, as every page that shows a band reads them."""

from areas.models import LocalArea

from ..models import RiskBands


def bands_for(*, area: LocalArea) -> RiskBands:
    """The area's bands; the defaults (unsaved) until its programme manager sets them."""
    return RiskBands.objects.filter(area=area).first() or RiskBands(area=area)
