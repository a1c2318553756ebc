"""Plan files built in code for the import and export tests: a small valid plan, and writers for each form."""

import copy
import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

from plans.spreadsheet.template import SHEETS

HEADINGS = {sheet.name: list(sheet.columns) for sheet in SHEETS}
FILE_NAMES = {sheet.name: sheet.file_name for sheet in SHEETS}

_ITEM_COLUMNS = HEADINGS["Items"]


def item(number: str, text: str, **values: str) -> list[str]:
    """A row of the Items sheet; values by column, with spaces as underscores (due_date="31/07/2019")."""
    by_column = {column.lower().replace(" ", "_"): "" for column in _ITEM_COLUMNS}
    unknown = set(values) - set(by_column)
    assert not unknown, f"no such column: {unknown}"
    by_column.update(number=number, text=text)
    by_column.update(values)
    return [by_column[column.lower().replace(" ", "_")] for column in _ITEM_COLUMNS]


VALID: dict[str, list[list[str]]] = {
    "Plan": [
        ["Field", "Value"],
        ["Reference", "WSOA-2019"],
        ["Title", "Written Statement of Action"],
        ["Type", "Written statement of action"],
        ["Status", "Live"],
        ["Start date", "01/04/2019"],
        ["End date", "31/03/2021"],
        ["Level 1 name", "Area of weakness"],
        ["Level 2 name", "Priority"],
        ["Level 3 name", "Key action"],
        ["Level 4 name", "Milestone"],
        ["RAG scheme", "Stockport progress"],
    ],
    "People": [
        HEADINGS["People"][:5],  # no Aliases column: a file written before there was one
        ["CL", "", "Strategic Lead SEN and Inclusion", "Stockport LA", ""],
        ["SM", "Sam Moss", "Operational Lead SEN", "Stockport LA", "sam@example.org"],
        ["GM", "", "Head of Commissioning", "Stockport CCG", ""],
    ],
    "Workstreams": [
        HEADINGS["Workstreams"],
        ["JC", "Joint Commissioning, Monitoring and Evaluation", "GM"],
        ["S/E", "SEN Support/ EHC plans", "CL"],
    ],
    "RAG scheme": [
        HEADINGS["RAG scheme"],
        ["Not started", "#d4351c", "Work has not started.", "No", "No"],
        ["Progressing", "#f47738", "Work is progressing.", "No", "No"],
        ["Completed", "#00703c", "", "Yes", "No"],
        ["Completed and embedded", "#1d70b8", "With evidence of impact.", "Yes", "Yes"],
    ],
    "Items": [
        _ITEM_COLUMNS,
        item("1", "To develop an effective approach to joint commissioning", senior_owner="DCS"),
        item("1.1", "Senior leaders own the change", impact="Families see joined-up services"),
        item("1.1.1", "Set up the joint commissioning board", workstream="JC", owners="GM"),
        item(
            "1.1.1.1",
            "Board meets fortnightly",
            due_date="31/07/2019",
            workstream="JC, S/E",
            owners="GM, CL",
            partners="Health, Education",
            how_do_we_know="Minutes of the board",
            see_also="2.1.1",
            status="Progressing",
            notes="Check the terms of reference",
        ),
        item("1.1.1.2", "Commissioning review", due_as_written="Autumn Term 2018", status="Not started"),
        item("2", "To assess and meet social care needs"),
        item("2.1", "Social care advice in every EHC plan"),
        item("2.1.1", "Train social workers", workstream="S/E", owners="SM"),
        item("2.1.1.1", "Training delivered", due_date="30/09/2019", owners="SM", status="Completed"),
    ],
    "Findings": [
        HEADINGS["Findings"],
        [
            "KC1",
            "Joint commissioning",
            "Leaders have not developed an effective approach to joint commissioning.",
            "1",
            "3",
        ],
        ["KC2", "", "Social care needs are not assessed alongside EHC needs assessments.", "2", "4"],
    ],
}


def valid_sheets() -> dict[str, list[list[str]]]:
    return copy.deepcopy(VALID)


def set_cell(sheets, sheet: str, row: int, column: str, value) -> None:
    """Change one cell, by spreadsheet row number (the heading is row 1) and column heading."""
    headings = sheets[sheet][0]
    sheets[sheet][row - 1][headings.index(column)] = value


def plan_value(sheets, field: str, value: str) -> None:
    for row in sheets["Plan"]:
        if row[0] == field:
            row[1] = value
            return
    sheets["Plan"].append([field, value])


def xlsx_bytes(sheets) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def csv_bytes(rows, *, bom: bool = True) -> bytes:
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\r\n").writerows(rows)
    return stream.getvalue().encode("utf-8-sig" if bom else "utf-8")


def zip_bytes(sheets) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sheets.items():
            archive.writestr(FILE_NAMES[name], csv_bytes(rows))
    return stream.getvalue()


def write_file(folder: Path, sheets, fmt: str = "xlsx", name: str = "plan") -> Path:
    """Write the sheets as plan.xlsx, plan.zip, or a folder of CSV files; return the path."""
    if fmt == "folder":
        path = folder / name
        path.mkdir(exist_ok=True)
        for sheet, rows in sheets.items():
            (path / FILE_NAMES[sheet]).write_bytes(csv_bytes(rows))
        return path
    path = folder / f"{name}.{fmt}"
    path.write_bytes(xlsx_bytes(sheets) if fmt == "xlsx" else zip_bytes(sheets))
    return path
