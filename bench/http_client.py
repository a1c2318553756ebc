"""One person's browser over HTTP, for the load test and the comparison with Trac (bench/load.py).

Standard library only: connections with http.client, the cookies the server sets, the forms
of a page read with html.parser, and the codes of an authenticator app (RFC 6238, as django-otp checks
them). It runs in a process of its own, never in the server's.
"""

import hashlib
import hmac
import http.client
import struct
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit


def totp(key_hex: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows now for a TOTP key (hex, as django-otp stores it)."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


@dataclass
class Form:
    """A form of a page: where it posts and the values a browser would send as it stands."""

    action: str
    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)  # a select's or radios' values


class _Forms(HTMLParser):
    """Every <form> of a page with its inputs, textareas and selects (their chosen values)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(action=a.get("action", "")))
        if not self.forms or ("name" not in a and tag != "option"):
            return
        form = self.forms[-1]
        if tag == "input" and a.get("type", "text") not in {"submit", "button", "file"}:
            if a.get("type") == "radio":
                form.options.setdefault(a["name"], []).append(a.get("value", ""))
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            form.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            form.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            form.options[a["name"]] = []
        elif tag == "option" and self._select:
            form.options[self._select].append(a.get("value", ""))
            if "selected" in a:
                form.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


@dataclass
class Answer:
    status: int
    body: bytes
    location: str
    ms: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One person's browser: its own cookies, and (through the reverse proxy the server trusts) its own
    address, so the sign-in throttle sees 50 people, not one machine."""

    def __init__(self, base: str, *, address: str, timeout: float = 30) -> None:
        parts = urlsplit(base)
        self.base = base.rstrip("/")
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.address = address
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Answer:
        """One request (no redirect followed), reconnecting once if the server closed the connection."""
        # One connection a request, as gunicorn's sync workers (`make serve`, and Trac's) answer anyway.
        headers = {"Host": f"{self.host}:{self.port}", "X-Forwarded-For": self.address, "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.base + path
        for retry in (False, True):
            start = time.perf_counter()
            try:
                connection = self._connect()
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if retry:
                    raise
                continue
            ms = (time.perf_counter() - start) * 1000
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return Answer(response.status, content, response.getheader("Location", ""), ms)
        raise AssertionError("unreachable")

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def submit(self, page: Answer, path: str, changes: dict[str, str], *, choose: str = "") -> Answer:
        """Post the form of `page` that has the fields being changed (not the header's sign-out form),
        as a person filling it in would: its hidden fields (CSRF token, version) and chosen values kept;
        `choose`: a choice (radios or a select) to make if none is made yet, its first non-empty one."""
        forms = forms_of(page.text)
        form = next((f for f in reversed(forms) if changes.keys() & f.fields.keys()), None)
        if form is None:
            raise SignInFailed(f"no form with {', '.join(changes)} at {path}")
        values = {**form.fields, **changes}
        if choose and not values.get(choose):
            values[choose] = next((v for v in form.options.get(choose, []) if v), "")
        return self.request("POST", urljoin(path, form.action or path), values)

    def sign_in(self, *, email: str, password: str, totp_key: str) -> list[Answer]:
        """Through the sign-in page and the authenticator code, as a person would, following the
        redirects to the home page; the answers seen on the way."""
        page = self.get("/sign-in/")
        answer = self.submit(page, "/sign-in/", {"username": email, "password": password})
        seen, path, code_sent = [page, answer], "/sign-in/", 0
        if answer.status != 302:
            raise SignInFailed(f"{email}: the sign-in page answered {answer.status}")
        for _ in range(8):
            if answer.status in {301, 302, 303}:
                parts = urlsplit(urljoin(path, answer.location))
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                answer = self.get(path)
            elif answer.status == 200 and any("code" in f.fields for f in forms_of(answer.text)):
                if code_sent >= 2:
                    raise SignInFailed(f"{email}: the authenticator code was refused")
                if code_sent:  # a code is taken once: wait for the app's next one, as a person would
                    time.sleep(30 - time.time() % 30 + 0.5)
                answer, code_sent = self.submit(answer, path, {"code": totp(totp_key)}), code_sent + 1
            else:
                break
            seen.append(answer)
        if answer.status != 200:
            raise SignInFailed(f"{email}: signing in ended with {answer.status} at {path}")
        return seen


class SignInFailed(Exception):
    pass
