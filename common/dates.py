"""Reading dates as people write them in plans. Plain Python: no Django here.

`parse_uk_date` reads one day written in the common UK ways; `read_due` also reads a month, a term or
a range ("Sept 2019", "Autumn Term 2018", "Sept 2018 - March 2019"), which a plan keeps as written,
with its due date at the end of the period when that end is certain (`period_end`).
"""

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
# 31-Oct-17, 31 Oct 2017, 31 October 2017, 31st Sept 2019, 31 Oct. 2017
_D_WORD_Y = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([A-Za-z]+)\.?[\s/.,-]+(\d{2}|\d{4})$", re.I)
# Sept 2019, Sep-19, March 19
_WORD_Y = re.compile(r"^([A-Za-z]+)\.?[\s/,-]+(\d{2}|\d{4})$")
# Autumn Term 2018, Autumn 2018, Summer term 19
_SEASON_Y = re.compile(r"^(spring|summer|autumn|winter)(\s+term)?[\s,-]+(\d{2}|\d{4})$", re.I)
# by, end of, by the end of: words before a period that say the same as the period alone
_BY = re.compile(r"^(?:by\s+)?(?:the\s+)?(?:end\s+of\s+)?", re.I)
# a range's separator: a dash or "to" with spaces round it, or an en or em dash
_RANGE = re.compile(r"\s+(?:-|to|until)\s+|\s*[\u2013\u2014]\s*", re.I)

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {"sept": 9}


class DateProblem(ValueError):
    """A date that cannot be read; the message says why and what to write instead."""


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _month(word: str, text: str) -> int:
    """The month a word names ("Sept", "September", "sep"); a near miss is refused with its suggestion."""
    number = MONTHS.get(word.lower())
    if number is None:
        close = difflib.get_close_matches(word.lower(), list(MONTHS), n=1, cutoff=0.6)
        hint = f" (did you mean {calendar.month_name[MONTHS[close[0]]]}?)" if close else ""
        raise DateProblem(
            f'"{text}" is not a date: "{word}" is not a month{hint}. Enter a date in the format 31/03/2027'
        )
    return number


def parse_uk_date(value: object) -> date | None:
    """Read a date written as 31/07/2019, 31/07/19, 2019-07-31, 31-Jul-19, 31 Jul 2019 or 31 July 2019
    (Sept and Sep both September); blank means no date. A two-digit year is in this century.

    A date that does not exist, such as 31/04/19, is refused with the reason
    ("April has 30 days"), never moved to a nearby day; one written month first, such as 10/31/2017,
    is refused with the day and month the other way round as the suggestion.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    if not text:
        return None
    if match := _DMY.match(text):
        day, month = int(match.group(1)), int(match.group(2))
        year = _year(match.group(3))
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _D_WORD_Y.match(text):
        day, month, year = int(match.group(1)), _month(match.group(2), text), _year(match.group(3))
    else:
        raise DateProblem(f'"{text}" is not a date. Enter a date in the format 31/03/2027')
    return _real_date(text, year, month, day)


def _real_date(text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        swapped = ""
        if 1 <= day <= 12 and month <= calendar.monthrange(year, day)[1]:
            swapped = f": did you mean {date(year, day, month).strftime('%d/%m/%Y')}?"
        raise DateProblem(f'"{text}" is not a real date (there is no month {month}){swapped}')
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        month_name = calendar.month_name[month]
        raise DateProblem(f'"{text}" is not a real date ({month_name} {year} has {days_in_month} days)')
    return date(year, month, day)


def season_end(season: str, *, term: bool, year: int) -> date | None:
    """The day by which a season or school term has certainly ended, or None when no day is certain.

    Autumn, as a term or a season, has ended by 31 December of its year (the autumn term ends before
    Christmas). The summer term has ended by 31 August, the end of the school year. The spring term
    ends with the Easter holidays, which move from year to year, and a season alone (spring, summer,
    winter) ends on different days by different reckonings: these have no certain end, so no date.
    """
    season = season.lower()
    if season == "autumn":
        return date(year, 12, 31)
    if season == "summer" and term:
        return date(year, 8, 31)
    return None


def period_end(text: str) -> date | None:
    """The due date of a period as written: a day is itself, a month ends on its last day ("Sept 2019"
    is due 30/09/2019), a term or season as `season_end` says, and a range ("Sept 2018 - March 2019")
    at the end of its last part. A last part without its year ("Sept - Dec") has no certain end: None.
    Raises DateProblem for wording that is none of these.
    """
    text = " ".join(text.split())
    parts = _RANGE.split(text)
    last = _BY.sub("", parts[-1]) if len(parts) <= 2 else ""
    if match := _WORD_Y.match(last):
        if match.group(1).lower() in MONTHS:
            year, month = _year(match.group(2)), MONTHS[match.group(1).lower()]
            return date(year, month, calendar.monthrange(year, month)[1])
        if not _SEASON_Y.match(last):
            _month(match.group(1), text)  # a near miss of a month: refused with its suggestion
    if match := _SEASON_Y.match(last):
        return season_end(match.group(1), term=bool(match.group(2)), year=_year(match.group(3)))
    if len(parts) == 2 and (last.lower() in MONTHS or _SEASON_Y.match(f"{last} 2000")):
        return None  # "Sept - Dec": a range of months without its year
    try:
        end = parse_uk_date(last)
    except DateProblem as problem:
        if "not a real date" in str(problem):
            raise
        end = None
    if end is None:
        raise DateProblem(
            f'"{text}" is not a date, a month, a term or a range of them. '
            "Enter a date in the format 31/03/2027"
        )
    return end


@dataclass(frozen=True)
class Due:
    """When an item is due, as read: its date (None when no day is certain) and, when the words were a
    month, a term or a range rather than one day, those words as written."""

    date: date | None
    as_written: str = ""


def read_due(value: object) -> Due:
    """Read a due date as plans write it: a day (`parse_uk_date`) is the date alone; a month, a term or
    a range ("Sept 2019", "Autumn Term 2018", "Sept 2018 - March 2019") is kept as written, with the
    date at its end where certain (`period_end`). A day that does not exist is refused with the reason.
    """
    try:
        return Due(parse_uk_date(value))
    except DateProblem as problem:
        if "not a real date" in str(problem):
            raise
        first = problem
    text = " ".join(str(value).split())
    try:
        return Due(period_end(text), text)
    except DateProblem as problem:
        if "not a month" in str(first) and "not a real date" not in str(problem):
            raise first from None
        raise


def format_uk_date(value: date | None) -> str:
    """The form dates are written in the template and its forms: 31/07/2019."""
    return value.strftime("%d/%m/%Y") if value else ""


_CANONICAL = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_TWO_DIGIT_YEAR = re.compile(r"^(?:\d{1,2}[/.-]\d{1,2}[/.-]|.*[A-Za-z.][\s/.,-]+)(\d{2})$")


def how_read(text: str, value: date) -> str | None:
    """How a day written in another form than 31/10/2017 was read, for the import's preview to say:
    "read as 31 October 2017", and for a two-digit year which century was taken ("the year 17 taken as
    2017, not 1917"). None for a day written as 31/10/2017, which needs no word.

    >>> how_read("31-Oct-17", date(2017, 10, 31))
    'read as 31 October 2017 (the year 17 taken as 2017, not 1917)'
    """
    text = " ".join(text.split())
    if not text or _CANONICAL.match(text):
        return None
    words = f"read as {value.day} {calendar.month_name[value.month]} {value.year}"
    if match := _TWO_DIGIT_YEAR.match(text):
        words += f" (the year {match.group(1)} taken as {value.year}, not {value.year - 100})"
    return words
