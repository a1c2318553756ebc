"""The load test's client (bench/load.py), which `make bench` runs for a minute with 50 people against
`make serve`: here for 3 seconds with 2 people against Django's live server (one request at a time),
signing in through the sign-in page and the authenticator code, opening every kind of page and saving
updates that change the data."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.contrib.auth.hashers import make_password
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from bench.generate import Size, build_area
from bench.http_run import people_spec
from bench.load import MIX, run_people
from bench.load_users import load_people, load_urls
from progress.models import Update

SMALL = Size(
    tops=2,
    people=6,
    workstreams=2,
    periods=2,
    measures=2,
    measure_periods=3,
    breakdowns=1,
    risks=2,
    entries=4,
)
PASSWORD = "load-test-not-secret-password"


class _OneRequestAtATime(WSGIServer):
    """Django's live server without its threads: the test database (in memory on SQLite) is one
    connection, so its requests are answered one after another, as a gunicorn worker answers them."""

    def __init__(self, *args, connections_override=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)


class _ServerThread(LiveServerThread):
    server_class = _OneRequestAtATime


@pytest.fixture
def server_url(transactional_db) -> Iterator[str]:
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = _ServerThread("127.0.0.1", _StaticFilesHandler, connections_override=shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


def test_the_load_client_signs_people_in_opens_every_page_and_saves_updates(server_url):
    """Each person signs in (password, then a real TOTP code), then every kind of request is made, the
    updates are saved through their forms (CSRF token and version), and nothing fails."""
    bench = build_area(SMALL, slug="load", today=date.today())
    people = load_people(bench, 2, password=PASSWORD, hashed=make_password(PASSWORD))
    assert len(people) == 2
    spec = {
        **people_spec(server_url, people, load_urls(bench), seconds=3, ramp_s=0),
        "think_s": [0, 0.02],
    }

    result = run_people(spec)

    assert result["signed_in"] == 2
    assert result["errors"] == 0, result["error_examples"]
    kinds = set(MIX) - {"update"} | {"sign_in", "update_form", "update_save"}
    assert {kind for kind, seen in result["kinds"].items() if seen["n"]} == kinds
    saved = Update.objects.filter(
        period=bench.open_period, commentary__startswith="Progress noted by the load"
    )
    assert saved.count() >= 1
    assert result["kinds"]["update_save"]["n"] >= saved.count()
    assert result["overall"]["rps"] > 0
