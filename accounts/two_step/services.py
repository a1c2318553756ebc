"""Writes for two-step sign-in: setting up an authenticator app, recovery codes, and resetting."""

import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import User
from .selectors import RECOVERY_DEVICE_NAME

RECOVERY_CODE_COUNT = 10
# Letters and digits that cannot be mistaken for one another when read from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
AUTHENTICATOR_NAME = "Authenticator app"


def recovery_code_normalise(typed: str) -> str:
    """A recovery code as stored: lower case, without the dash or spaces people type."""
    return "".join(ch for ch in typed.lower() if ch.isalnum())


def recovery_code_display(code: str) -> str:
    """A stored recovery code as shown and downloaded: two groups of four, like abcd-2345."""
    return f"{code[:4]}-{code[4:]}"


def authenticator_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for the set-up page: the same one each time the page is shown,
    until it is confirmed with a code. Confirmed authenticators are not touched here."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Check the first code from a new authenticator. When it is right, the authenticator becomes the
    user's only one (any older one, and every other unconfirmed one, is removed) and True is returned.
    A wrong code counts towards throttling like any other."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    return True


@transaction.atomic
def recovery_codes_make(*, user: User) -> list[str]:
    """Ten new recovery codes for the user, returned as shown (abcd-2345); any earlier codes stop working.
    Each works once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(8)) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    device.throttle_reset()
    return [recovery_code_display(code) for code in codes]


@transaction.atomic
def second_factor_reset(*, user: User) -> None:
    """Remove the user's authenticator app and recovery codes: they set up again at their next sign-in
    (if they must have a second factor). Their sessions verified by a removed device stop counting as
    two-step: django-otp drops a session's device when the device no longer exists."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
