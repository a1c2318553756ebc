"""The public pages families read: no sign-in, one address per local area.

Every page reads one Publication (the latest, or the numbered one) and shows only its stored
`content`: never a live model. Each answers 304 to a browser holding the same publication
(`condition`: the publication's etag and date)."""

import csv
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition, require_http_methods

from common.uploads import csv_safe

from .. import selectors
from ..charts import data_table, published_chart
from ..feed import atom_feed
from ..models import Publication

PAGES = {"home": "public/progress.html", "scorecard": "public/scorecard.html", "voice": "public/voice.html"}
CACHE = "public, max-age=300"
ENTRIES_PER_PAGE = 50


def _publication(request: HttpRequest, area: str, number: int | None = None) -> Publication | None:
    """The publication a request asks for, read once per request (the conditional check and the view
    share it): the numbered one, or the area's latest."""
    key = (area, number)
    cached: dict = request.__dict__.setdefault("_publications", {})
    if key not in cached:
        found = Publication.objects.filter(area__slug=area).select_related("area").defer("content")
        found = found.filter(number=number) if number is not None else found.order_by("-number")
        publication = found.first()
        if publication is not None:
            publication.content = _stored_content(publication.pk, publication.etag)
        cached[key] = publication
    return cached[key]


@lru_cache(maxsize=32)
def _stored_content(pk: int, etag: str) -> dict:
    """A publication's content, read and parsed once per process: a publication never changes, and its
    etag (a hash of the content) is part of the key. Shared between requests, so read-only."""
    return Publication.objects.values_list("content", flat=True).get(pk=pk)


def _etag(request: HttpRequest, area: str, number: int | None = None, **_: Any) -> str | None:
    found = _publication(request, area, number)
    return found.etag if found else None


def _modified(request: HttpRequest, area: str, number: int | None = None, **_: Any) -> datetime | None:
    found = _publication(request, area, number)
    return found.published_at if found else None


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open to everyone, GET only, conditional on the publication, cacheable."""

    def wrapped(request: HttpRequest, area: str, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, area, *args, **kwargs)
        if response.status_code == 200:
            response.setdefault("Cache-Control", CACHE)
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_not_required(require_http_methods(["GET", "HEAD"])(condition(_etag, _modified)(wrapped)))


def _found(request: HttpRequest, area: str, number: int | None) -> Publication:
    publication = _publication(request, area, number)
    if publication is None:
        raise Http404("No publication")
    return publication


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "public/not_found.html", status=404)


def _page(request: HttpRequest, area: str, number: int | None, page: str) -> HttpResponse:
    publication = _publication(request, area, number)
    if publication is None:
        return not_found(request)
    content = publication.content
    context = {
        "content": content,
        "publication": publication,
        # A numbered page never changes, so it never says whether a newer one has been made since.
        "is_latest": number is None,
        "measures": [{**m, "table": data_table(measure=m)} for m in content["scorecard"]["measures"]],
        "page": page,
    }
    if page == "voice":  # an area with hundreds of entries: 50 a page keeps each page light
        voice_page = Paginator(content["voice"], ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
        context.update(voice_page=voice_page, voice_entries=voice_page.object_list)
    return render(request, PAGES[page], context)


@public_page
def home(request: HttpRequest, area: str) -> HttpResponse:
    """The latest publication's progress page."""
    return _page(request, area, None, "home")


@public_page
def scorecard(request: HttpRequest, area: str) -> HttpResponse:
    return _page(request, area, None, "scorecard")


@public_page
def voice(request: HttpRequest, area: str) -> HttpResponse:
    return _page(request, area, None, "voice")


@public_page
def publication(request: HttpRequest, area: str, number: int) -> HttpResponse:
    return _page(request, area, number, "home")


@public_page
def publication_scorecard(request: HttpRequest, area: str, number: int) -> HttpResponse:
    return _page(request, area, number, "scorecard")


@public_page
def publication_voice(request: HttpRequest, area: str, number: int) -> HttpResponse:
    return _page(request, area, number, "voice")


def measure_in(content: dict, code: str) -> dict:
    """One measure of a publication's (or a preview's) content, by its code."""
    for measure in content["scorecard"]["measures"]:
        if measure["code"] == code:
            return measure
    raise Http404("No such published measure")


def svg_response(svg: str) -> HttpResponse:
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # opened on its own: inert
    return response


@public_page
def chart(request: HttpRequest, area: str, number: int, code: str) -> HttpResponse:
    """A published measure's chart as an SVG file, drawn from the publication's data points."""
    found = _publication(request, area, number)
    if found is None:
        return not_found(request)
    measure = measure_in(found.content, code)
    return svg_response(published_chart(measure=measure, area_name=found.content["area"]["name"]))


@public_page
def publications(request: HttpRequest, area: str) -> HttpResponse:
    """Every publication of the area, newest first, each at its own address."""
    latest = _publication(request, area)
    if latest is None:
        return not_found(request)
    return render(
        request,
        "public/publications.html",
        {
            "content": latest.content,
            "publication": latest,
            "is_latest": True,
            "publications": selectors.public_listing(area=latest.area),
            "page": "publications",
        },
    )


@public_page
def feed(request: HttpRequest, area: str) -> HttpResponse:
    """An Atom feed of publications: one entry each, with its date, note and address."""
    latest = _publication(request, area)
    if latest is None:
        return not_found(request)
    entries = selectors.public_listing(area=latest.area)
    xml = atom_feed(request=request, area=latest.area, content=latest.content, publications=list(entries))
    return HttpResponse(xml, content_type="application/atom+xml; charset=utf-8")


CSV_HEADER = ["Code", "Measure", "Description", "Period", "Figure", "Target", "Rating", "Direction", "Why"]


@public_page
def measures_csv(request: HttpRequest, area: str) -> HttpResponse:
    """The latest publication's measures as open data."""
    latest = _publication(request, area)
    if latest is None:
        return not_found(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{latest.area.slug}-measures-{latest.number}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for m in latest.content["scorecard"]["measures"]:
        writer.writerow(
            csv_safe(value)
            for value in (
                m["code"],
                m["name"],
                m["description"],
                m["latest_period"],
                m["latest_value"] or "",
                m["target_value"] or "",
                m["rating_word"],
                m["direction"],
                m["reason"],
            )
        )
    return response


@public_page
def colours(request: HttpRequest, area: str, number: int) -> HttpResponse:
    """The area's colour for a publication's header, as a stylesheet (the pages carry no inline style)."""
    found = _publication(request, area, number)
    if found is None:
        return not_found(request)
    colour = found.content["area"]["colour"]
    if not (
        len(colour) == 7 and colour.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in colour[1:])
    ):
        colour = "#1d70b8"
    return HttpResponse(f":root {{ --app-brand: {colour}; }}\n", content_type="text/css; charset=utf-8")
