"""The charts drawn on the server: what a reader sees, and what a screen reader is told."""

import datetime
from decimal import Decimal
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as ET

from scorecard.assess import Point
from scorecard.charts import measure_chart, segments, sparkline

SVG = "{http://www.w3.org/2000/svg}"


def year(y: int, value: str | None, reason: str = "x: suppressed") -> Point:
    return Point(
        datetime.date(y, 12, 31), str(y), None if value is None else Decimal(value), "" if value else reason
    )


def chart(**overrides) -> Element:
    options = {
        "title": "E7 EHC plans issued within 20 weeks: All",
        "area_name": "Stockport",
        "points": [year(2022, "5"), year(2023, None), year(2024, "7.8")],
        "comparators": {
            "england": [year(2022, "60"), year(2024, "46.4")],
            "region": [year(2024, "50.1")],
            "neighbours": [year(2024, "45")],
        },
        "comparator_names": {"region": "North West"},
        "targets": [(datetime.date(2025, 12, 31), Decimal("60"))],
        "baseline": Decimal("10"),
        "baseline_period": "2017/18",
        "unit": "%",
        "unit_label": "Percentage",
    }
    options.update(overrides)
    return ET.fromstring(measure_chart(**options))


def markers(series: Element) -> list[Element]:
    return [e for e in series if e.tag != f"{SVG}polyline"]


def group(svg: Element, name: str) -> Element:
    return svg.find(f".//{SVG}g[@data-series='{name}']")


def test_the_chart_is_an_image_named_by_its_title_and_described_in_words():
    svg = chart()

    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert svg.find(f"{SVG}title").get("id") == "chart-title"
    assert svg.find(f"{SVG}title").text == "E7 EHC plans issued within 20 weeks: All"
    desc = svg.find(f"{SVG}desc").text
    assert desc.startswith(
        "Stockport 7.8% in 2024; England 46.4%, North West 50.1%, Statistical neighbours 45%."
    )
    assert "Not available: 2023 (x: suppressed)" in desc
    assert "Target: 60% by 31/12/2025" in desc
    assert "Baseline 10% (2017/18)" in desc


def test_a_missing_figure_is_a_gap_in_the_line_never_a_zero():
    svg = chart()
    area = group(svg, "area")

    assert area.findall(f"{SVG}polyline") == []  # 2022 and 2024 are not joined across the gap
    assert len(markers(area)) == 2  # one marker each for 2022 and 2024; none for 2023
    zero_y = svg.find(f".//{SVG}g[@data-part='axes']/{SVG}text").get("y")  # the first tick is 0
    assert all(m.get("cy") != zero_y for m in area.findall(f"{SVG}circle"))


def test_a_run_of_figures_is_joined_and_a_gap_splits_it():
    points = [year(2020, "1"), year(2021, "2"), year(2022, None), year(2023, "4"), year(2024, "5")]

    runs = segments(points)

    assert [[p.period for p in run] for run in runs] == [["2020", "2021"], ["2023", "2024"]]
    area = group(chart(points=points), "area")
    assert len(area.findall(f"{SVG}polyline")) == 2


def test_periods_run_left_to_right_by_the_day_they_end_whatever_order_they_come_in():
    points = [year(2024, "3"), year(2022, "1"), year(2023, "2")]
    svg = chart(points=points, comparators={})

    labels = svg.findall(f".//{SVG}text[@data-period]")
    assert [t.text for t in labels] == ["2022", "2023", "2024"]
    xs = [float(t.get("x")) for t in labels]
    assert xs == sorted(xs)


def test_each_series_has_its_own_marker_shape_and_line_pattern_and_a_legend_entry():
    svg = chart()

    shapes = {
        name: {e.tag.removeprefix(SVG) for e in markers(group(svg, name))}
        for name in ("area", "england", "region", "neighbours")
    }
    assert shapes == {
        "area": {"circle"},
        "england": {"rect"},
        "region": {"polygon"},
        "neighbours": {"polygon"},
    }
    england_line = group(svg, "england").find(f"{SVG}polyline")
    assert england_line.get("stroke-dasharray")
    legend = [t.text for t in svg.findall(f".//{SVG}g[@data-part='legend']/{SVG}text")]
    assert legend == ["Stockport", "England", "North West", "Statistical neighbours", "Target", "Baseline"]


