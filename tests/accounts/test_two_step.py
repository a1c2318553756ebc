"""Two-step sign-in: setting up an authenticator app, the code after the password, who must have it."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.two_step import authenticator, code_now, verify_session
from tests.areas.factories import UserFactory
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
SET_UP = reverse("two_step:set-up")
CHALLENGE = reverse("two_step:challenge")

pytestmark = pytest.mark.password_only


def _sign_in(client, email, next_url=""):
    data = {"username": email, "password": PASSWORD}
    url = f"{SIGN_IN}?next={next_url}" if next_url else SIGN_IN
    return client.post(url, data, follow=True)


def _code_from_set_up_page(html: str) -> str:
    """What an app shows after the person typed the key written out on the set-up page."""
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    return f"{totp.token():06d}"


def test_a_programme_manager_without_an_authenticator_is_sent_to_set_up_before_any_page(
    client, programme_manager, area
):
    response = _sign_in(client, "pm@example.org")
    assert response.redirect_chain[-1][0].startswith(SET_UP)
    assert "Your role means you must sign in in two steps" in response.content.decode()
    page = client.get(area.get_absolute_url())
    assert page.status_code == 302 and page.url.startswith(SET_UP)


def test_set_up_shows_a_qr_code_and_the_key_and_confirms_with_a_correct_code(client, programme_manager, area):
    _sign_in(client, "pm@example.org", next_url=area.get_absolute_url())
    page = client.get(f"{SET_UP}?next={area.get_absolute_url()}")
    html = page.content.decode()
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in html
    response = client.post(
        SET_UP, {"code": _code_from_set_up_page(html), "next": area.get_absolute_url()}, follow=True
    )
    assert response.redirect_chain[0][0] == reverse("two_step:recovery-codes")
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", response.content.decode())
    assert len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=programme_manager).confirmed
    download = client.get(reverse("two_step:recovery-codes-download"))
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert all(code in download.content.decode() for code in codes)
    # "Continue" goes to the page first asked for, and the codes are not shown again.
    after = client.post(reverse("two_step:recovery-codes"))
    assert after.url == area.get_absolute_url()
    assert client.get(area.get_absolute_url()).status_code == 200
    assert "<code>" not in client.get(reverse("two_step:recovery-codes")).content.decode()


def test_set_up_with_a_wrong_code_says_so_and_sets_nothing_up(client, programme_manager):
    _sign_in(client, "pm@example.org")
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "000000"})
    assert "The code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=programme_manager, confirmed=True).exists()
    assert client.get(reverse("home")).url.startswith(SET_UP)


def test_signing_in_with_an_authenticator_asks_for_its_code_before_any_page(client, programme_manager, area):
    device = authenticator(programme_manager)
    response = _sign_in(client, "pm@example.org", next_url=area.get_absolute_url())
    assert response.redirect_chain[-1][0].startswith(CHALLENGE)
    html = response.content.decode()
    assert "Enter the 6-digit code from your authenticator app" in html
    assert "use a recovery code" in html
    assert client.get(area.get_absolute_url()).url.startswith(CHALLENGE)
    wrong = client.post(CHALLENGE, {"code": "12345", "next": area.get_absolute_url()})
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # the wrong code's one-second wait
    right = client.post(CHALLENGE, {"code": code_now(device), "next": area.get_absolute_url()})
    assert right.url == area.get_absolute_url()
    assert client.get(area.get_absolute_url()).status_code == 200


def test_a_code_is_accepted_once(client, programme_manager):
    device = authenticator(programme_manager)
    code = code_now(device)
    _sign_in(client, "pm@example.org")
    assert client.post(CHALLENGE, {"code": code}).status_code == 302
    other = type(client)()
    _sign_in(other, "pm@example.org")
    assert "The code is not right" in other.post(CHALLENGE, {"code": code}).content.decode()


def test_wrong_codes_are_throttled_with_when_to_try_again(client, programme_manager):
    device = authenticator(programme_manager)
    _sign_in(client, "pm@example.org")
    for _ in range(3):
        client.post(CHALLENGE, {"code": "000000"})
    response = client.post(CHALLENGE, {"code": code_now(device)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have entered too many wrong codes. Wait" in html and "then try again" in html
    assert client.get(reverse("home")).url.startswith(CHALLENGE)


def test_a_viewer_in_an_area_that_does_not_require_it_signs_in_with_a_password_alone(client, viewer, area):
    response = _sign_in(client, "viewer@example.org")
    assert response.redirect_chain[-1][0] == area.get_absolute_url()


def test_the_area_setting_makes_every_member_set_up_two_step_sign_in(client, viewer, programme_manager, area):
    client.force_login(programme_manager)
    verify_session(client, programme_manager)
    page = client.get(reverse("areas:branding", kwargs={"area": area.slug}))
    assert "Every member must use two-step sign-in" in page.content.decode()
    client.post(
        reverse("areas:branding", kwargs={"area": area.slug}),
        {
            "name": area.name,
            "council_name": "",
            "colour": area.colour,
            "requires_two_step": "on",
            "version": area.version,
        },
    )
    area.refresh_from_db()
    assert area.requires_two_step
    viewer_client = type(client)()
    response = _sign_in(viewer_client, "viewer@example.org")
    assert response.redirect_chain[-1][0].startswith(SET_UP)


def test_an_installation_administrator_must_set_up_two_step_sign_in(client, db):
    UserFactory(email="admin@example.org", is_installation_admin=True)
    response = _sign_in(client, "admin@example.org")
    assert response.redirect_chain[-1][0].startswith(SET_UP)


def test_public_pages_and_signing_out_stay_open_before_the_second_step(client, programme_manager):
    authenticator(programme_manager)
    _sign_in(client, "pm@example.org")
    assert client.get(reverse("accounts:password-reset")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("home")).url.startswith(SIGN_IN)


def test_a_half_signed_in_user_cannot_add_a_second_authenticator(client, programme_manager):
    """Someone with the password but not the phone cannot set up their own app instead."""
    authenticator(programme_manager)
    _sign_in(client, "pm@example.org")
    response = client.get(SET_UP)
    assert response.url.startswith(CHALLENGE)
    assert TOTPDevice.objects.filter(user=programme_manager).count() == 1


def test_the_second_step_is_recorded_in_the_sign_in_activity_right_and_wrong(client, programme_manager):
    from accounts.models import SignInEvent

    device = authenticator(programme_manager)
    _sign_in(client, "pm@example.org")
    client.post(CHALLENGE, {"code": "000000"})
    device.refresh_from_db()
    device.throttle_reset()
    client.post(CHALLENGE, {"code": code_now(device)})
    kinds = list(
        SignInEvent.objects.filter(user=programme_manager).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["second_factor_failure", "second_factor_success"]
