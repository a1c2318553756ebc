"""A problem found in an uploaded plan, located by sheet, row and column."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file. `sheet`, `row` and `column` are blank when they do not apply."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def place(self) -> str:
        """Where the problem is, as people say it: "Items, row 14, Due date"."""
        parts = [self.sheet] if self.sheet else []
        if self.row:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class ImportRejected(Exception):
    """The file was not imported, for the reasons listed in `problems`. Nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"The file has {count} problem{'' if count == 1 else 's'}: nothing was imported")


def row_ranges(rows: list[int]) -> str:
    """Row numbers as people list them: runs of three or more joined ("3-40, 45, 47"), in order,
    each once; "3, 4" stays as it is."""
    numbers = sorted(set(rows))
    parts: list[str] = []
    start = 0
    for index in range(1, len(numbers) + 1):
        if index == len(numbers) or numbers[index] != numbers[index - 1] + 1:
            run = numbers[start:index]
            parts += [f"{run[0]}-{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
            start = index
    return ", ".join(parts)


_QUOTED = re.compile(r'"([^"]*)"')
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_VARYING = re.compile(rf"\d+|\b[A-Z]{{1,4}}\b|\b(?:{_MONTHS})\b")  # numbers, initials such as KD, months


def _kind(message: str) -> str:
    """A message without what varies from row to row: the values it quotes (wherever they recur),
    numbers, initials and the names of months (a date read as "31 October 2017")."""
    for value in set(_QUOTED.findall(message)):
        message = message.replace(value, "#") if value else message
    return _VARYING.sub("#", message)


@dataclass(frozen=True)
class ProblemGroup:
    """The same problem in the same column of several rows, said once: where, and its words; when the
    rows' own words differ (each quotes its cell), the first row's as an example, and each row's."""

    sheet: str
    column: str | None
    rows: list[int]
    message: str
    details: list[Problem]

    @property
    def place(self) -> str:
        """ "Items, rows 3-40, 45, 47, Due date"."""
        parts = [self.sheet] if self.sheet else []
        if self.rows:
            parts.append(f"row{'s' if len(self.rows) > 1 else ''} {row_ranges(self.rows)}")
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


def grouped(problems: list[Problem]) -> list[ProblemGroup]:
    """Problems (or notes) with the same words in the same sheet and column, but for the values they
    quote and the numbers in them, as one group each, in the order of each group's first row. A
    problem about the file, a sheet or a column, with no row, stays on its own."""
    groups: dict[tuple[str, str | None, str], list[Problem]] = {}
    for index, problem in enumerate(problems):
        kind = _kind(problem.message) if problem.row else f"#{index}"
        groups.setdefault((problem.sheet, problem.column, kind), []).append(problem)
    result = []
    for members in groups.values():
        first = members[0]
        differ = len({member.message for member in members}) > 1
        result.append(
            ProblemGroup(
                sheet=first.sheet,
                column=first.column,
                rows=list(dict.fromkeys(member.row for member in members if member.row)),
                message=f"For example, in row {first.row}: {first.message}" if differ else first.message,
                details=members if differ else [],
            )
        )
    return result
