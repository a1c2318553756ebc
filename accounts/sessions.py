"""A user's signed-in browsers (UserSession): written on sign-in and by the middleware below, removed
on sign-out, and ended from the "Your sessions" page, which deletes Django's session too."""

import time
from collections.abc import Callable
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .addresses import request_address, request_user_agent
from .models import SignInCounter, User, UserSession

SEEN = "_sessions_seen_at"  # in the session: when its UserSession's last_seen was last written
SEEN_EVERY_SECONDS = 60


def _store(session_key: str):  # type: ignore[no-untyped-def]
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def session_seen(request: HttpRequest, user: User) -> None:
    """Write the browser's UserSession (made if missing), its last_seen at most once a minute."""
    session = request.session
    now = int(time.time())
    seen = session.get(SEEN)
    if isinstance(seen, int) and now - seen < SEEN_EVERY_SECONDS:
        return
    if session.session_key is None:
        session.save()
    key = session.session_key
    if key is None:
        return
    at = timezone.now()
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={"user": user, "last_seen": at},
        create_defaults={
            "user": user,
            "created": at,
            "last_seen": at,
            "address": request_address(request),
            "user_agent": request_user_agent(request),
        },
    )
    session[SEEN] = now


def session_forget(request: HttpRequest) -> None:
    """The browser signed out: its UserSession goes (Django flushes its session)."""
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).delete()


def session_key_changed(old: str | None, new: str | None) -> None:
    """The browser's session was given a new key (after the second step): its UserSession follows it, so
    "Your sessions" still lists it as this browser."""
    if old and new and old != new:
        UserSession.objects.filter(session_key=old).update(session_key=new)


class UserSessionMiddleware:
    """Keeps each signed-in browser's last_seen (at most one write a minute)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User):
            session_seen(request, user)
        return self.get_response(request)


def user_sessions(*, user: User) -> list[UserSession]:
    """The user's browsers that are still signed in, the most recently seen first."""
    rows = list(UserSession.objects.filter(user=user).order_by("-last_seen"))
    alive = set(
        Session.objects.filter(
            session_key__in=[row.session_key for row in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    return [row for row in rows if row.session_key in alive]


@transaction.atomic
def session_end(*, user: User, pk: int, current_key: str | None) -> bool:
    """Sign another of the user's browsers out: its Django session is deleted. False if it is not theirs
    (or is this browser: that is "Sign out")."""
    row = UserSession.objects.filter(user=user, pk=pk).exclude(session_key=current_key or "").first()
    if row is None:
        return False
    _store(row.session_key).delete(row.session_key)
    row.delete()
    return True


@transaction.atomic
def sessions_end_others(*, user: User, current_key: str | None) -> int:
    """Sign out every browser of the user's but this one; returns how many."""
    rows = list(UserSession.objects.filter(user=user).exclude(session_key=current_key or ""))
    for row in rows:
        _store(row.session_key).delete(row.session_key)
    UserSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


def sessions_prune() -> int:
    """Remove UserSessions whose Django session has expired or gone, and throttle counters whose window
    ended long ago; returns how many sessions were removed."""
    now = timezone.now()
    alive = Session.objects.filter(expire_date__gt=now).values("session_key")
    removed, _ = UserSession.objects.exclude(session_key__in=alive).delete()
    SignInCounter.objects.filter(window_start__lt=now - timedelta(days=1)).delete()
    return removed
