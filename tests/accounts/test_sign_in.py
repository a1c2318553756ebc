import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

SIGN_IN = reverse("accounts:sign-in")
PASSWORD = "correct horse battery staple"


def test_a_member_signs_in_with_email_and_password_and_reaches_their_area(client, viewer, area):
    # A viewer, in an area that does not require two-step sign-in (tests/accounts/test_two_step*.py).
    response = client.post(SIGN_IN, {"username": "Viewer@example.org", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == area.get_absolute_url()


def test_a_wrong_password_is_refused_with_a_message(client, programme_manager):
    response = client.post(SIGN_IN, {"username": "pm@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_repeated_failures_lock_the_address_even_with_the_right_password(client, programme_manager):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
        client.post(SIGN_IN, {"username": "pm@example.org", "password": "wrong"})
    response = client.post(SIGN_IN, {"username": "pm@example.org", "password": PASSWORD})
    assert "too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, programme_manager):
    client.post(reverse("accounts:password-reset"), {"email": "pm@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )
    assert response.status_code == 302
    programme_manager.refresh_from_db()
    assert programme_manager.check_password("a new long passphrase")


def test_passwords_are_hashed_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize("url", ["/", "/areas/stockport/", "/areas/stockport/people/"])
def test_nothing_is_visible_without_signing_in(client, area, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
