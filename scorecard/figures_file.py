"""Reading and checking a file of figures (CSV or Excel) before anything is written.

    sheets, problems = read_figures_file(data, name="figures.xlsx")   # the file as sheets of text
    checked = check_figures(sheets, catalogue)                          # every row checked
    if checked.problems: show them all, write nothing; else preview and write checked.rows

Columns are found by their heading, in any order: Measure code, Breakdown (blank: the
headline), Series (blank: this area), Period, Value and Missing reason. A row naming only a
measure and breakdown is a line of the template left unfilled, and is left out. Every problem is
reported with its sheet, row and column and what to do. Writes nothing: the measures are
given as a plain `catalogue`, so the checks are tested without a database.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from common.uploads import UploadProblem, check_size, csv_unescape, sniff_kind
from plans.spreadsheet.problems import Problem
from plans.spreadsheet.reading import RawRow, RawSheet, read_sheets

from .dfe.values import MISSING_REASONS
from .periods import DataPeriod, PeriodProblem, read_period

__all__ = [
    "COLUMNS",
    "BreakdownEntry",
    "CheckedFile",
    "FileFigure",
    "MeasureEntry",
    "Problem",
    "check_figures",
    "read_figures_file",
]

COLUMNS = ("Measure code", "Breakdown", "Series", "Period", "Value", "Missing reason")
REQUIRED = ("Measure code", "Period", "Value")
SERIES_WORDS = {
    "": "area",
    "area": "area",
    "this area": "area",
    "local authority": "area",
    "england": "england",
    "national": "england",
    "region": "region",
    "regional": "region",
    "statistical neighbours": "neighbours",
    "statistical neighbour": "neighbours",
    "neighbours": "neighbours",
}
SERIES_LABELS = {
    "area": "This area",
    "england": "England",
    "region": "Region",
    "neighbours": "Statistical neighbours",
}
MAX_REASON = 200
TOO_BIG = Decimal(10) ** 10
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def shown(value: Decimal | None, reason: str) -> str:
    """A figure as people read it: 46.4, or "Not available (x: suppressed or not available)"."""
    return f"{value.normalize():f}" if value is not None else f"Not available ({reason})"


@dataclass(frozen=True)
class BreakdownEntry:
    pk: int
    name: str


@dataclass(frozen=True)
class MeasureEntry:
    """A measure as the checks need it: its code, unit and breakdowns (the first is the headline)."""

    code: str
    unit: str
    breakdowns: tuple[BreakdownEntry, ...]

    def breakdown(self, name: str) -> BreakdownEntry | None:
        if not name.strip():
            return self.breakdowns[0] if self.breakdowns else None
        wanted = " ".join(name.split()).casefold()
        return next((b for b in self.breakdowns if " ".join(b.name.split()).casefold() == wanted), None)


@dataclass(frozen=True)
class FileFigure:
    """One checked row: the figure it gives, and where it is in the file."""

    sheet: str
    row: int
    measure_code: str
    breakdown: BreakdownEntry
    series: str
    period: DataPeriod
    value: Decimal | None
    missing_reason: str = ""

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.breakdown.pk, self.series, self.period.label)

    @property
    def series_label(self) -> str:
        return SERIES_LABELS[self.series]

    @property
    def shown(self) -> str:
        return shown(self.value, self.missing_reason)


@dataclass
class CheckedFile:
    rows: list[FileFigure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)


def _csv_sheet(name: str, data: bytes) -> RawSheet:
    """A CSV file as one sheet: headings from its first non-blank row, then its non-blank rows."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadProblem(
            f'"{name}" is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)"'
        ) from error
    sheet = RawSheet(name=name)
    columns: list[str] = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            values = [csv_unescape(value).strip() for value in values]
            if not any(values):
                continue
            if not columns:
                columns = [" ".join(value.split()).lower() for value in values]
                for key, value in zip(columns, values, strict=True):
                    if key:
                        sheet.headings.setdefault(key, value)
                continue
            cells = {key: value for key, value in zip(columns, values, strict=False) if key and value}
            if cells:
                sheet.rows.append(RawRow(number=number, cells=cells))
    except csv.Error as error:
        raise UploadProblem(f'"{name}" is not a CSV file this service can read ({error})') from error
    return sheet


