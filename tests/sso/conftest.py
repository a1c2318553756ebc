"""The test identity provider (tests/sso/provider/), started once per test process in a second process,
and a browser-less client that signs in through it: requests, following redirects from the service
under test (pytest-django's live server) to the provider, its sign-in form, and back."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_PASSWORD = "provider-password"


@dataclass(frozen=True)
class IdentityProvider:
    url: str
    secret: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    def settings_for(self, client_id: str = "send-programme") -> dict[str, object]:
        """The service's settings to use this provider (as docs/deploy.md's environment variables)."""
        return {
            "OIDC_RP_CLIENT_ID": client_id,
            "OIDC_RP_CLIENT_SECRET": self.secret,
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "SSO_BUTTON_NAME": "your council account",
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def identity_provider(live_server, tmp_path_factory):
    """django-oidc-provider on a free port, with its clients' redirect URI the live server's callback."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    secret = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
        "SSO_TEST_PROVIDER_URL": url,
        "SSO_TEST_PROVIDER_DB": str(tmp_path_factory.mktemp("provider") / "provider.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    callback = f"{live_server.url}/sso/callback/"
    subprocess.run(
        [sys.executable, "-m", "tests.sso.provider.prepare", callback, secret], env=env, cwd=ROOT, check=True
    )
    log = open(tmp_path_factory.mktemp("provider-log") / "provider.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{url}/openid/jwks", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The test identity provider did not start: see {log.name}")
            time.sleep(0.2)
        yield IdentityProvider(url=url, secret=secret)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def sso(identity_provider, settings):
    """Single sign-on set up for the service with the test provider (its client "send-programme")."""
    for name, value in identity_provider.settings_for().items():
        setattr(settings, name, value)
    return identity_provider


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in_by_sso(
    base_url: str, username: str, session: requests.Session | None = None
) -> requests.Response:
    """Press "Sign in with ..." and sign in at the provider as `username`; the response is the page the
    service finally shows (redirects followed), its `.url` where it is."""
    browser = session or requests.Session()
    at_provider = browser.get(f"{base_url}/sso/start/", timeout=20)
    assert "/login/" in at_provider.url, at_provider.url
    token = CSRF.search(at_provider.text)
    assert token, at_provider.text[:500]
    return browser.post(
        at_provider.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PROVIDER_PASSWORD,
            "next": parse_qs(urlsplit(at_provider.url).query)["next"][0],
        },
        timeout=20,
    )
