"""The pack as HTML, from its content alone (boardpacks/content/schema.py): the accessible web page's
body (`for_print=False`, shown inside the product's page) or a whole document for WeasyPrint to print
(`for_print=True`, with its print stylesheet). The same templates draw both
(boardpacks/templates/boardpacks/pack/), one partial per section, in the template's order.

Charts are images: `chart_src(name)` says where each one's SVG is (a URL on the web page, a data: URI
in the PDF). Each is a numbered figure with its caption and its data as a table beside it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.template.loader import render_to_string

from .. import rules
from ..charts import OVERVIEW, chart_caption, chart_names, chart_table, overview_parts, slug_of


@dataclass(frozen=True)
class Figure:
    """A chart as the pack shows it: "Figure n: caption", the image and its data as a table."""

    name: str
    number: int
    caption: str
    src: str
    alt: str
    headings: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    anchor: str  # the id of its heading, linked from the contents
    data: dict[str, Any]
    template: str


def pack_html(
    content: dict[str, Any],
    *,
    for_print: bool,
    chart_src: Callable[[str], str],
    shortened: Mapping[str, tuple[int, int]] | None = None,
) -> str:
    """The pack as HTML: a whole document to print, or the body of the web page. `shortened` names the
    lists the content holds only the start of, as "section_list": (shown, total), each then saying so."""
    shown = _exception_measures(content, most=(shortened or {}).get("scorecard_exceptions", (None, 0))[0])
    charts = set(chart_names(content))
    names = [
        *overview_parts(content),
        *(name for name in (f"measure-{slug_of(measure['code'])}" for measure in shown) if name in charts),
    ]
    figures = {name: _figure(content, name, number, chart_src) for number, name in enumerate(names, start=1)}
    sections = [
        SectionView(
            key=key,
            title=rules.BY_KEY[key].title,
            anchor=f"section-{key.replace('_', '-')}",
            data=content["sections"][key],
            template=f"boardpacks/pack/{key}.html",
        )
        for key in content["pack"]["sections"]
        if key in rules.BY_KEY and key in content["sections"]
    ]
    context = {
        "content": content,
        "area": content["area"],
        "plan": content["plan"],
        "pack": content["pack"],
        "period": content["period"],
        "previous": content.get("previous"),
        "statuses": content["statuses"],
        "sections": sections,
        "has_cover": "cover" in content["sections"],
        "for_print": for_print,
        "overview_figures": [figure for name, figure in figures.items() if name.startswith(OVERVIEW)],
        "summary_counts": _summary_counts(content),
        "exception_measures": [
            {"measure": measure, "figure": figures.get(f"measure-{slug_of(measure['code'])}")}
            for measure in shown
        ],
        "heat_map": _heat_map(content),
        "shortened": {
            key: {"shown": shown, "total": total} for key, (shown, total) in (shortened or {}).items()
        },
    }
    template = "boardpacks/pack/print.html" if for_print else "boardpacks/pack/page.html"
    return render_to_string(template, context)


def _figure(content: dict[str, Any], name: str, number: int, chart_src: Callable[[str], str]) -> Figure:
    caption = chart_caption(content, name)
    headings, rows = chart_table(content, name)
    return Figure(
        name=name,
        number=number,
        caption=caption,
        src=chart_src(name),
        alt=f"Chart: {caption}. Its figures are in the table after it.",
        headings=headings,
        rows=rows,
    )


def change_words(now: int, before: int | None) -> str:
    """How a count moved since the last period, in words: "Up 2", "Down 1", "No change" (blank when
    there is nothing to compare with)."""
    if before is None:
        return ""
    if now > before:
        return f"Up {now - before}"
    if now < before:
        return f"Down {before - now}"
    return "No change"


def _summary_counts(content: dict[str, Any]) -> list[dict[str, Any]]:
    summary = content["sections"].get("summary")
    if not summary:
        return []
    counts = [*summary["counts"], *([summary["no_status"]] if summary.get("no_status") else [])]
    return [{**count, "change": change_words(count["now"], count["before"])} for count in counts]


def _exception_measures(content: dict[str, Any], *, most: int | None) -> list[dict[str, Any]]:
    """The red or worsening measures shown in full with their charts: every one, or the first `most`."""
    scorecard = content["sections"].get("scorecard")
    if not scorecard:
        return []
    exceptions: list[dict[str, Any]] = [measure for measure in scorecard["measures"] if measure["exception"]]
    return exceptions[:most]


def _heat_map(content: dict[str, Any]) -> dict[str, Any] | None:
    """The heat map as rows of cells: likelihood 5 down to 1, impact 1 to 5, with the words of each."""
    risks = content["sections"].get("risks")
    if not risks:
        return None
    cells = sorted(risks["heat_map"], key=lambda cell: (-cell["likelihood"], cell["impact"]))
    likelihood_words, impact_words = risks["likelihood_words"], risks["impact_words"]
    return {
        "impacts": [(n, impact_words.get(str(n), "")) for n in range(1, 6)],
        "rows": [
            (likelihood, likelihood_words.get(str(likelihood), ""), list(row))
            for likelihood, row in groupby(cells, key=lambda cell: cell["likelihood"])
        ],
    }
