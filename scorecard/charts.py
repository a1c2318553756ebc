"""Charts of a measure's figures, drawn on the server as SVG. Plain Python: no Django import.

`measure_chart` draws one breakdown: the area's series, its comparators (England, the region,
statistical neighbours), its targets as a step line with a marker on each target's date, and its
baseline. `sparkline` draws the small trend line on the scorecard table.

The rules every chart keeps:
- periods run left to right by the day they end, placed by date, so a target's date sits in time;
- a missing figure is a gap in its line, never a zero, and the text alternative says which is missing;
- each series has its own line pattern and marker shape as well as its colour;
- the y axis always runs upwards whatever the measure's polarity: the text says which way is better;
- all text is XML-escaped; styling is presentation attributes only (no `style`, no script), so the
  file is safe under the site's Content Security Policy when served on its own or inlined.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import ceil, floor, log10
from xml.sax.saxutils import escape, quoteattr

from .assess import Point
from .rating import Polarity, show

FONT = "Arial, Helvetica, sans-serif"
INK = "#0b0c0c"
WIDTH = 720
PLOT_TOP = 20
PLOT_LEFT = 70
PLOT_RIGHT = WIDTH - 30
PLOT_HEIGHT = 260
LEGEND_ROW = 24


@dataclass(frozen=True)
class Style:
    """How one series is drawn: colour, line pattern and marker shape, so colour is never the only signal."""

    colour: str
    dash: str  # stroke-dasharray; "" for a solid line
    marker: str  # circle, square, triangle, diamond, cross
    width: int = 2


AREA_STYLE = Style("#1d70b8", "", "circle", 3)
SERIES_STYLES = {
    "england": Style("#0b0c0c", "8 4", "square"),
    "region": Style("#4c2c92", "2 3", "triangle"),
    "neighbours": Style("#a33b00", "10 4 2 4", "diamond"),
}
TARGET_STYLE = Style("#505a5f", "5 3", "cross")
BASELINE_STYLE = Style("#505a5f", "1 3", "", 2)
SERIES_ORDER = ("england", "region", "neighbours")
DEFAULT_NAMES = {"england": "England", "region": "Region", "neighbours": "Statistical neighbours"}


def _attr(value: object) -> str:
    return quoteattr(str(value))


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _figure(value: Decimal, unit: str) -> str:
    return show(Decimal(value), unit)


# Scales


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    ticks: list[float]

    def y(self, value: Decimal | float) -> float:
        span = (self.high - self.low) or 1.0
        return PLOT_TOP + PLOT_HEIGHT - (float(value) - self.low) / span * PLOT_HEIGHT


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / count if span > 0 else 1.0
    magnitude = 10 ** floor(log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def value_scale(values: Iterable[Decimal]) -> _Scale:
    """A y axis from zero (or the lowest figure, if below zero) to a round number above the highest."""
    numbers = [float(v) for v in values]
    if not numbers:
        return _Scale(0.0, 1.0, [0.0, 1.0])
    low, high = min(0.0, min(numbers)), max(numbers)
    if high == low:
        high = low + (abs(low) or 1.0)
    step = _nice_step(high - low)
    low, high = floor(low / step) * step, ceil(high / step) * step
    count = round((high - low) / step)
    return _Scale(low, high, [low + i * step for i in range(count + 1)])


def _x_positions(days: Sequence[date]) -> dict[date, float]:
    """Each date's x: spread by time between the first and last date."""
    ordered = sorted(set(days))
    if not ordered:
        return {}
    if len(ordered) == 1:
        return {ordered[0]: (PLOT_LEFT + PLOT_RIGHT) / 2}
    first, last = ordered[0].toordinal(), ordered[-1].toordinal()
    inner_left, inner_right = PLOT_LEFT + 20, PLOT_RIGHT - 20
    return {
        d: inner_left + (d.toordinal() - first) / (last - first) * (inner_right - inner_left) for d in ordered
    }


# Drawing pieces


