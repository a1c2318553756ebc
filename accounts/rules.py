"""Sign-in lockout, as a plain rule (no Django)."""

from datetime import datetime, timedelta


def lockout_remaining(failures: list[datetime], now: datetime, limit: int, minutes: int) -> timedelta | None:
    """After `limit` failed sign-ins within `minutes`, the address is locked until the oldest ages out.

    Returns how long is left, or None when signing in is allowed.
    """
    window = timedelta(minutes=minutes)
    recent = sorted(at for at in failures if now - at < window)
    if len(recent) < limit:
        return None
    return recent[-limit] + window - now
