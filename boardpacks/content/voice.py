""" "You said, we did": the area's entries heard, or added, between the first day the pack covers and the
period's end (a quarterly pack: the whole quarter), published or not, in reference order."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from voice.models import Entry

from .parts import iso
from .schema import Voice
from .source import Source


def voice_section(source: Source) -> Voice:
    """One query. An entry's added day is its local date."""
    first, last = source.covers_from, source.period.ends_on
    since = timezone.make_aware(datetime.combine(first, time.min))
    until = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    entries = Entry.objects.filter(area_id=source.area.pk).filter(
        Q(heard_on__range=(first, last)) | Q(added_at__gte=since, added_at__lt=until)
    )
    return {
        "entries": [
            {
                "reference": entry.reference,
                "said": entry.said,
                "source": entry.get_source_display(),
                "heard_on": iso(entry.heard_on),
                "group": entry.group,
                "did": entry.did,
                "how_we_know": entry.how_we_know,
                "published": entry.is_published,
            }
            for entry in entries.order_by("sort_key", "pk")
        ]
    }
