"""The pack as an accessible web page: drawn from the stored content alone, every section under its own
heading in the template's order, statuses always in words, tables with captions and headings, charts as
numbered figures with their data, and the content's text escaped, never trusted."""

import copy

import lxml.html
import pytest
from django.urls import reverse

from boardpacks import rules
from boardpacks.formats.html import change_words, pack_html
from boardpacks.templatetags.pack_tags import colour, date_words, paragraphs
from tests.boardpacks.factories import PackFactory, PackTemplateFactory
from tests.boardpacks.samples import sample_content

_CLASS = ".//*[contains(concat(' ', @class, ' '), ' %s ')]"
HOSTILE = '<img src=http://example.com/x onerror="alert(1)"> & <script>alert(2)</script>'


def _page(content, **kwargs):
    html = pack_html(content, for_print=False, chart_src=lambda name: f"/charts/{name}.svg", **kwargs)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_pack_has_one_h1_its_title_and_an_h2_per_section_in_the_templates_order():
    content = sample_content()
    page = _page(content)
    assert [_text(h1) for h1 in page.iter("h1")] == [content["pack"]["title"]]
    titles = [rules.BY_KEY[key].title for key in content["pack"]["sections"] if key != "cover"]
    assert [_text(h2) for h2 in page.iter("h2")] == ["Contents", *titles]


def test_a_template_with_sections_in_another_order_shows_them_in_that_order():
    content = sample_content(sections=["matters", "risks", "summary"])
    page = _page(content)
    assert [_text(h2) for h2 in page.iter("h2")] == ["Matters for decision", "Risks", "Summary"]
    assert [_text(h1) for h1 in page.iter("h1")] == [content["pack"]["title"]], "the title without a cover"


def test_the_contents_link_to_each_sections_heading():
    page = _page(sample_content())
    links = page.xpath(f"{_CLASS % 'app-pack-contents'}//a")
    assert [_text(link) for link in links] == [
        rules.BY_KEY[key].title for key in rules.DEFAULT_SECTIONS if key != "cover"
    ]
    for link in links:
        target = page.get_element_by_id(link.get("href").removeprefix("#"))
        assert target.tag == "h2" and _text(target) == _text(link)


def test_the_cover_gives_the_meeting_and_its_date_in_words_and_the_period():
    cover = _text(_page(sample_content()).xpath(_CLASS % "app-pack-cover")[0])
    assert "SEND Improvement Board, 20 April 2021" in cover
    assert "March 2021 (1 to 31 March 2021), compared with February 2021" in cover


def test_every_status_shows_its_word_beside_its_colour():
    page = _page(sample_content())
    statuses = page.xpath(_CLASS % "app-status")
    assert statuses
    for status in statuses:
        assert _text(status), lxml.html.tostring(status)
    red_rows = page.get_element_by_id("exceptions-red-table").xpath(".//tbody/tr")
    assert all("Red" in _text(row.xpath("./td")[1]) for row in red_rows)


def test_the_exceptions_list_red_overdue_and_slipped_items_with_original_dates_and_slip_counts():
    content = sample_content(rows=4)
    page = _page(content)
    red = page.get_element_by_id("exceptions-red-table")
    assert len(red.xpath(".//tbody/tr")) == 4
    first = content["sections"]["exceptions"]["red"][0]
    assert first["text"] in _text(red)
    assert first["mitigation"] in _text(red)
    slipped = page.get_element_by_id("exceptions-slipped-table")
    headings = [_text(th) for th in slipped.xpath(".//thead//th")]
    assert "First due" in headings and "Times moved" in headings
    row = [_text(cell) for cell in slipped.xpath(".//tbody/tr")[0]]
    assert "31 January 2021" in row and "31 October 2020" in row and "2" in row
    assert _text(page.get_element_by_id("exceptions-overdue")) == "Overdue items (2)"


def test_an_empty_exception_list_says_so():
    content = sample_content()
    content["sections"]["exceptions"]["overdue"] = []
    page = _page(content)
    assert "No item was overdue." in _text(page)


def test_tables_have_captions_and_column_headings():
    page = _page(sample_content())
    tables = list(page.iter("table"))
    assert len(tables) >= 8
    for table in tables:
        assert _text(table.find("caption")), lxml.html.tostring(table)[:200]
        assert all(th.get("scope") == "col" for th in table.xpath(".//thead//th"))


def test_the_rag_overview_chart_is_figure_1_with_alt_text_and_its_data_as_a_table():
    content = sample_content()
    page = _page(content)
    figure = page.get_element_by_id("figure-1")
    image = figure.find("img")
    assert image.get("src") == "/charts/rag-overview.svg"
    assert "Items by status" in image.get("alt")
    assert _text(figure.find("figcaption")).startswith(
        "Figure 1: Items by status in each of the areas of weakness"
    )
    data = figure.getnext().find("table")
    assert _text(data.find("caption")).startswith("Figure 1 data:")
    first_row = [_text(cell) for cell in data.xpath(".//tbody/tr")[0]]
    assert first_row[:2] == ["1", "March 2021"]


def test_the_scorecard_lists_every_measure_with_its_rating_word_and_each_exception_with_its_chart():
    content = sample_content()
    page = _page(content)
    table = page.get_element_by_id("scorecard-table")
    rows = table.xpath(".//tbody/tr")
    assert len(rows) == len(content["sections"]["scorecard"]["measures"])
    assert [_text(cell) for cell in rows[0]][:5] == [
        "S1",
        "EHC plans issued within 20 weeks",
        "48.2% (March 2021)",
        "60%",
        "Red",
    ]
    section = _text(page.get_element_by_id("section-scorecard").getparent())
    assert "Caseworker vacancies filled in February" in section
    assert "Figure 2: S1: EHC plans issued within 20 weeks, as reported" in section
    assert page.get_element_by_id("figure-2").find("img").get("src") == "/charts/measure-s1.svg"


def test_the_heat_map_is_a_five_by_five_table_with_words_on_both_axes_and_band_count_references():
    page = _page(sample_content())
    heat_map = page.get_element_by_id("heat-map")
    assert [_text(th) for th in heat_map.xpath(".//thead//th")][1:] == [
        "Impact 1 Negligible",
        "Impact 2 Minor",
        "Impact 3 Moderate",
        "Impact 4 Major",
        "Impact 5 Severe",
    ]
    rows = heat_map.xpath(".//tbody/tr")
    assert [_text(row[0]) for row in rows] == [
        "Likelihood 5 Almost certain",
        "Likelihood 4 Likely",
        "Likelihood 3 Possible",
        "Likelihood 2 Unlikely",
        "Likelihood 1 Rare",
    ]
    assert all(len(row.xpath("./td")) == 5 for row in rows)
    assert _text(heat_map.xpath('.//td[@data-cell="4-4"]')[0]) == "Red 1 risk R1"
    assert _text(heat_map.xpath('.//td[@data-cell="1-1"]')[0]) == "Green 0 risks"


def test_the_risks_section_lists_red_risks_with_mitigation_and_movement():
    section = _text(_page(sample_content()).get_element_by_id("section-risks").getparent())
    assert "Commission 40 resourced places" in section
    assert "R1 Not enough specialist places for September: Up from amber to red" in section


def test_you_said_we_did_shows_what_was_said_done_and_how_we_know_with_source_date_and_whether_published():
    section = _text(_page(sample_content()).get_element_by_id("section-voice").getparent())
    assert "You said We did not know who to ask about transport." in section
    assert "We did A named transport contact on the Local Offer." in section
    assert "How we know Calls to the helpline fell by a third." in section
    assert "YS1: Parent carer forum, 2 March 2021" in section
    assert "Published to families Published" in section and "Published to families Not published" in section


def test_highlight_reports_show_each_workstreams_rows_and_the_workstreams_without_a_report():
    section = _page(sample_content()).get_element_by_id("section-highlights").getparent()
    assert [_text(h3) for h3 in section.iter("h3")] == ["Workstream 1", "Workstream 2", "No report"]
    assert "Preparing for adulthood" in _text(section)
    assert "Families wait less for a decision." in _text(section)


def test_matters_for_decision_keep_their_paragraphs():
    section = _page(sample_content()).get_element_by_id("section-matters").getparent()
    paragraphs_shown = [_text(p) for p in section.iter("p")]
    assert paragraphs_shown[0] == "The board is asked to:"
    assert paragraphs_shown[1].startswith("1. note progress;")


def test_text_from_the_content_is_shown_as_text_never_as_markup():
    content = copy.deepcopy(sample_content(rows=2))  # the sample's statuses are shared by every test
    content["pack"]["title"] = HOSTILE
    content["sections"]["exceptions"]["red"][0]["commentary"] = HOSTILE
    content["sections"]["matters"]["text"] = HOSTILE
    content["statuses"][0]["colour"] = 'red" onclick="alert(3)'
    html = pack_html(content, for_print=False, chart_src=lambda name: name)
    page = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not page.xpath(".//script")
    assert [image.get("src") for image in page.iter("img")] == ["rag-overview", "measure-s1"]
    assert "onclick" not in html
    assert HOSTILE in _text(page.find(".//h1"))


def test_the_summary_counts_statuses_against_the_last_period():
    content = sample_content(rows=6)
    table = _page(content).get_element_by_id("summary-counts")
    rows = [[_text(cell) for cell in row] for row in table.xpath(".//tbody/tr")]
    assert rows[1] == ["Green", "6", "7", "Down 1"]
    assert rows[0] == ["Complete", "6", "5", "Up 1"]


