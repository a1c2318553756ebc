"""The pack's charts, drawn as SVG from its content alone (boardpacks/content/schema.py): the same file on
the pack's web page, in its PDF, and (rasterised) in its Word document. Each chart has a caption, a
description in words, and its data as a table beside it (`chart_table`).

- "rag-overview": each top-level item's lowest-level items by status, this period against the last, as
  stacked bars; every segment is labelled with its count and the legend names each status, so colour is
  never the only signal. "rag-overview" draws every top-level item; the web page and the PDF show a plan
  with more than `CHART_ROWS` of them as one chart per `CHART_ROWS` (`overview_parts`: "rag-overview-1",
  "rag-overview-2", ...), so each stays readable on a page.
- "measure-<code>": an exception measure's figures as reported, drawn by the scorecard's own chart.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape  # escaping the text we write, not parsing XML  # nosec B406

from scorecard.assess import Point
from scorecard.charts.drawing import FONT, INK, attr
from scorecard.charts.measure import measure_chart

WIDTH = 720
LABEL_WIDTH = 150
RIGHT = 40
BAR = 18
GAP = 6
GROUP_GAP = 18
TOP = 10
HEADING = 20
LEGEND_ROW = 24
NO_STATUS = {"label": "No status", "colour": "#b1b4b6"}
CHART_ROWS = 12
OVERVIEW = "rag-overview"


def _text_colour(background: str) -> str:
    """Black or white, whichever reads better on the background (relative luminance)."""
    hexes = background.lstrip("#")
    if len(hexes) != 6 or not re.fullmatch(r"[0-9a-fA-F]{6}", hexes):
        return INK

    def channel(value: str) -> float:
        c = int(value, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(hexes[i : i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def chart_names(content: dict[str, Any]) -> list[str]:
    """The charts a pack's content has, in the order they appear."""
    sections = content["sections"]
    names: list[str] = []
    if "rag_overview" in sections and sections["rag_overview"]["rows"]:
        names.append(OVERVIEW)
    if "scorecard" in sections:
        names.extend(
            f"measure-{slug_of(measure['code'])}"
            for measure in sections["scorecard"]["measures"]
            if measure["exception"] and measure["points"]
        )
    return names


def overview_parts(content: dict[str, Any]) -> list[str]:
    """The overview's charts as the web page and the PDF show them: "rag-overview" for up to
    `CHART_ROWS` top-level items, else "rag-overview-1", "rag-overview-2", ... each drawing `CHART_ROWS`."""
    if "rag_overview" not in content["sections"] or not content["sections"]["rag_overview"]["rows"]:
        return []
    return list(_overview_parts(content))


def _is_chart(content: dict[str, Any], name: str) -> bool:
    return name in chart_names(content) or name in overview_parts(content)


