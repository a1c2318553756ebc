"""Background work: starting it, its progress, and how it ends (jobs.services). In tests the job runs as
it is queued (the immediate backend); tests/jobs/test_worker.py runs the real database worker."""

import logging

import pytest

from jobs.models import Job
from jobs.registry import JobRefused
from jobs.services import FAILED_WORDS, job_progress, job_result_replace, job_run, job_start
from tests.jobs.conftest import TEST_KIND

pytestmark = pytest.mark.django_db


def _start(area, user) -> Job:
    job = job_start(area=area, user=user, kind=TEST_KIND, label="Count the items", arguments={"plan": 1})
    job.refresh_from_db()
    return job


def test_a_job_waits_then_runs_showing_its_progress_then_is_done_with_where_its_result_is(
    area, programme_manager, recorder
):
    job = _start(area, programme_manager)
    assert recorder.seen == [
        ("running", 0, "Starting"),
        ("running", 40, "Counting the items"),
    ]
    assert job.state == Job.State.DONE and job.is_finished
    assert (job.result_url, job.result_label, job.message) == (
        "/somewhere/",
        "Open the result",
        "Counted 12 items.",
    )
    assert job.result == {"items": 12}
    assert (job.percent, job.step) == (100, "Finished")
    assert job.created_by == programme_manager and job.arguments == {"plan": 1}
    assert job.started_at is not None and job.finished_at >= job.started_at


def test_a_job_not_yet_run_is_waiting_for_the_worker(area, programme_manager):
    job = Job.objects.create(area=area, kind=TEST_KIND, label="Count the items", created_by=programme_manager)
    assert job.state == Job.State.WAITING and not job.is_finished
    assert job.get_state_display() == "Waiting to start"


def test_a_refused_job_fails_with_its_own_words_and_keeps_how_far_it_got(area, programme_manager, recorder):
    recorder.refuse("The period March 2021 is not reported yet: report it first.")
    job = _start(area, programme_manager)
    assert job.state == Job.State.FAILED and job.is_finished
    assert job.message == "The period March 2021 is not reported yet: report it first."
    assert (job.percent, job.step) == (40, "Stopped")
    assert job.result_url == "" and job.result == {}


def test_a_refused_job_can_say_where_to_go_on(area, programme_manager, recorder):
    recorder.refuse("The plan changed meanwhile.", url="/areas/stockport/import/abc/", label="Check again")
    job = _start(area, programme_manager)
    assert job.state == Job.State.FAILED
    assert (job.result_url, job.result_label) == ("/areas/stockport/import/abc/", "Check again")


def test_a_job_that_crashes_fails_with_a_general_apology_and_the_details_go_to_the_log(
    area, programme_manager, recorder, caplog
):
    recorder.ending = ZeroDivisionError("division by zero in the handler")
    with caplog.at_level(logging.ERROR, logger="jobs.services"):
        job = _start(area, programme_manager)
    assert job.state == Job.State.FAILED
    assert job.message == FAILED_WORDS
    assert "division by zero" not in job.message
    logged = [r for r in caplog.records if r.name == "jobs.services"]
    assert logged and str(job.pk) in logged[0].getMessage() and TEST_KIND in logged[0].getMessage()
    assert "division by zero in the handler" in logged[0].exc_text


def test_a_finished_job_is_not_run_again(area, programme_manager, recorder):
    job = _start(area, programme_manager)
    recorder.seen.clear()
    job_run(job_id=job.pk)
    assert recorder.seen == []


def test_running_a_job_that_no_longer_exists_does_nothing(db, recorder):
    job_run(job_id="3f1d6ad2-7c8a-4d9e-9d55-2b2f2d0a0c11")
    assert recorder.seen == []


def test_progress_stays_between_0_and_100_and_its_words_fit(area, programme_manager):
    job = Job.objects.create(area=area, kind=TEST_KIND, label="Count the items", created_by=programme_manager)
    job_progress(job_id=job.pk, percent=150, step="Nearly")
    job.refresh_from_db()
    assert (job.percent, job.step) == (100, "Nearly")
    job_progress(job_id=job.pk, percent=-5, step="x" * 400)
    job.refresh_from_db()
    assert job.percent == 0 and job.step == "x" * 250


def test_an_unknown_kind_of_work_is_refused_when_started_and_nothing_is_queued(area, programme_manager):
    with pytest.raises(JobRefused, match=r"does not know how to do “nothing\.registered”"):
        job_start(area=area, user=programme_manager, kind="nothing.registered", label="Nothing", arguments={})
    assert not Job.objects.exists()


def test_what_a_job_found_can_be_replaced_by_later_work(area, programme_manager, recorder):
    job = _start(area, programme_manager)
    job_result_replace(job_id=job.pk, result={"items": 13})
    job.refresh_from_db()
    assert job.result == {"items": 13} and job.state == Job.State.DONE
