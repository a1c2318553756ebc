"""Writing a measure's commentary for a reporting period."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from common.concurrency import EditConflict, claim_version
from history import services as history
from progress.models import ReportingPeriod

from ..models import Commentary, Measure


def commentary_snapshot(*, commentary: Commentary) -> dict[str, str]:
    """A commentary as people read it, keyed by label: for showing an edit conflict."""
    return {"Commentary": commentary.text}


@transaction.atomic
def commentary_save(
    *,
    measure: Measure,
    period: ReportingPeriod,
    text: str,
    expected_version: int | None,
    by: User | None = None,
) -> Commentary:
    """Write or change what is being done about a measure, for one period of the area's plan, until
    that period is reported.

    `expected_version` is the version the writer read, or None if there was no commentary yet. If
    someone else saved one since, nothing is written and EditConflict carries theirs.
    """
    if period.plan.area_id != measure.area_id:
        raise ValidationError("This period belongs to another local area's plan.")
    state = ReportingPeriod.objects.values_list("state", flat=True).get(pk=period.pk)
    if state == ReportingPeriod.State.REPORTED:
        raise ValidationError(
            f"{period.name} has been reported. Its commentary is as the board was told it and cannot change."
        )
    text = text.strip()
    existing = Commentary.objects.filter(measure=measure, period=period).first()
    if existing is None:
        commentary = Commentary(measure=measure, period=period, text=text, written_by=by)
        commentary.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                commentary.save()
        except IntegrityError:
            raise EditConflict(Commentary.objects.get(measure=measure, period=period)) from None
        before = ""
    else:
        if expected_version is None:
            raise EditConflict(existing)
        before = existing.text
        claim_version(existing, expected_version)
        existing.text, existing.written_by = text, by
        existing.full_clean(validate_constraints=False)
        existing.save(update_fields=["text", "written_by", "written_at"])
        commentary = existing
    if before != text:
        history.change_record(
            area=period.plan.area,
            plan=period.plan,
            action=history.Action.CHANGED if before else history.Action.ADDED,
            subject=f"Commentary on {measure.code} for {period.name}",
            obj=commentary,
            changes={"Commentary": [before, text]},
            by=by,
            source="Web",
        )
    return commentary
