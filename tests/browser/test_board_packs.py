"""Board packs in the browser: the home page (programme manager and viewer), the pack template form,
the template's page, the make-a-pack form, the progress page and the pack's page pass axe-core and fit
at 1280 and 320 px; the journey from setting up a pack to a viewer downloading the version sent; and
the same with JavaScript off."""

import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from boardpacks import services
from boardpacks.models import Pack, PackTemplate
from jobs.models import Job
from progress.models import ReportingPeriod
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in, signed_in_context
from tests.browser.test_fit import MEASURE
from tests.progress.factories import ReportingPeriodFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def reported(plan, programme_manager, viewer, settings, tmp_path):
    """Stockport's plan with March 2021 reported, a programme manager and a viewer."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    return ReportingPeriodFactory(plan=plan, state=ReportingPeriod.State.REPORTED, reported_at=timezone.now())


def _check(page: Page, where: str) -> None:
    """The page passes axe and, at any width, never scrolls sideways nor cuts off a table's link."""
    found = page.evaluate(MEASURE)
    assert found["page"] <= found["window"], f"{where} scrolls sideways ({found['page']} px)"
    assert not found["cuts"] and not found["sideways"], (where, found)
    page.evaluate("() => window.scrollTo(0, 0)")
    assert_accessible(page)


def _set_up(page: Page) -> None:
    """Set up the monthly pack, leaving out the highlight reports and putting the risks second."""
    page.get_by_label("Name", exact=True).fill("Monthly SEND board pack")
    page.get_by_label("Who it is for").fill("SEND Improvement Board")
    page.get_by_label("Title on the cover").fill("SEND Written Statement of Action: progress update")
    page.get_by_label("Meeting", exact=True).fill("SEND Improvement Board")
    page.get_by_label("Include Highlight reports").uncheck()
    page.get_by_label("Order of Risks").select_option("2")
    page.get_by_label("Order of Summary").select_option("7")


def _make(page: Page) -> None:
    page.get_by_role("button", name="Make a pack").click()
    expect(page.get_by_role("heading", name="Make a pack")).to_be_visible()
    page.get_by_label("March 2021").check()
    page.get_by_label("Date of the meeting").fill("20/04/2021")
    page.get_by_label("Matters for the board's decision").fill("Agree the revised date for action 2.3.")


def test_the_journey_from_setting_up_a_pack_to_a_viewer_downloading_the_one_sent(
    page: Page, browser: Browser, live_server, reported, area, viewer
):
    sign_in(page, "pm@example.org")
    page.goto(reverse("boardpacks:home", kwargs={"area": area.slug}))
    page.get_by_role("link", name="Set up a new pack").click()
    expect(page.get_by_role("heading", name="Set up a new pack")).to_be_visible()
    _set_up(page)
    page.get_by_role("button", name="Set up the pack").click()
    expect(page.get_by_role("heading", name="Monthly SEND board pack")).to_be_visible()
    template = PackTemplate.objects.get()
    assert template.sections[:2] == ["cover", "risks"] and "highlights" not in template.sections

    _make(page)
    page.get_by_role("button", name="Make the pack").click()
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    expect(page.get_by_text("Version 1 of Monthly SEND board pack for March 2021 is ready")).to_be_visible()
    page.get_by_role("link", name="Open version 1 of the pack").click()
    expect(page.get_by_text("SEND Improvement Board, 20 April 2021")).to_be_visible()

    pack = Pack.objects.get()
    stored = pack.files.get(format="pdf")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the PDF document").click()
    body = downloading.value.path().read_bytes()
    assert hashlib.sha256(body).hexdigest() == stored.sha256
    assert downloading.value.suggested_filename == "stockport-monthly-send-board-pack-march-2021-v1.pdf"

    page.get_by_role("button", name="Mark as sent to the meeting").click()
    expect(page.get_by_text("Version 1 is marked as the one sent to the meeting")).to_be_visible()

    context = browser.new_context(base_url=live_server.url)
    try:
        signed_in_context(context, viewer, live_server.url)
        member = context.new_page()
        member.goto(reverse("boardpacks:home", kwargs={"area": area.slug}))
        opening = member.get_by_role("link", name=re.compile(r"^Monthly SEND board pack"))
        expect(opening).to_be_visible()
        opening.click()
        expect(member.get_by_role("link", name="Download the Word document")).to_be_visible()
        expect(member.get_by_role("button", name="Mark as sent to the meeting")).to_have_count(0)
    finally:
        context.close()


def test_the_pages_pass_axe_and_fit_at_1280_and_320_pixels(page: Page, live_server, reported, area, plan):
    sign_in(page, "pm@example.org")
    template = services.template_create(
        area=area,
        plan=plan,
        name="Monthly SEND board pack",
        audience="SEND Improvement Board",
        title="SEND Written Statement of Action: progress update",
        meeting="SEND Improvement Board",
        frequency="monthly",
        sections=["cover", "summary", "matters"],
        is_default=True,
    )
    pack = services.pack_make(template=template, period=reported, meeting_date=None, matters="Note progress.")
    waiting = Job.objects.create(
        area=area,
        kind="boardpacks.build",
        label="Making Monthly SEND board pack for March 2021",
        created_by=Job._meta.get_field("created_by").related_model.objects.get(email="pm@example.org"),
    )
    slug = area.slug
    pages = {
        "home": reverse("boardpacks:home", kwargs={"area": slug}),
        "template form": reverse("boardpacks:template-create", kwargs={"area": slug}),
        "template edit": reverse("boardpacks:template-edit", kwargs={"area": slug, "pk": template.pk}),
        "template": reverse("boardpacks:template", kwargs={"area": slug, "pk": template.pk}),
        "make a pack": reverse("boardpacks:pack-create", kwargs={"area": slug, "pk": template.pk}),
        "progress": reverse("jobs:job", kwargs={"area": slug, "pk": waiting.pk}),
        "pack": reverse("boardpacks:pack", kwargs={"area": slug, "pk": pack.pk}),
    }
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in pages.items():
            response = page.goto(path)
            assert response is not None and response.status == 200, name
            if name == "progress":
                expect(page.get_by_text("Progress: 0%")).to_be_visible()
            _check(page, f"{name} at {width} px")
    page.goto(pages["template form"])
    page.get_by_role("button", name="Set up the pack").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    _check(page, "template form with errors")


def test_the_viewers_home_passes_axe_and_fits(page: Page, live_server, reported, area, plan, viewer):
    template = services.template_create(
        area=area,
        plan=plan,
        name="Monthly SEND board pack",
        audience="SEND Improvement Board",
        title="SEND Written Statement of Action: progress update",
        meeting="SEND Improvement Board",
        frequency="monthly",
        sections=["cover", "summary", "matters"],
        is_default=True,
    )
    pack = services.pack_make(template=template, period=reported, meeting_date=None, matters="Note progress.")
    services.pack_mark_sent(pack=pack)
    signed_in_context(page.context, viewer, live_server.url)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(reverse("boardpacks:home", kwargs={"area": area.slug}))
        expect(page.get_by_role("link", name="Download the PDF document").first).to_be_visible()
        _check(page, f"viewer's home at {width} px")
        page.goto(reverse("boardpacks:pack", kwargs={"area": area.slug, "pk": pack.pk}))
        _check(page, f"viewer's pack page at {width} px")


def test_setting_up_and_making_a_pack_work_with_javascript_off(browser: Browser, live_server, reported, area):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        page = context.new_page()
        sign_in(page, "pm@example.org")
        page.goto(reverse("boardpacks:template-create", kwargs={"area": area.slug}))
        _set_up(page)
        page.get_by_role("button", name="Set up the pack").click()
        expect(page.get_by_role("heading", name="Monthly SEND board pack")).to_be_visible()
        _make(page)
        page.get_by_role("button", name="Make the pack").click()
        expect(page.get_by_role("link", name="Open version 1 of the pack")).to_be_visible()
        assert Pack.objects.get().files.count() == 3
    finally:
        context.close()
