"""Sign-in rules, in plain Python (no Django): where a request comes from, how long an account waits."""

from datetime import timedelta
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
