"""A problem found in an uploaded plan, located by sheet, row and column."""

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
