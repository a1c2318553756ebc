"""The one task the background worker runs: a job, by its id (jobs.services.job_run)."""

from django_tasks import task


@task()
def run_job(job_id: str) -> None:
    from .services import job_run

    job_run(job_id=job_id)
