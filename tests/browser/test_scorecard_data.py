"""Figures in, in the browser: the programme manager imports the real DfE timeliness file through a
named mapping, and uploads a file of figures. Every page on the way is checked with axe-core."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scorecard.models import Figure, SavedMapping, Series
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.scorecard.factories import MeasureFactory, ScorecardSettingsFactory, headline

pytestmark = pytest.mark.browser

DFE_DIR = Path(os.environ.get("DFE_EHCP_DIR", "/work/shared/data/dfe/ehcp-2025"))
TIMELINESS_FILE = DFE_DIR / "timeliness_20_week.csv"


@pytest.fixture
def scorecard(area, programme_manager, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    ScorecardSettingsFactory(
        area=area,
        la_code="E08000007",
        old_la_code="356",
        region_code="E12000002",
        neighbour_codes="E08000009",
    )
    return MeasureFactory(area=area, code="E1", name="EHC plans issued within 20 weeks", unit="percent")


@pytest.mark.skipif(not TIMELINESS_FILE.is_file(), reason=f"the DfE files are not in {DFE_DIR}")
def test_the_manager_imports_the_real_dfe_file_through_a_named_mapping(page: Page, scorecard):
    measure = scorecard
    sign_in(page, "pm@example.org")
    page.goto(f"/areas/{measure.area.slug}/scorecard/dfe/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import DfE open data")
    assert_accessible(page)
    page.get_by_label("Upload a DfE open data file").set_input_files(str(TIMELINESS_FILE))
    page.get_by_role("button", name="Upload the file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Map the columns and import")
    expect(page.get_by_label("Column with the published figure")).to_have_value("PC_plans_issued_20_weeks_ex")
    assert_accessible(page)

    page.get_by_label("Measure and breakdown to fill").select_option(
        label=f"E1 {measure.name}: All (percentage)"
    )
    page.get_by_label("Name for the mapping").fill("Timeliness, 2025 release")
    page.get_by_role("button", name="Save the mapping").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Mapping “Timeliness, 2025 release” saved"
    )
    assert SavedMapping.objects.filter(name="Timeliness, 2025 release").exists()

    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#preview-summary")).to_contain_text("Importing writes 24 figures")
    expect(page.locator("#preview-figures tbody tr", has_text="2024")).to_contain_text("7.8")
    assert_accessible(page)
    assert not Figure.objects.exists()

    page.get_by_role("button", name="Import the figures").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Imported 24 figures")
    figures = {
        (f.series, f.period): f.value
        for f in Figure.objects.filter(breakdown=headline(measure), period="2024")
    }
    assert figures[(Series.AREA, "2024")] == Decimal("7.8")
    assert figures[(Series.ENGLAND, "2024")] == Decimal("46.4")
    assert figures[(Series.REGION, "2024")] == Decimal("50.5")

    page.goto(f"/areas/{measure.area.slug}/scorecard/mappings/")
    expect(page.locator("#mappings")).to_contain_text("Timeliness, 2025 release")
    assert_accessible(page)
    page.get_by_role("link", name="Change Timeliness, 2025 release").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the mapping")
    assert_accessible(page)


def test_the_manager_uploads_a_file_of_figures_and_sees_its_problems(page: Page, scorecard):
    measure = scorecard
    sign_in(page, "pm@example.org")
    page.goto(f"/areas/{measure.area.slug}/scorecard/upload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload figures")
    assert_accessible(page)

    bad = b"Measure code,Period,Value\r\nE1,2024,forty\r\n"
    page.get_by_label("Upload a file of figures").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text('"forty" is not a number')
    assert_accessible(page)

    good = b"Measure code,Period,Value\r\nE1,2024,46.4\r\n"
    page.get_by_label("Upload a file of figures").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": good}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#upload-summary")).to_contain_text("1 new")
    assert_accessible(page)
    page.get_by_role("button", name="Save the figures").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 new figure")
    assert Figure.objects.get(breakdown=headline(measure)).value == Decimal("46.4")
