"""The bench's programme manager has been through two-step sign-in, as a person would have."""

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verify_session(client: Any, user: Any) -> None:
    """After `client.force_login(user)`: the session as after entering a code from an authenticator
    app (the user is given one), so pages open as they do for a signed-in programme manager."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Bench authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
