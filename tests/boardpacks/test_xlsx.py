"""The pack as an Excel workbook: opened with openpyxl, every sheet checked against the content it was
made from (tests/boardpacks/samples.py)."""

import io
import zipfile
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from boardpacks import rules
from boardpacks.formats import renderer
from boardpacks.formats.xlsx import render
from boardpacks.formats.xlsx_sheets import sheet_name
from tests.boardpacks.samples import sample_content

FORMULA_LIKE = [
    '=HYPERLINK("http://example.com","Click")',
    "+1",
    "-2",
    "@SUM(A1:A2)",
    "=1+1",
    "\t=1+1",
]


def _open(content: dict[str, Any]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render(content)))


def _rows(sheet: Worksheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _table(sheet: Worksheet) -> list[dict[str, Any]]:
    """The sheet's data table: each row under the heading row, keyed by heading, up to the first blank."""
    rows = _rows(sheet)
    table = []
    for row in rows[1:]:
        if all(value is None for value in row):
            break
        table.append(dict(zip(rows[0], row, strict=True)))
    return table


@pytest.fixture(scope="module")
def content() -> dict[str, Any]:
    return sample_content()


@pytest.fixture(scope="module")
def book(content: dict[str, Any]) -> openpyxl.Workbook:
    return _open(content)


def test_the_workbook_is_the_xlsx_format_renderer():
    assert renderer("xlsx") is render


def test_contents_comes_first_then_a_sheet_per_section_in_the_packs_order(book):
    assert book.sheetnames == [
        "Contents",
        "Summary",
        "Progress by area",
        "Exceptions",
        "Highlight reports",
        "Scorecard",
        "Scorecard figures",
        "Risks",
        "Risk heat map",
        "Risk movement",
        "You said, we did",
        "Matters for decision",
    ]


def test_sections_follow_the_templates_order_and_absent_sections_have_no_sheet():
    book = _open(sample_content(sections=["cover", "matters", "voice", "summary"]))
    assert book.sheetnames == ["Contents", "Matters for decision", "You said, we did", "Summary"]


def test_a_pack_without_a_cover_still_opens_on_its_contents():
    book = _open(sample_content(sections=["exceptions"]))
    assert book.sheetnames == ["Contents", "Exceptions"]


def test_a_pack_of_its_cover_alone_is_its_contents_sheet():
    book = _open(sample_content(sections=["cover"]))
    assert book.sheetnames == ["Contents"]
    assert book["Contents"]["B2"].value == "SEND Written Statement of Action: progress report"


def test_contents_names_the_pack_its_meeting_period_and_sheets(book, content):
    rows = {row[0]: row[1] for row in _rows(book["Contents"]) if row[0]}
    assert rows["Title"] == content["pack"]["title"]
    assert rows["Meeting"] == "SEND Improvement Board"
    assert rows["Meeting date"] == datetime(2021, 4, 20)
    assert book["Contents"]["B8"].number_format == "dd/mm/yyyy"
    assert rows["Period"] == "March 2021"
    assert rows["Compared with"] == "February 2021"
    assert rows["Made at"] == datetime(2021, 4, 12, 10, 30)
    assert rows["Local area"] == "Stockport"
    for name in book.sheetnames[1:]:
        assert name in rows, f"{name} is not listed on the Contents sheet"
    assert rows["Exceptions"] == rules.BY_KEY["exceptions"].describes


def test_contents_links_each_sheet(book):
    links = {
        cell.value: cell.hyperlink.location
        for row in book["Contents"].iter_rows()
        for cell in row
        if cell.hyperlink
    }
    assert links["Risk heat map"] == "'Risk heat map'!A1"
    assert len(links) == len(book.sheetnames) - 1


def test_every_table_has_a_bold_heading_row_frozen_panes_and_a_filter(book):
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert all(cell.font.bold for cell in sheet[1] if cell.value), name
        assert sheet.freeze_panes in {"A2", "B2"}, name
    assert book["Exceptions"].auto_filter.ref == "A1:K13"
    assert book["Exceptions"].column_dimensions["C"].width >= 40


def test_summary_shows_each_status_count_now_and_last_period(book, content):
    table = _table(book["Summary"])
    assert list(table[0]) == ["Figure", "This period (March 2021)", "Last period (February 2021)"]
    by_label = {row["Figure"]: list(row.values())[1:] for row in table}
    assert by_label["Items reported"] == [24, None]
    assert by_label["Complete"] == [6, 5]
    assert by_label["Green"] == [6, 7]
    assert by_label["Red items"] == [6, None]
    assert by_label["Overdue items"] == [2, None]
    assert by_label["Measures rated Red"] == [1, None]
    assert by_label["Red risks"] == [1, None]
    assert any("2 measures: 1 green, 1 red" in str(row[0]) for row in _rows(book["Summary"]))


def test_a_first_pack_says_there_is_no_period_before():
    content = sample_content()
    content["previous"] = None
    book = _open(content)
    assert book["Summary"]["C1"].value == "Last period (none reported before)"
    assert {row[0]: row[1] for row in _rows(book["Contents"])}["Compared with"] == "No earlier period"


def test_rag_overview_has_a_row_per_top_level_item_and_status(book, content):
    table = _table(book["Progress by area"])
    overview = content["sections"]["rag_overview"]["rows"]
    assert len(table) == len(overview) * len(content["statuses"])
    second = [row for row in table if row["Number"] == "2"]
    assert [row["Status"] for row in second] == ["Complete", "Green", "Amber", "Red"]
    assert [row["Items now"] for row in second] == [1, 2, 1, 1]
    assert [row["Items last period"] for row in second] == [1, 1, 2, 1]
    assert second[0]["Rating"] == "Red"
    assert second[0]["Rating last period"] == "Amber"
    assert second[0]["Area of weakness"] == overview[1]["text"]


def test_exceptions_are_one_table_with_their_kind_dates_and_slips(book, content):
    table = _table(book["Exceptions"])
    exceptions = content["sections"]["exceptions"]
    kinds = [row["Kind"] for row in table]
    assert kinds == ["Red"] * len(exceptions["red"]) + ["Overdue"] * len(exceptions["overdue"]) + [
        "Slipped"
    ] * len(exceptions["slipped"])
    slipped = table[-1]
    assert slipped["Number"] == exceptions["slipped"][-1]["number"]
    assert slipped["Due date"] == datetime(2021, 1, 31)
    assert slipped["Original due date"] == datetime(2020, 10, 31)
    assert slipped["Times slipped"] == 2
    assert slipped["Mitigation"] == "Interim panel chaired by the SEND GM."
    assert table[0]["Original due date"] is None
    due = book["Exceptions"]["F2"]
    assert due.is_date and due.number_format == "dd/mm/yyyy"


def test_highlights_have_a_row_per_priority_with_its_workstream(book, content):
    table = _table(book["Highlight reports"])
    assert [row["Workstream"] for row in table] == ["Workstream 1", "Workstream 2", "Preparing for adulthood"]
    assert table[0]["Actions progressed"] == "Panel terms of reference agreed.\nSENCO training booked."
    assert table[0]["Next steps"] == "Audit ten plans in April."
    assert table[2]["Priority"] == "No highlight report for this period"


def test_scorecard_has_a_row_per_measure_and_every_chart_point_as_numbers(book, content):
    measures = _table(book["Scorecard"])
    assert [row["Code"] for row in measures] == [
        m["code"] for m in content["sections"]["scorecard"]["measures"]
    ]
    first = measures[0]
    assert first["Rating"] == "Red"
    assert first["Target value"] == 60
    assert first["Value"] == 48.2
    assert first["Red or worsening"] == "Yes"
    assert first["Commentary"] == "Caseworker vacancies filled in February; expect recovery by June."
    points = _table(book["Scorecard figures"])
    s1 = [row for row in points if row["Code"] == "S1"]
    assert [(row["Period"], row["Period ends"], row["Value"]) for row in s1] == [
        ("2018", datetime(2018, 8, 31), 40.5),
        ("2019", datetime(2019, 8, 31), 44),
        ("2020", datetime(2020, 8, 31), None),
        ("March 2021", datetime(2021, 3, 31), 48.2),
    ]


def test_risks_list_the_red_risks_the_heat_map_in_words_and_movement(book):
    red = _table(book["Risks"])
    assert red == [
        {
            "Reference": "R1",
            "Risk": "Not enough specialist places for September",
            "Owner": "KD",
            "Likelihood": 4,
            "Impact": 4,
            "Score": 16,
            "Band": "Red",
            "Mitigation": "Commission 40 resourced places: 12/03/2021 business case approved.",
            "Movement": "Up from amber",
        }
    ]
    grid = _rows(book["Risk heat map"])
    assert grid[0] == ["Likelihood \\ Impact", "1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Severe"]
    assert [row[0] for row in grid[1:6]] == [
        "5 Almost certain",
        "4 Likely",
        "3 Possible",
        "2 Unlikely",
        "1 Rare",
    ]
    assert grid[2][4] == "Red: R1"
    assert grid[5][1] == "Green: no risks"
    assert _table(book["Risk movement"])[0]["Movement"] == "Up from amber to red"


def test_voice_entries_with_the_day_they_were_heard(book, content):
    table = _table(book["You said, we did"])
    entries = content["sections"]["voice"]["entries"]
    assert [row["Reference"] for row in table] == [entry["reference"] for entry in entries]
    assert table[0]["Heard on"] == datetime(2021, 3, 2)
    assert table[0]["Published to families"] == "Yes"
    assert table[1]["Published to families"] == "No"


def test_a_section_with_nothing_in_the_period_says_so():
    content = sample_content()
    content["sections"]["voice"]["entries"] = []
    rows = _rows(_open(content)["You said, we did"])
    assert rows[0][0] == "Reference"
    assert rows[2][0] == "Nothing to show for this period."


def test_matters_for_decision_keep_their_text(book, content):
    assert book["Matters for decision"]["A2"].value == content["sections"]["matters"]["text"]


def test_a_rag_status_shows_its_word_on_its_colour(book):
    cell = book["Exceptions"]["E2"]
    assert cell.value == "Red"
    assert cell.fill.fgColor.rgb.endswith("D4351C")
    assert cell.font.color.rgb.endswith("FFFFFF")
    amber = next(row[4] for row in book["Exceptions"].iter_rows(min_row=2) if row[0].value == "Overdue")
    assert amber.value == "Amber"
    assert amber.font.color.rgb.endswith("0B0C0C")  # dark text on the light amber


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_kept_as_text_never_a_formula(text):
    content = sample_content()
    sections = content["sections"]
    sections["exceptions"]["red"][0]["text"] = text
    sections["exceptions"]["red"][0]["owners"] = text
    sections["highlights"]["reports"][0]["rows"][0]["impact"] = text
    sections["voice"]["entries"][0]["said"] = text
    sections["matters"]["text"] = text
    content["pack"]["title"] = text
    data = render(content)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [
        book["Exceptions"]["C2"],
        book["Exceptions"]["I2"],
        book["Highlight reports"]["E2"],
        book["You said, we did"]["B2"],
        book["Matters for decision"]["A2"],
        book["Contents"]["B2"],
    ]
    for cell in cells:
        assert cell.data_type == "s", cell.coordinate
        assert cell.value == text
        assert cell.quotePrefix, cell.coordinate
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name) for name in sheets)


