"""The plan import's preview in the browser, for a plan as an area wrote it: the columns it leaves out,
how months and ranges were read, the same problem in many rows said once; each passes axe-core, and
the import goes ahead only once the user says they have seen the columns left out."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from plans.models import Plan
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from tests.plans.spreadsheet_files import item, set_cell, valid_sheets, xlsx_bytes

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_written():
    """The valid plan with a column the template has not, and a due date written as a range."""
    sheets = valid_sheets()
    for number, row in enumerate(sheets["Items"]):
        row.append("Success Criteria / Measures" if number == 0 else "Fewer complaints")
    set_cell(sheets, "Items", 5, "Due date", "Sept 2018 - March 2019")
    return sheets


def _upload(page: Page, live_server, user, sheets, result: str) -> None:
    signed_in_context(page.context, user, live_server.url)
    page.goto(live_server.url + reverse("plans:import", kwargs={"area": "stockport"}))
    page.get_by_label("Upload the plan").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(sheets)}]
    )
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("link", name=result).click()


def test_the_preview_lists_the_columns_left_out_and_asks_before_importing(
    page: Page, live_server, area, programme_manager
):
    _upload(page, live_server, programme_manager, as_written(), "See what the import will do")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", name="These columns will not be imported")).to_be_visible()
    expect(main).to_contain_text('Items: "Success Criteria / Measures" (9 filled cells)')
    expect(main).to_contain_text('Due "Sept 2018 - March 2019" read as 31/03/2019')
    assert_accessible(page)

    page.get_by_role("button", name="Import the plan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Confirm you have seen the columns that will not be imported"
    )
    assert_accessible(page)
    assert not Plan.objects.exists()

    page.get_by_label("I have seen the columns that will not be imported").check()
    page.get_by_role("button", name="Import the plan").click()
    expect(page.get_by_role("link", name="Open the plan WSOA-2019")).to_be_visible()
    assert Plan.objects.filter(reference="WSOA-2019").exists()


def test_the_same_problem_in_many_rows_is_one_row_of_the_problems_table(
    page: Page, live_server, area, programme_manager
):
    sheets = as_written()
    sheets["Items"] += [item(f"2.1.1.{n}", f"Step {n}", due_date="ongoing") for n in range(2, 12)]
    _upload(page, live_server, programme_manager, sheets, "See the problems in the file")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Items, rows 11-20, Due date")
    expect(summary.get_by_role("row")).to_have_count(2)  # the heading and the one group
    expect(page.get_by_role("heading", name="These columns will not be imported")).to_be_visible()
    assert_accessible(page)
