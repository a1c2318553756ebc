"""Writes for board packs: templates, making a pack (its content and files, in one transaction), and
marking the version sent to the meeting."""

import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from areas.models import LocalArea
from history import services as history
from plans.models import Plan
from progress.models import ReportingPeriod

from . import rules
from .content import build_content
from .formats import FORMATS, renderer
from .models import Pack, PackFile, PackTemplate
from .snapshots import template_snapshot

Progress = Callable[[int, str], None]


def _no_progress(percent: int, step: str) -> None:
    return None


def _check_template(*, area: LocalArea, name: str, sections: Sequence[str], pk: int | None) -> None:
    problem = rules.sections_problem(sections)
    if problem:
        raise ValidationError({"sections": problem})
    same_name = PackTemplate.objects.filter(area=area, name__iexact=name.strip())
    if pk is not None:
        same_name = same_name.exclude(pk=pk)
    if same_name.exists():
        raise ValidationError(
            {"name": f"There is already a pack called “{name.strip()}”: choose another name."}
        )


def _take_default(template: PackTemplate) -> None:
    if template.is_default:
        PackTemplate.objects.filter(area_id=template.area_id, is_default=True).exclude(pk=template.pk).update(
            is_default=False
        )


@transaction.atomic
def template_create(
    *,
    area: LocalArea,
    plan: Plan,
    name: str,
    audience: str,
    title: str,
    meeting: str,
    frequency: str,
    sections: Sequence[str],
    is_default: bool,
    by: User | None = None,
) -> PackTemplate:
    if plan.area_id != area.pk:
        raise ValidationError({"plan": "Choose one of this area's plans."})
    _check_template(area=area, name=name, sections=sections, pk=None)
    template = PackTemplate(
        area=area,
        plan=plan,
        name=name.strip(),
        audience=audience.strip(),
        title=title.strip(),
        meeting=meeting.strip(),
        frequency=frequency,
        sections=list(sections),
        is_default=is_default or not PackTemplate.objects.filter(area=area).exists(),
    )
    if template.is_default:
        PackTemplate.objects.filter(area=area, is_default=True).update(is_default=False)
    history.save_recorded(
        obj=template,
        snapshot=template_snapshot,
        before=None,
        area=area,
        subject=f"Board pack: {template.name}",
        by=by,
        source="Web",
    )
    return template


@transaction.atomic
def template_update(
    *,
    template: PackTemplate,
    expected_version: int,
    name: str,
    audience: str,
    title: str,
    meeting: str,
    frequency: str,
    sections: Sequence[str],
    is_default: bool,
    by: User | None = None,
) -> PackTemplate:
    _check_template(area=template.area, name=name, sections=sections, pk=template.pk)
    before = template_snapshot(template)
    template.name, template.audience, template.title = name.strip(), audience.strip(), title.strip()
    template.meeting, template.frequency, template.sections = meeting.strip(), frequency, list(sections)
    template.is_default = is_default
    _take_default(template)
    history.save_recorded(
        obj=template,
        snapshot=template_snapshot,
        before=before,
        area=template.area,
        subject=f"Board pack: {template.name}",
        by=by,
        source="Web",
        expected_version=expected_version,
    )
    return template


def pack_problem(*, template: PackTemplate, period: ReportingPeriod) -> str | None:
    """Why a pack cannot be made for this period, or None: the period must be the template's plan's,
    and reported (a pack shows the data as reported)."""
    if period.plan_id != template.plan_id:
        return "Choose a reporting period of this pack's plan."
    if period.state != ReportingPeriod.State.REPORTED:
        return (
            f"{period.name} has not been reported yet: a pack shows the data as reported, so report the "
            "period first."
        )
    return None


def pack_make(
    *,
    template: PackTemplate,
    period: ReportingPeriod,
    meeting_date: date | None,
    matters: str,
    by: User | None = None,
    formats: Sequence[str] = FORMATS,
    progress: Progress = _no_progress,
    source: str = "Web",
) -> Pack:
    """Make a new version of the template's pack for a reported period: its content from the data as
    reported, each format rendered from that content, then the pack and its files saved in one
    transaction as the next version (a file written before a failed save is removed)."""
    problem = pack_problem(template=template, period=period)
    if problem:
        raise ValidationError({"period": problem})
    made_at = timezone.now()
    progress(5, "Reading the data as reported")
    content = build_content(
        template=template, period=period, meeting_date=meeting_date, matters=matters.strip(), made_at=made_at
    )
    made: list[tuple[str, bytes, float]] = []
    for index, fmt in enumerate(formats):
        progress(15 + index * 75 // max(1, len(formats)), f"Making the {PackFile.Format(fmt).label} document")
        started = time.perf_counter()
        data = renderer(fmt)(content)
        made.append((fmt, data, time.perf_counter() - started))
    progress(95, "Saving the pack")
    return _save(template, period, meeting_date, matters.strip(), content, made, by, made_at, source)


def _save(
    template: PackTemplate,
    period: ReportingPeriod,
    meeting_date: date | None,
    matters: str,
    content: dict,
    made: list[tuple[str, bytes, float]],
    by: User | None,
    made_at: datetime,
    source: str,
) -> Pack:
    written: list[PackFile] = []
    try:
        with transaction.atomic():
            latest = (
                Pack.objects.filter(template=template, period=period).aggregate(n=Max("number"))["n"] or 0
            )
            pack = Pack.objects.create(
                template=template,
                period=period,
                number=latest + 1,
                meeting_date=meeting_date,
                matters=matters,
                content=content,
                made_by=by,
                made_at=made_at,
            )
            for fmt, data, seconds in made:
                record = PackFile(
                    pack=pack,
                    format=fmt,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    seconds=seconds,
                )
                record.file.save(f"{uuid.uuid4().hex}.{fmt}", ContentFile(data), save=False)
                written.append(record)
                record.save()
            history.change_record(
                area=template.area,
                action=history.Action.ADDED,
                subject=f"Board pack: {template.name}, {period.name}, version {pack.number}",
                changes={"Formats": ["", ", ".join(PackFile.Format(fmt).label for fmt, _, _ in made)]},
                obj=pack,
                by=by,
                source=source,
                plan=template.plan,
            )
    except BaseException:
        for record in written:
            record.file.storage.delete(record.file.name)
        raise
    return pack


def pack_mark_sent(*, pack: Pack, by: User | None = None) -> Pack:
    """Mark this version as the one sent to the meeting (any other version of the same pack and period
    loses the mark)."""
    try:
        with transaction.atomic():
            others = Pack.objects.filter(template_id=pack.template_id, period_id=pack.period_id).exclude(
                pk=pack.pk
            )
            was = list(others.filter(sent_at__isnull=False).values_list("number", flat=True))
            others.update(sent_at=None, sent_by=None)
            pack.sent_at, pack.sent_by = timezone.now(), by
            pack.save(update_fields=["sent_at", "sent_by"])
            history.change_record(
                area=pack.template.area,
                action=history.Action.CHANGED,
                subject=f"Board pack: {pack.template.name}, {pack.period.name}",
                changes={
                    "Sent to the meeting": [f"Version {was[0]}" if was else "", f"Version {pack.number}"]
                },
                obj=pack,
                by=by,
                source="Web",
                plan=pack.template.plan,
            )
    except IntegrityError:
        raise ValidationError(
            "Someone else marked another version as sent at the same moment. Look at the versions again."
        ) from None
    return pack
