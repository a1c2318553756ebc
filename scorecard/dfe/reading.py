"""Reading a DfE open data CSV: an area's own published figures and its comparators'.

    reading = read_dfe_csv(data, READY_MADE["timeliness_20_weeks_excluding_exceptions"], area_codes=known)
    if reading.is_valid: save reading.rows; else show reading.problems (nothing is saved)
    reading.figure("356", "2024")   # Stockport, by its 3-digit or its 9-character code

Writes nothing and imports nothing from Django. Columns are found by name through a
`ColumnMapping`; national, regional and local authority rows are read and other levels
left out; the DfE's symbols for a missing figure (x, z, c, :) and blank stay missing,
with the reason, and are never read as zero. Every problem found is reported, up to
`MAX_PROBLEMS`, with its row as a spreadsheet counts it (the header is row 1).
"""

import csv
import io
from dataclasses import dataclass, field

from common.uploads import MIB, ZIP_MAGIC, UploadProblem, check_size

from .mapping import (
    COLUMN_ROLES,
    ColumnMapping,
    normalise_column,
)
from .rows import DfeRow, RowReader
from .values import Level, is_old_la_code, normalise_code

DEFAULT_SIZE_LIMIT = 50 * MIB
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file; `row` (the header is row 1) and `column` are None if they do not apply."""

    row: int | None
    column: str | None
    message: str

    @property
    def place(self) -> str:
        """Where the problem is, as people say it: "Row 14, PC_plans_issued_20_weeks_ex"."""
        parts = [f"Row {self.row}"] if self.row else []
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


def matches_area(row: DfeRow, code: str) -> bool:
    """Whether the row is the area with this code: an authority by its 9-character code (E08000007) or
    its 3-digit code (356), a region or England by its 9-character code. An authority keeps its
    3-digit code when its 9-character code changes, so the 3-digit code finds every year."""
    wanted = normalise_code(code)
    if not wanted:
        return False
    if row.level == Level.LOCAL_AUTHORITY:
        return wanted in {row.new_la_code, row.old_la_code}
    return not is_old_la_code(wanted) and wanted == row.code


@dataclass
class DfeReading:
    """What was read from one file: its columns, the rows kept, and every problem found (up to a cap)."""

    columns: list[str] = field(default_factory=list)
    rows: list[DfeRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    skipped: int = 0
    encoding: str = ""

    @property
    def is_valid(self) -> bool:
        """True when nothing is wrong, so the rows may be saved."""
        return not self.problems

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.more_problems

    def messages(self) -> list[str]:
        """Each problem as one line, and how many more there are past the cap."""
        lines = [str(problem) for problem in self.problems]
        if self.more_problems:
            plural = "" if self.more_problems == 1 else "s"
            lines.append(f"And {self.more_problems} more problem{plural}")
        return lines

    def for_area(self, code: str) -> list[DfeRow]:
        """The rows for the area with this code (9-character or 3-digit), in file order."""
        return [row for row in self.rows if matches_area(row, code)]

    def figure(self, code: str, period: str) -> DfeRow | None:
        """The row for one area and period ("2024", "2019/20"), or None if the file has none."""
        return next((row for row in self.for_area(code) if row.period == period), None)


class _Collector:
    """Problems, up to a cap; past it, only counted."""

    def __init__(self, cap: int):
        self.cap = cap
        self.found: list[Problem] = []
        self.more = 0

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.found) < self.cap:
            self.found.append(Problem(row, column, message))
        else:
            self.more += 1


def decode_csv(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding read: UTF-8 with or without a byte-order mark, else Windows-1252."""
    if data.startswith(ZIP_MAGIC):
        raise UploadProblem(
            "This is a zip file or an Excel workbook, not a CSV file. "
            "Unzip the download from explore-education-statistics and choose the CSV file inside"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UploadProblem(
            "The file is not text this service can read: it is neither UTF-8 nor Windows-1252. "
            "Download the CSV file again from explore-education-statistics, or in Excel save it as "
            '"CSV UTF-8 (Comma delimited)"'
        ) from error
    return text.removeprefix("\u00ef\u00bb\u00bf"), "windows-1252"


def _column_letter(position: int) -> str:
    """A column as a spreadsheet names it: 0 is A, 26 is AA."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _locate_columns(header: list[str], mapping: ColumnMapping, problems: _Collector) -> dict[str, int] | None:
    """Where each column the mapping names is, by name; None, with problems, if any is missing or repeated."""
    where: dict[str, list[int]] = {}
    for position, name in enumerate(header):
        where.setdefault(normalise_column(name), []).append(position)
    located: dict[str, int] = {}
    missing = []
    for role, column in mapping.columns().items():
        positions = where.get(normalise_column(column), [])
        described = COLUMN_ROLES.get(role, f'the breakdown in "{column}"')
        if not positions:
            missing.append(f'"{column}" ({described})')
        elif len(positions) > 1:
            letters = " and ".join(_column_letter(position) for position in positions)
            problems.add(
                1,
                column,
                f'There are {len(positions)} columns called "{column}" (columns {letters}), so the mapping '
                f"cannot tell which holds {described}. Choose another column in the mapping",
            )
        else:
            located[role] = positions[0]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        problems.add(
            1,
            None,
            f"The file has no column{plural} called {', '.join(missing)}. "
            f"Its columns are: {', '.join(name.strip() for name in header)}. "
            "Upload the file the mapping was made for, or change the mapping to name this file's columns",
        )
    return None if problems.found else located


def read_dfe_csv(
    data: bytes,
    mapping: ColumnMapping,
    *,
    area_codes: set[str] | None = None,
    size_limit: int = DEFAULT_SIZE_LIMIT,
    max_problems: int = MAX_PROBLEMS,
) -> DfeReading:
    """Read one DfE CSV file through a mapping, checking every row; writes nothing.

    `area_codes`, when given, are all the codes the service knows (authorities by either
    code, regions and England); a row for any other area is a problem.
    """
    problems = _Collector(max_problems)
    reading = DfeReading()

    def finish() -> DfeReading:
        reading.problems, reading.more_problems = problems.found, problems.more
        return reading

    for message in mapping.problems():
        problems.add(None, None, f"The mapping is not finished. {message}")
    try:
        check_size(data, size_limit)
        text, reading.encoding = decode_csv(bytes(data))
    except UploadProblem as error:
        problems.add(None, None, str(error))
    if problems.found:
        return finish()

    records = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(records, [])
    except csv.Error as error:
        header = []
        problems.add(1, None, f"The header row cannot be read ({error}). Check the file is a CSV file")
    reading.columns = [name.strip() for name in header]
    if not any(name.strip() for name in header):
        if not problems.found:
            problems.add(None, None, "The file is empty. Choose the CSV file downloaded from the DfE")
        return finish()
    located = _locate_columns(header, mapping, problems)
    if located is None:
        return finish()

    reader = RowReader(header, mapping, located, problems.add, area_codes=area_codes)
    number = 1
    while True:
        number += 1
        try:
            cells = next(records)
        except StopIteration:
            break
        except csv.Error as error:
            problems.add(
                number,
                None,
                f"The file cannot be read from this row on ({error}). "
                "Download it again from explore-education-statistics",
            )
            break
        if row := reader.read(number, cells):
            reading.rows.append(row)
    reading.skipped = reader.skipped
    if not reading.rows and not problems.found:
        problems.add(None, None, reader.why_no_rows())
    return finish()
