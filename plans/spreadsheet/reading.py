"""Reading a plan file into sheets of text: an .xlsx, a .zip of CSV files, or a folder of them.

Every cell becomes text. A formula is read as its text and never calculated; dates
Excel stores as dates become 31/07/2019; numbers become the digits Excel shows, so a
number cell 1.1 reads as "1.1" (but Excel keeps no trailing zeros: 1.10 typed as a
number is 1.1, which is why the export writes numbers as text and the template asks
for them as text).
"""

import csv
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

import openpyxl.xml
from django.conf import settings
from openpyxl import load_workbook

from common.dates import format_uk_date
from common.uploads import (
    MIB,
    UploadProblem,
    check_size,
    check_zip,
    csv_unescape,
    describe_size,
    read_member,
    require_defused_xml,
    sniff_kind,
)

from .problems import Problem
from .template import SHEETS, sheet_key

MAX_ROWS = 20_000
MAX_UNPACKED = 100 * MIB

if not openpyxl.xml.DEFUSEDXML:  # checked again before every read, which then refuses
    warnings.warn("defusedxml is not installed: plan spreadsheets will not be read", stacklevel=1)


@dataclass
class RawRow:
    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column.lower(), "")


@dataclass
class RawSheet:
    """One sheet: its headings (lower-cased, as written) and its non-blank rows with their row numbers."""

    name: str
    headings: dict[str, str] = field(default_factory=dict)
    rows: list[RawRow] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column.lower() in self.headings


@dataclass
class ReadResult:
    name: str
    kind: str = ""
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _heading_key(text: str) -> str:
    return " ".join(text.split()).lower()


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


Rows = Iterable[tuple[int, list[str]]]  # each row's number (from 1) and its cells as text


def _table(name: str, rows: Rows, problems: list[Problem]) -> RawSheet:
    """Headings from the first non-blank row, then one RawRow per non-blank row after it."""
    sheet = RawSheet(name=name)
    columns: list[str | None] = []
    for number, values in rows:
        if number > MAX_ROWS:
            problems.append(
                Problem(name, None, None, f"The sheet has more than {MAX_ROWS:,} rows. Split the plan up")
            )
            break
        if not any(values):
            continue
        if not columns:
            for text in values:
                key = _heading_key(text)
                if key and key in sheet.headings:
                    problems.append(
                        Problem(name, number, text, "There are two columns with this heading. Delete one")
                    )
                    key = ""
                if key:
                    sheet.headings[key] = text.strip()
                columns.append(key or None)
            continue
        cells = {column: value for column, value in zip(columns, values, strict=False) if column and value}
        if cells:
            sheet.rows.append(RawRow(number=number, cells=cells))
    return sheet


_DECIMALS = re.compile(r"^0\.(0+)$")


