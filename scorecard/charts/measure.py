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
from datetime import date
from decimal import Decimal
from math import ceil
from xml.sax.saxutils import escape  # escaping the text we write, not parsing XML  # nosec B406

from ..assess import Point, known_value
from ..rules import Polarity, show
from .drawing import (
    AREA_STYLE,
    BASELINE_STYLE,
    DEFAULT_NAMES,
    FONT,
    INK,
    LEGEND_ROW,
    PLOT_HEIGHT,
    PLOT_LEFT,
    PLOT_RIGHT,
    PLOT_TOP,
    SERIES_ORDER,
    SERIES_STYLES,
    TARGET_STYLE,
    WIDTH,
    ChartSeries,
    Scale,
    Style,
    attr,
    figure,
    line,
    marker,
    number,
    segments,
    value_scale,
    x_positions,
)
from .words import chart_description


def _series_svg(name: str, points: Sequence[Point], style: Style, xs: dict[date, float], scale: Scale) -> str:
    parts = [f"<g data-series={attr(name)}>"]
    for run in segments(points):
        parts.append(line([(xs[p.ends_on], scale.y(known_value(p))) for p in run], style))
        parts.extend(marker(style.marker, xs[p.ends_on], scale.y(known_value(p)), style.colour) for p in run)
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
    xs = x_positions([*period_labels, *(due for due, _ in targets)])
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
        y = number(scale.y(baseline))
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


def _axes(scale: Scale, xs: dict[date, float], labels: dict[date, str], unit_label: str) -> str:
    bottom = PLOT_TOP + PLOT_HEIGHT
    parts = ['<g data-part="axes">']
    for tick in scale.ticks:
        y = number(scale.y(tick))
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
        x = number(xs[day])
        parts.append(
            f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 5}" stroke="#0b0c0c" stroke-width="1"/>'
        )
        if index % step == 0 or index == len(shown) - 1:
            parts.append(
                f'<text x="{x}" y="{bottom + 20}" text-anchor="middle" fill="{INK}" '
                f"data-period={attr(labels[day])}>"
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
    targets: Sequence[tuple[date, Decimal]], xs: dict[date, float], scale: Scale, unit: str
) -> str:
    parts = ['<g data-series="target">']
    coords: list[tuple[float, float]] = []
    for (start, end), (_, value) in zip(_target_steps(targets, xs), targets, strict=True):
        y = scale.y(value)
        coords += [(xs[start], y), (xs[end], y)]
    parts.append(line(coords, TARGET_STYLE))
    for due, value in targets:
        x, y = xs[due], scale.y(value)
        parts.append(marker("cross", x, y, TARGET_STYLE.colour, 6))
        label = f"{figure(value, unit)} by {due:%d/%m/%Y}"
        anchor = "end" if x > (PLOT_LEFT + PLOT_RIGHT) / 2 else "start"
        parts.append(
            f'<text x="{number(x)}" y="{number(y - 10)}" text-anchor="{anchor}" fill="{INK}" '
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
        parts.append(line([(x, y), (x + 36, y)], style))
        if style.marker:
            parts.append(marker(style.marker, x + 18, y, style.colour))
        parts.append(
            f'<text x="{number(x + 44)}" y="{y}" dominant-baseline="middle" fill="#0b0c0c" data-legend="">'
            f"{escape(name)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)