def _overview_parts(content: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The overview's charts by name, each with the slice of top-level items it draws."""
    total = len(content["sections"]["rag_overview"]["rows"])
    if total <= CHART_ROWS:
        return {OVERVIEW: (0, total)}
    return {
        f"{OVERVIEW}-{number}": (start, min(start + CHART_ROWS, total))
        for number, start in enumerate(range(0, total, CHART_ROWS), start=1)
    }


def _overview_rows(content: dict[str, Any], name: str) -> list[dict[str, Any]]:
    every: list[dict[str, Any]] = content["sections"]["rag_overview"]["rows"]
    start, stop = _overview_parts(content).get(name, (0, len(every)))
    rows = every[start:stop]
    return rows


def slug_of(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-") or "measure"


def chart_svg(content: dict[str, Any], name: str) -> str | None:
    """One chart of the content by name, or None when it has no such chart."""
    if not _is_chart(content, name):
        return None
    if name.startswith(OVERVIEW):
        return rag_overview_svg(content, name=name)
    measure = _measure_named(content, name)
    return measure_svg(measure, area_name=content["area"]["name"]) if measure else None


def chart_caption(content: dict[str, Any], name: str) -> str:
    """The chart's caption, without its figure number."""
    if name.startswith(OVERVIEW) and "rag_overview" in content["sections"]:
        period, previous = content["period"]["name"], content.get("previous")
        against = f" against {previous['name']}" if previous else ""
        plural = content["plan"]["top_level_plural"].lower()
        parts = _overview_parts(content)
        part = ""
        if name in parts and name != OVERVIEW:
            start, stop = parts[name]
            part = f" ({start + 1} to {stop} of {len(content['sections']['rag_overview']['rows'])})"
        return f"Items by status in each of the {plural}, {period}{against}{part}"
    measure = _measure_named(content, name)
    return f"{measure['code']}: {measure['name']}, as reported" if measure else name


def chart_table(content: dict[str, Any], name: str) -> tuple[list[str], list[list[str]]]:
    """The chart's data as a table: (headings, rows of words)."""
    if name.startswith(OVERVIEW) and _is_chart(content, name):
        labels = _status_labels(content)
        previous = content.get("previous")
        headings = ["Item", "Period", *labels, "Total"]
        rows: list[list[str]] = []
        for row in _overview_rows(content, name):
            counts = {count["label"]: count for count in row["counts"]}
            rows.append(
                [
                    row["number"],
                    content["period"]["name"],
                    *(str(_n(counts, label, "now")) for label in labels),
                    str(row["total"]),
                ]
            )
            if previous:
                rows.append(
                    [
                        row["number"],
                        previous["name"],
                        *(_before(counts, label) for label in labels),
                        _before_total(row),
                    ]
                )
        return headings, rows
    measure = _measure_named(content, name)
    if measure is None:
        return [], []
    unit = "%" if measure["unit"] == "%" else ""
    return ["Period", "Figure"], [
        [point["period"], "Not available" if point["value"] is None else f"{point['value']:g}{unit}"]
        for point in measure["points"]
    ]


def _measure_named(content: dict[str, Any], name: str) -> dict[str, Any] | None:
    for measure in content["sections"].get("scorecard", {}).get("measures", []):
        if f"measure-{slug_of(measure['code'])}" == name:
            return measure
    return None


def _status_labels(content: dict[str, Any]) -> list[str]:
    labels = [status["label"] for status in content["statuses"]]
    seen = {count["label"] for row in content["sections"]["rag_overview"]["rows"] for count in row["counts"]}
    return labels + sorted(seen - set(labels))


def _n(counts: dict[str, dict[str, Any]], label: str, when: str) -> int:
    value = counts.get(label, {}).get(when)
    return int(value) if value is not None else 0


def _before(counts: dict[str, dict[str, Any]], label: str) -> str:
    value = counts.get(label, {}).get("before")
    return "" if value is None else str(value)


def _before_total(row: dict[str, Any]) -> str:
    befores = [count["before"] for count in row["counts"] if count.get("before") is not None]
    return str(sum(befores)) if befores else ""


def rag_overview_svg(content: dict[str, Any], *, name: str = OVERVIEW) -> str:
    """Stacked bars, one pair per top-level item (this period, then the last), segments in the scheme's
    order with their counts written on them, and a legend naming every status."""
    rows = _overview_rows(content, name)
    colours = {status["label"]: status["colour"] for status in content["statuses"]}
    labels = _status_labels(content)
    period, previous = content["period"]["name"], content.get("previous")
    bars_per_row = 2 if previous else 1
    every = content["sections"]["rag_overview"]["rows"]  # one scale for all the overview's charts
    biggest = max([1, *(row["total"] for row in every), *(_before_sum(row) for row in every)])
    plot = WIDTH - LABEL_WIDTH - RIGHT
    legend_rows = 1 + max((row for _, row in _legend_places(labels)), default=0)
    height = (
        TOP
        + len(rows) * (HEADING + bars_per_row * (BAR + GAP) + GROUP_GAP - GAP)
        + 10
        + legend_rows * LEGEND_ROW
    )
    title = chart_caption(content, name)
    description = _overview_words(rows, labels, period, previous)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="rag-title rag-desc" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{FONT}" font-size="13">',
        f'<title id="rag-title">{escape(title)}</title>',
        f'<desc id="rag-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    y = TOP
    for row in rows:
        counts = {count["label"]: count for count in row["counts"]}
        out.append(
            f'<text x="8" y="{y + 13}" fill="{INK}" font-weight="bold">'
            f"{escape(_short(row['number'] + ' ' + row['text'], 90))}</text>"
        )
        y += HEADING
        whens = [("now", period)] + ([("before", previous["name"])] if previous else [])
        for when, name in whens:
            out.append(
                f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 5}" text-anchor="end" fill="{INK}">'
                f"{escape(name)}</text>"
            )
            out.extend(_segments(labels, counts, colours, when, name, y, plot / biggest))
            y += BAR + GAP
        y += GROUP_GAP - GAP
    out.append(_legend(labels, colours, y + 4))
    out.append("</svg>")
    return "".join(out)


def _segments(
    labels: list[str],
    counts: dict[str, dict[str, Any]],
    colours: dict[str, str],
    when: str,
    name: str,
    y: float,
    per_item: float,
) -> list[str]:
    parts = []
    x = float(LABEL_WIDTH)
    for label in labels:
        value = counts.get(label, {}).get(when) or 0
        if not value:
            continue
        width = per_item * value
        colour = colours.get(label, NO_STATUS["colour"])
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill={attr(colour)} '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(f"{label}: {value} ({name})")}</title></rect>'
        )
        if width >= 16:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{y + BAR - 5}" text-anchor="middle" '
                f'fill="{_text_colour(colour)}" font-size="12">{value}</text>'
            )
        x += width
    return parts


