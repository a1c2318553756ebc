"""In the browser: the owner finds evidence by searching the bank (with htmx, and without JavaScript),
the programme manager sends reminders now, and reports with a missing highlight report named.
Every new or changed page is checked with axe-core."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from evidence.models import Evidence
from progress import services
from progress.models import ReportingPeriod, Update
from tests.areas.factories import UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import TIMEOUT_MS, signed_in_context
from tests.evidence.factories import EvidenceFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def open_period(tree, area, other_area, contributor, programme_manager):
    """A period due in 20 days; the bank holds evidence someone else added, which the form does not list."""
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(
        plan=tree["mine"].plan,
        name="Next month",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=20),
    )
    someone = UserFactory()
    for title, kind, impact in (
        ("Parent carer forum survey", Evidence.Kind.SURVEY, "Eight in ten families felt listened to"),
        ("Board minutes", Evidence.Kind.MINUTES, ""),
    ):
        EvidenceFactory(area=area, title=title, kind=kind, impact=impact, added_by=someone)
    EvidenceFactory(area=other_area, title="Parent carer forum survey elsewhere", kind=Evidence.Kind.SURVEY)
    return period


def _update_url(period, item):
    return f"/areas/stockport/periods/{period.pk}/items/{item.pk}/update/"


def test_the_owner_finds_evidence_by_searching_the_bank_with_htmx(
    page: Page, live_server, contributor, open_period, tree
):
    signed_in_context(page.context, contributor, live_server.url)
    page.goto(_update_url(open_period, tree["mine"]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Update on 1.1.1.1")
    expect(page.get_by_label("Parent carer forum survey")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Progress this period").fill("Parents told us the board listens.")
    page.get_by_label("Title contains").fill("survey")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Search the evidence bank").click()

    results = page.locator("#evidence-results")
    expect(results).to_contain_text("1 found")
    assert page.evaluate("window.notReloaded === true"), "htmx swapped the results in, with no reload"
    expect(results).not_to_contain_text("elsewhere")
    expect(page.get_by_label("Progress this period")).to_have_value("Parents told us the board listens.")
    assert_accessible(page)

    page.get_by_label("Parent carer forum survey").check()
    page.get_by_label("Completed and embedded").check()
    page.get_by_role("button", name="Submit update").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Update on 1.1.1.1 saved")
    expect(page.locator("#impact-warning")).to_have_count(0)
    update = Update.objects.get()
    assert [e.title for e in update.evidence.all()] == ["Parent carer forum survey"]


def test_without_javascript_the_search_comes_back_with_everything_typed(
    browser: Browser, live_server, contributor, open_period, tree
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    try:
        page = context.new_page()
        signed_in_context(context, contributor, live_server.url)
        page.goto(_update_url(open_period, tree["mine"]))
        page.get_by_label("Progress this period").fill("Typed before searching.")
        page.get_by_label("Progressing").check()
        page.get_by_label("Kind of evidence").select_option("minutes")
        page.get_by_role("button", name="Search the evidence bank").click()

        expect(page.locator("#evidence-results")).to_contain_text("Board minutes")
        expect(page.get_by_label("Progress this period")).to_have_value("Typed before searching.")
        expect(page.get_by_label("Progressing")).to_be_checked()
        assert not Update.objects.exists()

        page.get_by_label("Board minutes").check()
        page.get_by_role("button", name="Submit update").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Next month")
        assert [e.title for e in Update.objects.get().evidence.all()] == ["Board minutes"]
    finally:
        context.close()


def test_the_programme_manager_sends_reminders_now_and_sees_who_could_not_be_reached(
    page: Page, live_server, programme_manager, contributor, open_period, owner_person
):
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(f"/areas/stockport/periods/{open_period.pk}/outstanding/")
    expect(page.locator("#by-owner")).to_contain_text("contributor@example.org")
    assert_accessible(page)

    page.get_by_role("button", name="Send reminders now").click()

    expect(page.locator("#reminders-result")).to_contain_text("1 owner reminded")
    expect(page.locator("#reminded")).to_contain_text("contributor@example.org")
    assert_accessible(page)
    assert [email.to for email in mail.outbox] == [["contributor@example.org"]]


def test_reporting_names_a_missing_highlight_report_and_the_period_shows_no_report(
    page: Page, live_server, programme_manager, period, tree, statuses, workstream
):
    for item in (tree["mine"], tree["theirs"]):
        update = services.update_save(
            period=period,
            item=item,
            content=services.UpdateContent(commentary="Done", proposed_status=statuses[2]),
            expected_version=None,
        )
        services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
    services.highlight_draft(period=period, workstream=workstream)
    for state in ("challenge", "confirmed"):
        period.refresh_from_db()
        services.period_move(period=period, to_state=state, expected_version=period.version)
    signed_in_context(page.context, programme_manager, live_server.url)

    page.goto(f"/areas/stockport/periods/{period.pk}/move/reported/")
    expect(page.locator("#missing-highlight-reports")).to_contain_text("JC Joint Commissioning")
    assert_accessible(page)
    page.get_by_role("button", name="Report to the board").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm you want to report without")
    assert_accessible(page)

    page.get_by_label("Report without highlight reports from: JC Joint Commissioning").check()
    page.get_by_role("button", name="Report to the board").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    page.goto(f"/areas/stockport/periods/{period.pk}/highlights/")
    expect(page.locator("tbody tr", has_text="JC")).to_contain_text("No report")
    expect(page.locator("tbody tr", has_text="S/E")).to_contain_text("Last saved")
    assert_accessible(page)
