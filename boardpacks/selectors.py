"""Reads for board packs, always inside the user's area, and only the versions the user may read."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Prefetch, QuerySet, Value, When
from django.db.models.fields.json import KeyTransform
from django.http import Http404

from areas.access import Access, Kind
from progress.models import ReportingPeriod

from . import rules
from .formats import FORMATS
from .models import Pack, PackFile, PackTemplate


def template_for(*, access: Access, pk: int) -> PackTemplate:
    """One of the area's pack templates; another area's is not found."""
    template = PackTemplate.objects.filter(pk=pk, area=access.area).select_related("plan").first()
    if template is None:
        raise Http404("No such board pack")
    return template


def pack_for(*, access: Access, pk: int) -> Pack:
    """One version of a pack of the area that the user may read: the programme manager any version,
    others the version marked as sent (else not found), and only when their role reads every kind of
    data the pack's sections show (else refused)."""
    pack = (
        Pack.objects.filter(pk=pk, template__area=access.area)
        .select_related("template", "template__plan", "period", "made_by", "sent_by")
        .first()
    )
    if pack is None or not access.can_read_pack(sent=pack.sent_at is not None):
        raise Http404("No such board pack")
    missing = sorted(
        kind
        for kind in rules.kinds_needed(pack.content["pack"]["sections"])
        if not access.can_read(Kind(kind))
    )
    if missing:
        raise PermissionDenied(
            "This pack shows "
            + ", ".join(Kind(kind).label for kind in missing)
            + ", which your role does not read."
        )
    return pack


# The board pack pages (boardpacks/views/templates.py, packs.py)


def _readable(access: Access, packs: Iterable[Pack]) -> list[Pack]:
    """The packs whose sections show only kinds of data the user reads (their `shown` sections)."""
    return [
        pack
        for pack in packs
        if all(access.can_read(Kind(kind)) for kind in rules.kinds_needed(getattr(pack, "shown", None) or []))
    ]


def _listed(packs: QuerySet[Pack]) -> QuerySet[Pack]:
    """Packs for a list: without their (large) content, with the sections they show, and their files."""
    return (
        packs.defer("content")
        .annotate(shown=KeyTransform("sections", KeyTransform("pack", "content")))
        .select_related("template", "period", "made_by", "sent_by")
        .prefetch_related(Prefetch("files", queryset=files_in_order()))
    )


def files_in_order() -> QuerySet[PackFile]:
    """A pack's files as the formats are listed: PDF, Word, Excel."""
    return PackFile.objects.order_by(
        Case(*(When(format=fmt, then=Value(n)) for n, fmt in enumerate(FORMATS)), default=Value(len(FORMATS)))
    )


def templates_of(*, access: Access) -> list[PackTemplate]:
    """The area's pack templates, each with `pack_count`, the number of versions made."""
    return list(
        PackTemplate.objects.filter(area=access.area)
        .select_related("plan")
        .annotate(pack_count=Count("packs"))
        .order_by("-is_default", "name")
    )


def latest_packs(*, access: Access, limit: int = 10) -> list[Pack]:
    """The area's packs most recently made, newest first (the programme manager's list)."""
    packs = Pack.objects.filter(template__area=access.area).order_by("-made_at", "-pk")[:limit]
    return list(_listed(packs))


def sent_packs(*, access: Access) -> list[Pack]:
    """The versions marked as sent to their meeting that the user may read, newest period first."""
    packs = Pack.objects.filter(template__area=access.area, sent_at__isnull=False).order_by(
        "-period__ends_on", "template__name"
    )
    return _readable(access, _listed(packs))


def packs_by_period(*, template: PackTemplate) -> list[tuple[ReportingPeriod, list[Pack]]]:
    """The template's versions grouped by period, newest period first, each newest version first."""
    grouped: dict[int, tuple[ReportingPeriod, list[Pack]]] = {}
    packs = _listed(Pack.objects.filter(template=template)).order_by("-period__ends_on", "-number")
    for pack in packs:
        grouped.setdefault(pack.period_id, (pack.period, []))[1].append(pack)
    return list(grouped.values())


def versions_of(*, pack: Pack) -> list[Pack]:
    """Every version of the same template and period, newest first."""
    packs = Pack.objects.filter(template_id=pack.template_id, period_id=pack.period_id).order_by("-number")
    return list(_listed(packs))


def reported_periods(*, template: PackTemplate) -> list[ReportingPeriod]:
    """The template's plan's reported periods, newest first: the periods a pack can be made for."""
    return list(
        ReportingPeriod.objects.filter(plan_id=template.plan_id, state=ReportingPeriod.State.REPORTED)
        .select_related("plan")
        .order_by("-ends_on")
    )


def latest_version(*, template: PackTemplate, period: ReportingPeriod) -> Pack | None:
    """The newest version made for this period, if any (its matters for decision start the next)."""
    return Pack.objects.filter(template=template, period=period).defer("content").order_by("-number").first()


def file_of(*, pack: Pack, fmt: str) -> PackFile:
    """The pack's stored document in one format; an unknown format or one not made is not found."""
    found = PackFile.objects.filter(pack=pack, format=fmt).first()
    if found is None:
        raise Http404("This pack has no document in that format")
    return found
