"""The address a request came from, as the sign-in throttle and the audit of sign-ins see it."""

from django.conf import settings
from django.http import HttpRequest

from .rules import client_address


def request_address(request: HttpRequest | None) -> str | None:
    """REMOTE_ADDR, or the last hop of X-Forwarded-For when REMOTE_ADDR is a trusted proxy
    (settings.TRUSTED_PROXIES: gunicorn's FORWARDED_ALLOW_IPS in production)."""
    if request is None:
        return None
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXIES,
    )


def request_user_agent(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("HTTP_USER_AGENT", ""))[:300]
