"""Reads for two-step sign-in: a user's devices, and whether they must have one."""

from django.conf import settings
from django.utils.module_loading import import_string
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import User

RECOVERY_DEVICE_NAME = "Recovery codes"


def authenticator_for(*, user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_device_for(*, user: User) -> StaticDevice | None:
    """The user's recovery codes (one device holding them), if they have any."""
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()


def recovery_codes_left(*, user: User) -> int:
    device = recovery_device_for(user=user)
    return device.token_set.count() if device is not None else 0


def has_second_factor(*, user: User) -> bool:
    """The user has set up an authenticator app, so signing in takes its code (or a recovery code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_have_second_factor(*, user: User) -> bool:
    """Whether the user must set up two-step sign-in: the function named by TWO_STEP_REQUIRED_FOR
    decides (areas.selectors.second_factor_required: programme managers, installation administrators
    and members of an area that requires it)."""
    path = getattr(settings, "TWO_STEP_REQUIRED_FOR", "")
    if not path:
        return bool(user.is_installation_admin)
    return bool(import_string(path)(user=user))
