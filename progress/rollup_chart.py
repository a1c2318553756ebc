"""A small chart of an item's roll-up in each reported period: a bar per period, stacked by status in the
scheme's order, drawn on the server as SVG. Plain Python: no Django import. The page shows the same
figures in a table beside it, and the chart's title says them in words, so colour is never the only
signal."""

from collections.abc import Sequence
from html import escape

WIDTH = 360
HEIGHT = 180
TOP = 10
BOTTOM = 30  # room for the period names
LEFT = 30
BAR_GAP = 8
NO_STATUS_COLOUR = "#b1b4b6"
INK = "#0b0c0c"
FONT = "Arial, Helvetica, sans-serif"

Counts = Sequence[tuple[str, str, int]]  # (status label, colour, count); label "" for no status


def describe(name: str, counts: Counts, rating: str) -> str:
    """One period in words: "March 2021: Not started 2, Progressing 3, No status 1; overall Not started"."""
    parts = ", ".join(f"{label or 'No status'} {count}" for label, _, count in counts if count)
    return f"{name}: {parts or 'no items'}; overall {rating or 'no rating'}"


def _short(text: str, room: int) -> str:
    """`text` cut to `room` characters (at least 3), with an ellipsis when cut."""
    room = max(room, 3)
    return text if len(text) <= room else text[: room - 1] + "…"


def rollup_chart(periods: Sequence[tuple[str, Counts, str]], *, ident: str, name: str) -> str:
    """The SVG for `periods` (name, counts, overall rating), oldest first; `ident` makes its ids unique."""
    title_id = f"rollup-chart-{escape(ident)}"
    words = "; ".join(describe(*period) for period in periods)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id}" '
        f'width="100%" viewBox="0 0 {WIDTH} {HEIGHT}" focusable="false" font-family="{FONT}" '
        'class="app-rollup-chart">',
        f'<title id="{title_id}">{escape(f"Roll-up of {name} in each reported period. {words}")}</title>',
    ]
    if periods:
        highest = max(sum(count for _, _, count in counts) for _, counts, _ in periods) or 1
        plot = HEIGHT - TOP - BOTTOM
        step = (WIDTH - LEFT) / len(periods)
        bar = max(step - BAR_GAP, 4)
        parts.append(f'<line x1="{LEFT}" y1="{TOP + plot}" x2="{WIDTH}" y2="{TOP + plot}" stroke="{INK}"/>')
        parts.append(
            f'<text x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end" font-size="11" fill="{INK}">'
            f"{highest}</text>"
        )
        for index, (period, counts, _) in enumerate(periods):
            x = LEFT + index * step + BAR_GAP / 2
            y = float(TOP + plot)
            for _, colour, count in counts:
                if not count:
                    continue
                height = count / highest * plot
                y -= height
                fill = escape(colour or NO_STATUS_COLOUR)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                    f'fill="{fill}" stroke="#ffffff" stroke-width="1"/>'
                )
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle" '
                f'font-size="11" fill="{INK}">{escape(_short(period, int(step / 6.5)))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