def read_figures_file(data: bytes, *, name: str, size_limit: int) -> tuple[list[RawSheet], list[Problem]]:
    """A CSV file or Excel workbook as sheets of text, checked to be safe before it is unpacked.

    Its kind is told from its first bytes, not only its name; a workbook is read with
    `plans.spreadsheet.reading.read_sheets` (size and zip-bomb checks, XML read with defusedxml).
    """
    try:
        check_size(data, size_limit)
        kind = sniff_kind(name, data[:4096], accepted=("csv", "xlsx"))
        if kind == "csv":
            return [_csv_sheet(name, data)], []
    except UploadProblem as problem:
        return [], [Problem("", None, None, str(problem))]
    result = read_sheets(data, name=name)
    return list(result.sheets.values()), list(result.problems)


def _read_value(text: str) -> tuple[Decimal | None, str]:
    """A value as written: 46.4, 1,234 or 46.4%; the DfE's x, z, c and : mean there is no figure."""
    cleaned = text.strip()
    reason = MISSING_REASONS.get(cleaned.casefold())
    if cleaned and reason is not None:
        return None, reason
    number = cleaned.replace(",", "").removesuffix("%").strip()
    if not _NUMBER.match(number):
        raise ValueError(
            f'"{cleaned}" is not a number. Enter a number such as 46.4, or leave the value blank '
            "and say why in Missing reason"
        )
    try:
        value = Decimal(number)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f'"{cleaned}" is not a number') from error
    if abs(value) >= TOO_BIG:
        raise ValueError(f'"{cleaned}" is too big. Enter a number smaller than 10,000,000,000')
    return value, ""


def _read_reason(text: str) -> str:
    """Why there is no figure: the DfE's symbols x, z, c and : get their meaning; other words stay."""
    cleaned = " ".join(text.split())
    return MISSING_REASONS.get(cleaned.casefold(), cleaned) if cleaned else ""


