"""Setting up a new local area: the installation administrator's page and `manage.py create_area`."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from history import services as history

from ..models import Invitation, LocalArea, Membership
from .invitations import invitation_create


@transaction.atomic
def area_create(
    *,
    name: str,
    slug: str,
    council_name: str,
    pm_email: str,
    by: User | None = None,
    site_url: str | None = None,
) -> Invitation:
    """Make a local area and invite its first programme manager by email; returns the invitation.

    Nothing is made if anything is wrong (a blank name, a web address already taken, a bad email)."""
    area = LocalArea(name=name.strip(), slug=slug.strip().lower(), council_name=council_name.strip())
    if not area.name:
        raise ValidationError({"name": "Enter the area's name, for example Stockport"})
    if LocalArea.objects.filter(slug=area.slug).exists():
        raise ValidationError({"slug": f"There is already an area at /areas/{area.slug}/: choose another"})
    try:
        area.full_clean()
    except ValidationError as error:
        problems = error.message_dict
        if "slug" in problems:
            raise ValidationError(
                {"slug": "Enter a web address of lower case letters, numbers and hyphens, like stockport"}
            ) from None
        raise
    area.save()
    history.change_record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Local area {area.name}",
        obj=area,
        changes={"Name": ["", area.name], "Council": ["", area.council_name]},
        by=by,
        source="Set-up",
    )
    try:
        return invitation_create(
            area=area,
            email=pm_email,
            role=Membership.Role.PROGRAMME_MANAGER,
            by=by,
            site_url=site_url,
        )
    except ValidationError as error:
        raise ValidationError({"pm_email": error.messages}) from None
