"""Charts in words: the text alternative a screen reader hears and the board paper prints beside
the chart. Plain Python: no Django import."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..assess import Point, known_value
from ..rules import Polarity
from .drawing import ChartSeries, figure


def value_words(point: Point, unit: str) -> str:
    if point.value is None:
        return f"not available{f' ({point.missing_reason})' if point.missing_reason else ''}"
    return figure(point.value, unit)


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
        sentence = f"{area_name} {figure(known_value(latest), unit)} in {latest.period}"
        same = [
            f"{s.name} {value_words(match, unit)}"
            for s in others
            if (match := next((p for p in s.points if p.period == latest.period), None)) is not None
        ]
        if same:
            sentence += "; " + ", ".join(same)
        sentences.append(sentence)
        if len(known) > 1:
            first = known[0]
            sentences.append(f"{area_name} was {figure(known_value(first), unit)} in {first.period}")
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
            + ", ".join(f"{figure(v, unit)} by {d:%d/%m/%Y}" for d, v in targets)
        )
    if baseline is not None:
        sentences.append(
            f"Baseline {figure(baseline, unit)}{f' ({baseline_period})' if baseline_period else ''}"
        )
    sentences.append("Lower is better" if Polarity(polarity) is Polarity.LOWER else "Higher is better")
    return ". ".join(sentences) + "."
