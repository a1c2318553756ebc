"""Django's sign-in signals, recorded in the audit (accounts/events.py) and the user's sessions."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .events import Kind, account_for_email, record_event
from .models import User
from .sessions import session_forget, session_seen


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    by_sso = getattr(user, "backend", "") == "accounts.sso.backend.SingleSignOnBackend"
    record_event(request, Kind.SSO_SUCCESS if by_sso else Kind.SUCCESS, user=user)
    if request is not None and isinstance(user, User) and hasattr(request, "session"):
        request.session.pop("_sessions_seen_at", None)
        session_seen(request, user)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_failed")
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")
    record_event(request, Kind.FAILURE, user=account_for_email(email), email=email)


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    record_event(request, Kind.SIGN_OUT, user=user)
    if request is not None and hasattr(request, "session"):
        session_forget(request)
