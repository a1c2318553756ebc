"""Recovery codes: each signs in once; a member resets their own authenticator only with one."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_step.selectors import recovery_device_for
from accounts.two_step.services import recovery_codes_make
from tests.accounts.two_step import authenticator, code_now, verify_session
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
RECOVERY = reverse("two_step:recovery")
SET_UP = reverse("two_step:set-up")

pytestmark = pytest.mark.password_only


def _sign_in(client, email="pm@example.org"):
    return client.post(SIGN_IN, {"username": email, "password": PASSWORD}, follow=True)


def test_a_recovery_code_signs_in_once_and_not_twice(client, programme_manager, area):
    authenticator(programme_manager)
    code = recovery_codes_make(user=programme_manager)[0]
    _sign_in(client)
    response = client.post(RECOVERY, {"code": code.upper().replace("-", " ")}, follow=True)
    assert "You signed in with a recovery code. You have 9 left." in response.content.decode()
    assert client.get(area.get_absolute_url()).status_code == 200
    other = type(client)()
    _sign_in(other)
    again = other.post(RECOVERY, {"code": code})
    assert "The recovery code is not right, or has been used" in again.content.decode()
    assert other.get(area.get_absolute_url()).url.startswith(reverse("two_step:challenge"))


def test_new_recovery_codes_stop_the_old_ones_working(client, programme_manager):
    authenticator(programme_manager)
    old = recovery_codes_make(user=programme_manager)
    client.force_login(programme_manager)
    verify_session(client, programme_manager)
    response = client.post(reverse("two_step:recovery-codes-new"), follow=True)
    new = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    fresh = type(client)()
    _sign_in(fresh)
    assert "not right, or has been used" in fresh.post(RECOVERY, {"code": old[1]}).content.decode()
    recovery_device_for(user=programme_manager).throttle_reset()  # the wrong code's one-second wait
    assert fresh.post(RECOVERY, {"code": new[0]}).status_code == 302


def test_a_member_resets_their_own_authenticator_with_a_recovery_code(client, programme_manager, area):
    old_device = authenticator(programme_manager)
    code = recovery_codes_make(user=programme_manager)[0]
    _sign_in(client)
    client.post(RECOVERY, {"code": code})
    page = client.get(reverse("two_step:overview"))
    assert "Set up a new authenticator app" in page.content.decode()
    client.get(SET_UP)
    new_device = TOTPDevice.objects.get(user=programme_manager, confirmed=False)
    response = client.post(SET_UP, {"code": code_now(new_device)})
    assert response.url == reverse("two_step:recovery-codes")
    assert list(TOTPDevice.objects.filter(user=programme_manager)) == [new_device]
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()


def test_without_a_recovery_code_a_signed_in_member_cannot_replace_their_authenticator(
    client, programme_manager
):
    device = authenticator(programme_manager)
    _sign_in(client)
    client.post(reverse("two_step:challenge"), {"code": code_now(device)})
    response = client.get(SET_UP, follow=True)
    assert "sign in with a recovery code first" in response.content.decode()
    assert list(TOTPDevice.objects.filter(user=programme_manager)) == [device]


def test_with_no_recovery_codes_left_the_page_says_who_can_reset(client, programme_manager):
    authenticator(programme_manager)
    _sign_in(client)
    html = client.get(RECOVERY).content.decode()
    assert "You have no recovery codes left. Ask your programme manager to reset" in html
