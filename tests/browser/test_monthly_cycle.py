"""The monthly cycle in the browser: an owner updates with evidence, the lead confirms, the manager reports.

Every page on the way is checked with axe-core.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from evidence.models import Evidence
from progress import services
from progress.models import ReportingPeriod, Update
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in, signed_in_context

pytestmark = pytest.mark.browser


@pytest.fixture
def cycle(tree, settings, tmp_path, programme_manager, workstream_lead, contributor):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    plan = tree["mine"].plan
    period = ReportingPeriod.objects.create(
        plan=plan,
        name="March 2021",
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 31),
        deadline=datetime.date(2021, 3, 25),
    )
    return plan, period


def test_an_owner_updates_with_evidence_the_lead_confirms_and_the_manager_reports(
    context: BrowserContext, page: Page, cycle, tree
):
    plan, period = cycle
    mine = tree["mine"]

    # The owner finds their item in the open period and writes an update.
    sign_in(page, "contributor@example.org")
    page.goto(period.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("March 2021")
    assert_accessible(page)
    page.get_by_role("link", name="Write update on 1.1.1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update on 1.1.1.1")
    assert_accessible(page)

    # Evidence is added to the bank on the way, and comes back ticked.
    page.get_by_role("link", name="Add new evidence to the evidence bank").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add evidence")
    assert_accessible(page)
    page.get_by_label("Title").fill("Parent carer forum survey, March 2021")
    page.get_by_label("Survey").check()
    page.get_by_label("Impact on children and families").fill(
        "Eight in ten families said the board explained its decisions to them"
    )
    page.get_by_label("File").set_input_files(
        files=[{"name": "survey.csv", "mimeType": "text/csv", "buffer": b"question,agree\nExplained,80%\n"}]
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update on 1.1.1.1")
    expect(page.get_by_label("Parent carer forum survey, March 2021", exact=False)).to_be_checked()

    page.get_by_label("Progress this period").fill("The board met twice and published its minutes.")
    page.get_by_label("Completed and embedded").check()
    page.get_by_role("button", name="Submit update").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Update on 1.1.1.1 saved")
    expect(page.locator("tbody tr", has_text="1.1.1.1")).to_contain_text("Waiting for challenge")

    # The lead challenges: the evidence describes impact, so "Completed and embedded" can be confirmed.
    context.clear_cookies()
    sign_in(page, "lead@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Challenge the rating of 1.1.1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenge the rating of 1.1.1.1")
    expect(page.get_by_role("main")).to_contain_text("Eight in ten families")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm the status").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Status of 1.1.1.1 confirmed: Completed and embedded"
    )
    expect(page.locator("tbody tr", has_text="1.1.1.1")).to_contain_text("Confirmed")

    # The lead drafts the workstream's highlight report from the updates.
    page.get_by_role("link", name="Highlight reports").click()
    assert_accessible(page)
    page.get_by_role("link", name="S/E SEN Support/ EHC plans").click()
    page.get_by_role("button", name="Draft it from this period's updates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the S/E highlight report")
    assert_accessible(page)
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("main")).to_contain_text(
        "1.1.1.1: The board met twice and published its minutes."
    )
    assert_accessible(page)

    # The programme manager moves the period through the challenge and reports it.
    context.clear_cookies()
    sign_in(page, "pm@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="What is outstanding").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("March 2021")
    assert_accessible(page)
    page.goto(period.get_absolute_url())
    for button in ("Start the challenge", "Confirm the ratings", "Report to the board"):
        page.get_by_role("link", name=button).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(button)
        assert_accessible(page)
        page.get_by_role("button", name=button).click()
        expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main .govuk-tag").first).to_have_text("Reported")
    expect(page.locator("tbody tr", has_text="1.1.1.1")).to_contain_text("Completed and embedded")
    assert_accessible(page)

    # The item's page shows the reported status in its timeline; the periods list shows the state.
    page.goto(mine.get_absolute_url())
    expect(page.locator("#progress ~ table")).to_contain_text("Reported")
    page.goto(reverse("progress:periods", kwargs={"area": "stockport", "plan_pk": plan.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting periods")
    assert_accessible(page)
    update = Update.objects.get(period=period, item=mine)
    assert update.confirmed_status.label == "Completed and embedded"
    assert update.evidence.get().title == "Parent carer forum survey, March 2021"


def test_a_refused_confirmation_shows_its_message_accessibly(page: Page, cycle, tree, context):
    """The worst status without a mitigation: the error summary names what to do."""
    plan, period = cycle
    sign_in(page, "lead@example.org")
    worst = plan.rag_scheme.statuses.order_by("position").first()
    services.update_save(
        period=period,
        item=tree["mine"],
        content=services.UpdateContent(commentary="Not started yet", proposed_status=worst),
        expected_version=None,
    )
    page.goto(
        reverse(
            "progress:challenge", kwargs={"area": "stockport", "pk": period.pk, "item_pk": tree["mine"].pk}
        )
    )
    page.get_by_role("button", name="Confirm the status").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the mitigation")
    assert_accessible(page)


@pytest.fixture
def history(cycle, tree, programme_manager, contributor, area):
    """March reported with a highlight report; April open with an update; evidence in the bank."""
    plan, march = cycle
    statuses = list(plan.rag_scheme.statuses.order_by("position"))
    evidence = Evidence.objects.create(
        area=area,
        title="Board minutes, March 2021",
        kind=Evidence.Kind.MINUTES,
        impact="Parents' questions were answered at the board",
        added_by=contributor,
    )
    update = services.update_save(
        period=march,
        item=tree["mine"],
        content=services.UpdateContent(
            commentary="Board met", proposed_status=statuses[1], evidence=[evidence]
        ),
        expected_version=None,
    )
    services.update_confirm(update=update, status=statuses[1], expected_version=update.version)
    services.highlight_draft(period=march, workstream=tree["mine"].workstreams.get())
    for state in ("challenge", "confirmed", "reported"):
        march.refresh_from_db()
        services.period_move(period=march, to_state=state, expected_version=march.version)
    april = services.period_open(plan=plan, today=datetime.date(2021, 4, 2))
    services.update_save(
        period=april,
        item=tree["mine"],
        content=services.UpdateContent(commentary="Board met again", proposed_status=statuses[2]),
        expected_version=None,
    )
    return SimpleNamespace(plan=plan, march=march, april=april, evidence=evidence, **tree)


def _area_url(name, **kwargs):
    return reverse(name, kwargs={"area": "stockport", **kwargs})


CYCLE_SCREENS = [
    ("plan-overview-with-trend", lambda h: _area_url("plans:plan", pk=h.plan.pk), "Written Statement"),
    ("item-with-timeline", lambda h: _area_url("plans:item", pk=h.mine.pk), "Board meets fortnightly"),
    ("period-reported", lambda h: _area_url("progress:period", pk=h.march.pk), "March 2021"),
    ("period-open", lambda h: _area_url("progress:period", pk=h.april.pk), "April 2021"),
    ("period-edit", lambda h: _area_url("progress:period-edit", pk=h.april.pk), "Change April 2021"),
    (
        "period-move-refused",
        lambda h: _area_url("progress:period-move", pk=h.april.pk, state="confirmed"),
        "Confirm the ratings",
    ),
    (
        "highlight-reported",
        lambda h: _area_url(
            "progress:highlight-report", pk=h.march.pk, workstream_pk=h.mine.workstreams.get().pk
        ),
        "highlight report",
    ),
    ("evidence-list", lambda h: _area_url("evidence:list"), "Evidence"),
    ("evidence-detail", lambda h: _area_url("evidence:evidence", pk=h.evidence.pk), "Board minutes"),
    ("evidence-edit", lambda h: _area_url("evidence:edit", pk=h.evidence.pk), "Edit evidence"),
]


@pytest.mark.parametrize(("name", "path", "heading"), CYCLE_SCREENS, ids=[s[0] for s in CYCLE_SCREENS])
def test_the_cycles_pages_have_no_serious_accessibility_problems(
    name, path, heading, history, page: Page, live_server, programme_manager
):
    signed_in_context(page.context, programme_manager, live_server.url)
    response = page.goto(path(history))
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_accessible(page)


def test_a_reported_status_always_shows_its_word(history, page: Page, live_server, viewer):
    signed_in_context(page.context, viewer, live_server.url)
    page.goto(_area_url("progress:period", pk=history.march.pk))
    expect(page.locator("tbody tr", has_text="1.1.1.1")).to_contain_text("Progressing")
    page.goto(_area_url("plans:item", pk=history.mine.pk))
    expect(page.locator("#progress ~ table")).to_contain_text("Progressing")
    expect(page.locator("#progress ~ table")).to_contain_text("Completed")
