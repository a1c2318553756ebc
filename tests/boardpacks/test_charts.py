"""The pack's charts, drawn from its content alone: named in the order they appear, each captioned, its
SVG an image with a title and a description in words, every status named in the legend, its data as a
table that matches the content, and the content's text escaped."""

import copy
import itertools
import re

import pytest
from defusedxml import ElementTree

from boardpacks.charts import (
    CHART_ROWS,
    chart_caption,
    chart_names,
    chart_svg,
    chart_table,
    overview_parts,
)
from tests.boardpacks.samples import sample_content

SVG = "{http://www.w3.org/2000/svg}"


def _svg(content, name):
    svg = chart_svg(content, name)
    assert svg is not None
    return ElementTree.fromstring(svg)


def _texts(root) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_a_pack_has_the_overview_chart_then_one_per_red_or_worsening_measure_with_figures():
    content = sample_content()
    assert chart_names(content) == ["rag-overview", "measure-s1"]


def test_a_measure_without_figures_has_no_chart_and_a_pack_without_those_sections_has_none():
    content = sample_content()
    content["sections"]["scorecard"]["measures"][0]["points"] = []
    assert chart_names(content) == ["rag-overview"]
    assert chart_names(sample_content(sections=["cover", "risks"])) == []


def test_an_unknown_chart_is_none():
    assert chart_svg(sample_content(), "measure-nope") is None
    assert chart_svg(sample_content(), "rag-overview-2") is None
    assert overview_parts(sample_content()) == ["rag-overview"]


def test_the_page_and_pdf_show_a_plan_with_many_top_level_items_in_one_overview_chart_per_dozen():
    content = sample_content(rows=120)  # 30 top-level items
    rows = content["sections"]["rag_overview"]["rows"]
    assert len(rows) == 30 and CHART_ROWS == 12
    assert overview_parts(content) == ["rag-overview-1", "rag-overview-2", "rag-overview-3"]
    assert "rag-overview" in chart_names(content), "the whole overview, drawn in one chart"
    _, whole = chart_table(content, "rag-overview")
    assert len(whole) == 60
    assert chart_caption(content, "rag-overview-3").endswith("(25 to 30 of 30)")
    _, table = chart_table(content, "rag-overview-3")
    assert [row[0] for row in table[::2]] == [row["number"] for row in rows[24:]]
    bars = _texts(_svg(content, "rag-overview-2"))
    assert any(text.startswith("13 Area of weakness 13") for text in bars)
    assert not any(text.startswith("12 Area of weakness") for text in bars)


def test_the_captions_say_what_each_chart_shows():
    content = sample_content()
    assert chart_caption(content, "rag-overview") == (
        "Items by status in each of the areas of weakness, March 2021 against February 2021"
    )
    assert chart_caption(content, "measure-s1") == "S1: EHC plans issued within 20 weeks, as reported"
    content["previous"] = None
    assert (
        chart_caption(content, "rag-overview")
        == "Items by status in each of the areas of weakness, March 2021"
    )


def test_the_overview_data_table_matches_the_content_now_and_before():
    content = sample_content()
    headings, rows = chart_table(content, "rag-overview")
    assert headings == ["Item", "Period", "Complete", "Green", "Amber", "Red", "Total"]
    first = content["sections"]["rag_overview"]["rows"][0]
    assert rows[0] == [
        "1",
        "March 2021",
        *(str(count["now"]) for count in first["counts"]),
        str(first["total"]),
    ]
    before = [count["before"] for count in first["counts"]]
    assert rows[1] == ["1", "February 2021", *(str(n) for n in before), str(sum(before))]
    assert len(rows) == 2 * len(content["sections"]["rag_overview"]["rows"])


def test_without_a_last_period_the_overview_table_has_one_row_per_item():
    content = sample_content()
    content["previous"] = None
    _, rows = chart_table(content, "rag-overview")
    assert [row[1] for row in rows] == ["March 2021"] * 3


