"""A published measure's chart, drawn from the publication's stored data points (never live figures)."""

from datetime import date
from decimal import Decimal
from typing import Any

from scorecard.assess import Point
from scorecard.charts.measure import measure_chart
from scorecard.rules import show


def _points(rows: list[list[Any]]) -> list[Point]:
    return [
        Point(date.fromisoformat(ends_on), period, None if value is None else Decimal(value))
        for ends_on, period, value in rows
    ]


def published_chart(*, measure: dict[str, Any], area_name: str) -> str:
    """The SVG of one measure of a publication's content (publishing.selectors.public_content)."""
    series = measure.get("series", {})
    names = measure.get("series_names", {})
    return measure_chart(
        title=f"{measure['code']}: {measure['name']}",
        area_name=area_name,
        points=_points(series.get("area", [])),
        comparators={name: _points(rows) for name, rows in series.items() if name != "area"},
        comparator_names={name: label for name, label in names.items() if name != "area"},
        targets=[(date.fromisoformat(due), Decimal(value)) for due, value in measure.get("targets", [])],
        unit=measure.get("unit", ""),
        polarity=measure.get("polarity", "higher"),
    )


def data_table(*, measure: dict[str, Any]) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """The chart's data as a table: a column per series, a row per period, "No data" where missing.
    Each cell is (its column's heading, its value), for the label a narrow screen shows."""
    series = measure.get("series", {})
    names = measure.get("series_names", {})
    order = ["area", *sorted(name for name in series if name != "area")]
    shown = [name for name in order if name in series]
    periods: dict[str, str] = {}
    values: dict[tuple[str, str], str] = {}
    for name in shown:
        for ends_on, period, value in series[name]:
            periods.setdefault(ends_on, period)
            values[(name, ends_on)] = "No data" if value is None else _show(value, measure.get("unit", ""))
    header = ["Period", *(names.get(name, name) for name in shown)]
    rows = [
        list(zip(header, [periods[key], *(values.get((name, key), "") for name in shown)], strict=True))
        for key in sorted(periods)
    ]
    return header, rows


def _show(value: str, unit: str) -> str:
    return show(Decimal(value), unit)