def test_text_in_the_middle_that_looks_like_a_formula_is_text(book, content):
    cell = book["Exceptions"]["C2"]
    assert cell.value == content["sections"]["exceptions"]["red"][0]["text"]
    assert "= +SUM(A1)" in cell.value and cell.data_type == "s"


def test_characters_a_workbook_cannot_hold_are_left_out():
    content = sample_content()
    content["sections"]["voice"]["entries"][0]["said"] = "Bell\x07 rang"
    book = _open(content)
    assert book["You said, we did"]["B2"].value == "Bell rang"


def test_workbook_properties_name_the_pack_and_the_area(book):
    properties = book.properties
    assert properties.title == "SEND Written Statement of Action: progress report: March 2021"
    assert properties.creator == "Stockport"
    assert properties.language == "en-GB"


def test_a_large_plans_pack_renders_every_row():
    content = sample_content(rows=1500)
    book = _open(content)
    exceptions = content["sections"]["exceptions"]
    expected = sum(len(exceptions[key]) for key in ("red", "overdue", "slipped"))
    assert book["Exceptions"].max_row == expected + 1
    assert len(_table(book["Progress by area"])) == 375 * 4


def test_the_same_content_makes_the_same_workbook_contents():
    content = sample_content()
    first, second = _open(content), _open(content)
    for name in first.sheetnames:
        assert _rows(first[name]) == _rows(second[name])


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Highlight reports", "Highlight reports"),
        ("Risks: red [and amber]", "Risks red and amber"),
        ("A/B\\C*D?E", "A B C D E"),
        ("A section title far longer than Excel allows", "A section title far longer than"),
        ("'Quoted'", "Quoted"),
    ],
)
def test_sheet_name_drops_what_excel_refuses_and_keeps_31_characters(title, name):
    assert sheet_name(title) == name
    assert len(sheet_name(title)) <= 31
