"""The board's risk pages on the demo (Stockport's seven risks): the heat map and "Red risks and their
mitigations" pass axe-core at 1280 and 320 px, never scroll the page sideways (the heat map's grid
scrolls in its own labelled box, reachable by keyboard), and work with JavaScript off."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from accounts.models import User
from plans.models import Plan
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    call_command("load_demo", stdout=StringIO())
    return Plan.objects.get(area__slug="stockport", reference="WSOA-2019")


def _pages(plan: Plan) -> dict[str, str]:
    kwargs = {"area": plan.area.slug, "plan_pk": plan.pk}
    return {
        "heat map": reverse("risks:heatmap", kwargs=kwargs),
        "heat map before mitigation": reverse("risks:heatmap", kwargs=kwargs) + "?assessment=before",
        "red risks": reverse("risks:red", kwargs=kwargs),
    }


@pytest.mark.parametrize("width", [1280, 320])
def test_the_risk_board_pages_pass_axe_and_fit(demo, page: Page, live_server, width):
    signed_in_context(page.context, User.objects.get(email="viewer@stockport.example"), live_server.url)
    page.set_viewport_size({"width": width, "height": 800})
    for name, path in _pages(demo).items():
        response = page.goto(path)
        assert response is not None and response.status == 200, name
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert sizes[0] <= sizes[1], f"{name} at {width} px scrolls sideways: {sizes}"
        assert_accessible(page)


def test_the_heat_map_shows_the_demos_risks_in_their_cells_with_band_words(demo, page: Page, live_server):
    signed_in_context(page.context, User.objects.get(email="viewer@stockport.example"), live_server.url)
    page.goto(_pages(demo)["heat map"])
    red_cell = page.locator('td[data-cell="4-4"]')
    expect(red_cell).to_contain_text("Red (16)")
    expect(red_cell.get_by_role("link", name="R3")).to_be_visible()
    expect(page.locator("#movement-table")).to_contain_text("Fell a band")
    grid = page.get_by_role("region", name="Heat map (scrolls sideways on a narrow screen)")
    grid.focus()
    expect(grid).to_be_focused()


def test_the_assessment_switch_works_with_javascript_off(demo, browser: Browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        signed_in_context(context, User.objects.get(email="viewer@stockport.example"), live_server.url)
        page = context.new_page()
        page.goto(live_server.url + _pages(demo)["heat map"])
        page.get_by_label("Before mitigation").check()
        page.get_by_role("button", name="Show").click()
        expect(page.locator("caption").first).to_contain_text("Open risks: before mitigation")
    finally:
        context.close()
