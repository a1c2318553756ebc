"""The audit of who came in: every sign-in, failure, refusal and sign-out (docs/security.md).

Other features (two-step sign-in, single sign-on) call `record_event` with their own kinds."""

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone

from .addresses import request_address, request_user_agent
from .models import SignInEvent, User

Kind = SignInEvent.Kind


def record_event(
    request: HttpRequest | None,
    kind: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    email: str = "",
    reason: str = "",
) -> SignInEvent:
    """Record one event of `kind` (SignInEvent.Kind) for the request's address and browser; `reason` says
    why a refusal was refused (shown in the sign-in activity)."""
    account = user if isinstance(user, User) else None
    if not email and account is not None:
        email = account.email
    return SignInEvent.objects.create(
        user=account,
        email=email.strip().lower()[:254],
        kind=Kind(kind),
        reason=reason[:200],
        address=request_address(request),
        user_agent=request_user_agent(request),
        at=timezone.now(),
    )


def account_for_email(email: str) -> User | None:
    """The account with this email, to file an event under (never shown to whoever typed it)."""
    return User.objects.filter(email__iexact=email.strip()).first() if email.strip() else None


def events_prune(*, months: int = 12) -> int:
    """Remove events older than `months` months (30-day months); returns how many were removed."""
    cutoff = timezone.now() - timedelta(days=30 * months)
    removed, _ = SignInEvent.objects.filter(at__lt=cutoff).delete()
    return removed
