"""Reading one cell's text as a date, a yes or no, a colour or a list. Each refusal says what to write.

Plain Python: `CellProblem` carries the message; the caller knows the sheet, row and column.
"""

import calendar
import re
from datetime import date

from common.dates import DateProblem, Due, how_read, parse_uk_date, read_due

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false", ""}


class CellProblem(ValueError):
    """A cell that cannot be read; the message says what is wrong and what to do."""


def nearest_real_date(text: str) -> str | None:
    """For an impossible date such as 31/04/19, the last real day of that month: 30/04/2019."""
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    if not 1 <= month <= 12 or day < 1:
        return None
    day = min(day, calendar.monthrange(year, month)[1])
    return date(year, month, day).strftime("%d/%m/%Y")


def read_date(text: str, *, wording_column: str | None = None) -> date | None:
    """A date written as 31/07/2019, 31/07/19, 2019-07-31, 31-Jul-19 or 31 July 2019; blank is no date.

    With `wording_column`, the message for a date that cannot be used says to keep the
    document's wording in that column.
    """
    try:
        return parse_uk_date(text)
    except DateProblem as problem:
        raise _date_problem(text, problem, wording_column) from problem


def read_due_date(text: str, *, wording_column: str) -> Due:
    """A due date as plans write it: a day, or a month, term or range kept as written with the date
    at its end where certain (common.dates.read_due). Wording that is none of these is refused,
    saying to put it in `wording_column`."""
    try:
        return read_due(text)
    except DateProblem as problem:
        raise _date_problem(text, problem, wording_column) from problem


def _date_problem(text: str, problem: DateProblem, wording_column: str | None) -> CellProblem:
    message = str(problem)
    if "not a real date" in message:
        suggestion = nearest_real_date(text)
        stop = " " if message.endswith("?") else ". "
        message += f"{stop}Enter a real date" + (f" such as {suggestion}" if suggestion else "")
        if wording_column:
            message += f' and put the wording from the document in "{wording_column}"'
    elif wording_column:
        message += f', or leave it blank and put the wording in "{wording_column}"'
    return CellProblem(message)


def read_yes_no(text: str) -> bool:
    """Yes or No; blank means No."""
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise CellProblem(f'"{text}" is not Yes or No. Enter Yes or No, or leave it blank for No')


def read_colour(text: str) -> str:
    """A colour as #rrggbb (the # may be left out), returned in lower case."""
    if match := _COLOUR.match(text.strip()):
        return "#" + match.group(1).lower()
    if not text.strip():
        raise CellProblem("Enter a colour as # and six hex digits, such as #f47738")
    raise CellProblem(f'"{text}" is not a colour. Enter a colour as # and six hex digits, such as #f47738')


def read_list(text: str) -> list[str]:
    """ "GM, DS" -> ["GM", "DS"]: split at commas (or semicolons or new lines), in order, without repeats."""
    parts = [p.strip() for p in (text or "").replace(";", ",").replace("\n", ",").split(",")]
    return list(dict.fromkeys(p for p in parts if p))


_OWNER_SEPARATORS = re.compile(r"[/;,&\n]")


def read_owners(text: str) -> list[str]:
    """ "GM / DS & Sam Moss" -> ["GM", "DS", "Sam Moss"]: owners split at /, ;, commas, & and new
    lines, in order, without repeats. "and" also separates owners, but it is in job titles too ("Head
    of SEN and Inclusion"), so it is split only when matching the People sheet (`owners.OwnerMatcher`)."""
    parts = [" ".join(p.split()) for p in _OWNER_SEPARATORS.split(text or "")]
    return list(dict.fromkeys(p for p in parts if p))


def check_length(text: str, limit: int) -> str:
    if len(text) > limit:
        raise CellProblem(f"This is {len(text)} characters long. Shorten it to {limit} characters or fewer")
    return text


def date_note(what: str, text: str, value: date | None) -> str | None:
    """What the preview says of a day written in another form than 31/10/2017, such as
    'Due "31-Oct-17" read as 31 October 2017 (the year 17 taken as 2017, not 1917)'
    (common.dates.how_read); None for a day written as 31/10/2017, or no day."""
    words = how_read(text, value) if value else None
    return f'{what} "{" ".join(text.split())}" {words}' if words else None
