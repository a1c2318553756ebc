"""The scorecard's objects, always looked up inside the signed-in user's area (areas.access), and
the area's rating settings."""

from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import LocalArea

from ..models import Breakdown, DataUpload, Figure, Measure, Outcome, SavedMapping, ScorecardSettings


def settings_for(*, area: LocalArea) -> ScorecardSettings:
    """The area's scorecard settings; an area that has never set them gets the defaults (unsaved)."""
    found = ScorecardSettings.objects.filter(area=area).first()
    return found or ScorecardSettings(area=area)


def get_measure(*, access: Access, pk: int) -> Measure:
    return get_object_or_404(Measure.objects.select_related("owner", "area"), area=access.area, pk=pk)


def get_breakdown(*, access: Access, measure: Measure, pk: int) -> Breakdown:
    return get_object_or_404(Breakdown, measure=measure, measure__area=access.area, pk=pk)


def get_outcome(*, access: Access, pk: int) -> Outcome:
    return get_object_or_404(Outcome, area=access.area, pk=pk)


def get_saved_mapping(*, access: Access, pk: int) -> SavedMapping:
    return get_object_or_404(SavedMapping, area=access.area, pk=pk)


def get_data_upload(*, access: Access, pk: int) -> DataUpload:
    return get_object_or_404(DataUpload, area=access.area, pk=pk)


def get_figure(*, access: Access, pk: int) -> Figure:
    return get_object_or_404(
        Figure.objects.select_related("breakdown__measure"), breakdown__measure__area=access.area, pk=pk
    )
