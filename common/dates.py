"""Reading dates as people write them in plans. Plain Python: no Django here."""

import calendar
import re
from datetime import date, datetime

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")


class DateProblem(ValueError):
    """A date that cannot be read; the message says why and what to write instead."""


def parse_uk_date(value: object) -> date | None:
    """Read a date written as 31/07/2019, 31/07/19 or 2019-07-31; blank means no date.

    A date that does not exist, such as 31/04/19, is refused with the reason
    ("April has 30 days"), never moved to a nearby day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise DateProblem(f'"{text}" is not a date. Enter a date in the format 31/03/2027')
    return _real_date(text, year, month, day)


def _real_date(text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise DateProblem(f'"{text}" is not a real date (there is no month {month})')
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        month_name = calendar.month_name[month]
        raise DateProblem(f'"{text}" is not a real date ({month_name} {year} has {days_in_month} days)')
    return date(year, month, day)


def format_uk_date(value: date | None) -> str:
    """The form dates are written in the template and its forms: 31/07/2019."""
    return value.strftime("%d/%m/%Y") if value else ""