def _marker(shape: str, x: float, y: float, colour: str, size: float = 5) -> str:
    x_, y_ = _number(x), _number(y)
    if shape == "circle":
        return f'<circle cx="{x_}" cy="{y_}" r="{_number(size)}" fill="{colour}"/>'
    if shape == "square":
        s = _number(size * 2 * 0.85)
        return (
            f'<rect x="{_number(x - size * 0.85)}" y="{_number(y - size * 0.85)}" width="{s}" height="{s}" '
            f'fill="{colour}"/>'
        )
    if shape == "triangle":
        pts = f"{x_},{_number(y - size * 1.2)} {_number(x + size)},{_number(y + size * 0.8)} "
        pts += f"{_number(x - size)},{_number(y + size * 0.8)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "diamond":
        d = size * 1.2
        pts = f"{x_},{_number(y - d)} {_number(x + d)},{y_} {x_},{_number(y + d)} {_number(x - d)},{y_}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "cross":
        d = size
        path = (
            f"M{_number(x - d)},{_number(y - d)} L{_number(x + d)},{_number(y + d)} "
            f"M{_number(x - d)},{_number(y + d)} L{_number(x + d)},{_number(y - d)}"
        )
        return f'<path d="{path}" stroke="{colour}" stroke-width="2.5" fill="none"/>'
    return ""


def _line(coords: Sequence[tuple[float, float]], style: Style) -> str:
    if len(coords) < 2:
        return ""
    points = " ".join(f"{_number(x)},{_number(y)}" for x, y in coords)
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{style.colour}" stroke-width="{style.width}"'
        f' stroke-linejoin="round"{dash}/>'
    )


def segments(points: Iterable[Point]) -> list[list[Point]]:
    """A series split into runs of figures; a missing figure (value None) ends a run, leaving a gap."""
    runs: list[list[Point]] = [[]]
    for point in sorted(points, key=lambda p: p.ends_on):
        if point.value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _series_svg(
    name: str, points: Sequence[Point], style: Style, xs: dict[date, float], scale: _Scale
) -> str:
    parts = [f"<g data-series={_attr(name)}>"]
    for run in segments(points):
        parts.append(_line([(xs[p.ends_on], scale.y(p.value)) for p in run], style))
        parts.extend(_marker(style.marker, xs[p.ends_on], scale.y(p.value), style.colour) for p in run)
    parts.append("</g>")
    return "".join(parts)


def _target_steps(targets: Sequence[tuple[date, Decimal]], xs: dict[date, float]) -> list[tuple[date, date]]:
    """The span of dates each target is in force for: from the date the one before was due (or the
    chart's start) to its own date (see scorecard.targets.target_in_force)."""
    start = min(xs) if xs else None
    spans = []
    for due, _ in targets:
        spans.append((start or due, due))
        start = due
    return spans


@dataclass(frozen=True)
class ChartSeries:
    """One comparator series with the name it is shown by (the region's own name, say)."""

    key: str
    name: str
    points: Sequence[Point]


def measure_chart(
    *,
    title: str,
    area_name: str,
    points: Sequence[Point],
    comparators: Mapping[str, Sequence[Point]] | None = None,
    comparator_names: Mapping[str, str] | None = None,
    targets: Iterable[tuple[date, Decimal]] = (),
    baseline: Decimal | None = None,
    baseline_period: str = "",
    unit: str = "",
    unit_label: str = "",
    polarity: Polarity | str = Polarity.HIGHER,
) -> str:
    """An SVG chart of one breakdown of a measure, with a title and a description that say in words
    what it shows: the area's latest figure, its comparators for the same period, what is missing,
    the targets and the baseline."""
    names = {**DEFAULT_NAMES, **(comparator_names or {})}
    comparators = comparators or {}
    others = [
        ChartSeries(key, names.get(key, key), comparators[key])
        for key in (*SERIES_ORDER, *sorted(set(comparators) - set(SERIES_ORDER)))
        if comparators.get(key)
    ]
    targets = sorted(targets)
    everything = [*points, *(p for s in others for p in s.points)]
    period_labels: dict[date, str] = {}
    for point in sorted(everything, key=lambda p: p.ends_on):
        period_labels.setdefault(point.ends_on, point.period)
    xs = _x_positions([*period_labels, *(due for due, _ in targets)])
    values = [p.value for p in everything if p.value is not None] + [v for _, v in targets]
    if baseline is not None:
        values.append(baseline)
    scale = value_scale(values)

    legend = _legend(area_name, others, bool(targets), baseline is not None)
    legend_rows = ceil(len(legend) / 3)
    height = PLOT_TOP + PLOT_HEIGHT + 60 + legend_rows * LEGEND_ROW
    description = chart_description(
        area_name=area_name,
        points=points,
        others=others,
        targets=targets,
        baseline=baseline,
        baseline_period=baseline_period,
        unit=unit,
        polarity=polarity,
    )
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{FONT}" font-size="14">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        _axes(scale, xs, period_labels, unit_label),
    ]
    if baseline is not None:
        y = _number(scale.y(baseline))
        body.append(
            f'<g data-series="baseline"><line x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" '
            f'stroke="{BASELINE_STYLE.colour}" stroke-width="2" '
            f'stroke-dasharray="{BASELINE_STYLE.dash}"/></g>'
        )
    if targets:
        body.append(_targets_svg(targets, xs, scale, unit))
    body.extend(
        _series_svg(s.key, s.points, SERIES_STYLES.get(s.key, TARGET_STYLE), xs, scale) for s in others
    )
    body.append(_series_svg("area", points, AREA_STYLE, xs, scale))
    body.append(_legend_svg(legend, PLOT_TOP + PLOT_HEIGHT + 50))
    body.append("</svg>")
    return "".join(body)


