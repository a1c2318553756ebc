"""The real background worker: with django-tasks' database backend a started job is a queued task row,
and it stays waiting until `manage.py db_worker` runs it."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from jobs.models import Job
from jobs.services import job_start
from tests.jobs.conftest import TEST_KIND

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_job_is_queued_as_a_task_row_and_waits_until_the_database_worker_runs_it(
    area, programme_manager, recorder
):
    with override_settings(TASKS=DATABASE):
        assert isinstance(task_backends["default"], DatabaseBackend)
        job = job_start(
            area=area, user=programme_manager, kind=TEST_KIND, label="Count the items", arguments={}
        )
        task = DBTaskResult.objects.get()
        assert task.status == TaskResultStatus.READY
        assert task.args_kwargs["args"] == [str(job.pk)]
        job.refresh_from_db()
        assert job.state == Job.State.WAITING and recorder.seen == []

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.message == "Counted 12 items."
    assert recorder.seen[0][0] == "running"
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_the_tests_run_jobs_as_they_are_queued_once_the_database_backend_is_let_go(
    area, programme_manager, recorder
):
    with override_settings(TASKS=DATABASE):
        assert isinstance(task_backends["default"], DatabaseBackend)
    job = job_start(area=area, user=programme_manager, kind=TEST_KIND, label="Count the items", arguments={})
    job.refresh_from_db()
    assert job.state == Job.State.DONE and not DBTaskResult.objects.exists()
