"""Rules about the local area's people, in plain Python (no Django), each named and tested on its own."""

import datetime
import hashlib
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


# Invitations: a link by email, valid for a week, used once.
INVITATION_VALID_FOR = datetime.timedelta(days=7)
INVITATION_EXPIRED = (
    "This invitation has expired: links last 7 days. Ask your programme manager to send it again."
)
INVITATION_USED = "This invitation has already been accepted. Sign in with the email address it was sent to."
INVITATION_WITHDRAWN = (
    "This invitation has been withdrawn. If you still need to join, ask your programme manager to invite you."
)


def invitation_expires_at(sent_at: datetime.datetime) -> datetime.datetime:
    """An invitation's link works for 7 days from when it was (last) sent."""
    return sent_at + INVITATION_VALID_FOR


def token_hash(token: str) -> str:
    """What is kept of an invitation's token: its SHA-256, so a copy of the database opens no link."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_problem(
    *,
    now: datetime.datetime,
    expires_at: datetime.datetime,
    accepted: bool,
    withdrawn: bool,
) -> str:
    """Why an invitation's link no longer works, in words saying what to do; "" while it works.

    Accepted comes first (the person is in, whatever happened since), then withdrawn, then expired.
    """
    if accepted:
        return INVITATION_USED
    if withdrawn:
        return INVITATION_WITHDRAWN
    if now >= expires_at:
        return INVITATION_EXPIRED
    return ""


def same_email(invited: str, signed_in: str) -> bool:
    """Whether a signed-in account is the one an invitation was sent to (email addresses ignore case)."""
    return invited.strip().lower() == signed_in.strip().lower()
