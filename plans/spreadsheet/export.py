"""Writing a plan as the template: an Excel workbook or a zip of CSV files. Importing it back changes nothing.

The People and Workstreams sheets list what the plan uses: the workstreams of its
items, and the people who own its items or lead those workstreams.
"""

import csv
import io
import zipfile
from datetime import date

from django.db.models import Prefetch
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from areas.models import Person
from common.dates import format_uk_date
from common.uploads import csv_safe, without_control_characters, xlsx_text_cell

from ..models import Item, ItemOwner, Plan
from . import template as t
from .fields_write import field_rows, with_field_columns
from .findings import finding_rows
from .groups import group_rows
from .texts import text_rows

FORMATS = ("xlsx", "zip")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
TEXT_COLUMNS = {"Number", "See also", "Item", "Initials", "Code", "Page", "Value", "Items"}
Cell = str | date | None
Table = tuple[t.Sheet, list[list[Cell]]]  # a sheet of the template and its rows


def _yes_no(value: bool) -> str:
    return t.YES if value else t.NO


def _items(plan: Plan) -> list[Item]:
    return list(
        plan.items.current()
        .select_related("status")
        .prefetch_related(
            "workstreams__leaderships__person",
            Prefetch("ownerships", queryset=ItemOwner.objects.select_related("person")),
            Prefetch("see_also", queryset=Item.objects.current()),
        )
        .order_by("sort_key")
    )


def plan_tables(plan: Plan) -> list[Table]:
    """The plan as the template's sheets, in order, each as rows of cells (text or dates)."""
    items = _items(plan)
    workstreams = {w.pk: w for item in items for w in item.workstreams.all()}
    person_ids = {o.person_id for item in items for o in item.ownerships.all()}
    person_ids |= {lead.person_id for w in workstreams.values() for lead in w.leaderships.all()}
    groups = list(
        Person.objects.filter(pk__in=person_ids, kind=Person.Kind.GROUP).prefetch_related("members")
    )
    person_ids |= {m.pk for g in groups for m in g.members.all()}  # so that Members name people listed
    people = (
        Person.objects.filter(pk__in=person_ids, kind=Person.Kind.PERSON)
        .select_related("organisation")
        .order_by("initials")
    )
    names = [*plan.level_names, "", "", "", ""][:4]
    plurals = [*(plan.level_plurals or []), "", "", "", ""][:4]  # blank: worked out from the name
    plan_rows: list[list[Cell]] = [
        ["Reference", plan.reference],
        ["Title", plan.title],
        ["Type", plan.get_kind_display()],
        ["Status", plan.get_status_display()],
        ["Start date", plan.start_date],
        ["End date", plan.end_date],
        *([f"Level {n} name", name] for n, name in enumerate(names, start=1)),
        *([f"Level {n} plural", plural] for n, plural in enumerate(plurals, start=1)),
        ["RAG scheme", plan.rag_scheme.name],
    ]
    people_rows: list[list[Cell]] = [
        [p.initials, p.name, p.job_title, p.organisation.name if p.organisation else "", p.email, p.aliases]
        for p in people
    ]
    workstream_rows: list[list[Cell]] = [
        [w.code, w.name, ", ".join(lead.person.initials for lead in w.leaderships.all())]
        for w in sorted(workstreams.values(), key=lambda w: w.code)
    ]
    status_rows: list[list[Cell]] = [
        [s.label, s.colour, s.meaning, _yes_no(s.counts_as_done), _yes_no(s.needs_impact_evidence)]
        for s in plan.rag_scheme.statuses.order_by("position")
    ]
    item_rows: list[list[Cell]] = [
        [
            item.number,
            item.text,
            item.due_date,
            item.due_text,
            ", ".join(sorted(w.code for w in item.workstreams.all())),
            ", ".join(o.person.initials for o in item.ownerships.all()),
            item.partners,
            item.senior_owner,
            item.impact,
            item.evidence,
            ", ".join(i.number for i in sorted(item.see_also.all(), key=lambda i: i.sort_key)),
            item.status.label if item.status else "",
            item.notes,
            item.measure_codes,
        ]
        for item in items
    ]
    tables = list(
        zip(
            t.SHEETS,
            [
                plan_rows,
                people_rows,
                workstream_rows,
                status_rows,
                item_rows,
                finding_rows(plan),
                text_rows(plan),
                field_rows(plan),
                group_rows(groups),
            ],
            strict=True,
        )
    )
    return with_field_columns(tables, plan, items)


def _xlsx(tables: list[Table]) -> bytes:
    stream = io.BytesIO()
    workbook(tables).save(stream)
    return stream.getvalue()


def workbook(tables: list[Table]) -> Workbook:
    """The sheets as a workbook, as the export writes them: bold headings that stay in view, the
    template's column widths, numbers as text and dates as date cells."""
    book = Workbook()
    book.remove(book.worksheets[0])  # a new workbook's one empty sheet
    bold = Font(bold=True)
    for sheet, rows in tables:
        worksheet = book.create_sheet(sheet.name)
        for column, heading in enumerate(sheet.columns, start=1):
            cell = worksheet.cell(row=1, column=column, value=heading)
            cell.font = bold
            letter = get_column_letter(column)
            worksheet.column_dimensions[letter].width = sheet.width(heading)
        for row_number, row in enumerate(rows, start=2):
            for column, (heading, value) in enumerate(zip(sheet.columns, row, strict=True), start=1):
                cell = worksheet.cell(row=row_number, column=column)
                if isinstance(value, date):
                    cell.value = value
                    cell.number_format = "DD/MM/YYYY"
                elif value:
                    xlsx_text_cell(cell, without_control_characters(value))
                if heading in TEXT_COLUMNS and not isinstance(value, date):
                    cell.number_format = "@"
        worksheet.freeze_panes = "A2"
    return book


def _csv(sheet: t.Sheet, rows: list[list[Cell]]) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(sheet.columns)
    for row in rows:
        writer.writerow([format_uk_date(v) if isinstance(v, date) else csv_safe(v or "") for v in row])
    return stream.getvalue().encode("utf-8-sig")


def _zip(tables: list[Table]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet, rows in tables:
            info = zipfile.ZipInfo(sheet.file_name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv(sheet, rows))
    return stream.getvalue()


def export_plan(plan: Plan, fmt: str) -> bytes:
    """The plan as an Excel workbook (fmt "xlsx") or a zip of CSV files (fmt "zip")."""
    if fmt not in FORMATS:
        raise ValueError(f'Choose the format "xlsx" or "zip", not "{fmt}"')
    tables = plan_tables(plan)
    return _xlsx(tables) if fmt == "xlsx" else _zip(tables)


def export_file_name(plan: Plan, fmt: str) -> str:
    """A file name for a download of the plan, such as wsoa-2019.xlsx."""
    return f"{slugify(plan.reference) or 'plan'}.{fmt}"