def test_targets_are_marked_with_their_value_and_date():
    svg = chart(
        targets=[(datetime.date(2023, 7, 31), Decimal("20")), (datetime.date(2025, 12, 31), Decimal("60"))]
    )

    target = group(svg, "target")
    texts = [t.text for t in target.findall(f"{SVG}text")]
    assert texts == ["20% by 31/07/2023", "60% by 31/12/2025"]
    assert len(target.findall(f"{SVG}path")) == 2  # a cross on each target's date
    assert "Targets: 20% by 31/07/2023, 60% by 31/12/2025" in svg.find(f"{SVG}desc").text


def test_every_text_is_escaped_so_the_file_stays_well_formed():
    raw = measure_chart(
        title='E7 <script>alert("x")</script> & more',
        area_name="Bath & <North> East",
        points=[year(2024, None, reason='x: "suppressed" <5 & >0')],
    )

    svg = ET.fromstring(raw)  # parses: nothing broke the markup
    assert "<script>" not in raw
    assert svg.find(f"{SVG}title").text == 'E7 <script>alert("x")</script> & more'
    assert 'x: "suppressed" <5 & >0' in svg.find(f"{SVG}desc").text
    assert svg.find(f".//{SVG}script") is None


def test_the_chart_uses_no_inline_style_and_no_script():
    raw = measure_chart(title="E7", area_name="Stockport", points=[year(2024, "5")])

    assert "style=" not in raw
    assert "<script" not in raw
    assert all("style" not in e.attrib for e in ET.fromstring(raw).iter())


def test_lower_is_better_keeps_the_axis_upright_and_says_so():
    points = [year(2023, "30"), year(2024, "20")]
    higher = chart(points=points, comparators={}, targets=[], baseline=None, polarity="higher")
    lower = chart(points=points, comparators={}, targets=[], baseline=None, polarity="lower")

    def ys(svg):
        return [float(c.get("cy")) for c in group(svg, "area").findall(f"{SVG}circle")]

    assert ys(lower) == ys(higher)
    assert ys(lower)[0] < ys(lower)[1]  # 30 is drawn above 20: up is always more
    assert lower.find(f"{SVG}desc").text.endswith("Lower is better.")
    assert higher.find(f"{SVG}desc").text.endswith("Higher is better.")


def test_a_chart_with_no_figures_says_so():
    svg = chart(points=[], comparators={}, targets=[], baseline=None)

    assert svg.find(f"{SVG}desc").text.startswith("Stockport: no figures yet.")


def test_the_sparkline_has_a_text_alternative_and_a_gap_for_a_missing_figure():
    raw = sparkline([year(2022, "40"), year(2023, None), year(2024, "50")], ident="3-7", unit="%", name="E7")

    svg = ET.fromstring(raw)
    title = svg.find(f"{SVG}title")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == title.get("id") == "spark-3-7"
    assert title.text == "Trend for E7: 2022 40%, 2023 not available (x: suppressed), 2024 50%"
    assert svg.findall(f"{SVG}polyline") == []  # two single figures, not joined
    assert len(svg.findall(f"{SVG}circle")) == 2  # a dot for each figure, none for 2023


def test_a_sparkline_with_no_figures_is_still_named():
    svg = ET.fromstring(sparkline([], ident="1"))

    assert svg.find(f"{SVG}title").text == "Trend: no figures yet"


def test_a_long_sparkline_is_summarised_not_read_out_figure_by_figure():
    points = [year(2000 + n, str(40 + n)) for n in range(20)] + [year(2020, None)]
    title = ET.fromstring(sparkline(points, ident="9", unit="%", name="E7")).find(f"{SVG}title").text
    assert title == (
        "Trend for E7: 21 periods, 2000 to 2020: 2000 40%, 2019 59%; lowest 40% (2000), highest 59% (2019); "
        "1 not available"
    )
