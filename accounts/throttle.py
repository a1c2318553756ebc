"""Sign-in throttling that parallel attempts cannot race (docs/security.md, "Signing in").

Before a password is checked, an attempt takes a slot from three counters, each with one conditional
UPDATE, so that however many attempts arrive at once, no more than the limit reach the password check:

- the email with the address (5 in 15 minutes): guessing one account's password from one place;
- the address, across every email (30 in 15 minutes): one place trying many accounts;
- the email, across every address: no lock, but after 10 failures each attempt waits 1 s, 2 s, 4 s...
  up to a minute before it is checked, so many places together are slowed while the owner still gets in.

A successful sign-in gives back the address's slot and clears the email's counters."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import SignInCounter
from .rules import account_delay

CONFLICT_RETRIES = 8


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is not checked, in words that say what to do and never whether the account exists."""

    message: str
    code: str


@dataclass(frozen=True)
class Ticket:
    """The slots one attempt holds, given back or cleared once the password has been checked."""

    pair: str
    address: str
    account: str


def _keys(email: str, address: str | None) -> Ticket:
    email = email[:254]
    where = address or "unknown"
    return Ticket(pair=f"pair:{email}|{where}", address=f"address:{where}", account=f"account:{email}")


def _window() -> timedelta:
    return timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)


def _counter(key: str, now: datetime) -> SignInCounter:
    """The key's counter, made if there is none (two attempts making it at once: one wins, both use it),
    with a window that has ended started again."""
    counter, _ = SignInCounter.objects.get_or_create(key=key, defaults={"window_start": now})
    if counter.window_start <= now - _window():
        SignInCounter.objects.filter(key=key, window_start__lte=now - _window()).update(
            attempts=0, window_start=now, wait_until=None
        )
        counter.refresh_from_db()
    return counter


def _take(key: str, limit: int, now: datetime) -> bool:
    """Take one of the key's `limit` slots: one UPDATE that counts only while under the limit."""
    _counter(key, now)
    return SignInCounter.objects.filter(key=key, attempts__lt=limit).update(attempts=F("attempts") + 1) == 1


def _give_back(key: str) -> None:
    SignInCounter.objects.filter(key=key, attempts__gt=0).update(attempts=F("attempts") - 1)


def _minutes_left(key: str, now: datetime) -> int:
    start = SignInCounter.objects.filter(key=key).values_list("window_start", flat=True).first() or now
    return max(1, math.ceil((start + _window() - now).total_seconds() / 60))


def _take_account(key: str, now: datetime) -> Refusal | None:
    """Count an attempt on the account and set how long the next one waits (compare-and-set, so
    parallel attempts each see the count before them)."""
    for _ in range(CONFLICT_RETRIES):
        counter = _counter(key, now)
        if counter.wait_until and counter.wait_until > now:
            seconds = max(1, math.ceil((counter.wait_until - now).total_seconds()))
            unit = "second" if seconds == 1 else "seconds"
            return Refusal(
                "There have been many failed attempts to sign in with this email address. "
                f"Wait {seconds} {unit}, then try again, or reset your password.",
                "delayed",
            )
        attempts = counter.attempts + 1
        delay = account_delay(
            attempts, settings.SIGN_IN_ACCOUNT_FREE_FAILURES, settings.SIGN_IN_ACCOUNT_DELAY_CAP_SECONDS
        )
        changed = SignInCounter.objects.filter(key=key, attempts=counter.attempts).update(
            attempts=attempts, wait_until=now + delay if delay else None
        )
        if changed:
            return None
    return Refusal("The service is busy. Try again in a moment.", "busy")


def attempt_begin(*, email: str, address: str | None) -> Ticket | Refusal:
    """Take the attempt's slots before its password is checked, or say why it may not be checked."""
    now = timezone.now()
    ticket = _keys(email, address)
    if not _take(ticket.pair, settings.SIGN_IN_FAILURE_LIMIT, now):
        return Refusal(
            "There have been too many failed attempts to sign in with this email address. "
            f"Try again in {_minutes_left(ticket.pair, now)} minutes, or reset your password.",
            "locked",
        )
    if not _take(ticket.address, settings.SIGN_IN_ADDRESS_LIMIT, now):
        _give_back(ticket.pair)
        return Refusal(
            "There have been too many failed attempts to sign in from your network. "
            f"Try again in {_minutes_left(ticket.address, now)} minutes.",
            "locked",
        )
    refused = _take_account(ticket.account, now)
    if refused:
        _give_back(ticket.pair)
        _give_back(ticket.address)
        return refused
    return ticket


def attempt_succeeded(ticket: Ticket) -> None:
    """The password was right: the address's slot is given back, the email's counters cleared."""
    _give_back(ticket.address)
    SignInCounter.objects.filter(key__in=[ticket.pair, ticket.account]).update(attempts=0, wait_until=None)


def attempt_abandoned(ticket: Ticket) -> None:
    """The password was never checked (the service was busy): every slot is given back."""
    for key in (ticket.pair, ticket.address, ticket.account):
        _give_back(key)
