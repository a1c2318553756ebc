"""The area's name, council, colour and logo, changed by its programme manager."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import User
from common.concurrency import claim_version
from history import services as history

from ..models import LocalArea
from ..snapshots import area_snapshot


@transaction.atomic
def area_branding_update(
    *,
    area: LocalArea,
    expected_version: int,
    name: str,
    council_name: str,
    colour: str,
    logo_png: bytes | None = None,
    remove_logo: bool = False,
    by: User | None = None,
    requires_two_step: bool | None = None,
    allows_single_sign_on: bool | None = None,
) -> LocalArea:
    """Change how the area is shown. `logo_png` is a logo already checked and re-encoded
    (`areas.logo.logo_reencode`); it replaces any logo, as `remove_logo` removes it. The file replaced
    is deleted once the change is saved."""
    before = area_snapshot(area)
    old_logo = area.logo.name if area.logo else ""
    area.name, area.council_name, area.colour = name.strip(), council_name.strip(), colour.strip().lower()
    if requires_two_step is not None:  # None: left as it is
        area.requires_two_step = requires_two_step
    if allows_single_sign_on is not None:  # None: left as it is
        area.allows_single_sign_on = allows_single_sign_on
    if not area.name:
        raise ValidationError({"name": "Enter the area's name, for example Stockport"})
    area.full_clean(exclude=["slug", "logo", "version"])
    claim_version(area, expected_version)  # before the file is written: a refused edit writes no file
    if logo_png is not None:
        area.logo.save("logo.png", ContentFile(logo_png), save=False)
    elif remove_logo:
        area.logo.name = ""
    history.save_recorded(
        obj=area,
        snapshot=area_snapshot,
        before=before,
        area=area,
        subject=f"Local area {area.name}",
        by=by,
        source="Web",
    )
    new_logo = area.logo.name if area.logo else ""
    if old_logo and old_logo != new_logo:
        storage = area.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return area
