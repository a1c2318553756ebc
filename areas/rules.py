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


# People's other names and groups' short names.


def name_key(text: str) -> str:
    """How initials, short names and aliases are compared: any case, spaces and dots ignored, so
    "K.D.", "kd" and "K D" are one name."""
    return "".join(text.replace(".", " ").split()).lower()


def split_aliases(text: str) -> list[str]:
    """ "SEND GM; PeRi" or "SEND GM, PeRi" -> ["SEND GM", "PeRi"]: a person's other names, split at
    semicolons or commas, each once, in order."""
    found: dict[str, str] = {}
    for part in text.replace(",", ";").replace("\n", ";").split(";"):
        alias = " ".join(part.split())
        if alias and name_key(alias) not in found:
            found[name_key(alias)] = alias
    return list(found.values())


def join_aliases(aliases: Sequence[str]) -> str:
    """A person's aliases as stored and exported: "SEND GM; PeRi"."""
    return "; ".join(aliases)


def alias_clash(alias: str, *, initials: str, others: dict[str, str]) -> str:
    """Why a person cannot have this alias ("" when they can), `others` being every other person's
    and group's initials and aliases (by `name_key`) with who holds each ("PR", "the alias of PR").

    An alias must name one person only: not their own initials, nor anyone else's initials or alias.
    """
    key = name_key(alias)
    if key == name_key(initials):
        return f'"{alias}" is already this person\'s initials: leave it out of the aliases'
    if key in others:
        return f'"{alias}" is already {others[key]}: give each name to one person only'
    return ""


_SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "&"}
SHORT_NAME_LIMIT = 12


def short_name_for(name: str, *, taken: set[str]) -> str:
    """A group's short name worked out from its name when none is given: the first letter of each
    word that starts with a capital ("SEND Improvement Board" is SIB), or of each word but small
    ones when fewer than two do ("CCG officer" is CO); made unique among `taken` (by `name_key`) by
    a number ("SIB2")."""
    words = [w for w in name.replace("&", " & ").split() if w]
    letters = "".join(w[0] for w in words if w[0].isupper() or w[0].isdigit())
    if len(letters) < 2:
        letters = "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS and w[0].isalnum()).upper()
    base = (letters or "G")[: SHORT_NAME_LIMIT - 2]
    candidate, number = base, 1
    while name_key(candidate) in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate
