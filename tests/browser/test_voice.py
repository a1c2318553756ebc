"""The "You said, we did" list, an entry's page and its form: axe-clean, fitting at 320 px, and the
list filtered and an entry added with JavaScript off."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.browser.test_fit import MEASURE
from tests.evidence.factories import EvidenceFactory
from tests.scorecard.factories import MeasureFactory, OutcomeFactory
from tests.voice.factories import EntryFactory
from voice.models import Entry, Source

pytestmark = pytest.mark.browser

LONG_SAID = (
    "We did not know what a personal budget was, who could have one, or how to ask for one, and when "
    "we asked nobody could tell us what it would pay for or how long it would take to arrange"
)


@pytest.fixture
def entries(area, tree, programme_manager, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    outcome = OutcomeFactory(area=area, code="I2", statement="I am listened to and involved")
    measure = MeasureFactory(area=area, code="E9", name="Families who know about personal budgets")
    evidence = EvidenceFactory(area=area, title="Personal budgets survey", file_name="s.txt", content=b"x")
    first = EntryFactory(area=area, reference="YS1", said=LONG_SAID, is_published=True)
    first.outcomes.add(outcome)
    first.measures.add(measure)
    first.evidence.add(evidence)
    first.items.add(tree["mine"], tree["top"])
    EntryFactory(area=area, reference="YS2", source=Source.WORKSHOP, said="We want to be equal partners")
    return first


def _fits(page: Page, where: str) -> None:
    found = page.evaluate(MEASURE)
    assert found["page"] <= found["window"], f"{where} scrolls sideways"
    assert not found["cuts"] and not found["sideways"], (where, found)


def test_the_list_entry_and_form_are_accessible_and_fit_at_1280_and_320_pixels(page: Page, entries, area):
    sign_in(page, "pm@example.org")
    pages = {
        "list": reverse("voice:list", kwargs={"area": area.slug}),
        "entry": reverse("voice:entry", kwargs={"area": area.slug, "pk": entries.pk}),
        "add": reverse("voice:entry-create", kwargs={"area": area.slug}),
        "edit": reverse("voice:entry-edit", kwargs={"area": area.slug, "pk": entries.pk}),
    }
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in pages.items():
            page.goto(path)
            _fits(page, f"{name} at {width} px")
            assert_accessible(page)

    page.goto(pages["add"])
    page.get_by_label("You said").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what families or young people said")
    assert_accessible(page)


def test_with_javascript_off_a_lead_filters_the_list_and_adds_an_entry(
    browser: Browser, live_server, entries, area, workstream_lead
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "lead@example.org")
    page.goto(reverse("voice:list", kwargs={"area": area.slug}))

    page.get_by_label("I statement").select_option(label="I2 I am listened to and involved")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_contain_text("1 entry found")
    expect(page.get_by_role("link", name="YS1")).to_be_visible()

    page.get_by_role("link", name="Add an entry").click()
    expect(page.get_by_label("Reference")).to_have_value("YS3")
    expect(page.get_by_label("Published to families")).to_have_count(0)
    page.get_by_label("You said").fill("The annual review letters are hard to read")
    page.get_by_label("Survey").check()
    page.get_by_label("Date said").fill("01/04/2021")
    page.get_by_label("Plan items").select_option(label="WSOA-2019 1.1.1.1: Board meets fortnightly")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("YS3")
    expect(page.locator("#said")).to_have_text("The annual review letters are hard to read")
    assert list(Entry.objects.get(reference="YS3").items.values_list("number", flat=True)) == ["1.1.1.1"]
    context.close()
