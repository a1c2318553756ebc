"""The challenge in bulk in the browser: the lead confirms several ratings at once, one is refused
with its reason and changed by hand, the owner sees why; the manager confirms the period with an update
missing, asked first. Every new page is checked with axe-core."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from plans.models import ItemOwner
from progress import services
from progress.models import ReportingPeriod, Update
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.plans.factories import ItemFactory
from tests.progress.factories import update_saved

pytestmark = pytest.mark.browser


@pytest.fixture
def waiting(tree, workstream, owner_person, programme_manager, workstream_lead, contributor):
    """March 2021 in challenge: 1.1.1.1 proposes Progressing, 1.1.1 proposes "Completed and embedded"
    with no evidence (refused in bulk), 1.1.1.3 has no update."""
    plan = tree["mine"].plan
    statuses = {s.position: s for s in plan.rag_scheme.statuses.all()}
    period = ReportingPeriod.objects.create(
        plan=plan,
        name="March 2021",
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 31),
        deadline=datetime.date(2021, 3, 25),
        state=ReportingPeriod.State.CHALLENGE,
    )
    ItemOwner.objects.create(item=tree["action"], person=owner_person, position=0)
    ItemFactory(
        plan=plan,
        number="1.1.1.3",
        text="Terms of reference agreed",
        workstreams=[workstream],
        owners=[owner_person],
    )
    update_saved(period, tree["mine"], statuses[2])
    update_saved(period, tree["action"], statuses[4])
    return period


def test_the_lead_confirms_in_bulk_and_the_owner_sees_a_changed_rating(
    page: Page, waiting, tree, live_server
):
    period = waiting
    sign_in(page, "lead@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Challenge S/E's ratings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenge the proposed ratings")
    expect(page.locator("#missing-updates")).to_contain_text("1 item has no update for March 2021")
    expect(page.locator("#missing-updates")).to_contain_text("1.1.1.3")
    expect(page.locator("#waiting-count")).to_contain_text("2 proposed ratings waiting for challenge")
    assert_accessible(page)

    page.get_by_label("Confirm 1.1.1.1").check()
    page.get_by_label("Confirm 1.1.1", exact=True).check()
    page.get_by_role("button", name="Confirm selected").click()
    refused = page.locator("#refused")
    expect(refused).to_contain_text("1 rating not confirmed")
    expect(refused).to_contain_text("1 other rating confirmed")
    expect(refused).to_contain_text("needs evidence of impact")
    expect(page.locator("#waiting-count")).to_contain_text("1 proposed rating waiting for challenge")
    assert_accessible(page)

    # The refused one is changed by hand, with a reason; the owner is told.
    page.get_by_role("link", name="Change the rating of 1.1.1").click()
    page.get_by_label("Progressing").check()
    page.get_by_label("Reason for changing the status").fill("No evidence of impact yet: keep it progressing")
    page.get_by_role("button", name="Confirm the status").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("March 2021")
    assert Update.objects.filter(period=period, confirmed_at__isnull=False).count() == 2
    assert [m.to for m in mail.outbox] == [["contributor@example.org"]]

    page.context.clear_cookies()
    sign_in(page, "contributor@example.org")
    page.goto(live_server.url + reverse("plans:my-items", kwargs={"area": "stockport"}))
    changed = page.locator("#changed-ratings")
    expect(changed).to_contain_text("In March 2021 your proposed")
    expect(changed).to_contain_text("No evidence of impact yet: keep it progressing")
    assert_accessible(page)

    # ... and on the item's update form.
    page.goto(
        live_server.url
        + reverse(
            "progress:update", kwargs={"area": "stockport", "pk": period.pk, "item_pk": tree["action"].pk}
        )
    )
    expect(page.locator(".app-rating-change")).to_contain_text(
        re.compile(r"your proposed\s+Completed and embedded was changed to\s+Progressing by")
    )
    assert_accessible(page)


def test_the_manager_confirms_the_period_with_an_update_missing(page: Page, waiting, tree):
    period = waiting
    progressing = tree["mine"].plan.rag_scheme.statuses.get(position=2)
    for update in Update.objects.filter(period=period):
        services.update_confirm(
            update=update, status=progressing, reason="Evidence to follow", expected_version=update.version
        )
    sign_in(page, "pm@example.org")
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Confirm the ratings").click()
    expect(page.locator("#missing-updates")).to_contain_text("1 item has no update: 1.1.1.3")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm anyway").click()
    expect(page.locator("#confirmed-with-missing")).to_contain_text("Confirmed with 1 update missing by")
    assert_accessible(page)
