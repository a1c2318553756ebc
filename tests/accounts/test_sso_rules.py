"""The single sign-on rules (accounts/sso/rules.py), one test each, by name."""

from hypothesis import given
from hypothesis import strategies as st

from accounts.sso.rules import (
    DID_NOT_COMPLETE,
    Standing,
    email_verified,
    id_token_problem,
    standing_refusal,
    token_email,
    unverified_refusal,
)

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
NOW = 1_800_000_000.0


def _claims(**changes):
    claims = {"iss": ISSUER, "aud": "send-programme", "nonce": "n1", "exp": NOW + 300, "iat": NOW - 10}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _problem(claims, nonce="n1", leeway=60):
    problem = id_token_problem(
        claims, issuer=ISSUER, client_id="send-programme", nonce=nonce, now=NOW, leeway=leeway
    )
    return problem.reason if problem else None


def test_id_token_problem():
    """A good token passes; each check refuses with its reason, and the person is told only that single
    sign-on did not complete."""
    assert _problem(_claims()) is None
    other_tenant = "https://login.microsoftonline.com/other/v2.0"
    assert _problem(_claims(iss=other_tenant)) == "ID token from another issuer"
    assert _problem(_claims(aud="another-application")) == "ID token for another application (audience)"
    assert _problem(_claims(aud=["send-programme", "other"])) == (
        "ID token for another application (authorised party)"
    )
    assert _problem(_claims(aud=["send-programme", "other"], azp="send-programme")) is None
    assert _problem(_claims(aud=["send-programme"])) is None
    assert _problem(_claims(nonce="replayed")) == "ID token for another sign-in (nonce)"
    assert _problem(_claims(nonce=None)) == "ID token for another sign-in (nonce)"
    assert _problem(_claims(exp=None)) == "ID token without an expiry"
    assert _problem(_claims(exp=True)) == "ID token without an expiry"
    assert _problem(_claims(exp=NOW - 61)) == "ID token expired"
    assert _problem(_claims(exp=NOW - 59)) is None  # within the clock leeway
    assert _problem(_claims(iat=NOW + 120)) == "ID token issued in the future"
    refusal = id_token_problem(
        _claims(aud="x"), issuer=ISSUER, client_id="send-programme", nonce="n1", now=NOW, leeway=60
    )
    assert refusal is not None and refusal.message == DID_NOT_COMPLETE


def test_id_token_problem_with_no_issuer_configured_refuses_every_token():
    assert id_token_problem(_claims(), issuer="", client_id="send-programme", nonce="n1", now=NOW, leeway=60)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_id_token_problem_refuses_every_token_expired_by_more_than_the_leeway(leeway, beyond):
    assert _problem(_claims(exp=NOW - leeway - beyond), leeway=leeway) == "ID token expired"


def test_token_email():
    assert token_email({"email": " Jo.Smith@Stockport.gov.uk "}, "email") == "jo.smith@stockport.gov.uk"
    entra = {"preferred_username": "jo@stockport.gov.uk", "email": "other@x.org"}
    assert token_email(entra, "preferred_username") == "jo@stockport.gov.uk"
    assert token_email({"email": "not an address"}, "email") == ""
    assert token_email({"email": ["jo@x.org"]}, "email") == ""
    assert token_email({}, "email") == ""


def test_email_verified():
    """email_verified decides when present; without it (Entra ID), xms_edov or the listed domains."""
    assert email_verified({"email_verified": True}, "jo@x.org", [])
    assert email_verified({"email_verified": "true"}, "jo@x.org", [])
    assert not email_verified({"email_verified": False}, "jo@stockport.gov.uk", ["stockport.gov.uk"])
    assert not email_verified({"email_verified": "false"}, "jo@x.org", [])
    assert email_verified({"xms_edov": True}, "jo@x.org", [])
    assert email_verified({}, "jo@stockport.gov.uk", ["Stockport.gov.uk "])
    assert not email_verified({}, "jo@stockport.gov.uk.evil.example", ["stockport.gov.uk"])
    assert not email_verified({}, "jo@x.org", [])
    assert not email_verified({"email_verified": True}, "", [])


def _reason(standing):
    refusal = standing_refusal("jo@x.org", standing)
    return refusal.reason if refusal else None


def test_standing_refusal():
    """A member, an administrator, or an account with an open invitation comes in; no one else."""
    assert _reason(Standing(has_account=True, member_of=("Stockport",))) is None
    assert _reason(Standing(has_account=True, is_installation_admin=True)) is None
    assert _reason(Standing(has_account=True, invited_to=("Stockport",))) is None
    assert _reason(Standing()) == "No invitation or membership"
    assert _reason(Standing(has_account=True)) == "No invitation or membership"
    assert _reason(Standing(invited_to=("Stockport",))) == "Invited, no account yet"
    assert _reason(Standing(has_account=True, account_active=False, member_of=("Stockport",))) == (
        "Account switched off"
    )


def test_standing_refusal_the_stricter_area_wins():
    """A member of any area that turned single sign-on off signs in with their password."""
    both = Standing(has_account=True, member_of=("Stockport", "Fenbridge"), refusing=("Fenbridge",))
    assert _reason(both) == "Fenbridge does not allow single sign-on"
    invited_there = Standing(has_account=True, invited_to=("Fenbridge",), invited_refusing=("Fenbridge",))
    assert _reason(invited_there) == "Fenbridge does not allow single sign-on"
    not_yet = Standing(invited_to=("Fenbridge",), invited_refusing=("Fenbridge",))
    assert _reason(not_yet) == "Fenbridge does not allow single sign-on"


def test_standing_refusal_names_the_email_for_someone_unknown():
    refusal = standing_refusal("jo@x.org", Standing())
    assert refusal is not None
    assert refusal.message == (
        "We could not find an invitation or membership for jo@x.org. "
        "Ask your programme manager to invite you."
    )


def test_unverified_refusal():
    assert unverified_refusal("jo@x.org").reason == "Email address not verified"
    assert unverified_refusal("").message == DID_NOT_COMPLETE
