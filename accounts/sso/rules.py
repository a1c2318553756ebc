"""Single sign-on rules, in plain Python (no Django): is the ID token good, is its email verified, may
its owner come in. Each refusal's `reason` is what the sign-in activity shows; its `message` is what the
person is told (never the token's contents)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DID_NOT_COMPLETE = "Single sign-on did not complete. Try again or sign in with your password."


@dataclass(frozen=True)
class Refusal:
    reason: str  # for the sign-in activity
    message: str  # for the person signing in


def _refused(reason: str) -> Refusal:
    return Refusal(reason=reason, message=DID_NOT_COMPLETE)


def id_token_problem(
    claims: Mapping[str, Any], *, issuer: str, client_id: str, nonce: str | None, now: float, leeway: int
) -> Refusal | None:
    """An ID token is refused unless it was issued by our identity provider (`iss`), for this service
    (`aud` names our client id; with several audiences, `azp` is ours too), for this sign-in (`nonce`),
    is not expired (`exp`, allowing `leeway` seconds of clock difference) and was not issued in the
    future (`iat`). Its signature is checked before this rule is asked."""
    if not issuer or claims.get("iss") != issuer:
        return _refused("ID token from another issuer")
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    if client_id not in audiences:
        return _refused("ID token for another application (audience)")
    if len(audiences) > 1 and claims.get("azp") != client_id:
        return _refused("ID token for another application (authorised party)")
    if nonce is not None and claims.get("nonce") != nonce:
        return _refused("ID token for another sign-in (nonce)")
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or isinstance(expires, bool):
        return _refused("ID token without an expiry")
    if now > expires + leeway:
        return _refused("ID token expired")
    issued = claims.get("iat")
    if isinstance(issued, int | float) and not isinstance(issued, bool) and issued > now + leeway:
        return _refused("ID token issued in the future")
    return None


def token_email(claims: Mapping[str, Any], email_claim: str) -> str:
    """The email address the token gives, from the claim the installation names (SSO_EMAIL_CLAIM:
    "email", or "preferred_username" for Entra ID), trimmed and in lower case; "" when it gives none."""
    value = claims.get(email_claim) or ""
    if not isinstance(value, str) or "@" not in value:
        return ""
    return value.strip().lower()


def _true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def email_verified(claims: Mapping[str, Any], email: str, verified_domains: Sequence[str]) -> bool:
    """The identity provider vouches for the email address: the token says `email_verified` true; or,
    when it says nothing either way (Microsoft Entra ID never sends email_verified), the token says
    `xms_edov` true (Entra's "email domain owner verified") or the address is in one of the domains the
    installation lists as its tenant's verified domains (SSO_VERIFIED_DOMAINS)."""
    if not email:
        return False
    if "email_verified" in claims:
        return _true(claims["email_verified"])
    if _true(claims.get("xms_edov")):
        return True
    domain = email.rsplit("@", 1)[1]
    return domain in {d.strip().lower() for d in verified_domains if d.strip()}


@dataclass(frozen=True)
class Standing:
    """What the service knows about an email address, for single sign-on (areas.selectors)."""

    has_account: bool = False
    account_active: bool = True
    is_installation_admin: bool = False
    member_of: tuple[str, ...] = ()  # names of the areas the account is a member of
    refusing: tuple[str, ...] = ()  # of those, the areas that turned single sign-on off
    invited_to: tuple[str, ...] = ()  # areas with an open invitation for the email
    invited_refusing: tuple[str, ...] = ()  # of those, the areas that turned single sign-on off


def standing_refusal(email: str, standing: Standing) -> Refusal | None:
    """Single sign-on signs in an existing, active account whose verified email is a member of a local
    area, has an open invitation to one, or is an installation administrator. It never creates an
    account or a membership. Refused: anyone else; a member of any area that turned single sign-on off
    (a session opens every area of the account, so the stricter area wins: they sign in with their
    password); an invitation only to such areas; an invitation with no account yet (the invitation's
    link makes the account, after which single sign-on works)."""
    if standing.has_account and not standing.account_active:
        return Refusal("Account switched off", f"The account for {email} is switched off.")
    if standing.refusing:
        area = standing.refusing[0]
        return Refusal(
            f"{area} does not allow single sign-on",
            f"{area} asks its members to sign in with their email address and password.",
        )
    allowed_invitations = [a for a in standing.invited_to if a not in standing.invited_refusing]
    if standing.has_account and (standing.member_of or standing.is_installation_admin or allowed_invitations):
        return None
    if allowed_invitations:
        return Refusal(
            "Invited, no account yet",
            f"You have been invited to {allowed_invitations[0]}. Open the link in your invitation email "
            "to set up your account; after that you can sign in with single sign-on.",
        )
    if standing.invited_refusing:
        area = standing.invited_refusing[0]
        then = "" if standing.has_account else " Open the link in your invitation email to set up an account."
        return Refusal(
            f"{area} does not allow single sign-on",
            f"{area} asks its members to sign in with their email address and password.{then}",
        )
    return Refusal(
        "No invitation or membership",
        f"We could not find an invitation or membership for {email}. "
        "Ask your programme manager to invite you.",
    )


def unverified_refusal(email: str) -> Refusal:
    """The identity provider does not vouch for the email address (`email_verified`)."""
    if not email:
        return Refusal("No email address in the ID token", DID_NOT_COMPLETE)
    return Refusal(
        "Email address not verified",
        f"Your identity provider has not confirmed that {email} is yours. Sign in with your password.",
    )
