"""The pack as an accessible web page, drawn from its stored content, and its charts as SVG."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view

from ..charts import chart_svg
from ..formats.html import pack_html
from ..selectors import pack_for


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def pack_page(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """The pack as the board reads it, inside the product's page; its charts are served by `chart`."""
    pack = pack_for(access=access, pk=pk)

    def chart_src(name: str) -> str:
        return reverse("boardpacks:chart", kwargs={"area": access.area.slug, "pk": pack.pk, "name": name})

    body = pack_html(pack.content, for_print=False, chart_src=chart_src)
    return render(
        request,
        "boardpacks/pack_page.html",
        {"access": access, "pack": pack, "body": body, "content": pack.content, "nav": "boardpacks"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def chart(request: SignedInRequest, access: Access, pk: int, name: str) -> HttpResponse:
    """One of the pack's charts as an SVG file, drawn from the pack's stored content."""
    pack = pack_for(access=access, pk=pk)
    svg = chart_svg(pack.content, name)
    if svg is None:
        raise Http404("The pack has no such chart")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # opened on its own: inert
    response["Cache-Control"] = "private, no-cache"
    return response
