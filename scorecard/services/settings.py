"""The area's rating settings and the DfE codes that find it and its comparators: checked, saved in one
transaction and recorded in the area's history."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import claim_version
from history import services as history

from .. import rules
from ..dfe import codes
from ..models import ScorecardSettings
from .measures import _number, _record

SETTINGS_FIELDS = (
    "tolerance",
    "tolerance_kind",
    "near_miss",
    "no_target",
    "direction_threshold",
    "la_code",
    "old_la_code",
    "region_code",
    "region_name",
    "neighbour_codes",
)


def settings_snapshot(*, settings: ScorecardSettings) -> dict[str, str]:
    return {
        "Tolerance": _number(settings.tolerance),
        "Tolerance measured": settings.get_tolerance_kind_display(),
        "A near miss is": settings.get_near_miss_display(),
        "Measures with no target": settings.get_no_target_display(),
        "Direction threshold": _number(settings.direction_threshold),
        "9-character LA code": settings.la_code,
        "3-digit LA code": settings.old_la_code,
        "Region code": settings.region_code,
        "Region name": settings.region_name,
        "Statistical neighbours": settings.neighbour_codes,
    }


@dataclass
class SettingsContent:
    """Everything the settings form sets: how the area rates its measures, and its DfE codes."""

    tolerance: Decimal = Decimal(0)
    tolerance_kind: str = rules.ToleranceKind.UNITS.value
    near_miss: str = rules.NearMiss.AMBER.value
    no_target: str = rules.NoTarget.COMPARE.value
    direction_threshold: Decimal = Decimal(0)
    la_code: str = ""
    old_la_code: str = ""
    region_code: str = ""
    region_name: str = ""
    neighbour_codes: str = ""

    @classmethod
    def of(cls, found: ScorecardSettings) -> "SettingsContent":
        return cls(
            tolerance=found.tolerance,
            tolerance_kind=found.tolerance_kind,
            near_miss=found.near_miss,
            no_target=found.no_target,
            direction_threshold=found.direction_threshold,
            la_code=found.la_code,
            old_la_code=found.old_la_code,
            region_code=found.region_code,
            region_name=found.region_name,
            neighbour_codes=found.neighbour_codes,
        )

    def apply(self, found: ScorecardSettings) -> None:
        for name in SETTINGS_FIELDS:
            setattr(found, name, getattr(self, name))

    def snapshot(self) -> dict[str, str]:
        """The content as people read it, keyed by label: for showing an edit conflict."""
        shown = ScorecardSettings()
        self.apply(shown)
        return settings_snapshot(settings=shown)


def _check_settings(found: ScorecardSettings) -> None:
    errors = {}
    for name, reader in (
        ("la_code", codes.read_la_code),
        ("old_la_code", codes.read_old_la_code),
        ("region_code", codes.read_region_code),
    ):
        try:
            setattr(found, name, reader(getattr(found, name)))
        except codes.CodeProblem as problem:
            errors[name] = str(problem)
    try:
        own = (found.la_code, found.old_la_code)
        found.neighbour_codes = ", ".join(codes.read_neighbour_codes(found.neighbour_codes, own=own))
    except codes.CodeProblem as problem:
        errors["neighbour_codes"] = str(problem)
    found.region_name = found.region_name.strip()
    try:
        found.rating_settings()
    except ValueError as problem:
        errors["__all__"] = str(problem)
    if errors:
        raise ValidationError(errors)
    found.full_clean(exclude=["area"], validate_constraints=False)


@transaction.atomic
def settings_save(
    *, area: LocalArea, content: SettingsContent, expected_version: int, by: User | None = None
) -> ScorecardSettings:
    """Save the area's rating settings and data codes; refused if someone saved them since they were read."""
    found, _ = ScorecardSettings.objects.get_or_create(area=area)
    before = settings_snapshot(settings=found)
    claim_version(found, expected_version)
    content.apply(found)
    _check_settings(found)
    found.save()
    _record(
        area=area,
        action=history.Action.CHANGED,
        subject="Scorecard settings",
        obj=found,
        before=before,
        after=settings_snapshot(settings=found),
        by=by,
    )
    return found
