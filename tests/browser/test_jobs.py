"""A job's page in the browser: it passes axe-core while the work runs, once done and once failed; with
JavaScript it updates itself (htmx) and hides its "Check again" button; without, the button asks again."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from jobs.models import Job
from jobs.services import FAILED_WORDS
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser


@pytest.fixture
def job(area, programme_manager):
    return Job.objects.create(
        area=area,
        kind="plans.import_preview",
        label="Check the plan file plan.xlsx",
        created_by=programme_manager,
        state=Job.State.RUNNING,
        percent=30,
        step="Checking each row of the file",
    )


def _finish(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.DONE,
        percent=100,
        step="Finished",
        message="Checked plan.xlsx: 18 to add, 0 to change and 0 to remove. Nothing has been saved yet.",
        result_url=reverse("plans:import", kwargs={"area": job.area.slug}),
        result_label="See what the import will do",
    )


def _open(page: Page, job: Job, user, live_server) -> None:
    signed_in_context(page.context, user, live_server.url)
    page.goto(reverse("jobs:job", kwargs={"area": job.area.slug, "pk": job.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the plan file plan.xlsx")


def test_the_page_shows_progress_then_updates_itself_to_the_result(
    page: Page, live_server, job, programme_manager
):
    _open(page, job, programme_manager, live_server)
    expect(page.get_by_text("Checking each row of the file")).to_be_visible()
    expect(page.get_by_label("Progress: 30%")).to_be_visible()
    expect(page.get_by_role("link", name="Check again")).to_be_hidden()
    assert_accessible(page)

    _finish(job)
    result = page.get_by_role("link", name="See what the import will do")
    expect(result).to_be_visible()
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    expect(page.locator("#job-status")).not_to_have_attribute("hx-get", r".*")
    assert_accessible(page)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a plan")


def test_without_javascript_a_button_asks_again(browser, live_server, job, programme_manager):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        _open(page, job, programme_manager, live_server)
        check_again = page.get_by_role("link", name="Check again")
        expect(check_again).to_be_visible()
        _finish(job)
        check_again.click()
        expect(page.get_by_role("link", name="See what the import will do")).to_be_visible()
        expect(page.get_by_role("link", name="Check again")).to_have_count(0)
    finally:
        context.close()


def test_a_failed_job_says_why(page: Page, live_server, job, programme_manager):
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, step="Stopped", message=FAILED_WORDS)
    _open(page, job, programme_manager, live_server)
    expect(page.get_by_role("alert")).to_contain_text("This could not finish")
    expect(page.get_by_text("Nothing was saved. Try again")).to_be_visible()
    assert_accessible(page)
