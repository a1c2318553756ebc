"""Debian's chromium, driven by Playwright, against pytest-django's live server.

One browser for each run of consecutive browser tests (the whole folder, when it runs on its own);
a fresh context (cookies, storage) for each test.

Playwright's sync API keeps an asyncio loop marked as running in this thread for as long as it is
started, so Django would refuse every ORM call made meanwhile (by the tests, the factories and the
database teardown) as "async-unsafe". Nothing here is async: the live server answers in its own
threads. So DJANGO_ALLOW_ASYNC_UNSAFE is set while the browser runs, and the browser is stopped,
and the variable removed, as soon as the next test is not a browser test. Other tests then run
with Django's protection, and the variable never leaks into the subprocesses they start (such as
`manage.py check --deploy`, which refuses it).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from accounts.models import User
from accounts.two_step.selectors import has_second_factor, must_have_second_factor
from tests.accounts.two_step import authenticator, code_for_key, code_now
from tests.conftest import PASSWORD

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


class _Chromium:
    """The running browser, started on first use and stopped when the browser tests are done."""

    def __init__(self) -> None:
        self.playwright: Playwright | None = None
        self.browser: Browser | None = None

    def get(self) -> Browser:
        if self.browser is None:
            if not CHROMIUM.exists():
                pytest.fail(f"{CHROMIUM} is missing: run `make chromium`", pytrace=False)
            os.environ[ASYNC_UNSAFE] = "true"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self) -> None:
        try:
            if self.browser is not None:
                self.browser.close()
            if self.playwright is not None:
                self.playwright.stop()
        finally:
            self.browser = self.playwright = None
            os.environ.pop(ASYNC_UNSAFE, None)


_chromium = _Chromium()


def _is_browser_test(item) -> bool:
    return HERE in Path(item.path).parents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the test's own teardown: stop the browser if the next test does not need it."""
    try:
        return (yield)
    finally:
        if nextitem is None or not _is_browser_test(nextitem):
            _chromium.stop()


@pytest.fixture
def browser() -> Browser:
    return _chromium.get()


@pytest.fixture
def context(browser: Browser, live_server) -> BrowserContext:
    """A fresh browser profile for one test, pointed at the live server."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    # Chromium asks every page for /favicon.ico; the site has none, so answer here rather than
    # have the live server log a 404 (and touch the database) in the middle of the next step.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in the way a person does: the sign-in page, email and password, the button; then, for
    whoever must have two-step sign-in (or has it), the code their authenticator app shows (the app is
    given a known key: tests/accounts/two_step.py)."""
    user = User.objects.filter(email__iexact=email).first()
    second_step = (
        user is not None
        and user.check_password(password)
        and (has_second_factor(user=user) or must_have_second_factor(user=user))
    )
    device = authenticator(user) if second_step else None
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Enter the 6-digit code from your authenticator app").fill(code_now(device))
        page.get_by_role("button", name="Continue").click()


def signed_in_context(context: BrowserContext, user, base_url: str) -> None:
    """Give the browser a session for `user` without going through the sign-in page (it has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])


def set_up_two_step(page: Page) -> None:
    """On the set-up page: type the written-out key into "an app", enter its code, keep the recovery
    codes and continue to the page first asked for."""
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator("#secret").inner_text()
    page.get_by_label("Enter the 6-digit code your authenticator app now shows").fill(code_for_key(key))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="I have kept my recovery codes: continue").click()
