"""The periods a measure's figures are for, read from the ways people and the DfE write them.

    read_period("2024")        -> DataPeriod("2024", 2024-12-31)       a calendar year
    read_period("2019/20")     -> DataPeriod("2019/20", 2020-08-31)    an academic year (also 201920, 2019-20)
    read_period("March 2021")  -> DataPeriod("March 2021", 2021-03-31) a month (also Mar 2021, 2021-03)

"2011-12" is read as the academic year, as SEND data uses it; write "December 2011" for the month.
A period is ordered by the day it ends, so a series mixing years and months still reads in order.
Plain Python: no Django import.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

_YEAR = re.compile(r"^(\d{4})$")
_ACADEMIC = re.compile(r"^(\d{4})\s*(?:/|-|to)?\s*(\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

ACADEMIC_YEAR_END = (8, 31)


class PeriodProblem(ValueError):
    """Text that is not a period this service can read; the message says what would be."""


@dataclass(frozen=True, order=True)
class DataPeriod:
    ends_on: date
    label: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


FIRST_YEAR, LAST_YEAR = 1900, 2100


def read_period(text: str) -> DataPeriod:
    """The period written as `text`: a year, an academic year or a month, between 1900 and 2100."""
    written = " ".join(str(text).split())
    years = [int(found) for found in re.findall(r"\d{4}", written)]
    if any(not FIRST_YEAR <= year <= LAST_YEAR for year in years):
        raise PeriodProblem(
            f"“{written}” is not a period this service can read: write a year from {FIRST_YEAR} to "
            f"{LAST_YEAR}, such as 2024, 2023/24 or March 2024"
        )
    return _read(written)


def _read(written: str) -> DataPeriod:
    if match := _YEAR.match(written):
        year = int(match[1])
        return DataPeriod(date(year, 12, 31), str(year))
    if match := _ACADEMIC.match(written):
        start, end = int(match[1]), match[2]
        end_year = int(end) if len(end) == 4 else start + 1 if (start + 1) % 100 == int(end) else -1
        if end_year != start + 1 and (match := _ISO_MONTH.match(written)) and 1 <= int(match[2]) <= 12:
            return DataPeriod(
                _month_end(start, int(match[2])), f"{calendar.month_name[int(match[2])]} {start}"
            )
        if end_year != start + 1:
            raise PeriodProblem(
                f"“{written}” is not an academic year: the second year must follow the first, as in 2023/24"
            )
        return DataPeriod(date(end_year, *ACADEMIC_YEAR_END), f"{start}/{str(end_year)[2:]}")
    if match := _MONTH_YEAR.match(written):
        month = MONTHS.get(match[1].lower())
        if month:
            year = int(match[2])
            return DataPeriod(_month_end(year, month), f"{calendar.month_name[month]} {year}")
    if match := _ISO_MONTH.match(written):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return DataPeriod(_month_end(year, month), f"{calendar.month_name[month]} {year}")
    raise PeriodProblem(
        f"“{written}” is not a period this service can read. Write a year (2024), "
        "an academic year (2023/24) or a month (March 2024)"
    )
