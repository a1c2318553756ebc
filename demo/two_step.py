"""The demo's two-step sign-in: every demo account that must have it (the programme managers) is given
an authenticator with one published key, printed by `load_demo`, so testers add it to any app, or ask
`manage.py demo_code` for the code it would show."""

import time
from base64 import b32encode
from binascii import unhexlify

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_step.qr import secret_in_groups

DEMO_TOTP_KEY = "64656d6f2d73656e642d323032362d74776f2d73"  # a published demo key, never a real account's
DEMO_DEVICE_NAME = "Demo authenticator"


def demo_key_base32() -> str:
    """The demo key as typed into an authenticator app, in groups of four."""
    return secret_in_groups(b32encode(unhexlify(DEMO_TOTP_KEY)).decode())


def demo_authenticator_give(user: User) -> TOTPDevice:
    """The demo account's authenticator, with the published key (made once)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=DEMO_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return device


def demo_code_now() -> str:
    """The code an app holding the demo key shows now."""
    totp = TOTP(unhexlify(DEMO_TOTP_KEY))
    totp.time = time.time()
    return f"{totp.token():06d}"
