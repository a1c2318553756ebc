"""Helpers for tests that pass the second step: an authenticator with a known key, and its code now."""

import base64
import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# A fixed 20-byte key (hex), so a test can compute the code an app would show.
KNOWN_KEY = "3132333435363738393031323334353637383930"


def authenticator(user, *, key: str = KNOWN_KEY) -> TOTPDevice:
    """The user's confirmed authenticator app, made with a known key if they have none; ready to accept
    a code for the current time step (its last used step forgotten)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", key=key, confirmed=True)
    else:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        device.refresh_from_db()
    return device


def code_now(device: TOTPDevice) -> str:
    """The code the app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def verify_session(client: Client, user) -> None:
    """Make the client's signed-in session one that has been through the second step, as after
    entering a code (what `force_login` gives every test that is not about two-step sign-in)."""
    device = authenticator(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def code_for_key(written: str, *, steps_ahead: int = 0) -> str:
    """The code an app shows once a person has typed the key the set-up page writes out (in groups)."""
    plain = written.replace(" ", "")
    totp = TOTP(base64.b32decode(plain + "=" * (-len(plain) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"
