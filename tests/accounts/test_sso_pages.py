"""Single sign-on's place in the service's own pages: the sign-in button (only when set up), the area's
setting, a refusal in the sign-in activity, and who counts for it (areas.selectors). The flow itself runs
against a real provider in tests/sso."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.events import record_event
from accounts.models import SignInEvent
from areas.models import Invitation, Membership
from areas.selectors import single_sign_on_standing
from areas.services.invitations import invitation_create
from history.models import Change
from tests.areas.factories import LocalAreaFactory, MembershipFactory, UserFactory
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")


@pytest.fixture
def sso_settings(settings):
    settings.OIDC_RP_CLIENT_ID = "send-programme"
    settings.OIDC_OP_ISSUER = "https://login.example/tenant/v2.0"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example/tenant/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example/tenant/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example/tenant/keys"
    settings.SSO_BUTTON_NAME = "your council account"
    return settings


def test_nothing_about_single_sign_on_shows_when_it_is_not_set_up(client, db):
    page = client.get(SIGN_IN).content.decode()
    assert "Sign in with" not in page
    assert "single sign-on" not in page.lower()


def test_the_sign_in_page_offers_single_sign_on_when_it_is_set_up(client, db, sso_settings):
    page = client.get(SIGN_IN, {"next": "/areas/stockport/"}).content.decode()
    assert "Sign in with your council account" in page
    assert 'href="/sso/start/?next=/areas/stockport/"' in page
    start = client.get("/sso/start/?next=/areas/stockport/")
    assert start.status_code == 302
    assert start["Location"].startswith("https://login.example/tenant/authorize?")
    for part in ("client_id=send-programme", "nonce=", "state=", "code_challenge=", "scope=openid+email"):
        assert part in start["Location"]


def test_a_password_still_signs_in_when_single_sign_on_is_set_up(programme_manager, sso_settings):
    browser = Client()
    browser.post(SIGN_IN, {"username": "pm@example.org", "password": PASSWORD})
    assert SignInEvent.objects.get(user=programme_manager).kind == SignInEvent.Kind.SUCCESS


def test_a_callback_this_browser_did_not_start_is_refused_and_recorded(client, db, sso_settings):
    client.get("/sso/start/")
    page = client.get("/sso/callback/", {"code": "stolen", "state": "not-ours"}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("accounts:sso-refused")
    text = page.content.decode()
    assert "Single sign-on did not complete. Try again or sign in with your password." in text
    event = SignInEvent.objects.get()
    assert (event.kind, event.reason) == ("sso_refused", "Sign-in not started in this browser (state)")


def test_cancelling_at_the_provider_is_recorded_as_refused(client, db, sso_settings):
    client.get("/sso/callback/", {"error": "access_denied", "state": "x"})
    assert SignInEvent.objects.get().reason == "Cancelled or refused at the identity provider"


def test_the_sign_in_activity_shows_why_single_sign_on_was_refused(admin_client_verified, rf):
    request = rf.get("/sso/callback/")
    record_event(
        request, "sso_refused", email="stranger@council.example", reason="No invitation or membership"
    )
    page = admin_client_verified.get(reverse("accounts:sign-in-activity")).content.decode()
    assert "Single sign-on refused: No invitation or membership" in page


@pytest.fixture
def admin_client_verified(db):
    admin = UserFactory(email="admin@example.org", is_installation_admin=True)
    client = Client()
    client.force_login(admin)
    return client


def _branding(area):
    return {"name": area.name, "council_name": "", "colour": area.colour, "version": area.version}


def test_the_area_setting_shows_only_when_single_sign_on_is_set_up(client, programme_manager, area):
    client.force_login(programme_manager)
    url = reverse("areas:branding", kwargs={"area": area.slug})
    assert "single sign-on" not in client.get(url).content.decode()
    client.post(url, _branding(area))  # saved without the field: left as it was
    area.refresh_from_db()
    assert area.allows_single_sign_on


def test_a_programme_manager_turns_single_sign_on_off_for_the_area(
    client, programme_manager, area, sso_settings
):
    client.force_login(programme_manager)
    url = reverse("areas:branding", kwargs={"area": area.slug})
    assert "Members may sign in with single sign-on" in client.get(url).content.decode()
    client.post(url, _branding(area))  # the box left unticked
    area.refresh_from_db()
    assert not area.allows_single_sign_on
    change = Change.objects.filter(area=area).latest("pk")
    assert change.changes["Single sign-on"] == ["Allowed", "Not allowed"]


def test_single_sign_on_standing_reads_memberships_and_open_invitations(db, django_assert_num_queries):
    stockport = LocalAreaFactory(name="Stockport", slug="stockport")
    fenbridge = LocalAreaFactory(name="Fenbridge", slug="fenbridge", allows_single_sign_on=False)
    kirkby = LocalAreaFactory(name="Kirkby", slug="kirkby")
    user = UserFactory(email="jo@council.example")
    MembershipFactory(user=user, area=stockport, role=Membership.Role.VIEWER)
    MembershipFactory(user=user, area=fenbridge, role=Membership.Role.VIEWER)
    invitation_create(area=kirkby, email="jo@council.example", role="viewer")
    expired = invitation_create(area=kirkby, email="ex@council.example", role="viewer")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_assert_num_queries(3):
        standing = single_sign_on_standing(email="JO@council.example")
    assert standing.has_account and standing.account_active
    assert sorted(standing.member_of) == ["Fenbridge", "Stockport"]
    assert standing.refusing == ("Fenbridge",)
    assert standing.invited_to == ("Kirkby",)
    assert single_sign_on_standing(email="ex@council.example").invited_to == ()
