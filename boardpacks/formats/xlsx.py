"""The pack as an Excel workbook of its underlying data, from its content alone.

A "Contents" sheet first (the pack's title, meeting, period, when it was made, and the sheets), then one
sheet per section in the pack's order, named by the section's title, each a plain data table: a bold
heading row, the panes frozen under it, a filter, dates as dates (31/03/2021), numbers as numbers, a RAG
status as its word (its colour only as a fill behind the word). The scorecard's chart data and the risks'
heat map and movement follow their section on sheets of their own. Every text cell is stored as text:
text beginning with = + - @ is never a formula (common.uploads.xlsx_text_cell).
"""

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from common.uploads import without_control_characters, xlsx_text_cell

from .xlsx_sheets import Sheet, Value, Word, day, moment, section_sheets

DATE_FORMAT = "dd/mm/yyyy"
DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
NOTHING = "Nothing to show for this period."
WIDTH_SAMPLE = 300  # rows looked at to size a column
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _text_luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


class _Styles:
    """The fill and font of each colour, made once (openpyxl keeps one style per distinct object)."""

    def __init__(self) -> None:
        self.made: dict[str, tuple[PatternFill, Font] | None] = {}

    def apply(self, cell: Cell, colour: str, wrap: bool) -> None:
        if colour and colour not in self.made:
            self.made[colour] = None
            if re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
                luminance = _text_luminance(colour)
                white_contrast, black_contrast = 1.05 / (luminance + 0.05), (luminance + 0.05) / 0.05
                text = "FFFFFF" if white_contrast >= black_contrast else "0B0C0C"
                fill = PatternFill(fill_type="solid", fgColor=colour[1:].upper())
                self.made[colour] = (fill, Font(bold=True, color=text))
        made = self.made.get(colour) if colour else None
        if made:
            cell.fill, cell.font = made
        if wrap:
            cell.alignment = WRAP


def _write(worksheet: Worksheet, row: int, column: int, value: Value, styles: _Styles) -> int:
    """Write one value; return its width in characters (its longest line)."""
    cell = cast(Cell, worksheet.cell(row=row, column=column))  # we merge no cells
    colour = ""
    if isinstance(value, Word):
        colour, value = value.colour, value.text
    if isinstance(value, str):
        value = without_control_characters(value)
    wrap = isinstance(value, str) and ("\n" in value or len(value) > 60)
    if colour or wrap:
        styles.apply(cell, colour, wrap)
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        xlsx_text_cell(cell, value)
        return max(len(line) for line in value.splitlines() or [""])
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = DATE_TIME_FORMAT
        return 16
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
        return 10
    return len(str(value))


def _headings(worksheet: Worksheet, headings: Sequence[str], styles: _Styles) -> list[int]:
    widths = []
    for column, heading in enumerate(headings, start=1):
        widths.append(_write(worksheet, 1, column, heading, styles))
        worksheet.cell(row=1, column=column).font = BOLD
        worksheet.cell(row=1, column=column).alignment = WRAP
    return widths


def _fill(worksheet: Worksheet, sheet: Sheet, styles: _Styles) -> None:
    widths = _headings(worksheet, sheet.headings, styles)
    for number, values in enumerate(sheet.rows, start=2):
        for column, value in enumerate(values, start=1):
            width = _write(worksheet, number, column, value, styles)
            if number <= WIDTH_SAMPLE and width > widths[column - 1]:
                widths[column - 1] = width
    last = len(sheet.rows) + 1
    notes = sheet.notes if sheet.rows else [NOTHING, *sheet.notes]
    for offset, note in enumerate(notes, start=2):
        _write(worksheet, last + offset, 1, note, styles)
    for column, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = max(10, min(60, width + 2))
    worksheet.freeze_panes = "A2" if sheet.filter else "B2"
    if sheet.filter and sheet.rows:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headings))}{last}"


def _contents(worksheet: Worksheet, content: dict[str, Any], sheets: list[Sheet], styles: _Styles) -> None:
    pack, period = content["pack"], content["period"]
    previous = content.get("previous")
    about: list[tuple[str, Value]] = [
        ("Title", pack["title"]),
        ("Pack", pack["template"]),
        ("Local area", content["area"]["name"]),
        ("Plan", f"{content['plan']['reference']}: {content['plan']['title']}"),
        ("For", pack["audience"]),
        ("Meeting", pack["meeting"]),
        ("Meeting date", day(pack["meeting_date"])),
        ("Period", period["name"]),
        ("Covers", period["covers_words"]),
        ("Reported on", day(period["reported_on"])),
        ("Compared with", previous["name"] if previous else "No earlier period"),
        ("Made at", moment(pack["made_at"])),
    ]
    _headings(worksheet, ["About this pack", ""], styles)
    for number, (label, value) in enumerate(about, start=2):
        _write(worksheet, number, 1, label, styles)
        worksheet.cell(row=number, column=1).font = BOLD
        _write(worksheet, number, 2, value, styles)
        worksheet.cell(row=number, column=2).alignment = Alignment(horizontal="left")
    top = len(about) + 3
    for column, heading in enumerate(["Sheet", "What it holds"], start=1):
        _write(worksheet, top, column, heading, styles)
        worksheet.cell(row=top, column=column).font = BOLD
    for number, sheet in enumerate(sheets, start=top + 1):
        _write(worksheet, number, 1, sheet.name, styles)
        link = worksheet.cell(row=number, column=1)
        quoted = sheet.name.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1", display=sheet.name)
        link.font = Font(color="1D70B8", underline="single")
        _write(worksheet, number, 2, sheet.holds, styles)
        worksheet.cell(row=number, column=2).alignment = WRAP
    worksheet.column_dimensions["A"].width = max([16, *(len(sheet.name) + 2 for sheet in sheets)])
    worksheet.column_dimensions["B"].width = 90


def render(content: dict[str, Any]) -> bytes:
    """The pack's data as an .xlsx workbook (see the module's docstring)."""
    workbook = Workbook()
    styles = _Styles()
    sheets = section_sheets(content)
    contents = workbook.active
    assert contents is not None  # a new workbook has one sheet  # nosec B101
    contents.title = "Contents"
    _contents(contents, content, sheets, styles)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet.name), sheet, styles)
    properties = workbook.properties
    properties.title = f"{content['pack']['title']}: {content['period']['name']}"
    properties.subject = f"{content['pack']['template']}, {content['period']['name']}"
    properties.creator = content["area"]["name"]
    properties.lastModifiedBy = content["area"]["name"]
    properties.language = "en-GB"
    made_at = moment(content["pack"]["made_at"])
    if made_at:
        properties.created = properties.modified = made_at
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
