"""Setting up an area and joining it, in the browser: the administrator's pages, the members page with
its invitations, and the accept page, each passing axe-core; the whole journey from set-up to signed in."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.areas.factories import UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a kettle of bright herons"


def _link() -> str:
    return re.search(r"(/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_an_administrator_sets_up_an_area_and_its_manager_joins(page: Page, live_server, db, context):
    admin = UserFactory(email="admin@example.org", is_installation_admin=True)
    signed_in_context(page.context, admin, live_server.url)
    page.goto("/admin-areas/")
    expect(page.get_by_role("heading", name="Local areas")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Set up a local area").click()
    expect(page.get_by_role("heading", name="Set up a local area")).to_be_visible()
    page.get_by_role("button", name="Set up the area").click()
    expect(page.get_by_role("link", name="Enter the area's name, for example Stockport")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Area name").fill("Fenbridge")
    page.get_by_label("Web address").fill("fenbridge")
    page.get_by_label("Council name").fill("Fenbridge Council")
    page.get_by_label("Programme manager's email address").fill("pm@fenbridge.gov.uk")
    page.get_by_role("button", name="Set up the area").click()
    expect(page.get_by_text("pm@fenbridge.gov.uk has been emailed an invitation")).to_be_visible()
    expect(page.get_by_role("heading", name="Fenbridge: members")).to_be_visible()
    assert_accessible(page)

    context.clear_cookies()
    page.goto(_link())
    expect(page.get_by_role("heading", name="Join Fenbridge's SEND improvement programme")).to_be_visible()
    page.get_by_role("button", name="Accept and join").click()
    expect(page.get_by_role("link", name="Choose a password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Choose a password").fill(NEW_PASSWORD)
    page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Accept and join").click()
    expect(page.get_by_text("You have joined Fenbridge's programme as programme manager.")).to_be_visible()
    assert User.objects.get(email="pm@fenbridge.gov.uk").memberships.get().area.slug == "fenbridge"


def test_a_programme_manager_invites_resends_and_withdraws(page: Page, live_server, area, programme_manager):
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto("/areas/stockport/members/")
    page.get_by_role("link", name="Invite a member").click()
    expect(page.get_by_role("heading", name="Invite a member")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill("new.owner@example.org")
    page.get_by_label("Viewer", exact=False).check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("An invitation to be viewer has been emailed to new.owner@example.org")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Invitations waiting for an answer")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Resend to new.owner@example.org").click()
    expect(page.get_by_text("emailed to new.owner@example.org again")).to_be_visible()
    assert len(mail.outbox) == 2
    page.get_by_role("button", name="Withdraw the invitation to new.owner@example.org").click()
    expect(page.get_by_text("No invitations are waiting for an answer.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(_link())
    expect(page.get_by_role("heading", name="This invitation link does not work")).to_be_visible()
    expect(page.get_by_text("This invitation has been withdrawn")).to_be_visible()
    assert_accessible(page)


def test_someone_signed_in_as_another_email_is_told_why_they_cannot_accept(
    page: Page, live_server, area, programme_manager, other_area_user
):
    from areas.services import invitation_create

    invitation_create(area=area, email="new.owner@example.org", role="viewer", by=programme_manager)
    signed_in_context(page.context, other_area_user, live_server.url)
    page.goto(_link())
    expect(page.get_by_text("but you are signed in as other-pm@example.org")).to_be_visible()
    assert_accessible(page)


def test_a_programme_manager_gives_the_area_a_logo_shown_in_the_header(
    page: Page, live_server, area, programme_manager, settings, tmp_path
):
    import io

    from PIL import Image

    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"
    logo = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (80, 40), "#00707a").save(buffer, format="PNG")
    logo.write_bytes(buffer.getvalue())
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto("/areas/stockport/members/")
    page.get_by_role("link", name="Change the area's name, colour and logo").click()
    expect(page.get_by_role("heading", name="The area's name, colour and logo")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Colour").fill("purple")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Enter a colour as # and six hex digits")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Colour").fill("#4c2c92")
    page.get_by_label("Council name").fill("Stockport Council")
    page.get_by_label("Logo (optional)").set_input_files(str(logo))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The area's name, colour and logo are saved.")).to_be_visible()
    header_logo = page.locator("img.app-header__logo")
    expect(header_logo).to_be_visible()
    assert header_logo.evaluate("img => img.naturalWidth") == 80
    expect(page.get_by_role("img", name="Stockport's logo")).to_be_visible()
    assert_accessible(page)
