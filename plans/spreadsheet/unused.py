"""What a plan file holds that the import does not use: columns the template does not have, rows of the
Plan sheet that are not its fields, and whole sheets that are not the template's. The preview lists them
so that nobody loses a column of their plan without seeing it ("Success Criteria / Measures")."""

from dataclasses import dataclass

from . import template as t
from .reading import ReadResult


@dataclass(frozen=True)
class Unused:
    """One thing in the file that will not be imported. `kind` is "column", "field" (a row of the Plan
    sheet) or "sheet"; `name` is its heading, field or sheet name as written; `filled` counts its
    filled cells (for a sheet: its rows)."""

    sheet: str
    kind: str
    name: str
    filled: int

    @property
    def words(self) -> str:
        """As the preview lists it: 'Items: "Success Criteria / Measures" (81 filled cells)'."""
        cells = f"{self.filled} filled cell{'' if self.filled == 1 else 's'}"
        if self.kind == "sheet":
            return f'The sheet "{self.name}" ({self.filled} row{"" if self.filled == 1 else "s"})'
        if self.kind == "field":
            return f'{self.sheet}: the row "{self.name}" ({"filled" if self.filled else "blank"})'
        return f'{self.sheet}: "{self.name}" ({cells})'


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def unused_parts(read: ReadResult) -> list[Unused]:
    """Everything in the file the import leaves out, sheet by sheet in the template's order, then the
    sheets the template does not have, but for the blank template's own Guidance sheet."""
    unused: list[Unused] = []
    known = {t.sheet_key(sheet.name): sheet for sheet in t.SHEETS}
    for key, sheet in known.items():
        raw = read.sheets.get(key)
        if raw is None:
            continue
        columns = {_key(column) for column in sheet.columns}
        for heading, written in raw.headings.items():
            if heading not in columns:
                filled = sum(1 for row in raw.rows if row.cells.get(heading))
                unused.append(Unused(sheet.name, "column", written, filled))
        if sheet is t.PLAN:
            fields = {_key(field) for field in t.PLAN_FIELDS}
            for row in raw.rows:
                field = row.get("Field")
                if field and _key(field) not in fields:
                    unused.append(Unused(sheet.name, "field", field, 1 if row.get("Value") else 0))
    for key, raw in read.sheets.items():
        if key not in known and key != t.sheet_key(t.GUIDANCE_SHEET):
            unused.append(Unused(raw.name, "sheet", raw.name, len(raw.rows)))
    return unused
