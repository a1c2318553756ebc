"""Reading and checking the rows of a DfE CSV file, one at a time, through a column mapping.

Used by `scorecard.dfe.read_dfe_csv`; plain Python. Each problem is reported with its row
(the header is row 1) and the file's own name for the column.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from .mapping import ColumnMapping
from .values import (
    CellProblem,
    Level,
    check_code,
    normalise_code,
    percentage_problem,
    read_figure,
    read_level,
    read_period,
)

CODE_ROLES = ("country_code", "region_code", "new_la_code", "old_la_code")
OWN_CODE_ROLES = {
    Level.NATIONAL: ("country_code",),
    Level.REGIONAL: ("region_code",),
    Level.LOCAL_AUTHORITY: ("new_la_code", "old_la_code"),
}
NAME_ROLES = {Level.NATIONAL: "country_name", Level.REGIONAL: "region_name", Level.LOCAL_AUTHORITY: "la_name"}
LEVEL_WORDS = {Level.NATIONAL: "country", Level.REGIONAL: "region", Level.LOCAL_AUTHORITY: "local authority"}
SHOWN_VALUES = 12

Report = Callable[[int | None, str | None, str], None]
T = TypeVar("T")


def _code_check(*, old: bool) -> Callable[[str], None]:
    """Checks a code cell: an authority's 3-digit code (`old`), or a 9-character one."""
    return lambda code: check_code(normalise_code(code), old=old)


@dataclass(frozen=True)
class DfeRow:
    """One area's published figure for one period. `value` is None when the DfE gives none, and
    `missing_reason` then says why ("x: suppressed or not available")."""

    row: int
    period: str
    level: Level
    area_name: str
    value: Decimal | None
    missing_reason: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    country_code: str = ""
    region_code: str = ""
    new_la_code: str = ""
    old_la_code: str = ""

    @property
    def code(self) -> str:
        """The row's own area code: the authority's (9-character if given), the region's or the country's."""
        if self.level == Level.LOCAL_AUTHORITY:
            return self.new_la_code or self.old_la_code
        if self.level == Level.REGIONAL:
            return self.region_code
        return self.country_code

    @property
    def area(self) -> str:
        """The area as people say it: "Stockport (E08000007)"."""
        return f"{self.area_name} ({self.code})" if self.area_name else self.code


