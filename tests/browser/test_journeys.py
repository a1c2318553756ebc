"""What people do in the browser, checked by what they see."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

NEW_TEXT = "Board meets every fortnight and publishes its minutes"


def test_a_workstream_lead_finds_their_milestone_and_edits_it(page: Page, tree, workstream_lead):
    """A lead signs in, filters the milestones to their workstream, edits one and sees it saved."""
    sign_in(page, "lead@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stockport: plans")

    page.get_by_role("link", name="Written Statement of Action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Written Statement of Action")
    page.get_by_role("link", name="All milestones, with filters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Milestones")
    rows = page.locator("table.govuk-table tbody tr")
    expect(rows).to_have_count(2)

    page.get_by_label("Workstream", exact=True).select_option(label="S/E: SEN Support/ EHC plans")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"[?&]workstream=\d+"))
    expect(page.locator("#result-count")).to_contain_text("1 milestone shown")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("1.1.1.1")
    expect(rows.first).to_contain_text("S/E")
    expect(page.get_by_role("link", name="1.1.1.2")).to_have_count(0)

    page.get_by_role("link", name="1.1.1.1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board meets fortnightly")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit milestone 1.1.1.1")
    page.get_by_label("Text", exact=True).fill(NEW_TEXT)
    page.get_by_role("button", name="Save").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Success")
    expect(banner).to_contain_text("Milestone 1.1.1.1 saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(NEW_TEXT)
    change = page.locator("#history ~ .govuk-summary-card").first
    expect(change.locator(".govuk-summary-card__title")).to_contain_text("Changed")
    expect(change.locator(".govuk-summary-card__title")).to_contain_text(f"by {workstream_lead.display_name}")
    text_row = change.locator(".govuk-summary-list__row", has_text="Text")
    expect(text_row).to_contain_text("Was: Board meets fortnightly")
    expect(text_row).to_contain_text(f"Now: {NEW_TEXT}")


def test_a_viewer_sees_no_edit_button_and_cannot_open_the_edit_page(page: Page, tree, viewer):
    """A viewer reads an item; the Edit button is not there, and its address says "You cannot do this"."""
    mine = tree["mine"]
    sign_in(page, "viewer@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stockport: plans")

    page.goto(reverse("plans:item", kwargs={"area": "stockport", "pk": mine.pk}))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board meets fortnightly")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Remove")).to_have_count(0)

    response = page.goto(reverse("plans:item-edit", kwargs={"area": "stockport", "pk": mine.pk}))
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    expect(page.get_by_label("Text", exact=True)).to_have_count(0)


def test_a_wrong_password_shows_the_error_summary(page: Page, viewer):
    """Signing in with the wrong password keeps you on the page, with the GOV.UK error summary focused."""
    sign_in(page, "viewer@example.org", password="not the password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct email address and password")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label("Email address")).to_have_value("viewer@example.org")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
