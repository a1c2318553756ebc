"""`make serve`: gunicorn with config/gunicorn.py and the production settings, the worker beside it.

The server is started for real (scripts/serve.sh, as `make serve` runs it) on a free port against a new
SQLite database, fetched over HTTP and stopped as Ctrl-C stops it. `manage.py check --deploy` with the
production settings is tests/test_settings.py's.
"""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 120


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {**os.environ, "SENDPLAN_VAR_DIR": str(tmp_path / "var"), "PYTHON": sys.executable, **values}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS"):
        if name not in values:
            env.pop(name, None)
    return env


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({}, "set SECRET_KEY and ALLOWED_HOSTS in the environment"),
        ({"ALLOWED_HOSTS": "send.example.gov.uk"}, "set SECRET_KEY in the environment"),
        ({"SECRET_KEY": "k9" * 30}, "set ALLOWED_HOSTS in the environment"),
    ],
)
def test_make_serve_refuses_to_start_without_a_secret_key_and_allowed_hosts(tmp_path, given, named):
    """Before installing, migrating or starting anything, it says which variables are missing."""
    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=_environment(tmp_path, **given),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert f"make serve: not started: {named}" in result.stderr
    assert "docs/deploy.md" in result.stderr
    assert not (tmp_path / "var").exists(), "nothing was set up"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str, headers: dict[str, str]) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "localhost", **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make serve stopped (exit {server.returncode}):\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"make serve did not answer within {START_SECONDS} s:\n{log.read_text()}")


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_make_serve_serves_the_sign_in_page_with_gunicorn_and_stops_with_the_worker(tmp_path):
    """gunicorn (config/gunicorn.py) on a new SQLite database with the production settings: the sign-in page
    with its security headers, HTTP sent to HTTPS, static files served, one log line per request; Ctrl-C
    stops the web server and the background worker together."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = _environment(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    with log.open("w") as output:
        server = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(port, server, log)

        page, body = _get(port, "/sign-in/", {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
        assert page.status == 200
        assert b"Sign in" in body
        assert page.getheader("Server") == "gunicorn"
        assert page.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
        assert "frame-ancestors 'none'" in page.getheader("Content-Security-Policy", "")
        assert page.getheader("X-Frame-Options") == "DENY"
        assert page.getheader("X-Content-Type-Options") == "nosniff"
        assert page.getheader("Referrer-Policy") == "same-origin"
        assert "__Host-csrftoken=" in page.getheader("Set-Cookie", "")
        assert "; Secure" in page.getheader("Set-Cookie", "")

        plain, _ = _get(port, "/sign-in/", {})
        assert plain.status == 301
        assert plain.getheader("Location") == "https://localhost/sign-in/"

        stylesheet, css = _get(port, "/static/app/app.css", {"X-Forwarded-Proto": "https"})
        assert stylesheet.status == 200
        assert b".govuk-" in css

        processes = _children(server.pid)
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") for pid in processes}
        assert any(b"gunicorn" in command for command in commands.values()), commands
        assert any(b"db_worker" in command for command in commands.values()), commands

        os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        server.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in processes) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in processes if _alive(pid)], "the web server and the worker stopped"
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    written = log.read_text()
    assert "Starting worker" in written
    assert "Listening at: http://127.0.0.1:" in written
    assert "203.0.113.7 127.0.0.1 [" in written
    assert '"GET /sign-in/ HTTP/1.1" 200' in written
    assert '"GET /sign-in/ HTTP/1.1" 301' in written


def test_the_server_freezes_the_loaded_app_before_forking_each_worker():
    """config/gunicorn.py's pre_fork hook: what the app loaded is kept out of each worker's collections."""
    import gc
    import runpy

    config = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    gc.unfreeze()
    try:
        config["pre_fork"](None, None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
