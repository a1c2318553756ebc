"""Reading any template's workbook (the risk register's, "You said, we did"'s): an .xlsx only, with
the plan import's upload checks, its sheets checked against the columns the template knows."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.sheets import missing_columns, unknown_columns
from common.uploads import UploadProblem, sniff_kind, without_control_characters, xlsx_text_cell

from .problems import Problem
from .reading import RawSheet, read_sheets
from .template import sheet_key


@dataclass
class Book:
    name: str
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def sheet(
        self, name: str, columns: Sequence[str], required: Sequence[str], *, optional: bool = False
    ) -> RawSheet | None:
        """The sheet, having reported a missing sheet or column and any unknown column with data."""
        sheet = self.sheets.get(sheet_key(name))
        if sheet is None:
            if not optional:
                self.problems.append(
                    Problem(name, None, None, f'The file has no "{name}" sheet. Add it, as in the template')
                )
            return None
        for column in missing_columns(sheet.headings, required):
            self.problems.append(
                Problem(
                    name, None, column, "The sheet has no column with this heading. Add it to the first row"
                )
            )
        for unknown in unknown_columns(sheet.headings, ((r.number, r.cells) for r in sheet.rows), columns):
            self.problems.append(
                Problem(
                    name,
                    unknown.first_row,
                    unknown.heading,
                    "This column is not in the template, so what it holds would not be imported. "
                    "Move it into a column of the template, or delete the column",
                )
            )
        return sheet


def read_book(source: bytes | BinaryIO | Path, *, name: str) -> Book:
    """An uploaded .xlsx as sheets of text; problems with the file as a whole are in `problems`."""
    book = Book(name=Path(name).name or "the file")
    try:
        if isinstance(source, Path):
            first = source.read_bytes()[:4096]
        elif isinstance(source, bytes | bytearray):
            first = bytes(source[:4096])
        else:
            source.seek(0)
            first = source.read(4096)
            source.seek(0)
        sniff_kind(book.name, first, accepted=("xlsx",))
    except UploadProblem as problem:
        book.problems.append(Problem("", None, None, str(problem)))
        return book
    result = read_sheets(source, name=book.name)
    book.sheets, book.problems = result.sheets, list(result.problems)
    return book


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cell = str | date | None


def write_book(tables: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Cell]]]]) -> bytes:
    """Sheets (name, headings, rows of text or dates) as an .xlsx that `read_book` reads back the same.

    Text that a spreadsheet program could take as a formula (= + - @) is stored as text, never run;
    every text cell is formatted as text, so "1.10" stays "1.10"; dates are written as 31/07/2019.
    """
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    bold = Font(bold=True)
    for name, headings, rows in tables:
        worksheet = workbook.create_sheet(name)
        for column, heading in enumerate(headings, start=1):
            worksheet.cell(row=1, column=column, value=heading).font = bold
            worksheet.column_dimensions[get_column_letter(column)].width = max(12, min(50, len(heading) + 4))
        for row_number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                cell = worksheet.cell(row=row_number, column=column)
                if isinstance(value, date):
                    cell.value = value
                    cell.number_format = "DD/MM/YYYY"
                    continue
                if value:
                    xlsx_text_cell(cell, without_control_characters(value))
                cell.number_format = "@"
        worksheet.freeze_panes = "A2"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
