"""The pack as PDF, from its content alone: the pack's print HTML (formats.html.pack_html) laid out by
WeasyPrint as tagged PDF/UA-1, in British English, with bookmarks from its headings, "Page X of Y", a
running header, table headings repeated on each page and the wide tables on landscape pages.

Nothing is fetched: the charts are data: URIs of their SVG, the stylesheet is inline, and the URL fetcher
refuses every other address, so text in the content can never make the PDF reach the network.
"""

import base64
from typing import Any

from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

from ..charts import chart_svg
from .html import pack_html


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, allowed only data: URIs (the pack's own charts); any other address is refused."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if not url.startswith("data:"):
            raise ValueError(f"A board pack fetches nothing: {url[:80]!r} refused")
        response: URLFetcherResponse = super().fetch(url, headers)
        return response


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI, base64, for an <img> in the printed pack."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def print_html(content: dict[str, Any]) -> str:
    """The document WeasyPrint lays out: the pack's print HTML with its charts inline."""

    def chart_src(name: str) -> str:
        return svg_data_uri(chart_svg(content, name) or "")

    return pack_html(content, for_print=True, chart_src=chart_src)


def render(content: dict[str, Any]) -> bytes:
    """The pack as a tagged PDF/UA-1 document."""
    document = HTML(string=print_html(content), base_url=None, url_fetcher=LocalOnlyFetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf
