"""Rules about the local area's people, in plain Python (no Django), each named and tested on its own."""

from collections.abc import Sequence
from dataclasses import dataclass

# Why a person cannot be emailed, in words the programme manager can act on.
NO_MEMBER_NO_EMAIL = (
    "no email address: link them to a member on the members page, or add their email on their page"
)
INACTIVE_MEMBER_NO_EMAIL = (
    "no email address: their member account is switched off; add their email on their page"
)


@dataclass(frozen=True)
class Address:
    """Where to email a person: `email` ("" when there is none), where it came from, and why not."""

    email: str
    from_member: bool = False
    problem: str = ""


def person_address(*, member_emails: Sequence[str], has_inactive_member: bool, own_email: str) -> Address:
    """Which address to email a person at: the linked member's when there is one, else their own.

    A member signs in with their address, so it is the one they read. `member_emails` are the
    addresses of the active members linked to the person (the first, in order, is used: a person
    is normally linked to one member). With none, the email typed on the person's page is used;
    with neither, `problem` says why they cannot be reached and what to do.
    """
    for email in member_emails:
        if email.strip():
            return Address(email=email.strip(), from_member=True)
    if own_email.strip():
        return Address(email=own_email.strip())
    return Address(email="", problem=INACTIVE_MEMBER_NO_EMAIL if has_inactive_member else NO_MEMBER_NO_EMAIL)
