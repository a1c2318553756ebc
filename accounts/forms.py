"""Sign-in with email and password, locked after repeated failures."""

import math
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from .models import SignInFailure
from .rules import lockout_remaining


class SignInForm(forms.Form):
    username = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user_cache: AbstractBaseUser | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        now = timezone.now()
        failures = list(SignInFailure.objects.filter(email=email).values_list("at", flat=True))
        remaining = lockout_remaining(
            failures, now, settings.SIGN_IN_FAILURE_LIMIT, settings.SIGN_IN_LOCKOUT_MINUTES
        )
        if remaining is not None:
            minutes = max(1, math.ceil(remaining.total_seconds() / 60))
            raise forms.ValidationError(
                f"There have been too many failed attempts to sign in with this email address. "
                f"Try again in {minutes} minutes, or reset your password.",
                code="locked",
            )
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None or not self.user_cache.is_active:
            SignInFailure.objects.create(email=email, at=now)
            raise forms.ValidationError(
                "Enter a correct email address and password. Passwords are case-sensitive.",
                code="invalid_login",
            )
        SignInFailure.objects.filter(email=email).delete()
        return self.cleaned_data

    def get_user(self) -> AbstractBaseUser | None:
        return self.user_cache