@pytest.mark.parametrize(
    ("now", "before", "words"), [(3, 1, "Up 2"), (1, 3, "Down 2"), (2, 2, "No change"), (2, None, "")]
)
def test_change_words(now, before, words):
    assert change_words(now, before) == words


def test_date_words():
    assert date_words("2021-04-20") == "20 April 2021"
    assert date_words("2021-04-12T10:30:00+01:00") == "12 April 2021"
    assert date_words(None, "No due date") == "No due date"


def test_colour_lets_only_plain_hex_colours_through():
    assert colour("#d4351c") == "#d4351c"
    assert colour("red; background: url(http://example.com)") == "#b1b4b6"


def test_paragraphs_split_at_blank_lines():
    assert paragraphs("One\nline two\n\n\nThree  \n") == ["One\nline two", "Three"]


# The page, served


@pytest.fixture
def pack(plan):
    template = PackTemplateFactory(plan=plan, area=plan.area)
    return PackFactory(template=template)


def _pack_url(pack, url_name="boardpacks:pack-html", **kwargs):
    return reverse(url_name, kwargs={"area": pack.template.area.slug, "pk": pack.pk, **kwargs})


def test_the_programme_manager_reads_the_pack_as_a_web_page(client, programme_manager, pack):
    client.force_login(programme_manager)
    response = client.get(_pack_url(pack))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert [_text(h1) for h1 in page.iter("h1")] == [pack.content["pack"]["title"]]
    assert "Action 0: review the graduated response" in _text(page)
    chart = _pack_url(pack, "boardpacks:chart", name="rag-overview")
    assert next(image.get("src") for image in page.iter("img")) == chart


def test_the_pages_charts_are_served_as_svg_from_the_packs_stored_content(client, programme_manager, pack):
    client.force_login(programme_manager)
    content = copy.deepcopy(pack.content)
    content["sections"]["scorecard"]["measures"][0]["name"] = "Kept as reported"
    pack.content = content
    pack.save()
    response = client.get(_pack_url(pack, "boardpacks:chart", name="measure-s1"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "Kept as reported" in response.content.decode()
    assert client.get(_pack_url(pack, "boardpacks:chart", name="measure-nope")).status_code == 404


def test_a_viewer_reads_only_the_version_sent_to_the_meeting(client, viewer, pack):
    client.force_login(viewer)
    assert client.get(_pack_url(pack)).status_code == 404
    assert client.get(_pack_url(pack, "boardpacks:chart", name="rag-overview")).status_code == 404
    pack.sent_at = pack.made_at
    pack.save()
    assert client.get(_pack_url(pack)).status_code == 200
    assert client.get(_pack_url(pack, "boardpacks:chart", name="rag-overview")).status_code == 200


def test_another_areas_user_finds_no_pack(client, other_area_user, pack):
    client.force_login(other_area_user)
    assert client.get(_pack_url(pack)).status_code == 404


def test_a_plan_with_many_top_level_items_shows_its_overview_in_charts_of_a_dozen_each():
    page = _page(sample_content(rows=120))  # 30 top-level items
    sources = [image.get("src") for image in page.iter("img")]
    assert sources == [
        "/charts/rag-overview-1.svg",
        "/charts/rag-overview-2.svg",
        "/charts/rag-overview-3.svg",
        "/charts/measure-s1.svg",
    ]
    captions = [_text(caption) for caption in page.iter("figcaption")]
    assert captions[2].startswith("Figure 3: Items by status") and captions[2].endswith("(25 to 30 of 30)")
    assert captions[3].startswith("Figure 4: S1")


def test_the_web_page_lists_every_row_however_long_the_list():
    content = sample_content(rows=120)
    page = _page(content)
    assert len(page.get_element_by_id("exceptions-red-table").xpath(".//tbody/tr")) == 120
    assert "This document lists" not in _text(page)


def test_a_first_pack_with_no_period_to_compare_with_shows_this_period_alone():
    content = sample_content()
    content["previous"] = None
    for count in content["sections"]["summary"]["counts"]:
        count["before"] = None
    page = _page(content)
    summary = page.get_element_by_id("summary-counts")
    assert [_text(th) for th in summary.xpath(".//thead//th")] == ["Status", "March 2021"]
    overview = page.get_element_by_id("rag-overview-table")
    assert "February 2021" not in _text(overview)
    assert "compared with" not in _text(page.xpath(_CLASS % "app-pack-cover")[0])


def test_a_summary_without_scorecard_or_risks_says_why():
    content = sample_content(sections=["summary"])
    content["sections"]["summary"]["scorecard"] = None
    content["sections"]["summary"]["red_risks"] = None
    text = _text(_page(content))
    assert "Nothing was reported for the scorecard in this period." in text
    assert "The area keeps no risks for this plan." in text
    content["sections"]["summary"]["red_risks"] = []
    assert "No open risk was red when the period was reported." in _text(_page(content))
