"""The public pages families read: axe-clean with JavaScript off, fitting 320 px without scrolling
sideways, every link reachable by keyboard, and under 150 KB transferred; and the publishing preview."""

import gzip

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from publishing import services
from tests.browser.axe import assert_accessible
from tests.browser.conftest import TIMEOUT_MS, signed_in_context
from tests.publishing.world import public_world

pytestmark = pytest.mark.browser

PAGES = [
    ("public:home", {}),
    ("public:scorecard", {}),
    ("public:voice", {}),
    ("public:publications", {}),
    ("public:publication", {"number": 1}),
    ("public:publication-scorecard", {"number": 1}),
    ("public:publication-voice", {"number": 1}),
]
LIMIT = 150 * 1024


@pytest.fixture
def published(area, tree, statuses, programme_manager):
    world = public_world(area, tree, statuses, programme_manager)
    services.publication_create(area=area, by=programme_manager, note="March 2021 progress")
    return world


def _no_script_page(browser: Browser, live_server, width: int):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return context, context.new_page()


@pytest.mark.parametrize("width", [1280, 320])
def test_every_public_page_reads_with_javascript_off_and_fits_320_pixels(
    published, browser, live_server, width
):
    context, page = _no_script_page(browser, live_server, width)
    try:
        for name, kwargs in PAGES:
            page.goto(reverse(name, kwargs={"area": "stockport", **kwargs}))
            assert page.get_by_text("Published ").first.is_visible()
            assert page.get_by_role("heading", level=1).is_visible()
            sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert sizes[0] <= sizes[1], f"{name} scrolls sideways at {width} px: {sizes}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_every_public_page_has_no_serious_accessibility_problem(published, page, width):
    """axe runs as a script (it needs JavaScript itself); the public pages have none, so what it checks is
    what a reader with JavaScript off gets (the test above)."""
    page.set_viewport_size({"width": width, "height": 900})
    for name, kwargs in PAGES:
        page.goto(reverse(name, kwargs={"area": "stockport", **kwargs}))
        assert_accessible(page)


def test_every_link_of_a_public_page_is_reached_by_the_keyboard(published, browser, live_server):
    context, page = _no_script_page(browser, live_server, 1280)
    try:
        page.goto(reverse("public:scorecard", kwargs={"area": "stockport"}))
        links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        reached = set()
        for _ in range(len(links) + 5):
            page.keyboard.press("Tab")
            href = page.evaluate("() => document.activeElement && document.activeElement.href")
            if href:
                reached.add(href)
        assert set(links) <= reached
    finally:
        context.close()


def test_a_public_page_with_its_styles_and_images_is_under_150_kb(published, browser, live_server):
    """Counted as sent: the stylesheet compressed (whitenoise serves it gzipped), the rest as they are."""
    context, page = _no_script_page(browser, live_server, 1280)
    sizes: dict[str, int] = {}

    def count(response):
        body = response.body()
        compressible = response.url.endswith(".css")
        sizes[response.url] = len(gzip.compress(body)) if compressible else len(body)

    page.on("response", count)
    try:
        for name in ("public:home", "public:scorecard", "public:voice"):
            sizes.clear()
            page.goto(reverse(name, kwargs={"area": "stockport"}))
            page.wait_for_load_state("networkidle")
            assert len(sizes) >= 2
            assert sum(sizes.values()) < LIMIT, f"{name}: {sizes}"
    finally:
        context.close()


def test_the_publishing_preview_is_accessible(published, page, live_server):
    signed_in_context(page.context, published["pm"], live_server.url)
    page.goto(reverse("publishing:preview", kwargs={"area": "stockport"}))
    assert page.get_by_text("Preview: not published").is_visible()
    assert_accessible(page)
    page.goto(reverse("publishing:home", kwargs={"area": "stockport"}))
    assert_accessible(page)
    page.goto(reverse("publishing:summary-edit", kwargs={"area": "stockport", "pk": published["top"].pk}))
    assert_accessible(page)
    page.goto(reverse("publishing:settings", kwargs={"area": "stockport"}))
    assert_accessible(page)


def test_the_programme_manager_publishes_from_the_preview(published, page, live_server):
    signed_in_context(page.context, published["pm"], live_server.url)
    page.goto(reverse("publishing:preview", kwargs={"area": "stockport"}))
    page.get_by_label("Note (optional)").fill("April progress")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Publication 2 published")).to_be_visible()  # waits for the page after Publish
    page.get_by_role("link", name="Update 2").click()
    expect(page.get_by_text("Leaders are working together.")).to_be_visible()
