"""Sign-in lockout, as a plain rule (no Django)."""

import math
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


# Two-step sign-in (docs/security.md, "Two-step sign-in")

# The `amr` (authentication methods references, RFC 8176) values that mean the identity provider
# itself checked a second factor: "mfa" (multiple factors), "otp" (a one-time code), "hwk" and "swk"
# (proof of a hardware or software key), "sc" (a smart card), "fido" (a FIDO key, as Microsoft Entra ID
# writes it). "pwd", "face", "fpt", "rba" and the rest are one factor each and do not count alone.
SECOND_FACTOR_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sc", "fido"})


def second_factor_from_amr(amr: list[str], trusted: bool) -> bool:
    """The identity provider checked a second factor, and this installation trusts it to
    (setting OTP_TRUST_IDP_AMR): the token's `amr` claim names "mfa", "otp", "hwk", "swk", "sc" or "fido"."""
    return trusted and any(str(method).strip().lower() in SECOND_FACTOR_AMR for method in amr)


def second_factor_required(
    *, is_installation_admin: bool, manages_an_area: bool, in_area_requiring: bool
) -> bool:
    """You must set up two-step sign-in because you are an installation administrator, a programme
    manager, or a member of a local area whose programme manager requires it for every member."""
    return is_installation_admin or manages_an_area or in_area_requiring


def throttle_wait_seconds(locked_until: datetime | None, now: datetime) -> int:
    """Too many wrong codes: the whole seconds to wait before the next try (at least 1), or 0 when
    a code can be tried now."""
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, math.ceil((locked_until - now).total_seconds()))
