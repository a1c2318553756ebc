"""A whole month of the cycle, as each role lives it, in one journey.

The owner writes two updates, finding the evidence for one by searching the whole bank; the lead
confirms the workstream's ratings in bulk (one is refused for want of evidence of impact and changed
by hand, with a reason); the owner sees why on My items, and was emailed; the programme manager
confirms, is warned of a workstream with updates but no highlight report, reports to the board, and
the period shows "No report" for it and the overall ratings as reported. Every page on the way is
checked with axe-core.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from evidence.models import Evidence
from plans.models import Item
from progress import services
from progress.models import ReportedRating, ReportingPeriod, Update
from tests.areas.factories import UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import ItemFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def month(tree, area, other_area, workstream, owner_person, programme_manager, workstream_lead, contributor):
    """April 2021 open. SM owns 1.1.1.1 and 1.1.1.3 (S/E); JC's 1.1.1.2 has an update from the programme
    manager. The bank holds a survey someone else added, which the form would never have offered."""
    plan = tree["mine"].plan
    period = ReportingPeriod.objects.create(
        plan=plan,
        name="April 2021",
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
        deadline=datetime.date(2021, 4, 23),
    )
    ItemFactory(
        plan=plan,
        number="1.1.1.3",
        text="Terms of reference agreed",
        workstreams=[workstream],
        owners=[owner_person],
    )
    EvidenceFactory(
        area=area,
        title="Parent carer forum survey, April 2021",
        kind=Evidence.Kind.SURVEY,
        impact="Eight in ten families said the board explained its decisions",
        added_by=UserFactory(),
    )
    EvidenceFactory(area=other_area, title="Parent carer forum survey elsewhere", kind=Evidence.Kind.SURVEY)
    progressing = plan.rag_scheme.statuses.get(label="Progressing")
    services.update_save(
        period=period,
        item=tree["theirs"],
        content=services.UpdateContent(commentary="Review under way", proposed_status=progressing),
        expected_version=None,
        by=programme_manager,
    )
    return period


def _write_update(page: Page, number: str, progress: str, status: str) -> None:
    page.get_by_role("link", name=f"Write update on {number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Update on {number}")
    page.get_by_label("Progress this period").fill(progress)
    page.get_by_label(status, exact=True).check()


def test_a_whole_month_from_the_owners_updates_to_the_board(
    context: BrowserContext, page: Page, month, tree, live_server
):
    period = month
    plan = period.plan

    # The owner writes 1.1.1.1, finding the survey by searching the whole evidence bank.
    sign_in(page, "contributor@example.org")
    page.goto(period.get_absolute_url())
    _write_update(page, "1.1.1.1", "The board met twice and published its minutes.", "Completed and embedded")
    expect(page.get_by_role("main")).to_contain_text("Needs evidence of impact on children and families.")
    expect(page.get_by_label("Parent carer forum survey, April 2021")).to_have_count(0)
    page.get_by_label("Title contains").fill("survey")
    page.get_by_role("button", name="Search the evidence bank").click()
    results = page.locator("#evidence-results")
    expect(results).to_contain_text("Parent carer forum survey, April 2021")
    expect(results).not_to_contain_text("elsewhere")
    assert_accessible(page)
    page.get_by_label("Parent carer forum survey, April 2021").check()
    page.get_by_role("button", name="Submit update").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Update on 1.1.1.1 saved")

    # ... and 1.1.1.3 as embedded with no evidence: told at once what the challenge will ask for.
    _write_update(page, "1.1.1.3", "Terms drafted with the forum.", "Completed and embedded")
    page.get_by_role("button", name="Submit update").click()
    expect(page.get_by_role("main")).to_contain_text("needs evidence of impact")
    assert_accessible(page)

    # The programme manager starts the challenge.
    context.clear_cookies()
    sign_in(page, "pm@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Start the challenge").click()
    page.get_by_role("button", name="Start the challenge").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    # The lead confirms the workstream's ratings in bulk: one passes, one is refused with its reason.
    context.clear_cookies()
    sign_in(page, "lead@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Challenge S/E's ratings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenge the proposed ratings")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm all listed (2)").click()
    refused = page.locator("#refused")
    expect(refused).to_contain_text("1 rating not confirmed")
    expect(refused).to_contain_text("1.1.1.3")
    expect(refused).to_contain_text("needs evidence of impact")
    assert_accessible(page)
    assert Update.objects.get(period=period, item=tree["mine"]).is_confirmed

    # The refused one is changed by hand, with a reason, and its owner is emailed once.
    page.get_by_role("link", name="Change the rating of 1.1.1.3").click()
    page.get_by_label("Progressing", exact=True).check()
    page.get_by_label("Reason for changing the status").fill("No evidence of impact yet: keep it progressing")
    page.get_by_role("button", name="Confirm the status").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("April 2021")
    assert [m.to for m in mail.outbox] == [["contributor@example.org"]]
    item_path = reverse(
        "plans:item", kwargs={"area": "stockport", "pk": Item.objects.get(number="1.1.1.3").pk}
    )
    assert item_path in mail.outbox[0].body

    # The lead drafts S/E's highlight report; JC's lead writes none.
    page.get_by_role("link", name="Highlight reports").click()
    page.get_by_role("link", name="S/E SEN Support/ EHC plans").click()
    page.get_by_role("button", name="Draft it from this period's updates").click()
    page.get_by_role("button", name="Save the report").click()

    # The owner sees why their rating changed, on My items.
    context.clear_cookies()
    sign_in(page, "contributor@example.org")
    page.goto(live_server.url + reverse("plans:my-items", kwargs={"area": "stockport"}))
    changed = page.locator("#changed-ratings")
    expect(changed).to_contain_text("In April 2021 your proposed")
    expect(changed).to_contain_text("No evidence of impact yet: keep it progressing")
    assert_accessible(page)

    # The programme manager confirms JC's update, confirms the ratings and reports, warned of JC's report.
    context.clear_cookies()
    sign_in(page, "pm@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Challenge all workstreams' ratings").click()
    page.get_by_role("button", name="Confirm all listed (1)").click()
    expect(page.locator("#waiting-count")).to_contain_text("0 proposed ratings waiting")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Confirm the ratings").click()
    page.get_by_role("button", name="Confirm the ratings").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.get_by_role("link", name="Report to the board").click()
    expect(page.locator("#missing-highlight-reports")).to_contain_text("JC Joint Commissioning")
    assert_accessible(page)
    page.get_by_label("Report without highlight reports from: JC Joint Commissioning").check()
    page.get_by_role("button", name="Report to the board").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main .govuk-tag").first).to_have_text("Reported")
    assert_accessible(page)

    # The board sees JC's missing report, and each higher item's overall rating as reported.
    page.get_by_role("link", name="Highlight reports").click()
    expect(page.locator("tbody tr", has_text="JC")).to_contain_text("No report")
    assert_accessible(page)
    top = ReportedRating.objects.get(period=period, item=tree["top"])
    assert top.overall_label == "Progressing", "worst of Completed and embedded, Progressing, Progressing"
    page.goto(live_server.url + reverse("plans:plan", kwargs={"area": "stockport", "pk": plan.pk}))
    glance = page.locator(f"#glance-tops-{plan.pk} tbody tr", has_text="Joint commissioning")
    expect(glance).to_contain_text("Progressing")  # the board's first question, answered at a glance
    counts = page.locator("table.app-counts", has_text="in each status, under each")
    expect(counts.locator("tbody tr", has_text="Joint commissioning")).to_contain_text("Progressing")
    assert_accessible(page)
