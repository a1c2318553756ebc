"""A risk's score history drawn on the server as SVG, with the area's bands as labelled regions.
Plain Python: no Django import.

The chart keeps the scorecard's rules (scorecard/charts/measure.py): dates run left to right by time;
each band's region is labelled with its word and scores, so colour is never the only signal; all text
is XML-escaped; styling is presentation attributes only, so the file is safe under the site's Content
Security Policy served on its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape  # escaping the text we write, not parsing XML  # nosec B406

from scorecard.charts.drawing import FONT, INK, attr, number, x_positions

from .rules import Band

WIDTH = 720
HEIGHT = 330
TOP = 20
LEFT = 50
RIGHT = WIDTH - 150
PLOT_HEIGHT = 250
MAX_SCORE = 25
LINE = "#0b0c0c"
BAND_FILLS = {Band.GREEN: "#cce2d8", Band.AMBER: "#fcd6c3", Band.RED: "#f4cdc6"}
MOST_DATE_LABELS = 8


@dataclass(frozen=True)
class Point:
    scored_on: date
    score: int


def _y(value: float) -> float:
    return TOP + PLOT_HEIGHT - value / MAX_SCORE * PLOT_HEIGHT


def _text(
    x: float, y: float, words: str, *, anchor: str = "start", size: int = 13, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{number(x)}" y="{number(y)}" font-family={attr(FONT)} font-size="{size}" fill="{INK}"'
        f' text-anchor="{anchor}"{weight}>{escape(words)}</text>'
    )


def _bands(amber_from: int, red_from: int) -> list[str]:
    """Each band as a shaded region from its lowest score to the next band's, labelled at the right."""
    spans = [(Band.GREEN, 0, amber_from - 0.5), (Band.AMBER, amber_from - 0.5, red_from - 0.5)]
    spans.append((Band.RED, red_from - 0.5, MAX_SCORE))
    words = {
        Band.GREEN: f"Green: 1 to {amber_from - 1}",
        Band.AMBER: f"Amber: {amber_from} to {red_from - 1}",
        Band.RED: f"Red: {red_from} to 25",
    }
    parts = []
    for band, low, high in spans:
        top, bottom = _y(high), _y(low)
        parts.append(
            f'<rect x="{LEFT}" y="{number(top)}" width="{RIGHT - LEFT}" height="{number(bottom - top)}"'
            f' fill="{BAND_FILLS[band]}" data-band={attr(band.label)}/>'
        )
        parts.append(_text(RIGHT + 8, (top + bottom) / 2 + 4, words[band], bold=True))
    for threshold in (amber_from, red_from):
        y = number(_y(threshold - 0.5))
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{INK}" stroke-dasharray="4 3"/>'
        )
    return parts


def _axes() -> list[str]:
    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + PLOT_HEIGHT}" stroke="{INK}"/>']
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + PLOT_HEIGHT}" x2="{RIGHT}" y2="{TOP + PLOT_HEIGHT}" stroke="{INK}"/>'
    )
    for tick in range(0, MAX_SCORE + 1, 5):
        parts.append(_text(LEFT - 8, _y(tick) + 4, str(tick), anchor="end"))
    parts.append(_text(LEFT - 40, TOP - 6, "Score"))
    return parts


def risk_chart(*, reference: str, points: Sequence[Point], amber_from: int, red_from: int) -> str:
    """The score over time: a line with a marker and its score at each assessment."""
    inner = [*_bands(amber_from, red_from), *_axes()]
    xs = x_positions([p.scored_on for p in points])
    xs = {day: LEFT + (x - 70) * (RIGHT - LEFT) / (WIDTH - 30 - 70) for day, x in xs.items()}
    ordered = sorted(points, key=lambda p: p.scored_on)
    if len(ordered) > 1:
        coords = " ".join(f"{number(xs[p.scored_on])},{number(_y(p.score))}" for p in ordered)
        inner.append(f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    labelled = {p.scored_on for p in ordered[:: max(1, -(-len(ordered) // MOST_DATE_LABELS))]}
    if ordered:
        labelled.add(ordered[-1].scored_on)
    for point in ordered:
        x, y = xs[point.scored_on], _y(point.score)
        inner.append(
            f'<circle cx="{number(x)}" cy="{number(y)}" r="5" fill="{LINE}" data-score="{point.score}"/>'
        )
        inner.append(_text(x, y - 10, str(point.score), anchor="middle", bold=True))
        if point.scored_on in labelled:
            inner.append(
                _text(
                    x, TOP + PLOT_HEIGHT + 20, point.scored_on.strftime("%d/%m/%Y"), anchor="middle", size=12
                )
            )
    if not ordered:
        inner.append(_text((LEFT + RIGHT) / 2, _y(12.5), "Not scored yet", anchor="middle"))
    title = f"Score history of risk {reference}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" role="img"><title>{escape(title)}</title>{"".join(inner)}</svg>'
    )


def chart_alt(
    *, reference: str, points: Sequence[tuple[date, int, str]], amber_from: int, red_from: int
) -> str:
    """The chart in words: its first and latest scores with their bands, and the thresholds."""
    if not points:
        return f"Score history of risk {reference}: not scored yet."
    first, last = points[0], points[-1]
    said = f"first scored {first[1]} ({first[2]}) on {first[0]:%d/%m/%Y}"
    if len(points) > 1:
        said += f"; now {last[1]} ({last[2]}) since {last[0]:%d/%m/%Y}, after {len(points) - 1} change"
        said += "s" if len(points) > 2 else ""
    return (
        f"Score history of risk {reference}: {said}. Amber from {amber_from}, red from {red_from}. "
        "The table beside it gives every assessment."
    )
