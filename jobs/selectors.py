"""Reading background work, always inside the user's area."""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from areas.access import Access

from .models import Job


def job_for(*, access: Access, pk: uuid.UUID) -> Job:
    """A job of the access's area that the user may follow: their own, or any for the programme manager.
    Another area's job is not found."""
    job = Job.objects.filter(pk=pk, area=access.area).first()
    if job is None:
        raise Http404("No such job")
    if job.created_by_id != access.user.pk and not access.is_programme_manager:
        raise PermissionDenied(
            "Only the person who started this work, or the programme manager, can follow it."
        )
    return job


def recent_jobs(*, access: Access, kind: str, limit: int = 5) -> list[Job]:
    """The user's latest jobs of one kind in the area, newest first (the programme manager: everyone's)."""
    jobs = Job.objects.filter(area=access.area, kind=kind)
    if not access.is_programme_manager:
        jobs = jobs.filter(created_by=access.user)
    return list(jobs.select_related("created_by")[:limit])
