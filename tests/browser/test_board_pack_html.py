"""A board pack read on the web: axe-clean at 1280 and 320 px, never scrolling the page sideways (wide
tables scroll in their own labelled boxes, reachable by keyboard), its charts loaded as images, the
contents jumping to each section, and all of it with JavaScript off; the demo's packs, made from the
data as reported, read by a viewer the same way."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from accounts.models import User
from boardpacks.models import Pack
from tests.boardpacks.factories import PackFactory, PackTemplateFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser


@pytest.fixture
def pack_url(plan):
    template = PackTemplateFactory(plan=plan, area=plan.area)
    pack = PackFactory(template=template)
    return reverse("boardpacks:pack-html", kwargs={"area": plan.area.slug, "pk": pack.pk})


@pytest.mark.parametrize("width", [1280, 320])
def test_the_pack_page_passes_axe_and_never_scrolls_sideways(
    page: Page, live_server, programme_manager, pack_url, width
):
    signed_in_context(page.context, programme_manager, live_server.url)
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(pack_url)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "SEND Written Statement of Action: progress report"
    )
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], f"the pack at {width} px scrolls sideways: {sizes}"
    assert_accessible(page)


def test_the_charts_load_as_images_and_the_contents_jump_to_each_section(
    page: Page, live_server, programme_manager, pack_url
):
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(pack_url)
    charts = page.locator("img.app-pack-chart")
    expect(charts).to_have_count(2)
    loaded = page.evaluate(
        "() => [...document.querySelectorAll('img.app-pack-chart')]"
        ".map(img => img.complete && img.naturalWidth)"
    )
    assert all(width and width > 0 for width in loaded), loaded
    expect(page.get_by_text("Figure 1: Items by status in each of the areas of weakness")).to_be_visible()
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Risks", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Risks")).to_be_in_viewport()
    grid = page.get_by_role("region", name="Heat map (scrolls sideways on a narrow screen)")
    grid.focus()
    expect(grid).to_be_focused()


def test_the_pack_reads_the_same_with_javascript_off(
    browser: Browser, live_server, programme_manager, pack_url
):
    context = browser.new_context(java_script_enabled=False)
    try:
        signed_in_context(context, programme_manager, live_server.url)
        page = context.new_page()
        page.goto(live_server.url + pack_url)
        expect(page.get_by_role("heading", level=2, name="Exceptions")).to_be_visible()
        expect(page.locator("#exceptions-red-table")).to_contain_text("Interim panel chaired by the SEND GM.")
        expect(page.locator("#heat-map td[data-cell='4-4']")).to_contain_text("Red")
    finally:
        context.close()


@pytest.fixture
def demo_packs(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    call_command("load_demo", stdout=StringIO())
    return Pack.objects.filter(template__area__slug="stockport", sent_at__isnull=False)


@pytest.mark.parametrize("width", [1280, 320])
def test_the_demos_packs_made_from_the_data_as_reported_pass_axe_and_fit(
    demo_packs, page: Page, live_server, width
):
    signed_in_context(page.context, User.objects.get(email="viewer@stockport.example"), live_server.url)
    page.set_viewport_size({"width": width, "height": 800})
    assert demo_packs
    for pack in demo_packs:
        url = reverse("boardpacks:pack-html", kwargs={"area": "stockport", "pk": pack.pk})
        response = page.goto(url)
        assert response is not None and response.status == 200, pack
        expect(page.get_by_role("heading", level=1)).to_have_text(pack.content["pack"]["title"])
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert sizes[0] <= sizes[1], f"{pack} at {width} px scrolls sideways: {sizes}"
        assert_accessible(page)
