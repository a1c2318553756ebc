"""Reads for board packs, always inside the user's area, and only the versions the user may read."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from areas.access import Access, Kind

from . import rules
from .models import Pack, PackTemplate


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
