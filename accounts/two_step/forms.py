"""The words of two-step sign-in: the code from an authenticator app, and a recovery code."""

import math
from typing import Any

from django import forms
from django.utils import timezone
from django_otp import verify_token
from django_otp.models import Device

from common.forms import Form

from ..models import User
from ..rules import throttle_wait_seconds
from .services import recovery_code_normalise


def _wait_message(device: Device) -> str | None:
    """ "Too many wrong codes" with when to try again, while django-otp's throttling holds the device."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data:
        return None
    seconds = throttle_wait_seconds(data.get("locked_until"), timezone.now())
    if seconds == 0:
        return None
    when = f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"
    return f"You have entered too many wrong codes. Wait {when}, then try again."


# After this many wrong codes in a row, the message says how long to wait (the wait starts at once,
# 1 second after the first, doubling each time: OTP_TOTP_THROTTLE_FACTOR).
SAY_WAIT_AFTER = 3


def _after_wrong_code(device: Device, wrong_message: str) -> str:
    """The message for a wrong code: what was wrong, or after a few, how long to wait."""
    if getattr(device, "throttling_failure_count", 0) >= SAY_WAIT_AFTER:
        return _wait_message(device) or wrong_message
    return wrong_message


class _DeviceCodeForm(Form):
    """A code checked against one device of the user: throttled after each wrong one."""

    wrong_message = ""

    def __init__(self, *args: Any, user: User, device: Device, **kwargs: Any) -> None:
        self.user = user
        self.device = device
        super().__init__(*args, **kwargs)

    def normalise(self, typed: str) -> str:
        return typed

    def clean_code(self) -> str:
        code = self.normalise(self.cleaned_data["code"])
        waiting = _wait_message(self.device)
        if waiting:
            raise forms.ValidationError(waiting, code="throttled")
        if verify_token(self.user, self.device.persistent_id, code) is None:
            self.device.refresh_from_db()
            raise forms.ValidationError(_after_wrong_code(self.device, self.wrong_message), code="invalid")
        return code


class AuthenticatorCodeForm(_DeviceCodeForm):
    code = forms.CharField(
        label="Enter the 6-digit code from your authenticator app",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )
    wrong_message = "The code is not right. Enter the 6-digit code your authenticator app shows now"

    def normalise(self, typed: str) -> str:
        return "".join(typed.split())


class RecoveryCodeForm(_DeviceCodeForm):
    code = forms.CharField(
        label="Enter one of your recovery codes",
        help_text="Each code works once, like abcd-2345",
        max_length=20,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    wrong_message = "The recovery code is not right, or has been used. Enter a code you have not used"

    def normalise(self, typed: str) -> str:
        return recovery_code_normalise(typed)


class SetUpCodeForm(Form):
    """The first code from a new authenticator app, which confirms it is set up."""

    code = forms.CharField(
        label="Enter the 6-digit code your authenticator app now shows",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())

    def refuse(self, device: Device) -> None:
        """The code did not confirm the app: say why, and when to try again if throttled."""
        self.add_error(
            "code",
            _after_wrong_code(
                device,
                "The code is not right. Check the app was set up with this page's QR code or key, "
                "and enter the code it shows now",
            ),
        )
