"""Throttling by account and by address together (accounts/throttle.py, docs/security.md)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.hashing import _semaphore, hashing_turn
from accounts.models import SignInCounter
from accounts.rules import account_delay, client_address, describe_browser
from tests.areas.factories import UserFactory
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")


WRONG = "wrong guess"


def _try(address, email, password=WRONG):
    client = Client(REMOTE_ADDR=address)
    return client, client.post(SIGN_IN, {"username": email, "password": password})


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_client_address_is_the_connections_unless_a_trusted_proxy_names_it():
    assert client_address("203.0.113.9", "198.51.100.1", []) == "203.0.113.9"
    assert client_address("127.0.0.1", "198.51.100.1, 203.0.113.5", ["127.0.0.1"]) == "203.0.113.5"
    assert client_address("203.0.113.9", "198.51.100.1", ["127.0.0.1"]) == "203.0.113.9", "not the proxy"
    assert client_address("127.0.0.1", "not an address", ["127.0.0.1"]) is None
    assert client_address("127.0.0.1", "", ["127.0.0.1"]) == "127.0.0.1"


def test_an_accounts_delay_starts_after_its_free_failures_doubles_and_stops_at_the_cap():
    assert [
        account_delay(n, free=10, cap_seconds=60).total_seconds() for n in (1, 10, 11, 12, 13, 17, 40)
    ] == [
        0,
        0,
        1,
        2,
        4,
        60,
        60,
    ]


def test_a_browser_is_described_in_words_a_person_recognises():
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
    edge = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0"
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
    assert describe_browser(firefox) == "Firefox on Windows"
    assert describe_browser(edge) == "Edge on Windows"
    assert describe_browser(iphone) == "Safari on iPhone"
    assert describe_browser("") == "Unknown browser"


def test_five_failures_from_one_address_refuse_that_address_but_the_owner_signs_in_from_another(
    programme_manager, settings
):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
        _try("198.51.100.7", "pm@example.org")
    _, refused = _try("198.51.100.7", "pm@example.org", PASSWORD)
    assert refused.status_code == 429
    assert "too many failed attempts to sign in with this email address" in refused.content.decode()

    client, response = _try("203.0.113.20", "pm@example.org", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_one_address_trying_many_accounts_is_stopped_without_locking_those_accounts_out(db, settings):
    settings.SIGN_IN_ADDRESS_LIMIT = 6
    users = [UserFactory(email=f"member{n}@example.org") for n in range(8)]
    for user in users[:6]:
        _try("198.51.100.66", user.email)
    _, refused = _try("198.51.100.66", users[7].email, PASSWORD)
    assert refused.status_code == 429
    assert "too many failed attempts to sign in from your network" in refused.content.decode()

    for user in users:
        client, _ = _try("203.0.113.21", user.email, PASSWORD)
        assert _signed_in(client), user.email


def test_a_correct_sign_in_gives_the_address_its_slot_back(programme_manager, settings):
    """An office of many people behind one address is not stopped by its members signing in."""
    settings.SIGN_IN_ADDRESS_LIMIT = 2
    for _ in range(5):
        client, _ = _try("198.51.100.70", "pm@example.org", PASSWORD)
        assert _signed_in(client)


def test_failures_from_many_addresses_slow_the_account_with_a_growing_delay_but_never_lock_it(
    programme_manager, settings
):
    free = settings.SIGN_IN_ACCOUNT_FREE_FAILURES
    for n in range(free + 1):
        _try(f"198.51.100.{n + 1}", "pm@example.org")
    counter = SignInCounter.objects.get(key="account:pm@example.org")
    assert counter.wait_until is not None
    assert counter.wait_until - timezone.now() <= timedelta(seconds=1)

    client, waiting = _try("203.0.113.22", "pm@example.org", PASSWORD)
    assert waiting.status_code == 429
    assert "Wait 1 second, then try again" in waiting.content.decode()
    assert not _signed_in(client)

    counter.wait_until = timezone.now() - timedelta(seconds=1)  # the second has passed
    counter.save()
    _try("198.51.100.99", "pm@example.org")  # one more failure: the next waits 2 seconds
    counter.refresh_from_db()
    assert timedelta(seconds=1) < counter.wait_until - timezone.now() <= timedelta(seconds=2)

    counter.wait_until = timezone.now() - timedelta(seconds=1)
    counter.save()
    client, _ = _try("203.0.113.22", "pm@example.org", PASSWORD)
    assert _signed_in(client), "the owner gets in once the delay has passed"
    counter.refresh_from_db()
    assert (counter.attempts, counter.wait_until) == (0, None)


def test_refusals_never_say_whether_an_account_exists(programme_manager, settings):
    for email in ("pm@example.org", "nobody@example.org"):
        for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
            _try("198.51.100.8", email)
    _, known = _try("198.51.100.8", "pm@example.org")
    _, unknown = _try("198.51.100.8", "nobody@example.org")
    assert known.status_code == unknown.status_code == 429
    message = "too many failed attempts to sign in with this email address. Try again in 15 minutes"
    assert message in known.content.decode()
    assert message in unknown.content.decode()


def test_beyond_the_concurrent_password_checks_an_attempt_is_refused_with_try_again_not_a_crash(
    programme_manager, settings
):
    """One check at a time: while one runs (its turn held here), another attempt waits its short turn,
    then is told to try again, and its slots are given back."""
    settings.SIGN_IN_CONCURRENT_HASHES = 1
    settings.SIGN_IN_HASH_WAIT_SECONDS = 0.2
    with hashing_turn():
        client, busy = _try("203.0.113.23", "pm@example.org", PASSWORD)
    assert busy.status_code == 429
    assert "The service is busy. Try again in a moment." in busy.content.decode()
    assert not _signed_in(client)
    assert SignInCounter.objects.get(key="pair:pm@example.org|203.0.113.23").attempts == 0

    client, _ = _try("203.0.113.23", "pm@example.org", PASSWORD)
    assert _signed_in(client)


@pytest.mark.parametrize("limit", [1, 3])
def test_the_bound_on_password_checks_is_the_setting(settings, limit):
    settings.SIGN_IN_CONCURRENT_HASHES = limit
    turns = _semaphore()
    taken = [turns.acquire(timeout=0) for _ in range(limit + 1)]
    for _ in range(limit):
        turns.release()
    assert taken == [True] * limit + [False]
