"""A programme manager resets a member's two-step sign-in (their authenticator app and recovery codes)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.two_step.selectors import has_second_factor
from accounts.two_step.services import second_factor_reset
from history import services as history

from ..models import Membership


@transaction.atomic
def member_second_factor_reset(*, membership: Membership, by: User) -> None:
    """Remove the member's authenticator app and recovery codes, recorded in the area's history: they set
    up two-step sign-in again at their next sign-in. Not your own (that takes a recovery code), and not
    an installation administrator's (which reaches beyond this area)."""
    member = membership.user
    if member.pk == by.pk:
        raise ValidationError(
            "You cannot reset your own two-step sign-in here. Sign in with a recovery code, then set up a "
            "new authenticator app"
        )
    if member.is_installation_admin:
        raise ValidationError(
            "This member is an installation administrator: only they can reset their two-step sign-in"
        )
    _reset_recorded(membership=membership, by=by, source="Web")


@transaction.atomic
def programme_manager_second_factor_reset(*, membership: Membership, by: User) -> None:
    """An installation administrator resets a programme manager's two-step sign-in (from "Local areas"),
    recorded in the area's history: they set it up again at their next sign-in."""
    if not by.is_installation_admin:
        raise ValidationError("Only an installation administrator can reset a programme manager's here")
    if membership.role != Membership.Role.PROGRAMME_MANAGER:
        raise ValidationError("From Local areas, only a programme manager's two-step sign-in can be reset")
    if membership.user_id == by.pk:
        raise ValidationError(
            "You cannot reset your own two-step sign-in here. Sign in with a recovery code, then set up a "
            "new authenticator app"
        )
    _reset_recorded(membership=membership, by=by, source="Local areas")


def _reset_recorded(*, membership: Membership, by: User, source: str) -> None:
    member = membership.user
    had = "Set up" if has_second_factor(user=member) else "Not set up"
    second_factor_reset(user=member)
    history.change_record(
        area=membership.area,
        action=history.Action.CHANGED,
        subject=f"Member {member.email}",
        changes={"Two-step sign-in": [had, "Reset: to be set up at the next sign-in"]},
        obj=membership,
        by=by,
        source=source,
    )
