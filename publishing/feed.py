"""The Atom feed of an area's publications (RFC 4287), written with the standard library."""

from collections.abc import Sequence
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring  # writing our own XML  # nosec B405

from django.http import HttpRequest
from django.urls import reverse

from areas.models import LocalArea

from .models import Publication

ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(
    *, request: HttpRequest, area: LocalArea, content: dict[str, Any], publications: Sequence[Publication]
) -> bytes:
    """One entry per publication, newest first: its number, date, note and address."""
    home = request.build_absolute_uri(reverse("public:home", kwargs={"area": area.slug}))
    feed = Element("feed", xmlns=ATOM)
    SubElement(feed, "title").text = f"{content['area']['council_name']}: SEND improvement plan progress"
    SubElement(feed, "id").text = home
    SubElement(feed, "updated").text = publications[0].published_at.isoformat()
    SubElement(feed, "link", rel="self", href=request.build_absolute_uri())
    SubElement(feed, "link", rel="alternate", href=home)
    author = SubElement(feed, "author")
    SubElement(author, "name").text = content["area"]["council_name"]
    for publication in publications:
        address = request.build_absolute_uri(
            reverse("public:publication", kwargs={"area": area.slug, "number": publication.number})
        )
        entry = SubElement(feed, "entry")
        when = publication.published_at.strftime("%-d %B %Y")
        SubElement(entry, "title").text = f"Progress update {publication.number}, published {when}"
        SubElement(entry, "id").text = address
        SubElement(entry, "updated").text = publication.published_at.isoformat()
        SubElement(entry, "link", rel="alternate", href=address)
        SubElement(entry, "summary").text = publication.note or f"Progress update {publication.number}."
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="unicode").encode("utf-8")
