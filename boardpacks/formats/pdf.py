"""The pack as PDF, from its content alone: the pack's print HTML (formats.html.pack_html) laid out by
WeasyPrint as tagged PDF/UA-1, in British English, with bookmarks from its headings, "Page X of Y", a
running header, table headings repeated on each page and the wide tables on landscape pages.

A very long list (a large plan's hundreds of red items) is shortened to its first `PRINT_ROWS` in the
PDF, and the red or worsening measures to the first `PRINT_MEASURES` shown with their charts, saying so
where each is cut: WeasyPrint lays out about a thousand table cells a second, and the board
reads the paper; every row stays in the pack's content, its web page and its Excel workbook.

Nothing is fetched: the charts are data: URIs of their SVG, the stylesheet is inline, and the URL fetcher
refuses every other address, so text in the content can never make the PDF reach the network.
"""

import base64
import copy
from typing import Any

from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcherResponse  # type: ignore[import-untyped]

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


PRINT_ROWS = 50
PRINT_MEASURES = 8  # red or worsening measures printed with their commentary, chart and figures
LONG_LISTS = (
    ("rag_overview", "rows"),
    ("exceptions", "red"),
    ("exceptions", "overdue"),
    ("exceptions", "slipped"),
    ("highlights", "reports"),
    ("voice", "entries"),
)


def shorten(
    content: dict[str, Any], *, rows: int = PRINT_ROWS, measures: int = PRINT_MEASURES
) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    """The content with each long list cut to its first `rows`, and the red or worsening measures shown
    in full to their first `measures` (each also kept in the table of measures), and which were cut:
    {"section_list": (shown, total)}, "scorecard_exceptions" for the measures shown in full."""
    shortened: dict[str, tuple[int, int]] = {}
    sections = content["sections"]
    cut = {**content, "sections": dict(sections)}
    for key, field in LONG_LISTS:
        if key not in sections or len(sections[key][field]) <= rows:
            continue
        whole = sections[key][field]
        cut["sections"][key] = {**cut["sections"][key], field: whole[:rows]}
        shortened[f"{key}_{field}"] = (rows, len(whole))
    if "scorecard" in sections:
        whole = sections["scorecard"]["measures"]
        exceptions = [index for index, measure in enumerate(whole) if measure["exception"]]
        in_full = set(exceptions[:measures])
        kept = [measure for index, measure in enumerate(whole) if index < rows or index in in_full]
        cut["sections"]["scorecard"] = {**sections["scorecard"], "measures": kept}
        if len(kept) < len(whole):
            shortened["scorecard_measures"] = (len(kept), len(whole))
        if len(exceptions) > measures:
            shortened["scorecard_exceptions"] = (measures, len(exceptions))
    return copy.deepcopy(cut), shortened


def print_html(content: dict[str, Any]) -> str:
    """The document WeasyPrint lays out: the pack's print HTML with its charts inline."""
    printed, shortened = shorten(content)

    def chart_src(name: str) -> str:
        return svg_data_uri(chart_svg(printed, name) or "")

    return pack_html(printed, for_print=True, chart_src=chart_src, shortened=shortened)


def render(content: dict[str, Any]) -> bytes:
    """The pack as a tagged PDF/UA-1 document."""
    document = HTML(string=print_html(content), base_url=None, url_fetcher=LocalOnlyFetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf
