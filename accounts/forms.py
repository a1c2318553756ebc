"""Sign-in with email and password, throttled before any password is checked (accounts/throttle.py)."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from .addresses import request_address
from .events import Kind, account_for_email, record_event
from .hashing import HashingBusy, hashing_turn
from .throttle import Refusal, attempt_abandoned, attempt_begin, attempt_succeeded


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
        ticket = attempt_begin(email=email, address=request_address(self.request))
        if isinstance(ticket, Refusal):
            record_event(self.request, Kind.LOCKOUT, user=account_for_email(email), email=email)
            raise forms.ValidationError(ticket.message, code=ticket.code)
        try:
            with hashing_turn():
                self.user_cache = authenticate(self.request, username=email, password=password)
        except HashingBusy:
            attempt_abandoned(ticket)
            raise forms.ValidationError("The service is busy. Try again in a moment.", code="busy") from None
        if self.user_cache is None or not self.user_cache.is_active:
            raise forms.ValidationError(
                "Enter a correct email address and password. Passwords are case-sensitive.",
                code="invalid_login",
            )
        attempt_succeeded(ticket)
        return self.cleaned_data

    def get_user(self) -> AbstractBaseUser | None:
        return self.user_cache