def _axes(scale: _Scale, xs: dict[date, float], labels: dict[date, str], unit_label: str) -> str:
    bottom = PLOT_TOP + PLOT_HEIGHT
    parts = ['<g data-part="axes">']
    for tick in scale.ticks:
        y = _number(scale.y(tick))
        parts.append(
            f'<line x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{PLOT_LEFT - 8}" y="{y}" text-anchor="end" dominant-baseline="middle" fill="#0b0c0c">'
            f"{escape(show(Decimal(str(round(tick, 6)))))}</text>"
        )
    parts.append(
        f'<line x1="{PLOT_LEFT}" y1="{bottom}" x2="{PLOT_RIGHT}" y2="{bottom}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    shown = sorted(labels)
    step = max(1, ceil(len(shown) / 8))
    for index, day in enumerate(shown):
        x = _number(xs[day])
        parts.append(
            f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 5}" stroke="#0b0c0c" stroke-width="1"/>'
        )
        if index % step == 0 or index == len(shown) - 1:
            parts.append(
                f'<text x="{x}" y="{bottom + 20}" text-anchor="middle" fill="{INK}" '
                f"data-period={_attr(labels[day])}>"
                f"{escape(labels[day])}</text>"
            )
    parts.append(
        f'<text x="{(PLOT_LEFT + PLOT_RIGHT) // 2}" y="{bottom + 40}" text-anchor="middle" fill="#0b0c0c">'
        "Period</text>"
    )
    if unit_label:
        middle = PLOT_TOP + PLOT_HEIGHT // 2
        parts.append(
            f'<text x="16" y="{middle}" text-anchor="middle" fill="{INK}" '
            f'transform="rotate(-90 16 {middle})">'
            f"{escape(unit_label)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _targets_svg(
    targets: Sequence[tuple[date, Decimal]], xs: dict[date, float], scale: _Scale, unit: str
) -> str:
    parts = ['<g data-series="target">']
    coords: list[tuple[float, float]] = []
    for (start, end), (_, value) in zip(_target_steps(targets, xs), targets, strict=True):
        y = scale.y(value)
        coords += [(xs[start], y), (xs[end], y)]
    parts.append(_line(coords, TARGET_STYLE))
    for due, value in targets:
        x, y = xs[due], scale.y(value)
        parts.append(_marker("cross", x, y, TARGET_STYLE.colour, 6))
        label = f"{_figure(value, unit)} by {due:%d/%m/%Y}"
        anchor = "end" if x > (PLOT_LEFT + PLOT_RIGHT) / 2 else "start"
        parts.append(
            f'<text x="{_number(x)}" y="{_number(y - 10)}" text-anchor="{anchor}" fill="{INK}" '
            'font-size="12">'
            f"{escape(label)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _legend(
    area_name: str, others: Sequence[ChartSeries], targets: bool, baseline: bool
) -> list[tuple[str, Style]]:
    entries = [(area_name, AREA_STYLE)]
    entries += [(s.name, SERIES_STYLES.get(s.key, TARGET_STYLE)) for s in others]
    if targets:
        entries.append(("Target", TARGET_STYLE))
    if baseline:
        entries.append(("Baseline", BASELINE_STYLE))
    return entries


