"""Reads of the audit of sign-ins."""

from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .audit_forms import EventFilters
from .models import SignInEvent, User


def sign_in_events(*, filters: EventFilters, user_ids: QuerySet | None = None) -> QuerySet[SignInEvent]:
    """Events, newest first: of the accounts in `user_ids` (an area's members), or of everyone."""
    events = SignInEvent.objects.select_related("user").order_by("-at", "-pk")
    if user_ids is not None:
        events = events.filter(user_id__in=user_ids)
    if filters.member:
        events = events.filter(user_id=filters.member)
    if filters.email:
        events = events.filter(email__contains=filters.email)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.on:
        start = timezone.make_aware(datetime.combine(filters.on, time.min))
        events = events.filter(at__gte=start, at__lt=start + timedelta(days=1))
    return events


def own_recent_sign_ins(*, user: User, limit: int = 10) -> list[SignInEvent]:
    """The user's own latest sign-ins and failures, for "Your sessions"."""
    return list(SignInEvent.objects.filter(user=user).order_by("-at", "-pk")[:limit])