def test_a_measures_data_table_lists_each_figure_and_says_when_one_is_missing():
    headings, rows = chart_table(sample_content(), "measure-s1")
    assert headings == ["Period", "Figure"]
    assert rows == [["2018", "40.5%"], ["2019", "44%"], ["2020", "Not available"], ["March 2021", "48.2%"]]


@pytest.mark.parametrize("name", ["rag-overview", "measure-s1"])
def test_each_chart_is_an_image_with_a_title_and_a_description_in_words(name):
    root = _svg(sample_content(), name)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and len(desc.text.split()) > 5
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_the_overview_description_gives_each_items_counts_in_words():
    desc = _svg(sample_content(), "rag-overview").find(f"{SVG}desc").text
    assert desc.startswith(
        "1: 1 complete, 2 green, 1 amber in March 2021; 1 complete, 1 green, 2 amber, 1 red in"
    )


def test_the_legend_names_every_status_so_colour_is_never_alone():
    content = sample_content()
    legend = _svg(content, "rag-overview").find(f".//{SVG}g[@class='legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == ["Complete", "Green", "Amber", "Red"]


def test_a_status_found_in_the_counts_but_not_the_scheme_is_still_named():
    content = sample_content()
    content["sections"]["rag_overview"]["rows"][0]["counts"].append(
        {"label": "No status", "colour": "#b1b4b6", "now": 2, "before": None}
    )
    legend = _svg(content, "rag-overview").find(f".//{SVG}g[@class='legend']")
    assert "No status" in [text.text for text in legend.iter(f"{SVG}text")]


def test_every_segment_has_its_count_written_or_in_its_tooltip():
    root = _svg(sample_content(), "rag-overview")
    tooltips = [
        rect.find(f"{SVG}title").text
        for rect in root.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]
    assert "Green: 2 (March 2021)" in tooltips
    assert "Red: 1 (February 2021)" in tooltips


def test_hostile_text_in_the_content_is_escaped_in_the_svg():
    hostile = '</text><script>alert(1)</script><a href="http://example.com">x</a> & "quotes"'
    content = copy.deepcopy(sample_content())  # the sample's statuses are shared by every test
    content["sections"]["rag_overview"]["rows"][0]["text"] = hostile
    content["statuses"][0]["label"] = hostile
    content["statuses"][0]["colour"] = '"/><script>alert(2)</script>'
    content["plan"]["top_level_plural"] = hostile
    measure = content["sections"]["scorecard"]["measures"][0]
    measure["name"] = hostile
    for name in chart_names(content):
        svg = chart_svg(content, name)
        root = ElementTree.fromstring(svg)
        assert root.find(f".//{SVG}script") is None
        assert root.find(f".//{SVG}a") is None
        assert "<script>" not in svg
    title = _svg(content, "rag-overview").find(f"{SVG}title").text
    assert "<script>alert(1)</script>" in title


def test_long_status_names_in_the_legend_never_run_into_each_other():
    content = sample_content()
    names = ["Completed and embedded", "Completed", "Progressing well", "Not started yet", "Blocked"]
    content["statuses"] = [{"label": name, "colour": "#1d70b8"} for name in names]
    for row in content["sections"]["rag_overview"]["rows"]:
        row["counts"] = [{"label": name, "colour": "#1d70b8", "now": 1, "before": 1} for name in names]
    svg = chart_svg(content, "rag-overview")
    legend = svg[svg.index('<g class="legend">') :]
    entries = re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</text>', legend)
    assert [words for _, _, words in entries] == names
    by_row: dict[str, list[tuple[float, str]]] = {}
    for x, y, words in entries:
        by_row.setdefault(y, []).append((float(x), words))
    for placed in by_row.values():
        for (x, words), (next_x, _) in itertools.pairwise(placed):
            assert x + 7 * len(words) < next_x, f"{words!r} runs into the next entry"
        assert placed[-1][0] + 7 * len(placed[-1][1]) < 720
