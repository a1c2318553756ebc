"""A job's page: who may follow it, its progress, then its result or why it stopped. With JavaScript,
htmx asks for the status every second while the work goes on; without, a button asks again."""

import re

import pytest
from django.urls import reverse

from jobs.models import Job
from jobs.services import FAILED_WORDS
from tests.jobs.conftest import TEST_KIND

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(area, contributor):
    return Job.objects.create(
        area=area,
        kind=TEST_KIND,
        label="Build the March 2021 board pack",
        created_by=contributor,
        state=Job.State.RUNNING,
        percent=40,
        step="Drawing the charts",
    )


def _url(job, slug="stockport"):
    return reverse("jobs:job", kwargs={"area": slug, "pk": job.pk})


def test_the_person_who_started_the_work_and_the_programme_manager_follow_it(
    client, job, contributor, programme_manager
):
    for user in (contributor, programme_manager):
        client.force_login(user)
        page = client.get(_url(job)).content.decode()
        assert '<h1 class="govuk-heading-l">Build the March 2021 board pack</h1>' in page
        assert "Drawing the charts" in page and "Progress: 40%" in page


def test_another_member_may_not_follow_someone_elses_work(client, job, workstream_lead, viewer):
    for user in (workstream_lead, viewer):
        client.force_login(user)
        response = client.get(_url(job))
        assert response.status_code == 403
        assert b"Drawing the charts" not in response.content


def test_another_areas_user_finds_no_such_job(client, job, other_area_user, other_area):
    client.force_login(other_area_user)
    assert client.get(_url(job)).status_code == 404
    assert client.get(_url(job, slug=other_area.slug)).status_code == 404


def test_running_work_asks_again_every_second_with_javascript_and_by_a_button_without(
    client, job, contributor
):
    client.force_login(contributor)
    page = client.get(_url(job)).content.decode()
    assert f'hx-get="{_url(job)}"' in page and 'hx-trigger="every 1s"' in page
    button = re.search(r'<a class="([^"]*)"\s+href="([^"]*)">Check again</a>', page)
    assert button and button.group(2) == _url(job)
    assert "app-no-js-only" in button.group(1).split(), "hidden once JavaScript runs (app.scss)"
    assert 'aria-live="polite"' in page


def test_htmx_gets_only_the_status_to_swap_in(client, job, contributor):
    client.force_login(contributor)
    fragment = client.get(_url(job), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="job-status"')
    assert "<html" not in fragment and "<h1" not in fragment
    assert "Drawing the charts" in fragment


def test_finished_work_shows_its_result_and_stops_asking(client, job, contributor):
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.DONE,
        percent=100,
        result_url="/areas/stockport/board-packs/1/",
        result_label="Download the board pack",
        message="The pack has 9 sections.",
    )
    client.force_login(contributor)
    page = client.get(_url(job)).content.decode()
    assert "hx-get" not in page and "hx-trigger" not in page
    assert "Check again" not in page
    assert "The pack has 9 sections." in page
    assert 'href="/areas/stockport/board-packs/1/">Download the board pack</a>' in page


def test_failed_work_says_why_and_stops_asking(client, job, contributor):
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, message=FAILED_WORDS)
    client.force_login(contributor)
    page = client.get(_url(job), headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in page
    assert "This could not finish" in page and "Nothing was saved. Try again" in page
    assert "<a " not in page, "nowhere to go on unless the work says where"


def test_refused_work_links_where_to_go_on(client, job, contributor):
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.FAILED,
        message="The plan changed since you looked at the preview, so nothing was imported.",
        result_url="/areas/stockport/import/abc/",
        result_label="Check what the import will do now",
    )
    client.force_login(contributor)
    page = client.get(_url(job)).content.decode()
    assert "The plan changed since you looked at the preview" in page
    assert 'href="/areas/stockport/import/abc/">Check what the import will do now</a>' in page
