"""Two-step sign-in in the browser: a programme manager sets it up from the QR code's key, keeps the
recovery codes, signs in with a code and with a recovery code, and resets a member's; each page passes
axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.two_step.selectors import has_second_factor
from areas.models import Membership
from tests.accounts.two_step import authenticator, code_for_key
from tests.areas.factories import UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _password(page: Page, email: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.password_only
def test_a_programme_manager_sets_up_two_step_sign_in_and_signs_in_with_a_code_and_a_recovery_code(
    page: Page, programme_manager, area
):
    _password(page, "pm@example.org")
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#secret").inner_text()
    assert_accessible(page)

    page.get_by_label("Enter the 6-digit code your authenticator app now shows").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name=re.compile("The code is not right"))).to_be_visible()
    assert_accessible(page)
    page.wait_for_timeout(1100)  # the wrong code's one-second wait
    page.get_by_label("Enter the 6-digit code your authenticator app now shows").fill(code_for_key(secret))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator(".app-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the codes as a text file").click()
    assert codes[0] in download.value.path().read_text()
    page.get_by_role("button", name="I have kept my recovery codes: continue").click()
    expect(page.get_by_role("heading", name="Stockport: plans")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    _password(page, "pm@example.org")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="use a recovery code").click()
    expect(page.get_by_role("heading", name="Use a recovery code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Enter one of your recovery codes").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You signed in with a recovery code. You have 9 left.")).to_be_visible()
    expect(page.get_by_role("heading", name="Your two-step sign-in")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Make new recovery codes").click()
    expect(page.get_by_role("heading", name="Make new recovery codes")).to_be_visible()
    assert_accessible(page)


def test_a_programme_manager_resets_a_members_two_step_sign_in(
    page: Page, live_server, programme_manager, viewer, area
):
    authenticator(viewer)
    membership = Membership.objects.get(user=viewer)
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(f"/areas/{area.slug}/members/{membership.pk}/edit/")
    page.get_by_role("link", name="Reset two-step sign-in for viewer@example.org").click()
    expect(page.get_by_role("heading", name="Reset two-step sign-in for viewer@example.org?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Reset two-step sign-in").click()
    expect(page.get_by_text("viewer@example.org's two-step sign-in is reset.")).to_be_visible()


def test_an_administrator_resets_a_programme_managers_two_step_sign_in(
    page: Page, live_server, programme_manager, area
):
    authenticator(programme_manager)
    admin = UserFactory(email="it@example.org", is_installation_admin=True)
    signed_in_context(page.context, admin, live_server.url)
    page.goto(f"/admin-areas/{area.slug}/")
    page.get_by_role("link", name=f"Reset two-step sign-in for {programme_manager.email}").click()
    expect(
        page.get_by_role("heading", name=f"Reset two-step sign-in for {programme_manager.email}?")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Reset two-step sign-in").click()
    expect(page.get_by_text(f"{programme_manager.email}'s two-step sign-in is reset.")).to_be_visible()
    assert not has_second_factor(user=programme_manager)
