"""The pack as PDF, opened with pypdf as a reader would: its text, bookmarks, tags, language and PDF/UA
claim, page numbers, landscape pages for the wide tables, and nothing ever fetched from outside."""

import copy
import io
import logging
import re

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from boardpacks import rules
from boardpacks.formats import pdf
from plans.models import Item
from progress.models import ReportedRating
from tests.boardpacks.content_plan import build, february_and_march
from tests.boardpacks.samples import sample_content


@pytest.fixture(scope="module")
def content():
    return sample_content()


@pytest.fixture(scope="module")
def reader(content):
    return PdfReader(io.BytesIO(pdf.render(content)))


def _words(text: str) -> str:
    return " ".join(text.split())


def _page_texts(reader) -> list[str]:
    return [_words(page.extract_text()) for page in reader.pages]


def _outline_titles(outline, depth=0) -> list[tuple[int, str]]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles.extend(_outline_titles(entry, depth + 1))
        else:
            titles.append((depth, entry.title))
    return titles


def test_the_pdf_text_has_every_sections_heading_and_the_key_values_of_the_content(content, reader):
    text = " ".join(_page_texts(reader))
    for key in content["pack"]["sections"]:
        if key != "cover":
            assert rules.BY_KEY[key].title in text
    red = content["sections"]["exceptions"]["red"][0]
    assert f"{red['number']} Action" in text
    assert "Action 0: review the graduated response" in text
    assert "48.2%" in text and "EHC plans issued within 20 weeks" in text
    assert "R1" in text and "Not enough specialist places for September" in text
    assert "We did not know who to ask about transport." in text
    assert "20 April 2021" in text


def test_the_bookmarks_are_the_title_then_each_section_heading_in_order(content, reader):
    titles = _outline_titles(reader.outline)
    assert titles[0] == (0, content["pack"]["title"])
    sections = [title for depth, title in titles if depth == 1]
    expected = ["Contents"] + [
        rules.BY_KEY[key].title for key in content["pack"]["sections"] if key != "cover"
    ]
    assert sections == expected
    assert (2, "Red items (6)") in titles


def test_the_pdf_is_tagged_in_british_english_and_claims_pdf_ua(reader):
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"]), "marked as tagged"
    assert catalog["/Lang"] == "en-GB"
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp


def test_the_pdf_has_a_title_and_author_in_its_metadata(content, reader):
    assert reader.metadata.title == f"{content['pack']['title']}: March 2021"
    assert reader.metadata.author == "Stockport Council"


def test_every_page_after_the_cover_says_page_x_of_y_and_carries_the_area_and_title(content, reader):
    texts = _page_texts(reader)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
    assert all(f"Stockport Council: {content['pack']['title']}" in text for text in texts[1:])


def test_the_wide_tables_are_on_landscape_pages(reader):
    landscape = [
        text
        for page, text in zip(reader.pages, _page_texts(reader), strict=True)
        if page.mediabox.width > page.mediabox.height
    ]
    portrait = [
        text
        for page, text in zip(reader.pages, _page_texts(reader), strict=True)
        if page.mediabox.width < page.mediabox.height
    ]
    assert landscape and portrait
    assert any("Red items, March 2021" in text for text in landscape)
    assert any("The scorecard as reported for March 2021" in text for text in landscape)
    assert any("Figure 1 data" in text for text in landscape)
    assert not any("Heat map" in text for text in landscape)


def test_a_long_tables_headings_are_repeated_on_each_of_its_pages():
    content = sample_content(rows=45, sections=["exceptions"])
    reader = PdfReader(io.BytesIO(pdf.render(content)))
    with_red_rows = [text for text in _page_texts(reader) if "Action 3" in text or "Interim panel" in text]
    assert len(with_red_rows) > 2
    for text in with_red_rows:
        assert "Number Item Status Due" in text


def test_the_fetcher_refuses_every_address_but_the_packs_own_data():
    fetcher = pdf.LocalOnlyFetcher()
    with pytest.raises(ValueError, match="fetches nothing"):
        fetcher("http://example.com/x.png")
    with pytest.raises(ValueError, match="fetches nothing"):
        fetcher("file:///etc/passwd")
    assert fetcher(pdf.svg_data_uri("<svg xmlns='http://www.w3.org/2000/svg'/>")).read().startswith(b"<svg")


class RecordingFetcher(pdf.LocalOnlyFetcher):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        return super().fetch(url, headers)


def test_markup_in_the_content_is_printed_as_text_and_never_fetches_anything():
    hostile = '<img src="http://example.com/x"> <link rel=stylesheet href="http://example.com/s.css">'
    content = sample_content(rows=2, sections=["cover", "exceptions", "matters"])
    content["sections"]["exceptions"]["red"][0]["commentary"] = hostile
    content["sections"]["matters"]["text"] = hostile
    fetcher = RecordingFetcher()
    document = HTML(string=pdf.print_html(content), base_url=None, url_fetcher=fetcher)
    reader = PdfReader(io.BytesIO(document.write_pdf(pdf_variant="pdf/ua-1")))
    assert fetcher.asked == []
    text = " ".join(_page_texts(reader))
    assert '<img src="http://example.com/x">' in text


def test_the_charts_are_drawn_from_data_uris_only():
    content = sample_content(rows=2)
    fetcher = RecordingFetcher()
    HTML(string=pdf.print_html(content), base_url=None, url_fetcher=fetcher).render()
    assert len(fetcher.asked) == 2
    assert all(url.startswith("data:image/svg+xml;base64,") for url in fetcher.asked)


def test_a_very_long_list_is_cut_in_the_pdf_saying_how_many_of_how_many():
    content = sample_content(rows=120)
    printed, shortened = pdf.shorten(content, rows=50)
    assert shortened["exceptions_red"] == (50, 120)
    assert shortened["exceptions_overdue"] == (50, 60)
    assert shortened["exceptions_slipped"] == (50, 60)
    assert "voice_entries" not in shortened, "24 entries are all printed"
    assert len(printed["sections"]["exceptions"]["red"]) == 50
    assert len(content["sections"]["exceptions"]["red"]) == 120, "the stored content is untouched"
    html = pdf.print_html(sample_content(rows=2 * pdf.PRINT_ROWS))
    assert f"This document lists {pdf.PRINT_ROWS} of the {2 * pdf.PRINT_ROWS} red items" in html
    assert f"Red items ({2 * pdf.PRINT_ROWS})" in html


def _many_red_measures(content, count):
    measures = content["sections"]["scorecard"]["measures"]
    for index in range(count):
        measures[-1 - index] = {**measures[-1 - index], "exception": True, "code": f"R{index}"}
    return content


def test_the_scorecard_keeps_the_measures_it_shows_in_full_in_its_table_when_cut():
    content = _many_red_measures(sample_content(rows=240), 1)  # 62 measures, S1 and R0 red
    printed, shortened = pdf.shorten(content, rows=50)
    codes = [measure["code"] for measure in printed["sections"]["scorecard"]["measures"]]
    assert len(codes) == 51 and codes[-1] == "R0"
    assert shortened["scorecard_measures"] == (51, 62)
    assert "scorecard_exceptions" not in shortened


def test_only_the_first_red_or_worsening_measures_are_printed_with_their_charts_saying_so():
    content = _many_red_measures(sample_content(rows=40), 9)  # 12 measures, 10 of them red
    _, shortened = pdf.shorten(content, measures=4)
    assert shortened["scorecard_exceptions"] == (4, 10)
    html = pdf.print_html(content)
    shown = pdf.PRINT_MEASURES
    assert f"This document lists {shown} of the 10 red or worsening measures" in html
    assert html.count("<figure") == 1 + shown, "the overview and the measures shown in full"
    assert f"Figure {1 + shown}: " in html and f"Figure {2 + shown}: " not in html


def _structure(node, found) -> None:
    """Every structure element under `node`: its type and, for figures, its alternative text."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            _structure(kid, found)
        return
    if not hasattr(node, "get") or node.get("/Type") not in (None, "/StructElem", "/StructTreeRoot"):
        return
    if "/S" in node:
        found.append((str(node["/S"]), str(node.get("/Alt", ""))))
    if "/K" in node and not isinstance(node["/K"].get_object(), int):
        _structure(node["/K"], found)


def test_the_tags_give_headings_tables_with_headers_and_charts_with_alternative_text(reader):
    found: list[tuple[str, str]] = []
    _structure(reader.trailer["/Root"]["/StructTreeRoot"], found)
    types = {kind for kind, _ in found}
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Caption", "/Figure", "/L", "/LI"} <= types
    alts = [alt for kind, alt in found if kind == "/Figure"]
    assert alts[:2] == [
        "Chart: Items by status in each of the areas of weakness, March 2021 against February 2021. "
        "Its figures are in the table after it.",
        "Chart: S1: EHC plans issued within 20 weeks, as reported. Its figures are in the table after it.",
    ]


def test_weasyprint_reports_nothing_missing_for_pdf_ua(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        HTML(string="<html lang='en-GB'><img src='data:image/svg+xml;base64,PHN2Zy8+'></html>").write_pdf(
            pdf_variant="pdf/ua-1"
        )
    assert any("alt" in record.getMessage() for record in caplog.records), "the check can fail"
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf.render(sample_content(rows=2))
    assert [record.getMessage() for record in caplog.records] == []


def test_the_contents_give_each_sections_page_number(content, reader):
    texts = _page_texts(reader)
    first_page_of: dict[str, int] = {}
    for number, text in enumerate(texts[1:], start=2):
        for key in content["pack"]["sections"]:
            title = rules.BY_KEY[key].title
            if key != "cover" and text.startswith(f"{title} "):
                first_page_of.setdefault(title, number)
    assert list(first_page_of) == [rules.BY_KEY[key].title for key in content["pack"]["sections"][1:]]
    for title, number in first_page_of.items():
        assert re.search(rf"{re.escape(title)} \.+ {number}\b", texts[0]), (title, number)


def test_the_same_content_gives_the_same_pdf_byte_for_byte(content):
    assert pdf.render(content) == pdf.render(copy.deepcopy(content))


@pytest.mark.django_db
def test_a_pack_built_from_the_database_prints_the_plan_as_reported_in_march(area):
    """February and March 2021 reported through the real cycle (tests/boardpacks/content_plan.py)."""
    story = february_and_march(area)
    content = build(story["template"], story["march"])
    reader = PdfReader(io.BytesIO(pdf.render(content)))
    text = " ".join(_page_texts(reader))
    red = ReportedRating.objects.get(period=story["march"], number="1.1.1")
    slipped = Item.objects.get(plan=story["plan"], number="2.1.2")
    red_row = re.search(rf"1\.1\.1 \w+ {re.escape(red.text)} {re.escape(red.status_label)}", text)
    assert red_row, text[:2000]
    assert "Interim panel chaired by KD." in text
    assert "30 June 2021" in text and "31 December 2020" in text
    assert slipped.slip_count == 2
    sections = [title for depth, title in _outline_titles(reader.outline) if depth == 1]
    assert sections == ["Contents"] + [
        rules.BY_KEY[key].title for key in story["template"].sections if key != "cover"
    ]
