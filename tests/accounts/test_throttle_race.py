"""Thirty wrong passwords sent at once: never more than the limit reach the password check.

Real threads, each with its own database connection, against the database the suite runs on (SQLite, or
PostgreSQL when DATABASE_URL is set). On SQLite the threads share the kind of database production uses, a
file in WAL mode with the settings' busy timeout: the suite's in-memory database (shared cache) answers
"table is locked" at once instead of waiting its turn, which no server ever sees."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

import accounts.forms
from accounts.models import SignInEvent, User
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
ATTEMPTS = 30


@pytest.fixture
def counted_checks(monkeypatch):
    """How many attempts reached the password check (Django's authenticate, which runs the hasher)."""
    checked = []
    lock = threading.Lock()
    real = accounts.forms.authenticate

    def counting(*args, **kwargs):
        with lock:
            checked.append(kwargs.get("username"))
        return real(*args, **kwargs)

    monkeypatch.setattr(accounts.forms, "authenticate", counting)
    return checked


@pytest.fixture
def shared_database(tmp_path):
    """The test's database as every thread sees it: on SQLite, a migrated file (see above)."""
    if connection.vendor != "sqlite":
        yield
        return
    # The main thread's connection's settings are those each new thread's connection is made from. The
    # in-memory database lasts while a connection holds it: the main thread's is set aside, not closed.
    connection.ensure_connection()
    in_memory, held = connection.settings_dict["NAME"], connection.connection
    connection.connection = None
    connection.settings_dict["NAME"] = str(tmp_path / "race.sqlite3")
    try:
        call_command("migrate", verbosity=0)
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = in_memory
        connection.connection = held


@pytest.fixture
def owner(shared_database):
    return User.objects.create_user("pm@example.org", PASSWORD)


def _fire(posts):
    """Send every (address, email) sign-in at once, one thread and one connection each."""
    start = threading.Barrier(len(posts))

    def one(post):
        address, email = post
        try:
            start.wait()
            guess = {"username": email, "password": "wrong guess"}
            response = Client(REMOTE_ADDR=address).post(SIGN_IN, guess)
            return response.status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(one, posts))


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_wrong_passwords_from_one_address_check_no_more_than_the_limit(owner, counted_checks):
    statuses = _fire([("198.51.100.7", "pm@example.org")] * ATTEMPTS)

    assert len(counted_checks) <= settings.SIGN_IN_FAILURE_LIMIT
    assert len(counted_checks) >= 1
    assert sorted(set(statuses)) == [200, 429], "every attempt answered: refused or wrong, none crashed"
    assert statuses.count(429) == ATTEMPTS - len(counted_checks)
    assert SignInEvent.objects.filter(kind="lockout").count() == ATTEMPTS - len(counted_checks)


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_wrong_passwords_from_thirty_addresses_check_no_more_than_the_account_allows(
    owner, counted_checks
):
    """Spread over many addresses, the account's own count lets its free failures and one more through."""
    statuses = _fire([(f"198.51.100.{n}", "pm@example.org") for n in range(1, ATTEMPTS + 1)])

    assert len(counted_checks) <= settings.SIGN_IN_ACCOUNT_FREE_FAILURES + 1
    assert 500 not in statuses
