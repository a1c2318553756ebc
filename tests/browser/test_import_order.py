"""Re-importing a plan whose rows moved and whose long text changed at its end, in the browser: the
preview says the order changes, shows the long change word by word and says how a two-digit year was
read; it passes axe-core, and after the import the plan's page lists the items in the file's order."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from plans.spreadsheet import plan_import, read_plan_file
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPENING = ("Families tell us that joint commissioning has not yet changed what they see at home. " * 5)[:380]


def _sheets(impact: str, *, second_first: bool = False):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Impact", impact)
    if second_first:
        header, *rows = sheets["Items"]
        sheets["Items"] = [header, *rows[5:], *rows[:5]]  # area of weakness 2 and its items first
        set_cell(sheets, "Items", 9, "Due date", "31/07/19")
    return sheets


def test_the_preview_of_a_reordered_file_says_so_and_the_plan_follows_it(
    page: Page, live_server, area, programme_manager
):
    old = OPENING + " Review it each term."
    plan = plan_import(area=area, plan_file=read_plan_file(xlsx_bytes(_sheets(old)), name="plan.xlsx")).plan
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(live_server.url + reverse("plans:import", kwargs={"area": "stockport"}))
    expect(page.get_by_role("link", name="Download a blank template (Excel)")).to_be_visible()
    new = _sheets(OPENING + " Review it each month.", second_first=True)
    page.get_by_label("Upload the plan").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(new)}]
    )
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("link", name="See what the import will do").click()

    main = page.get_by_role("main")
    expect(main).to_contain_text("Order of Areas of weakness")
    expect(main.locator("del")).to_contain_text("term.")
    expect(main.locator("ins").first).to_contain_text("month.")
    expect(main).to_contain_text('Due "31/07/19" read as 31 July 2019 (the year 19 taken as 2019, not 1919)')
    assert_accessible(page)

    page.get_by_role("button", name="Import the plan").click()
    page.get_by_role("link", name="Open the plan WSOA-2019").click()
    text = page.get_by_role("main").inner_text()
    assert text.index("To assess and meet social care needs") < text.index("To develop an effective approach")
    plan.refresh_from_db()
    assert plan.items.current().filter(level=1).order_by("sort_key").first().number == "2"
