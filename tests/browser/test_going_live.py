"""Going live, the whole journey in one browser (docs/onboarding.md): an installation administrator
sets up an area; its programme manager accepts the emailed invitation, imports the plan from the area's
own spreadsheet (a date as "31-Oct-17", an owner by full name, a column the template has not) through
the check, the preview and the import, and invites a workstream lead, who joins and sees the plan's
items. Each new kind of page met on the way passes axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.services import admin_make
from plans.models import Item, Plan
from plans.spreadsheet.book import XLSX_TYPE, write_book
from plans.spreadsheet.template import SHEETS
from tests.areas.factories import UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import set_up_two_step, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PM_EMAIL = "pm@fenbridge.gov.uk"
LEAD_EMAIL = "lead@fenbridge.gov.uk"
PM_PASSWORD = "a kettle of bright herons"
LEAD_PASSWORD = "seven quiet lanterns drifting"
UNUSED = "Success Criteria / Measures"


def _headings(sheet: str) -> list[str]:
    return list(next(s for s in SHEETS if s.name == sheet).columns)


def _items_row(**values: str) -> list[str]:
    return [values.get(column.lower().replace(" ", "_"), "") for column in _headings("Items")]


def areas_spreadsheet() -> bytes:
    """A small plan as an area might keep it, written by the product's own workbook writer: the due date
    as "31-Oct-17", the owner by full name, and a column the template has not."""
    items = [
        _items_row(number="1", text="Joint commissioning that works"),
        _items_row(number="1.1", text="Leaders own the change"),
        _items_row(
            number="1.1.1",
            text="Set up the joint commissioning board",
            due_date="31-Oct-17",
            owners="Sam Moss",
            status="Not started",
        ),
    ]
    items_headings = [*_headings("Items"), UNUSED]
    items_rows = [[*row, "Board minutes" if row[0] == "1.1.1" else ""] for row in items]
    return write_book(
        [
            (
                "Plan",
                ["Field", "Value"],
                [
                    ["Reference", "WSOA-2017"],
                    ["Title", "Fenbridge written statement of action"],
                    ["Type", "Written statement of action"],
                    ["Status", "Live"],
                    ["Level 1 name", "Area of weakness"],
                    ["Level 2 name", "Priority"],
                    ["Level 3 name", "Key action"],
                    ["RAG scheme", "Fenbridge progress"],
                ],
            ),
            (
                "People",
                _headings("People"),
                [["SM", "Sam Moss", "Operational Lead SEN", "Fenbridge Council", ""]],
            ),
            (
                "RAG scheme",
                _headings("RAG scheme"),
                [
                    ["Not started", "#d4351c", "Work has not started.", "No", "No"],
                    ["Completed", "#00703c", "", "Yes", "No"],
                ],
            ),
            ("Items", items_headings, items_rows),
        ]
    )


def _invitation_link() -> str:
    return re.search(r"(/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def _accept(page: Page, password: str, *, check: bool) -> None:
    page.goto(_invitation_link())
    expect(page.get_by_role("heading", name="Join Fenbridge's SEND improvement programme")).to_be_visible()
    if check:
        assert_accessible(page)
    page.get_by_label("Choose a password").fill(password)
    page.get_by_label("Type the password again").fill(password)
    page.get_by_role("button", name="Accept and join").click()


def test_an_area_goes_live_from_set_up_to_a_lead_reading_the_imported_plan(
    page: Page, live_server, db, context
):
    UserFactory(email="admin@example.org")
    admin_make(email="admin@example.org")

    # The installation administrator sets up the area, naming its programme manager.
    sign_in(page, "admin@example.org", PASSWORD)
    page.get_by_role("link", name="Local areas").click()
    expect(page.get_by_role("heading", name="Local areas")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Set up a local area").click()
    expect(page.get_by_role("heading", name="Set up a local area")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Area name").fill("Fenbridge")
    page.get_by_label("Web address").fill("fenbridge")
    page.get_by_label("Council name").fill("Fenbridge Council")
    page.get_by_label("Programme manager's email address").fill(PM_EMAIL)
    page.get_by_role("button", name="Set up the area").click()
    expect(page.get_by_text(f"{PM_EMAIL} has been emailed an invitation")).to_be_visible()
    assert_accessible(page)
    assert mail.outbox[-1].to == [PM_EMAIL]

    # The programme manager accepts, choosing a password, and is signed in.
    context.clear_cookies()
    _accept(page, PM_PASSWORD, check=True)
    expect(page.get_by_text("You have joined Fenbridge's programme as programme manager.")).to_be_visible()
    # A programme manager sets up two-step sign-in before any other page.
    set_up_two_step(page)

    # They import the plan from their spreadsheet: check the file, see the preview, confirm.
    page.get_by_role("link", name="Import a plan from a spreadsheet").click()
    expect(page.get_by_role("heading", name="Import a plan")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Upload the plan").set_input_files(
        files=[{"name": "fenbridge plan.xlsx", "mimeType": XLSX_TYPE, "buffer": areas_spreadsheet()}]
    )
    page.get_by_role("button", name="Check the file").click()
    see_preview = page.get_by_role("link", name="See what the import will do")
    expect(see_preview).to_be_visible()
    assert_accessible(page)
    see_preview.click()
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", name="These columns will not be imported")).to_be_visible()
    expect(main).to_contain_text(f'Items: "{UNUSED}" (1 filled cell)')
    expect(main).to_contain_text('Owner "Sam Moss" read as SM')
    assert_accessible(page)
    page.get_by_label("I have seen the columns that will not be imported").check()
    page.get_by_role("button", name="Import the plan").click()
    open_plan = page.get_by_role("link", name="Open the plan WSOA-2017")
    expect(open_plan).to_be_visible()
    open_plan.click()
    expect(page.get_by_role("heading", name="Fenbridge written statement of action")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Joint commissioning that works")
    assert_accessible(page)
    board = Item.objects.get(plan__reference="WSOA-2017", number="1.1.1")
    assert [person.name for person in board.owners.all()] == ["Sam Moss"]
    assert board.due_date.isoformat() == "2017-10-31"

    # They invite a workstream lead.
    page.get_by_role("link", name="Members").click()
    page.get_by_role("link", name="Invite a member").click()
    page.get_by_label("Email address").fill(LEAD_EMAIL)
    page.get_by_label("Workstream lead", exact=False).check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text(f"An invitation to be workstream lead has been emailed to {LEAD_EMAIL}")
    ).to_be_visible()
    assert mail.outbox[-1].to == [LEAD_EMAIL]

    # The lead accepts and reads the plan's items.
    context.clear_cookies()
    _accept(page, LEAD_PASSWORD, check=False)
    expect(page.get_by_text("You have joined Fenbridge's programme as workstream lead.")).to_be_visible()
    page.get_by_role("link", name="Plans").first.click()
    page.get_by_role("link", name="Fenbridge written statement of action").first.click()
    page.get_by_role("link", name="All key actions, with filters").click()
    expect(page.get_by_role("main")).to_contain_text("Set up the joint commissioning board")
    expect(page.get_by_role("main")).to_contain_text("31 Oct 2017")
    assert Plan.objects.get(reference="WSOA-2017").area.slug == "fenbridge"
