"""One row of a template's sheet read cell by cell: every refusal becomes a Problem at its sheet, row
and column, and reading carries on so that every problem in the file is listed at once."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from .cells import CellProblem, check_length, read_date, read_list, read_yes_no
from .problems import Problem
from .reading import RawRow

T = TypeVar("T")


class RowReader:
    def __init__(self, sheet: str, row: RawRow, problems: list[Problem]):
        self.sheet, self.row, self.problems = sheet, row, problems
        self.number = row.number

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.sheet, self.number, column, message))

    def text(self, column: str, limit: int | None = None) -> str:
        value = self.row.get(column)
        if limit is not None:
            try:
                check_length(value, limit)
            except CellProblem as problem:
                self.problem(column, str(problem))
        return value

    def read(self, column: str, reader: Callable[[str], T], default: T) -> T:
        try:
            return reader(self.row.get(column))
        except CellProblem as problem:
            self.problem(column, str(problem))
            return default

    def day(self, column: str) -> date | None:
        found: date | None = self.read(column, read_date, None)
        return found

    def yes_no(self, column: str) -> bool:
        return self.read(column, read_yes_no, False)

    def names(self, column: str, known: dict[str, T], what: Callable[[str], str]) -> list[T]:
        """Each of a list's names (matched in lower case) in `known`; `what(name)` says what is wrong."""
        found = []
        for name in read_list(self.row.get(column)):
            if name.lower() in known:
                found.append(known[name.lower()])
            else:
                self.problem(column, what(name))
        return found

    def reference(self, seen: dict[str, int], *, thing: str, example: str) -> str:
        """The row's reference (a "Reference" column), once in the file: a missing one or one already on
        an earlier row (`seen`, kept by the caller, in lower case) is a problem and reads as ""."""
        reference = self.text("Reference", 20)
        if not reference:
            self.problem(
                "Reference", f"Enter the {thing}'s reference, such as {example}: every row needs one"
            )
        elif reference.lower() in seen:
            self.problem(
                "Reference",
                f"{reference} is also on row {seen[reference.lower()]}. Give each {thing} its own reference",
            )
            return ""
        else:
            seen[reference.lower()] = self.number
        return reference
