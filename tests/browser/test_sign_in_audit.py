"""Your sessions and sign-in activity in the browser, each passing axe-core at desktop width."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.events import record_event
from tests.areas.factories import UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in, signed_in_context
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"


def test_a_member_signs_in_sees_their_sessions_and_signs_another_browser_out(
    page: Page, live_server, area, programme_manager
):
    phone = Client(REMOTE_ADDR="198.51.100.60", HTTP_USER_AGENT=PHONE)
    phone.post(reverse("accounts:sign-in"), {"username": "pm@example.org", "password": PASSWORD})
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "pm@example.org")
    page.get_by_role("link", name="Your sessions").click()

    expect(page.get_by_role("heading", name="Your sessions")).to_be_visible()
    expect(page.get_by_role("cell", name="Safari on iPhone", exact=True)).to_be_visible()
    expect(page.get_by_text("This browser")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out Safari on iPhone at 198.51.100.60").click()
    expect(page.get_by_text("That browser is signed out.")).to_be_visible()
    expect(page.get_by_role("cell", name="Safari on iPhone", exact=True)).to_have_count(0)
    assert_accessible(page)
    assert phone.get(reverse("home"))["Location"].startswith(reverse("accounts:sign-in"))


def test_a_programme_manager_reads_and_filters_their_members_sign_in_activity(
    page: Page, live_server, area, programme_manager, viewer
):
    record_event(None, "failure", user=viewer)
    record_event(None, "lockout", user=viewer)
    page.set_viewport_size({"width": 1280, "height": 900})
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(reverse("plans:area-home", kwargs={"area": area.slug}))
    page.get_by_role("link", name="Sign-in activity").click()

    expect(page.get_by_role("heading", name="Sign-in activity")).to_be_visible()
    expect(page.get_by_role("cell", name="Refused: too many attempts")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What happened").select_option("failure")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 event found")).to_be_visible()
    page.get_by_label("On").fill("31/02/2026")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)


def test_an_administrator_reads_every_accounts_sign_in_activity(page: Page, live_server, db):
    admin = UserFactory(email="it@example.org", is_installation_admin=True)
    record_event(None, "failure", email="stranger@example.org")
    page.set_viewport_size({"width": 1280, "height": 900})
    signed_in_context(page.context, admin, live_server.url)
    page.goto("/")
    page.get_by_role("link", name="Sign-in activity").click()

    expect(page.get_by_text("stranger@example.org (no account)")).to_be_visible()
    assert_accessible(page)