def _legend_svg(entries: Sequence[tuple[str, Style]], top: int) -> str:
    parts = ['<g data-part="legend">']
    column = (PLOT_RIGHT - PLOT_LEFT) / 3
    for index, (name, style) in enumerate(entries):
        x = PLOT_LEFT + (index % 3) * column
        y = top + (index // 3) * LEGEND_ROW
        parts.append(_line([(x, y), (x + 36, y)], style))
        if style.marker:
            parts.append(_marker(style.marker, x + 18, y, style.colour))
        parts.append(
            f'<text x="{_number(x + 44)}" y="{y}" dominant-baseline="middle" fill="#0b0c0c" data-legend="">'
            f"{escape(name)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


# Words


def _value_words(point: Point, unit: str) -> str:
    if point.value is None:
        return f"not available{f' ({point.missing_reason})' if point.missing_reason else ''}"
    return _figure(point.value, unit)


def chart_description(
    *,
    area_name: str,
    points: Sequence[Point],
    others: Sequence[ChartSeries],
    targets: Sequence[tuple[date, Decimal]],
    baseline: Decimal | None,
    baseline_period: str,
    unit: str,
    polarity: Polarity | str,
) -> str:
    """The chart in words: "Stockport 7.8% in 2024; England 46.4%, North West 50.1% in 2024. ..." """
    known = sorted((p for p in points if p.value is not None), key=lambda p: p.ends_on)
    sentences = []
    if known:
        latest = known[-1]
        sentence = f"{area_name} {_figure(latest.value, unit)} in {latest.period}"
        same = [
            f"{s.name} {_value_words(match, unit)}"
            for s in others
            if (match := next((p for p in s.points if p.period == latest.period), None)) is not None
        ]
        if same:
            sentence += "; " + ", ".join(same)
        sentences.append(sentence)
        if len(known) > 1:
            first = known[0]
            sentences.append(f"{area_name} was {_figure(first.value, unit)} in {first.period}")
    else:
        sentences.append(f"{area_name}: no figures yet")
    missing = [p for p in sorted(points, key=lambda p: p.ends_on) if p.value is None]
    if missing:
        sentences.append(
            "Not available: "
            + ", ".join(f"{p.period}{f' ({p.missing_reason})' if p.missing_reason else ''}" for p in missing)
        )
    if targets:
        sentences.append(
            ("Targets: " if len(targets) > 1 else "Target: ")
            + ", ".join(f"{_figure(v, unit)} by {d:%d/%m/%Y}" for d, v in targets)
        )
    if baseline is not None:
        sentences.append(
            f"Baseline {_figure(baseline, unit)}{f' ({baseline_period})' if baseline_period else ''}"
        )
    sentences.append("Lower is better" if Polarity(polarity) is Polarity.LOWER else "Higher is better")
    return ". ".join(sentences) + "."


# The scorecard's small trend line

SPARK_WIDTH = 100
SPARK_HEIGHT = 28


SPARK_LISTED = 6  # up to this many figures are read out one by one; more are summarised


def _trend_words(ordered: Sequence[Point], unit: str) -> str:
    """Each figure when there are a few; with more, the span, first and last, lowest and highest
    (the measure's page has them all in its table)."""
    if not ordered:
        return "no figures yet"
    if len(ordered) <= SPARK_LISTED:
        return ", ".join(f"{p.period} {_value_words(p, unit)}" for p in ordered)
    known = [p for p in ordered if p.value is not None]
    words = f"{len(ordered)} periods, {ordered[0].period} to {ordered[-1].period}"
    if not known:
        return f"{words}, none with a figure"
    low = min(known, key=lambda p: p.value)
    high = max(known, key=lambda p: p.value)
    first, last = known[0], known[-1]
    words += (
        f": {first.period} {_value_words(first, unit)}, {last.period} {_value_words(last, unit)}; "
        f"lowest {_value_words(low, unit)} ({low.period}), highest {_value_words(high, unit)} ({high.period})"
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
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby={_attr(title_id)} '
        f'width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" '
        'focusable="false">',
        f"<title id={_attr(title_id)}>{escape(label)}</title>",
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
            coords = [xy(index_of[id(p)], p.value) for p in run]
            parts.append(_line(coords, Style(AREA_STYLE.colour, "", "", 2)))
            if len(coords) == 1 and run[0] is not ordered[-1]:
                parts.append(_marker("circle", *coords[0], AREA_STYLE.colour, 2))
        last = ordered[-1]
        if last.value is not None:
            parts.append(_marker("circle", *xy(count - 1, last.value), AREA_STYLE.colour, 3))
    parts.append("</svg>")
    return "".join(parts)