def cell_text(value: object, number_format: str = "General") -> str:
    """An Excel cell's value as text, as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return format_uk_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if match := _DECIMALS.match(number_format or ""):
            return f"{value:.{len(match.group(1))}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    text = getattr(value, "text", value)  # array formulas are objects with their text
    return _clean(str(text))


def _read_xlsx(data: bytes, result: ReadResult) -> None:
    require_defused_xml()
    archive = check_zip(data, max_total_uncompressed=MAX_UNPACKED)
    names = set(archive.namelist())
    archive.close()
    if "xl/workbook.xml" not in names:
        raise UploadProblem(
            f'"{result.name}" is not a real Excel workbook. Save it from Excel as an Excel workbook (.xlsx)'
        )
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()
            rows = (
                (number, [cell_text(c.value, getattr(c, "number_format", "General")) for c in row])
                for number, row in enumerate(worksheet.iter_rows(), start=1)
            )
            _add_sheet(result, worksheet.title, rows)
    except Exception as error:  # openpyxl and defusedxml raise many kinds for a damaged or hostile file
        raise UploadProblem(
            f'"{result.name}" could not be read: it may be damaged. '
            "Save it again from Excel and upload it again"
        ) from error
    finally:
        if workbook is not None:
            workbook.close()


def _csv_rows(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadProblem(
            f'"{name}" is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)"'
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, values in enumerate(reader, start=1):
            yield number, [_clean(csv_unescape(value)) for value in values]
    except csv.Error as error:
        raise UploadProblem(f'"{name}" is not a CSV file this service can read ({error})') from error


def _add_sheet(result: ReadResult, name: str, rows: Rows) -> None:
    key = sheet_key(name)
    if key in result.sheets:
        result.problems.append(Problem(name, None, None, "The file has this sheet twice. Delete one"))
        return
    result.sheets[key] = _table(name, rows, result.problems)


def _add_csv(result: ReadResult, file_name: str, data: bytes) -> None:
    sheet = next((s for s in SHEETS if sheet_key(s.file_name) == sheet_key(file_name)), None)
    if sheet is None:  # not part of the template: read only to be listed as not imported
        key = sheet_key(file_name)
        try:
            result.sheets.setdefault(key, _table(file_name, _csv_rows(file_name, data), []))
        except UploadProblem:
            result.sheets.setdefault(key, RawSheet(name=file_name))
        return
    try:
        _add_sheet(result, sheet.name, _csv_rows(file_name, data))
    except UploadProblem as problem:
        result.problems.append(Problem(sheet.name, None, None, str(problem)))


def _read_zip(data: bytes, result: ReadResult) -> None:
    archive = check_zip(data, max_total_uncompressed=MAX_UNPACKED)
    with archive:
        if "xl/workbook.xml" in archive.namelist():
            _read_xlsx(data, result)
            return
        for info in archive.infolist():
            base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            if info.is_dir() or base.startswith(".") or info.filename.startswith("__MACOSX"):
                continue
            if base.lower().endswith(".csv"):
                _add_csv(result, base, read_member(archive, info, MAX_UNPACKED))


def _read_folder(folder: Path, result: ReadResult, limit: int) -> None:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    total = sum(p.stat().st_size for p in files)
    if total > limit:
        raise UploadProblem(
            f"The CSV files are {describe_size(total)} in all. The limit is {describe_size(limit)}"
        )
    for path in files:
        _add_csv(result, path.name, path.read_bytes())


def read_other_headings(read: ReadResult) -> None:
    """Read a heading the template knows by another name as the template's own (`Sheet.aliases`: a
    Workstreams sheet's "Leads" as "Lead", an older Findings sheet's "Item" as "Items"), when the sheet
    does not also have the template's own; one that does keeps the other, listed as not imported."""
    for sheet in SHEETS:
        raw = read.sheets.get(sheet_key(sheet.name))
        if raw is None:
            continue
        for theirs, ours in sheet.aliases:
            key, our_key = theirs.lower(), ours.lower()
            if key in raw.headings and our_key not in raw.headings:
                raw.headings[our_key] = raw.headings.pop(key)
                for row in raw.rows:
                    if key in row.cells:
                        row.cells[our_key] = row.cells.pop(key)


def read_sheets(source: bytes | BinaryIO | Path, *, name: str | None = None) -> ReadResult:
    """Read an uploaded file (bytes or a file object, with its name) or a path into sheets of text.

    A path may be a folder of CSV files (the command line's third form). Problems with
    the file as a whole are returned in `problems`, never raised.
    """
    limit = settings.UPLOAD_MAX_BYTES
    if name is None:
        name = Path(source).name if isinstance(source, Path) else str(getattr(source, "name", "") or "")
    result = ReadResult(name=Path(name).name or "the file")
    try:
        if isinstance(source, Path) and source.is_dir():
            result.kind = "folder"
            _read_folder(source, result, limit)
            return result
        if isinstance(source, Path):
            with source.open("rb") as handle:
                check_size(handle, limit)
                data = handle.read()
        elif isinstance(source, bytes | bytearray):
            check_size(source, limit)
            data = bytes(source)
        else:
            check_size(source, limit)
            source.seek(0)
            data = source.read()
        result.kind = sniff_kind(result.name, data[:4096], accepted=("xlsx", "zip"))
        if result.kind == "xlsx":
            _read_xlsx(data, result)
        else:
            _read_zip(data, result)
    except UploadProblem as problem:
        result.problems.append(Problem("", None, None, str(problem)))
    return result
