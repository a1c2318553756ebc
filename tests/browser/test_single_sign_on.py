"""Single sign-on in the browser, against the real test provider (tests/sso): the sign-in page with its
button, a member signed in, a stranger told why not; the service's pages pass axe-core."""

import pytest
from playwright.sync_api import Page, expect

from areas.models import Membership
from tests.areas.factories import MembershipFactory, UserFactory
from tests.browser.axe import assert_accessible
from tests.sso.conftest import PROVIDER_PASSWORD, identity_provider, sso  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("sso")]


def _sign_in_at_provider(page: Page, username: str) -> None:
    page.goto("/sign-in/")
    button = page.get_by_role("button", name="Sign in with your council account")
    expect(button).to_be_visible()
    button.click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_member_signs_in_with_single_sign_on(page: Page, area):
    member = UserFactory(email="member@council.example")
    MembershipFactory(user=member, area=area, role=Membership.Role.VIEWER)
    page.goto("/sign-in/")
    assert_accessible(page)
    _sign_in_at_provider(page, "member")
    expect(page.get_by_role("heading", name="Stockport: plans")).to_be_visible()


def test_someone_not_invited_is_told_why_single_sign_on_did_not_sign_them_in(page: Page, area):
    _sign_in_at_provider(page, "stranger")
    expect(page.get_by_role("heading", name="Single sign-on did not sign you in")).to_be_visible()
    expect(page.locator("#sso-refusal")).to_have_text(
        "We could not find an invitation or membership for stranger@council.example. "
        "Ask your programme manager to invite you."
    )
    assert_accessible(page)
    page.get_by_role("link", name="Sign in with your email address and password").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