def _before_sum(row: dict[str, Any]) -> int:
    return sum(count["before"] or 0 for count in row["counts"] if count.get("before") is not None)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend_places(labels: list[str]) -> list[tuple[float, int]]:
    """Where each legend entry goes, as (x, row): entries side by side, as wide as their words (about 7.5
    px a character at 13 px), wrapping to a new row before the chart's right edge, so a long status name
    never runs into the next."""
    places: list[tuple[float, int]] = []
    x, row = float(LABEL_WIDTH), 0
    for label in labels:
        width = 20 + 7.5 * len(label) + 24
        if x > LABEL_WIDTH and x + width > WIDTH - 8:
            x, row = float(LABEL_WIDTH), row + 1
        places.append((x, row))
        x += width
    return places


def _legend(labels: list[str], colours: dict[str, str], top: float) -> str:
    parts = ['<g class="legend">']
    for label, (x, row) in zip(labels, _legend_places(labels), strict=True):
        y = top + row * LEGEND_ROW
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="14" height="14" '
            f"fill={attr(colours.get(label, NO_STATUS['colour']))} "
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{x + 20:.1f}" y="{y + 12}" fill="{INK}">{escape(label)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _overview_words(
    rows: list[dict[str, Any]], labels: list[str], period: str, previous: dict[str, Any] | None
) -> str:
    sentences = []
    for row in rows:
        counts = {count["label"]: count for count in row["counts"]}
        now = ", ".join(
            f"{_n(counts, label, 'now')} {label.lower()}" for label in labels if _n(counts, label, "now")
        )
        sentence = f"{row['number']}: {now or 'no items'} in {period}"
        if previous:
            before = ", ".join(
                f"{counts[label]['before']} {label.lower()}"
                for label in labels
                if counts.get(label, {}).get("before")
            )
            sentence += f"; {before or 'no items'} in {previous['name']}"
        sentences.append(sentence + ".")
    return " ".join(sentences)


def measure_svg(measure: dict[str, Any], *, area_name: str) -> str:
    """An exception measure's chart: its figures as reported, and its target."""
    points = [
        Point(
            ends_on=date.fromisoformat(point["date"]),
            period=point["period"],
            value=None if point["value"] is None else Decimal(str(point["value"])),
            missing_reason="" if point["value"] is not None else "Not available",
        )
        for point in measure["points"]
    ]
    targets = []
    if measure.get("target_value") is not None and points:
        targets.append((points[-1].ends_on, Decimal(str(measure["target_value"]))))
    return measure_chart(
        title=f"{measure['code']}: {measure['name']}",
        area_name=area_name,
        points=points,
        targets=targets,
        unit=measure.get("unit", ""),
        polarity=measure.get("polarity") or "higher",
    )
