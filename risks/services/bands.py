"""An area's risk bands: where amber and red start."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea
from history import services as history

from .. import rules
from ..models import RiskBands
from ..snapshots import bands_snapshot


def bands_of(*, area: LocalArea) -> RiskBands:
    """The area's bands, made with the defaults the first time they are asked for."""
    bands, _ = RiskBands.objects.get_or_create(area=area)
    return bands


@transaction.atomic
def bands_update(
    *, area: LocalArea, expected_version: int, amber_from: int, red_from: int, by: User | None = None
) -> RiskBands:
    problem = rules.bands_problem(amber_from=amber_from, red_from=red_from)
    if problem:
        raise ValidationError({"red_from" if "Red" in problem.split()[0] else "amber_from": problem})
    bands = bands_of(area=area)
    before = bands_snapshot(bands)
    bands.amber_from, bands.red_from = amber_from, red_from
    history.save_recorded(
        obj=bands,
        snapshot=bands_snapshot,
        before=before,
        area=area,
        subject="Risk bands",
        by=by,
        source="Web",
        expected_version=expected_version,
    )
    return bands
