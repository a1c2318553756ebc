"""Forty sign-in attempts at once with unknown emails keep the production server's memory growth under
200 MiB: each attempt still costs a password hash (so an unknown email takes as long as a known one), but
no more than settings.SIGN_IN_CONCURRENT_HASHES run at once in a process, each with Argon2's memory cost
of 19 MiB (accounts/hashers.py). Measured: gunicorn (config/gunicorn.py, the production settings and the
production hasher) with 2 workers of 8 threads each, so that up to 16 attempts are in the server at once."""

import http.client
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.test_production_server import _children, _free_port, _wait_for

ROOT = Path(__file__).resolve().parent.parent.parent
ATTEMPTS = 40
MiB = 1024 * 1024


def _rss(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(found.group(1)) * 1024 if found else 0
    return total


def _request(
    port: int, method: str, path: str, headers: dict[str, str], body: str = ""
) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body or None, headers={"Host": "localhost", **headers})
    response = connection.getresponse()
    text = response.read().decode()
    cookie = response.getheader("Set-Cookie", "")
    connection.close()
    return response.status, text, cookie


def _attempt(port: int, n: int) -> int:
    """One attacker (their own address, through the proxy): the sign-in page, then a wrong guess."""
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": f"198.51.100.{n}"}
    _, page, cookie = _request(port, "GET", "/sign-in/", headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf_cookie = cookie.split(";", 1)[0]
    body = f"csrfmiddlewaretoken={token}&username=nobody{n}%40example.org&password=guess-{n}"
    status, _, _ = _request(
        port,
        "POST",
        "/sign-in/",
        {
            **headers,
            "Cookie": csrf_cookie,
            "Referer": "https://localhost/sign-in/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
    )
    return status


def test_forty_parallel_sign_ins_with_unknown_emails_grow_the_servers_memory_by_less_than_200_mib(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")},
        "SENDPLAN_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "8",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    (tmp_path / "var").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(port, server, log)
        for n in range(1, 9):  # every worker thread has served a page and a sign-in: the baseline
            assert _attempt(port, 200 + n) == 200
        pids = {server.pid} | _children(server.pid)
        before = _rss(pids)

        peak = [before]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak.append(_rss(pids))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
                statuses = list(pool.map(lambda n: _attempt(port, n), range(1, ATTEMPTS + 1)))
        finally:
            done.set()
            sampler.join()
        took = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    growth = max(peak) - before
    assert set(statuses) <= {200, 429}, f"every attempt answered, none crashed: {statuses}"
    assert statuses.count(200) >= ATTEMPTS // 2, "most attempts had their password checked"
    assert growth < 200 * MiB, f"grew {growth / MiB:.0f} MiB"
    assert took < 60
    print(f"40 attempts in {took:.1f} s; memory {before / MiB:.0f} MiB, grew {growth / MiB:.0f} MiB at most")
