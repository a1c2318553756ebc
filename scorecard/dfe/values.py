"""Reading one DfE cell: a figure or a reason it is missing, a period, a geographic level, an area code.

Plain Python rules, each with a docstring a user could read. A refusal raises `CellProblem`,
whose message says what is wrong and what to do; the reader adds the row and column.
"""

import re
from decimal import Decimal
from enum import StrEnum

from .mapping import PERIOD_FORMATS

# The DfE's symbols for a figure that is not given, and blank, with the reason shown to users.
MISSING_REASONS = {
    "": "blank: no figure published",
    "x": "x: suppressed or not available",
    "z": "z: not applicable",
    "c": "c: confidential",
    ":": ": not available",
}
SYMBOLS = {reason: symbol for symbol, reason in MISSING_REASONS.items()}
PERCENT_TOLERANCE = Decimal("0.1")
LARGEST = Decimal(10) ** 10  # figures are stored with 10 digits before the point

_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
_YEAR = re.compile(r"^(\d{4})$")
_TWO_YEARS = re.compile(r"^(\d{4})(\d{2})$")
_NINE_CHARACTER_CODE = re.compile(r"^[A-Z]\d{8}$")
_OLD_LA_CODE = re.compile(r"^\d{3}$")


class CellProblem(ValueError):
    """A cell that cannot be read; the message says what is wrong and what to do."""


class Level(StrEnum):
    """The geographic levels read from a DfE file; rows at any other level are left out."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL_AUTHORITY = "local_authority"


_LEVEL_NAMES = {
    "national": Level.NATIONAL,
    "regional": Level.REGIONAL,
    "local authority": Level.LOCAL_AUTHORITY,
}


def read_figure(text: str) -> tuple[Decimal | None, str]:
    """A published figure, or no figure and the reason: blank and the symbols x, z, c and : mean missing.

    A missing figure is never read as zero. Anything else must be a plain number such as
    1234 or 46.4: figures must be numbers, or x, z, c or : where the DfE gives none.
    """
    cleaned = text.strip()
    reason = MISSING_REASONS.get(cleaned.casefold())
    if reason is not None:
        return None, reason
    if not _NUMBER.match(cleaned):
        raise CellProblem(
            f'"{cleaned}" is not a number. Figures must be numbers, or x, z, c or : where there is '
            "no figure. Check the file is as the DfE published it"
        )
    number = Decimal(cleaned)
    if abs(number) >= LARGEST:
        raise CellProblem(
            f'"{cleaned}" is far larger than any published figure (the largest this service keeps is under '
            "10,000,000,000). Check the file is as the DfE published it"
        )
    return number, ""


def read_period(text: str, period_format: str = "auto") -> str:
    """The period as people write it: 2024 stays 2024; the academic year 201920 becomes 2019/20."""
    cleaned = text.strip()
    if period_format in {"auto", "year"} and _YEAR.match(cleaned):
        return cleaned
    if period_format in {"auto", "academic_year"} and (match := _TWO_YEARS.match(cleaned)):
        first, second = match.groups()
        if (int(first) + 1) % 100 == int(second):
            return f"{first}/{second}"
    shown = f'"{cleaned}"' if cleaned else "Blank"
    raise CellProblem(
        f"{shown} is not a period the mapping expects. The period must be {PERIOD_FORMATS[period_format]}"
    )


def read_level(text: str) -> Level | None:
    """National, Regional or Local authority, in any case; None for other levels, which are left out."""
    cleaned = " ".join(text.replace("_", " ").split()).casefold()
    if not cleaned:
        raise CellProblem(
            "The geographic level is blank. Each row must say National, Regional or Local authority"
        )
    return _LEVEL_NAMES.get(cleaned)


def normalise_code(code: str) -> str:
    """An area code as it is compared: no surrounding spaces, capital letters."""
    return code.strip().upper()


def is_nine_character_code(code: str) -> bool:
    """A 9-character ONS code such as E08000007 (Stockport) or E12000002 (North West)."""
    return bool(_NINE_CHARACTER_CODE.match(code))


def is_old_la_code(code: str) -> bool:
    """A 3-digit DfE local authority code such as 356 (Stockport)."""
    return bool(_OLD_LA_CODE.match(code))


def check_code(code: str, *, old: bool = False) -> None:
    """A code in the file must look like one: E08000007, or 356 for a 3-digit local authority code."""
    if not code:
        return
    if old and not is_old_la_code(code):
        raise CellProblem(f'"{code}" is not a 3-digit local authority code such as 356')
    if not old and not is_nine_character_code(code):
        raise CellProblem(f'"{code}" is not a 9-character area code such as E08000007')


def recompute_percentage(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """The percentage the counts give, unrounded; None when the denominator is 0."""
    if denominator == 0:
        return None
    return numerator * 100 / denominator


def percentage_problem(published: Decimal, numerator: Decimal, denominator: Decimal) -> str:
    """A published percentage must agree within 0.1 with the one its numerator and denominator give.

    Returns the message for a user, or "" when they agree. A percentage with a
    denominator of 0 should be x, not a number.
    """
    recomputed = recompute_percentage(numerator, denominator)
    if recomputed is None:
        return (
            f"The percentage is given as {published} but the denominator is 0. "
            "A percentage of nothing should be x. Check the file is as the DfE published it"
        )
    if abs(recomputed - published) <= PERCENT_TOLERANCE:
        return ""
    return (
        f"The published percentage is {published} but {numerator} out of {denominator} is "
        f"{recomputed.quantize(Decimal('0.01'))}. They should agree to within 0.1: check the file "
        "is as the DfE published it, or that the mapping names the right numerator and denominator"
    )


def missing_symbol(reason: str) -> str:
    """The DfE's symbol for a missing figure, from the reason it was read with: "x" for "x: suppressed
    or not available", "blank" for a blank cell; a reason not from a DfE file is given as it is."""
    symbol = SYMBOLS.get(reason)
    if symbol is None:
        return reason
    return symbol or "blank"
