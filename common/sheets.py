"""A sheet's header row against the columns a template knows. Plain Python: no Django here.

Used by the register imports (risks, "You said, we did") so that a column the user filled is never
dropped without a word: a required column that is missing, and an unknown column with data in it,
are both reported with the row where the data starts.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


def heading_key(text: str) -> str:
    """How headings are matched: "Next  review" and "next review" are one."""
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class UnknownColumn:
    heading: str  # as written in the file
    first_row: int  # the first row with something in this column


def missing_columns(headings: Mapping[str, str], required: Sequence[str]) -> list[str]:
    """The required columns (as the template names them) that the sheet's header row lacks."""
    return [column for column in required if heading_key(column) not in headings]


def unknown_columns(
    headings: Mapping[str, str],
    rows: Iterable[tuple[int, Mapping[str, str]]],
    known: Sequence[str],
) -> list[UnknownColumn]:
    """Columns that are not the template's and have data in some row (empty ones do no harm).

    `headings` maps each heading's key to its text; `rows` gives each row's number and its cells by
    heading key.
    """
    known_keys = {heading_key(column) for column in known}
    first: dict[str, int] = {}
    for number, cells in rows:
        for key, value in cells.items():
            if key not in known_keys and value.strip() and key not in first:
                first[key] = number
    return [UnknownColumn(heading=headings.get(key, key), first_row=row) for key, row in first.items()]
