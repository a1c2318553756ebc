"""A blank plan template to fill in: every sheet of the template with its headings, styled as the export
styles them, the Plan sheet's fields listed ready for their values, and a first "Guidance" sheet saying
what each sheet and column is for and which are required. Its words come from docs/plan-template.md, so
the guidance and the guide cannot drift apart; the import never reads the Guidance sheet."""

import io
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font

from . import template as t
from .export import Cell, Table, workbook

GUIDANCE = t.Sheet(
    t.GUIDANCE_SHEET,
    "",
    ("Sheet", "Column or field", "Required", "What to write"),
    (),
    False,
    (16, 26, 10, 100),
)
GENERAL = (
    (
        "Numbers",
        "An item's number says where it sits: 1 is a top-level item, 1.2 its second child. Parts may be "
        "letters or digits (A1, A1.2, 1a). Items are shown in the order of their rows, so put them in "
        "your document's order. Format the Number column as Text, so that 1.10 stays 1.10.",
    ),
    (
        "Dates",
        "A date such as 31/10/2017, 31/10/17, 31-Oct-17, 31 Oct 2017, 31 October 2017 or 2017-10-31, or "
        "a date cell. A month, a term or a range (Sept 2019, Autumn Term 2018, Sept 2018 - March 2019) "
        "is kept as written, due at its end where that is certain.",
    ),
    (
        "Owners",
        "Initials from the People sheet (or the area's people), lead owner first, separated by commas, "
        'semicolons, "/", "&" or "and". A full name or job title of exactly one person also does.',
    ),
    (
        "Lists",
        "Workstream, See also and Measures list several values separated by commas.",
    ),
    (
        "Required",
        'Only the Plan and Items sheets are required. In each sheet, the columns marked "Required" must '
        "be there and filled in; a sheet or column you leave out changes nothing in the plan.",
    ),
)
_SHEET_HEADING = re.compile(r'^## Sheet "(.+)"\s*$')
_RANGE_ROW = re.compile(r"^Level 1 (\w+) \.\.\. Level 4 \1$")


def _plain(text: str) -> str:
    """A cell of the guide without its Markdown: no backticks, stars or escapes."""
    return " ".join(text.replace("`", "").replace("*", "").replace("\\|", "|").split())


@cache
def guide() -> dict[str, tuple[str, dict[str, str]]]:
    """docs/plan-template.md read as {sheet: (what it is for, {column or field: what to write})}: the
    first paragraph under each sheet's heading, and the rows of its table."""
    path = Path(settings.BASE_DIR) / "docs" / "plan-template.md"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    found: dict[str, tuple[str, dict[str, str]]] = {}
    sheet, said = "", False
    about: list[str] = []
    rows: dict[str, str] = {}
    for line in [*lines, "## end"]:
        if line.startswith("## "):
            if sheet:
                found[sheet] = (_plain(" ".join(about)), rows)
            match = _SHEET_HEADING.match(line)
            sheet, about, rows, said = (match.group(1) if match else ""), [], {}, False
        elif not sheet:
            continue
        elif line.startswith("|"):
            said = True
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if len(cells) >= 3 and not set(cells[0]) <= set("- :") and cells[0] not in {"Column", "Field"}:
                rows[_plain(cells[0])] = _plain(cells[-1])
        elif not line.strip():
            said = said or bool(about)
        elif not said:
            about.append(line.strip())
    return found


def _words(sheet: str, name: str) -> str:
    rows = guide().get(sheet, ("", {}))[1]
    if name in rows:
        return rows[name]
    for written, words in rows.items():
        match = _RANGE_ROW.match(written)
        if match and re.fullmatch(rf"Level [1-4] {match.group(1)}", name):
            return words
    return "See the plan template's guide."


def guidance_rows() -> list[list[Cell]]:
    """The Guidance sheet: what goes in every sheet, then each sheet, column and Plan field."""
    rows: list[list[Cell]] = [["All sheets", name, "", words] for name, words in GENERAL]
    for sheet in t.SHEETS:
        about = guide().get(sheet.name, ("", {}))[0]
        rows.append(
            [sheet.name, "", "Yes" if sheet.required else "No", about or "See the plan template's guide."]
        )
        if sheet is t.PLAN:
            for name in t.PLAN_FIELDS:
                required = "Yes" if name in t.REQUIRED_PLAN_FIELDS else "No"
                rows.append([sheet.name, f"Field: {name}", required, _words(sheet.name, name)])
            continue
        for column in sheet.columns:
            required = "Yes" if column in sheet.required_columns else "No"
            rows.append([sheet.name, column, required, _words(sheet.name, column)])
    return rows


def blank_template() -> bytes:
    """The blank template as an Excel workbook (.xlsx)."""
    tables: list[Table] = [(GUIDANCE, guidance_rows())]
    for sheet in t.SHEETS:
        rows: list[list[Cell]] = [[name, None] for name in t.PLAN_FIELDS] if sheet is t.PLAN else []
        tables.append((sheet, rows))
    book = workbook(tables)
    for cell in book[t.GUIDANCE_SHEET]["D"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    plan = book[t.PLAN.name]
    for (cell,) in plan.iter_rows(min_row=2, max_col=1):
        if cell.value in t.REQUIRED_PLAN_FIELDS:
            cell.font = Font(bold=True)
            cell.comment = Comment("Required", "Plan template")
    for sheet in t.SHEETS:
        for cell in book[sheet.name][1]:
            if cell.value in sheet.required_columns:
                cell.comment = Comment("Required", "Plan template")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
