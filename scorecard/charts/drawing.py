"""What every chart is drawn with: sizes, colours, line patterns and marker shapes, the value
scale, positions by date, and escaping. Plain Python: no Django import."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import ceil, floor, log10
from xml.sax.saxutils import quoteattr  # escaping the text we write, not parsing XML  # nosec B406

from ..assess import Point
from ..rules import show

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


def attr(value: object) -> str:
    return quoteattr(str(value))


def number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def figure(value: Decimal, unit: str) -> str:
    return show(Decimal(value), unit)


# Scales


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    ticks: list[float]

    def y(self, value: Decimal | float) -> float:
        span = (self.high - self.low) or 1.0
        return PLOT_TOP + PLOT_HEIGHT - (float(value) - self.low) / span * PLOT_HEIGHT


def nice_step(span: float, count: int = 5) -> float:
    raw = span / count if span > 0 else 1.0
    magnitude = 10 ** floor(log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def value_scale(values: Iterable[Decimal]) -> Scale:
    """A y axis from zero (or the lowest figure, if below zero) to a round number above the highest."""
    numbers = [float(v) for v in values]
    if not numbers:
        return Scale(0.0, 1.0, [0.0, 1.0])
    low, high = min(0.0, min(numbers)), max(numbers)
    if high == low:
        high = low + (abs(low) or 1.0)
    step = nice_step(high - low)
    low, high = floor(low / step) * step, ceil(high / step) * step
    count = round((high - low) / step)
    return Scale(low, high, [low + i * step for i in range(count + 1)])


def x_positions(days: Sequence[date]) -> dict[date, float]:
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


def marker(shape: str, x: float, y: float, colour: str, size: float = 5) -> str:
    x_, y_ = number(x), number(y)
    if shape == "circle":
        return f'<circle cx="{x_}" cy="{y_}" r="{number(size)}" fill="{colour}"/>'
    if shape == "square":
        s = number(size * 2 * 0.85)
        return (
            f'<rect x="{number(x - size * 0.85)}" y="{number(y - size * 0.85)}" width="{s}" height="{s}" '
            f'fill="{colour}"/>'
        )
    if shape == "triangle":
        pts = f"{x_},{number(y - size * 1.2)} {number(x + size)},{number(y + size * 0.8)} "
        pts += f"{number(x - size)},{number(y + size * 0.8)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "diamond":
        d = size * 1.2
        pts = f"{x_},{number(y - d)} {number(x + d)},{y_} {x_},{number(y + d)} {number(x - d)},{y_}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "cross":
        d = size
        path = (
            f"M{number(x - d)},{number(y - d)} L{number(x + d)},{number(y + d)} "
            f"M{number(x - d)},{number(y + d)} L{number(x + d)},{number(y - d)}"
        )
        return f'<path d="{path}" stroke="{colour}" stroke-width="2.5" fill="none"/>'
    return ""


def line(coords: Sequence[tuple[float, float]], style: Style) -> str:
    if len(coords) < 2:
        return ""
    points = " ".join(f"{number(x)},{number(y)}" for x, y in coords)
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


@dataclass(frozen=True)
class ChartSeries:
    """One comparator series with the name it is shown by (the region's own name, say)."""

    key: str
    name: str
    points: Sequence[Point]
