"""Making a pack in the background (jobs.registry kind "boardpacks.build")."""

from datetime import date

from django.urls import reverse

from accounts.models import User
from jobs.models import Job
from jobs.registry import JobRefused, Outcome, Progress
from progress.models import ReportingPeriod

from .models import PackTemplate
from .services import pack_make, pack_problem


def build_pack_job(job: Job, progress: Progress) -> Outcome:
    """Arguments: template, period (ids, inside the job's area), meeting_date (ISO or None), matters."""
    args = job.arguments
    template = (
        PackTemplate.objects.filter(pk=args["template"], area_id=job.area_id)
        .select_related("area", "plan")
        .first()
    )
    period = ReportingPeriod.objects.filter(pk=args["period"], plan__area_id=job.area_id).first()
    if template is None or period is None:
        raise JobRefused("The pack or the reporting period has been removed since this was asked for.")
    problem = pack_problem(template=template, period=period)
    if problem:
        raise JobRefused(problem)
    by = User.objects.filter(pk=job.created_by_id).first() if job.created_by_id else None
    meeting = args.get("meeting_date")
    pack = pack_make(
        template=template,
        period=period,
        meeting_date=date.fromisoformat(meeting) if meeting else None,
        matters=args.get("matters", ""),
        by=by,
        progress=progress,
    )
    return Outcome(
        url=reverse("boardpacks:pack", kwargs={"area": template.area.slug, "pk": pack.pk}),
        label=f"Open version {pack.number} of the pack",
        message=f"Version {pack.number} of {template.name} for {period.name} is ready to download.",
    )
