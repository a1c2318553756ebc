"""Sign-in rules, in plain Python (no Django): where a request comes from, how long an account waits."""

import math
from datetime import datetime, timedelta
from ipaddress import ip_address


def client_address(remote_addr: str, forwarded_for: str, trusted_proxies: list[str]) -> str | None:
    """The client's address: the connection's, unless it comes from a trusted proxy (the reverse proxy
    on the same machine), in which case the last address the proxy added to X-Forwarded-For.

    Only the last hop is believed: anything before it was written by the client and can be forged.
    Returns None when there is no valid address."""
    address = remote_addr.strip()
    if address in trusted_proxies or "*" in trusted_proxies:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if hops:
            address = hops[-1]
    try:
        return str(ip_address(address))
    except ValueError:
        return None


def account_delay(failures: int, free: int, cap_seconds: int) -> timedelta:
    """How long an account waits before its next sign-in attempt is checked, after `failures` failed
    attempts from any address: none for the first `free`, then 1 second, doubling with each further
    failure, never more than `cap_seconds`. The owner is slowed down, never locked out."""
    over = failures - free
    if over <= 0:
        return timedelta(0)
    return timedelta(seconds=min(2 ** min(over - 1, 30), cap_seconds))


BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Windows", "Windows"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe_browser(user_agent: str) -> str:
    """A browser's User-Agent in words a person recognises: "Firefox on Windows", or "Unknown browser"."""
    browser = next((name for mark, name in BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in SYSTEMS if mark in user_agent), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "Unknown browser")


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