class RowReader:
    """Reads each row of one file, reporting its problems; remembers what it saw, to find repeats."""

    def __init__(
        self,
        header: list[str],
        mapping: ColumnMapping,
        located: dict[str, int],
        report: Report,
        *,
        area_codes: set[str] | None = None,
    ):
        self.header = [name.strip() for name in header]
        self.mapping = mapping
        self.located = located
        self.report = report
        self.known = None if area_codes is None else {normalise_code(code) for code in area_codes}
        self.filters = [
            (located[f"filter: {column}"], wanted.strip().casefold())
            for column, wanted in mapping.filters.items()
        ]
        self.filter_values: dict[int, set[str]] = {position: set() for position, _ in self.filters}
        self.seen: dict[tuple, int] = {}
        self.data_rows = 0
        self.breakdown_rows = 0
        self.skipped = 0
        self._row_ok = True

    def read(self, number: int, cells: list[str]) -> DfeRow | None:
        """The row's figure, or None if the row is left out or has a problem (which is reported)."""
        if not any(cell.strip() for cell in cells):
            return None
        self.data_rows += 1
        width = len(self.header)
        if len(cells) < width or any(cell.strip() for cell in cells[width:]):
            self.report(
                number,
                None,
                f"The row has {len(cells)} values but the header has {width} columns. "
                "The file may be cut short or damaged: download it again from the DfE",
            )
            return None
        if not self._in_breakdown(cells):
            self.skipped += 1
            return None
        self.breakdown_rows += 1
        self._row_ok = True
        level = self._parse(number, cells, "level", read_level)
        if level is None:
            if self._row_ok:
                self.skipped += 1
            return None
        return self._read_figures(number, cells, level)

    def _read_figures(self, number: int, cells: list[str], level: Level) -> DfeRow | None:
        period = self._parse(
            number, cells, "period", lambda text: read_period(text, self.mapping.period_format)
        )
        codes = {role: normalise_code(self._cell(cells, role)) for role in CODE_ROLES}
        for role in CODE_ROLES:
            self._parse(number, cells, role, _code_check(old=role == "old_la_code"))
        own = [role for role in OWN_CODE_ROLES[level] if role in self.located]
        if not any(codes[role] for role in own):
            either = " or its 3-digit code" if level == Level.LOCAL_AUTHORITY else ""
            self._problem(
                number,
                own[0],
                f"The code is blank. Each {LEVEL_WORDS[level]} row needs its 9-character code{either}",
            )
        value, reason = self._parse(number, cells, "value", read_figure) or (None, "")
        numerator = denominator = None
        if self.mapping.numerator:
            numerator = (self._parse(number, cells, "numerator", read_figure) or (None, ""))[0]
            denominator = (self._parse(number, cells, "denominator", read_figure) or (None, ""))[0]
        if not self._row_ok or period is None:  # the period's column is required: None only with a problem
            return None
        if (
            value is not None
            and numerator is not None
            and denominator is not None
            and (message := percentage_problem(value, numerator, denominator))
        ):
            self._problem(number, "value", message)
            return None
        row = DfeRow(
            row=number,
            period=period,
            level=level,
            area_name=self._cell(cells, NAME_ROLES[level]),
            value=value,
            missing_reason=reason,
            numerator=numerator,
            denominator=denominator,
            **{role: codes[role] for role in CODE_ROLES},
        )
        return row if self._is_new(row) and self._is_known(row) else None

    def _in_breakdown(self, cells: list[str]) -> bool:
        kept = True
        for position, wanted in self.filters:
            text = cells[position].strip()
            if len(self.filter_values[position]) < 1000:
                self.filter_values[position].add(text)
            kept = kept and text.casefold() == wanted
        return kept

    def _cell(self, cells: list[str], role: str) -> str:
        return cells[self.located[role]].strip() if role in self.located else ""

    def _problem(self, number: int, role: str, message: str) -> None:
        self._row_ok = False
        column = self.header[self.located[role]] if role in self.located else None
        self.report(number, column, message)

    def _parse(self, number: int, cells: list[str], role: str, parse: Callable[[str], T]) -> T | None:
        if role not in self.located:
            return None
        try:
            return parse(self._cell(cells, role))
        except CellProblem as problem:
            self._problem(number, role, str(problem))
            return None

    def _is_new(self, row: DfeRow) -> bool:
        """Each area has one row a period (an authority's 9-character and 3-digit codes each count)."""
        keys = [
            (row.period, role, getattr(row, role)) for role in OWN_CODE_ROLES[row.level] if getattr(row, role)
        ]
        earlier = next((self.seen[key] for key in keys if key in self.seen), None)
        if earlier is not None:
            self.report(
                row.row,
                None,
                f"The row repeats the figures for {row.area} in {row.period} given in row {earlier}. "
                "Remove one of the rows, or choose a breakdown in the mapping so that each area has "
                "one row a period",
            )
            return False
        for key in keys:
            self.seen[key] = row.row
        return True

    def _is_known(self, row: DfeRow) -> bool:
        """With the service's area codes given, every row must be for an area the service knows."""
        if self.known is None:
            return True
        roles = [role for role in OWN_CODE_ROLES[row.level] if getattr(row, role)]
        if any(getattr(row, role) in self.known for role in roles):
            return True
        role = roles[0]
        self._problem(
            row.row,
            role,
            f'"{getattr(row, role)}" ({row.area_name or "no name given"}) is not an area this service knows. '
            "Check the code, or ask the service's administrator to add the area",
        )
        return False

    def why_no_rows(self) -> str:
        """Why a file gave no figures at all, and what to do."""
        if not self.data_rows:
            return (
                "The file has a header but no rows of figures. Choose the full file downloaded from the DfE"
            )
        if not self.breakdown_rows:
            wanted = ", ".join(f'"{value}" in {column}' for column, value in self.mapping.filters.items())
            seen = []
            for (position, _), column in zip(self.filters, self.mapping.filters, strict=True):
                values = sorted(value for value in self.filter_values[position] if value)
                shown = ", ".join(values[:SHOWN_VALUES]) + (", ..." if len(values) > SHOWN_VALUES else "")
                seen.append(f"{column} has {shown}")
            return (
                f"No row has {wanted}. In this file, {'; '.join(seen)}. "
                "Change the breakdown in the mapping to one of these"
            )
        return (
            "The file has no national, regional or local authority rows. "
            "Choose a DfE file with figures for local authorities"
        )
