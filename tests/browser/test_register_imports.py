"""The risk register and "You said, we did" import pages pass axe-core with no serious or critical
problem: the upload page, with a file's problems listed, and the preview of what will change."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from risks.services.risks import RiskContent, risk_create
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from tests.evidence.factories import EvidenceFactory
from tests.plans.spreadsheet_files import xlsx_bytes
from tests.risks.test_spreadsheet import risk_row
from tests.risks.test_spreadsheet import sheets as risk_sheets
from tests.scorecard.factories import MeasureFactory, OutcomeFactory
from tests.voice.test_spreadsheet import entry_row
from tests.voice.test_spreadsheet import sheets as voice_sheets

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def register(plan, tree, owner_person, lead_person, programme_manager, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    area = plan.area
    EvidenceFactory(area=area, title="Board minutes, March 2021")
    MeasureFactory(area=area, code="E7")
    OutcomeFactory(area=area, code="I1")
    risk_create(plan=plan, content=RiskContent(reference="R1", title="Workforce", likelihood=2, impact=2))
    return plan


def _upload(page: Page, label: str, content: bytes) -> None:
    page.get_by_label(label).set_input_files(
        files=[{"name": "register.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    page.get_by_role("button", name="Check the file").click()


PAGES = [
    ("risks", "Upload the risk register", lambda *rows: risk_sheets(risks=list(rows) or None), risk_row),
    ("voice", "Upload “You said, we did”", voice_sheets, entry_row),
]


@pytest.mark.parametrize(("app", "label", "sheets", "row"), PAGES, ids=[p[0] for p in PAGES])
def test_the_import_pages_have_no_serious_accessibility_problems(
    register, programme_manager, page: Page, live_server, app, label, sheets, row
):
    signed_in_context(page.context, programme_manager, live_server.url)
    kwargs = {"area": register.area.slug} | ({"plan_pk": register.pk} if app == "risks" else {})
    page.goto(reverse(f"{app}:import", kwargs=kwargs))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import")
    assert_accessible(page)

    _upload(page, label, xlsx_bytes(sheets(row(Reference=""))))
    expect(page.locator(".govuk-error-summary")).to_contain_text("row 2, Reference")
    assert_accessible(page)

    _upload(page, label, xlsx_bytes(sheets()))
    expect(page.get_by_role("main")).to_contain_text("Nothing has been saved yet")
    assert_accessible(page)
    page.get_by_role("button", name="Import the").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Imported register.xlsx")
