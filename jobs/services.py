"""Starting background work and keeping its progress."""

import logging
from typing import Any

from django.utils import timezone

from accounts.models import User
from areas.models import LocalArea

from .models import Job
from .registry import JobRefused, Outcome, handler_for

log = logging.getLogger(__name__)

FAILED_WORDS = (
    "Something went wrong and the work could not finish. Nothing was saved. Try again, and if it "
    "happens again tell your system administrator the time it happened."
)


def job_start(*, area: LocalArea, user: User | None, kind: str, label: str, arguments: dict[str, Any]) -> Job:
    """Record the work and queue it for the background worker. Queued in the caller's transaction (the
    database backend stores the task as a row), so the worker never sees work whose job was not
    saved."""
    from .tasks import run_job

    handler_for(kind)  # an unknown kind is refused now, not in the worker
    job = Job.objects.create(area=area, kind=kind, label=label, arguments=arguments, created_by=user)
    run_job.enqueue(str(job.pk))
    return job


def job_progress(*, job_id: Any, percent: int, step: str) -> None:
    """Say how far the work has got (0 to 100) and what it is doing, for its page."""
    Job.objects.filter(pk=job_id).update(percent=max(0, min(100, percent)), step=step[:250])


def job_run(*, job_id: Any) -> None:
    """Do the work: its handler runs with a way to report progress; the job ends done, with where its
    result is, or failed, with why in words (a `JobRefused`'s own words, else a general apology, the
    details going to the log)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, started_at=timezone.now(), step="Starting")

    def progress(percent: int, step: str) -> None:
        job_progress(job_id=job.pk, percent=percent, step=step)

    try:
        outcome: Outcome = handler_for(job.kind)(job, progress)
    except JobRefused as refused:
        _finish(
            job,
            state=Job.State.FAILED,
            message=str(refused),
            result_url=refused.url,
            result_label=refused.label,
        )
        return
    except Exception:
        log.exception("Background job %s (%s) failed", job.pk, job.kind)
        _finish(job, state=Job.State.FAILED, message=FAILED_WORDS)
        return
    _finish(
        job,
        state=Job.State.DONE,
        message=outcome.message,
        result_url=outcome.url,
        result_label=outcome.label,
        result=outcome.data,
    )


def job_result_replace(*, job_id: Any, result: dict[str, Any]) -> None:
    """Replace what a finished job found, when later work found it out of date (an import's preview,
    worked out again because the plan changed before the confirm)."""
    Job.objects.filter(pk=job_id).update(result=result)


def _finish(
    job: Job,
    *,
    state: str,
    message: str,
    result_url: str = "",
    result_label: str = "",
    result: dict[str, Any] | None = None,
) -> None:
    """End the job; a failed job keeps how far it had got."""
    done = state == Job.State.DONE
    Job.objects.filter(pk=job.pk).update(
        state=state,
        message=message,
        result_url=result_url,
        result_label=result_label,
        result=result or {},
        step="Finished" if done else "Stopped",
        finished_at=timezone.now(),
        **({"percent": 100} if done else {}),
    )
