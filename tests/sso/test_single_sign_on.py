"""Single sign-on end to end, against a real OpenID Connect provider (django-oidc-provider, started by
tests/sso/conftest.py): who is let in, who is refused and why, the ID token checks, the second factor."""

import pytest

from accounts.models import SignInEvent, User, UserSession
from areas.models import Membership
from areas.services.invitations import invitation_create
from tests.areas.factories import LocalAreaFactory, MembershipFactory, UserFactory
from tests.sso.conftest import sign_in_by_sso

pytestmark = pytest.mark.django_db(transaction=True)

Kind = SignInEvent.Kind
Role = Membership.Role


@pytest.fixture
def stockport(db):
    return LocalAreaFactory(name="Stockport", slug="stockport")


def _member(area, email, role=Role.VIEWER):
    user = UserFactory(email=email)
    MembershipFactory(user=user, area=area, role=role)
    return user


def _refusal_event():
    return SignInEvent.objects.get(kind=Kind.SSO_REFUSED)


def test_a_member_signs_in_with_single_sign_on_and_lands_signed_in(sso, live_server, stockport):
    member = _member(stockport, "member@council.example")
    page = sign_in_by_sso(live_server.url, "member")
    assert page.status_code == 200
    assert page.url == f"{live_server.url}/areas/stockport/"
    assert "Sign out" in page.text
    event = SignInEvent.objects.get(user=member)
    assert event.kind == Kind.SSO_SUCCESS
    assert UserSession.objects.filter(user=member).count() == 1


def test_single_sign_on_keeps_the_browser_in_your_sessions(sso, live_server, stockport):
    """The browser signed in by single sign-on is listed in "Your sessions" and can sign out."""
    import requests

    member = _member(stockport, "member@council.example")
    browser = requests.Session()
    sign_in_by_sso(live_server.url, "member", session=browser)
    sessions_page = browser.get(f"{live_server.url}/account/sessions/", timeout=20)
    assert sessions_page.url.endswith("/account/sessions/")
    assert "Signed in with single sign-on" in sessions_page.text
    session = UserSession.objects.get(user=member)
    assert browser.cookies["sessionid"] == session.session_key


def test_someone_with_an_account_and_an_open_invitation_signs_in(sso, live_server, stockport):
    invited = UserFactory(email="member@council.example")
    invitation_create(area=stockport, email="member@council.example", role=Role.VIEWER)
    page = sign_in_by_sso(live_server.url, "member")
    assert page.url == f"{live_server.url}/"
    assert SignInEvent.objects.get(user=invited).kind == Kind.SSO_SUCCESS
    assert not Membership.objects.filter(user=invited).exists()  # the invitation is accepted by its link


def test_someone_with_no_membership_or_invitation_is_refused(sso, live_server, stockport):
    users_before = User.objects.count()
    page = sign_in_by_sso(live_server.url, "stranger")
    assert page.url == f"{live_server.url}/sso/refused/"
    assert (
        "We could not find an invitation or membership for stranger@council.example. "
        "Ask your programme manager to invite you." in page.text
    )
    assert User.objects.count() == users_before
    assert not Membership.objects.exists()
    event = _refusal_event()
    assert (event.email, event.user) == ("stranger@council.example", None)
    assert event.reason == "No invitation or membership"
    assert not UserSession.objects.exists()


def test_an_invitation_without_an_account_is_refused_and_sent_to_its_link(sso, live_server, stockport):
    invitation_create(area=stockport, email="stranger@council.example", role=Role.VIEWER)
    page = sign_in_by_sso(live_server.url, "stranger")
    assert "Open the link in your invitation email" in page.text
    assert not User.objects.filter(email="stranger@council.example").exists()
    assert _refusal_event().reason == "Invited, no account yet"


def test_an_email_the_provider_has_not_verified_is_refused(sso, live_server, stockport):
    _member(stockport, "unverified@council.example")
    page = sign_in_by_sso(live_server.url, "unverified")
    assert "has not confirmed that unverified@council.example is yours" in page.text
    assert _refusal_event().reason == "Email address not verified"


def test_a_member_of_an_area_that_turned_single_sign_on_off_is_refused(sso, live_server, stockport):
    fenbridge = LocalAreaFactory(name="Fenbridge", slug="fenbridge", allows_single_sign_on=False)
    member = _member(stockport, "member@council.example")
    MembershipFactory(user=member, area=fenbridge, role=Role.VIEWER)
    page = sign_in_by_sso(live_server.url, "member")
    assert "Fenbridge asks its members to sign in with their email address and password." in page.text
    event = _refusal_event()
    assert (event.user, event.reason) == (member, "Fenbridge does not allow single sign-on")


@pytest.mark.parametrize(
    ("client_id", "reason"),
    [("wrong-audience", "ID token for another application (audience)"), ("expired", "ID token expired")],
)
def test_an_id_token_for_another_application_or_expired_is_refused(
    sso, settings, live_server, stockport, client_id, reason
):
    """The provider's clients "wrong-audience" (tokens addressed to another application) and "expired"
    (tokens already expired): signed by the provider all the same, refused by us."""
    settings.OIDC_RP_CLIENT_ID = client_id
    _member(stockport, "member@council.example")
    page = sign_in_by_sso(live_server.url, "member")
    assert page.url == f"{live_server.url}/sso/refused/"
    assert "Single sign-on did not complete. Try again or sign in with your password." in page.text
    assert "eyJ" not in page.text  # no token to the user
    assert _refusal_event().reason == reason
    assert not SignInEvent.objects.filter(kind__in=[Kind.SUCCESS, Kind.SSO_SUCCESS]).exists()


def test_a_wrong_issuer_is_refused(sso, settings, live_server, stockport):
    settings.OIDC_OP_ISSUER = "https://login.example/another-tenant/v2.0"
    _member(stockport, "member@council.example")
    sign_in_by_sso(live_server.url, "member")
    assert _refusal_event().reason == "ID token from another issuer"


@pytest.mark.password_only
@pytest.mark.parametrize(
    ("username", "trusted", "lands_on"),
    [
        ("mfa", True, "/areas/stockport/"),
        ("mfa", False, "/two-step/set-up/"),
        ("member", True, "/two-step/set-up/"),
    ],
)
def test_the_providers_second_factor_counts_only_when_trusted_and_in_amr(
    sso, settings, live_server, stockport, username, trusted, lands_on
):
    """A programme manager must have a second factor: the provider's (amr "mfa") counts when
    OTP_TRUST_IDP_AMR is set; otherwise they are asked to set up our own, as after a password."""
    settings.OTP_TRUST_IDP_AMR = trusted
    _member(stockport, f"{username}@council.example", role=Role.PROGRAMME_MANAGER)
    page = sign_in_by_sso(live_server.url, username)
    assert page.url.split("?")[0] == f"{live_server.url}{lands_on}"
    kinds = list(SignInEvent.objects.order_by("pk").values_list("kind", "reason"))
    by_provider = (Kind.SECOND_FACTOR_SUCCESS, "Checked by the identity provider")
    assert kinds == [(Kind.SSO_SUCCESS, "")] + ([by_provider] if lands_on == "/areas/stockport/" else [])