class _SheetChecker:
    def __init__(self, sheet: RawSheet, catalogue: dict[str, MeasureEntry], checked: CheckedFile):
        self.sheet = sheet
        self.catalogue = {code.casefold(): entry for code, entry in catalogue.items()}
        self.checked = checked
        self.seen: dict[tuple, tuple[str, int]] = {}

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.checked.problems.append(Problem(self.sheet.name, row, column, message))

    def columns_ok(self) -> bool:
        before = len(self.checked.problems)
        known = {column.lower() for column in COLUMNS}
        for key, written in self.sheet.headings.items():
            if key not in known:
                self.problem(
                    1,
                    written,
                    f'"{written}" is not a column this service reads. Rename it to one of: '
                    f"{', '.join(COLUMNS)}, or delete the column",
                )
        missing = [column for column in REQUIRED if not self.sheet.has(column)]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            self.problem(
                1,
                None,
                f"The sheet has no column{plural} called {', '.join(missing)}. "
                "Add them, with these headings, or start from the template",
            )
        return len(self.checked.problems) == before

    def check(self, row: RawRow) -> None:
        if not any(row.get(column).strip() for column in ("Series", "Period", "Value", "Missing reason")):
            return  # a line of the template not filled in
        before = len(self.checked.problems)
        code = row.get("Measure code").strip()
        measure = self.catalogue.get(code.casefold()) if code else None
        breakdown = None
        if not code:
            self.problem(row.number, "Measure code", "Enter the measure's code, such as E1")
        elif measure is None:
            self.problem(
                row.number,
                "Measure code",
                f'There is no measure with the code "{code}". Check the code on the scorecard, '
                "or add the measure first",
            )
        else:
            breakdown = measure.breakdown(row.get("Breakdown"))
            if breakdown is None:
                names = ", ".join(b.name for b in measure.breakdowns)
                self.problem(
                    row.number,
                    "Breakdown",
                    f'{measure.code} has no breakdown called "{row.get("Breakdown")}". '
                    f"Use one of: {names}, or leave it blank for the headline",
                )
        series = SERIES_WORDS.get(" ".join(row.get("Series").split()).casefold())
        if series is None:
            self.problem(
                row.number,
                "Series",
                f'"{row.get("Series")}" is not a series. Use England, Region or Statistical neighbours, '
                "or leave it blank for this area",
            )
        period = None
        if not row.get("Period").strip():
            self.problem(row.number, "Period", "Enter the period, such as 2024, 2023/24 or March 2024")
        else:
            try:
                period = read_period(row.get("Period"))
            except PeriodProblem as problem:
                self.problem(row.number, "Period", str(problem))
        value, reason = self._value_and_reason(row)
        if len(self.checked.problems) > before:
            return
        if measure is None or breakdown is None or series is None or period is None:
            return  # each is missing only with a problem reported above
        figure = FileFigure(
            sheet=self.sheet.name,
            row=row.number,
            measure_code=measure.code,
            breakdown=breakdown,
            series=series,
            period=period,
            value=value,
            missing_reason=reason,
        )
        self._add(figure)

    def _value_and_reason(self, row: RawRow) -> tuple[Decimal | None, str]:
        written_value, written_reason = row.get("Value").strip(), row.get("Missing reason")
        reason = _read_reason(written_reason)
        value = None
        if written_value:
            try:
                value, symbol_reason = _read_value(written_value)
            except ValueError as problem:
                self.problem(row.number, "Value", str(problem))
                return None, ""
            reason = reason or symbol_reason
        if value is not None and reason:
            self.problem(
                row.number,
                "Missing reason",
                "The row has a value and a missing reason. Delete one: a figure has a value, "
                "or a reason there is none",
            )
        elif value is None and not reason:
            self.problem(
                row.number,
                "Value",
                "The value is blank. Enter the value, or say why there is no figure in Missing reason "
                "(x: suppressed, z: not applicable, c: confidential, or your own words)",
            )
        elif len(reason) > MAX_REASON:
            self.problem(
                row.number, "Missing reason", f"The missing reason must be {MAX_REASON} characters or fewer"
            )
        return value, reason

    def _add(self, figure: FileFigure) -> None:
        earlier = self.seen.get(figure.key)
        if earlier is not None:
            sheet, number = earlier
            where = f"row {number}" if sheet == figure.sheet else f"{sheet}, row {number}"
            self.problem(
                figure.row,
                None,
                f"The row repeats {figure.measure_code} {figure.breakdown.name}, "
                f"{figure.series_label.lower()}, {figure.period.label}, given in {where}. Delete one of them",
            )
            return
        self.seen[figure.key] = (figure.sheet, figure.row)
        self.checked.rows.append(figure)


def check_figures(sheets: list[RawSheet], catalogue: dict[str, MeasureEntry]) -> CheckedFile:
    """Check every row of every sheet with figures; any problem means nothing may be written.

    A workbook's sheets without any of the headings are left alone (notes, instructions),
    as long as one sheet has them.
    """
    checked = CheckedFile()
    known = {column.lower() for column in COLUMNS}
    with_figures = [sheet for sheet in sheets if known & set(sheet.headings)]
    if not with_figures:
        checked.problems.append(
            Problem(
                sheets[0].name if sheets else "",
                1 if sheets else None,
                None,
                f"The file has no columns called {', '.join(REQUIRED)}. Start from the template, "
                "which has the headings this service reads",
            )
        )
        return checked
    seen: dict[tuple, tuple[str, int]] = {}
    for sheet in with_figures:
        checker = _SheetChecker(sheet, catalogue, checked)
        checker.seen = seen
        if not checker.columns_ok():
            continue
        for row in sheet.rows:
            checker.check(row)
    if not checked.problems and not checked.rows:
        checked.problems.append(
            Problem(
                with_figures[0].name, None, None, "The file has headings but no figures. Add a row a figure"
            )
        )
    return checked
