"""The scorecard's small trend line, with its figures in words. Plain Python: no Django import."""

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape  # escaping the text we write, not parsing XML  # nosec B406

from ..assess import Point, known_value
from .drawing import AREA_STYLE, Style, attr, line, marker, segments
from .words import value_words

SPARK_WIDTH = 100
SPARK_HEIGHT = 28


SPARK_LISTED = 6  # up to this many figures are read out one by one; more are summarised


def _trend_words(ordered: Sequence[Point], unit: str) -> str:
    """Each figure when there are a few; with more, the span, first and last, lowest and highest
    (the measure's page has them all in its table)."""
    if not ordered:
        return "no figures yet"
    if len(ordered) <= SPARK_LISTED:
        return ", ".join(f"{p.period} {value_words(p, unit)}" for p in ordered)
    known = [p for p in ordered if p.value is not None]
    words = f"{len(ordered)} periods, {ordered[0].period} to {ordered[-1].period}"
    if not known:
        return f"{words}, none with a figure"
    low = min(known, key=known_value)
    high = max(known, key=known_value)
    first, last = known[0], known[-1]
    words += (
        f": {first.period} {value_words(first, unit)}, {last.period} {value_words(last, unit)}; "
        f"lowest {value_words(low, unit)} ({low.period}), highest {value_words(high, unit)} ({high.period})"
    )
    if missing := len(ordered) - len(known):
        words += f"; {missing} not available"
    return words


def sparkline(points: Sequence[Point], *, ident: str, unit: str = "", name: str = "") -> str:
    """A small inline SVG of the area's figures (gaps where a figure is missing) with a text alternative
    such as "Trend for E7: 2022 40%, 2023 not available, 2024 50%". `ident` makes its title's id unique."""
    ordered = sorted(points, key=lambda p: p.ends_on)
    label = f"Trend{f' for {name}' if name else ''}: {_trend_words(ordered, unit)}"
    title_id = f"spark-{ident}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby={attr(title_id)} '
        f'width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" '
        'focusable="false">',
        f"<title id={attr(title_id)}>{escape(label)}</title>",
    ]
    values = [float(p.value) for p in ordered if p.value is not None]
    if values:
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        count = len(ordered)

        def xy(index: int, value: Decimal) -> tuple[float, float]:
            x = 4 + (index / (count - 1) * (SPARK_WIDTH - 8) if count > 1 else (SPARK_WIDTH - 8) / 2)
            y = SPARK_HEIGHT - 4 - (float(value) - low) / span * (SPARK_HEIGHT - 8)
            return x, y

        index_of = {id(p): i for i, p in enumerate(ordered)}
        for run in segments(ordered):
            coords = [xy(index_of[id(p)], known_value(p)) for p in run]
            parts.append(line(coords, Style(AREA_STYLE.colour, "", "", 2)))
            if len(coords) == 1 and run[0] is not ordered[-1]:
                parts.append(marker("circle", *coords[0], AREA_STYLE.colour, 2))
        last = ordered[-1]
        if last.value is not None:
            parts.append(marker("circle", *xy(count - 1, last.value), AREA_STYLE.colour, 3))
    parts.append("</svg>")
    return "".join(parts)
