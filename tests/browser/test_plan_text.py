"""A plan's text in the browser: found from the overview, written by the programme manager, read in
paragraphs; the page and its form pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from plans.models import PlanText
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser


def test_the_programme_manager_writes_the_governance_and_it_reads_in_paragraphs(
    page: Page, live_server, plan, programme_manager
):
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(reverse("plans:plan", kwargs={"area": "stockport", "pk": plan.pk}))
    page.get_by_role("link", name="Plan text").click()
    expect(page.get_by_role("heading", name="Plan text of Written Statement of Action")).to_be_visible()
    expect(page.get_by_role("heading", name="Governance")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edit the governance").click()
    expect(
        page.get_by_role("heading", name="Edit the governance of Written Statement of Action")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Governance").fill(
        "The board meets monthly.\n\nIt reports to the Health and Wellbeing Board."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Governance saved.")).to_be_visible()
    expect(page.get_by_text("It reports to the Health and Wellbeing Board.")).to_be_visible()
    assert_accessible(page)
    assert PlanText.objects.get(plan=plan, section="governance").version == 1
