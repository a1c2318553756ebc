""" "You said, we did" as the template's workbook. Importing it back changes nothing."""

from django.db.models import Prefetch
from django.utils.text import slugify

from areas.models import LocalArea
from plans.models import Item
from plans.spreadsheet.book import XLSX_TYPE, Cell, write_book

from ..models import Entry
from . import template as t

CONTENT_TYPE = XLSX_TYPE


def _row(entry: Entry) -> list[Cell]:
    return [
        entry.reference,
        entry.said,
        entry.get_source_display(),
        entry.heard_on,
        entry.group,
        entry.did,
        entry.how_we_know,
        "\n".join(e.title for e in entry.evidence.all()),
        ", ".join(m.code for m in entry.measures.all()),
        ", ".join(o.code for o in entry.outcomes.all()),
        ", ".join(f"{i.plan.reference}:{i.number}" for i in entry.items.all() if i.removed_at is None),
        "Yes" if entry.is_published else "No",
    ]


def export_entries(area: LocalArea) -> bytes:
    """Every entry of the area, published or not, as an .xlsx."""
    entries = Entry.objects.filter(area=area).prefetch_related(
        "evidence",
        "measures",
        "outcomes",
        Prefetch(
            "items", queryset=Item.objects.select_related("plan").order_by("plan__reference", "sort_key")
        ),
    )
    return write_book([(t.SHEET, t.COLUMNS, [_row(e) for e in entries.order_by("sort_key")])])


def export_file_name(area: LocalArea) -> str:
    return f"{slugify(area.slug) or 'area'}-you-said-we-did.xlsx"
