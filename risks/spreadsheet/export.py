"""A plan's risk register as the template's workbook. Importing it back changes nothing."""

from django.db.models import Prefetch
from django.utils.text import slugify

from plans.models import Plan
from plans.spreadsheet.book import XLSX_TYPE, Cell, write_book

from ..models import Mitigation, Risk
from . import template as t

CONTENT_TYPE = XLSX_TYPE


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _risk_row(risk: Risk) -> list[Cell]:
    return [
        risk.reference,
        risk.title,
        risk.cause,
        risk.event,
        risk.effect,
        risk.owner.initials if risk.owner else "",
        risk.category,
        _number(risk.likelihood),
        _number(risk.impact),
        _number(risk.inherent_likelihood),
        _number(risk.inherent_impact),
        _number(risk.target_likelihood),
        _number(risk.target_impact),
        risk.review_on,
        t.OPEN if risk.is_open else t.CLOSED,
        risk.closed_reason,
        ", ".join(i.number for i in risk.items.all() if i.removed_at is None),
        ", ".join(m.code for m in risk.measures.all()),
    ]


def export_risks(plan: Plan) -> bytes:
    """The plan's risks, their mitigations (in order) and every progress note, as an .xlsx."""
    risks = list(
        Risk.objects.filter(plan=plan)
        .select_related("owner")
        .prefetch_related(
            "items",
            "measures",
            Prefetch(
                "mitigations", queryset=Mitigation.objects.select_related("owner").prefetch_related("notes")
            ),
        )
        .order_by("sort_key")
    )
    mitigation_rows: list[list[Cell]] = []
    note_rows: list[list[Cell]] = []
    for risk in risks:
        for number, mitigation in enumerate(risk.mitigations.all(), start=1):
            mitigation_rows.append(
                [
                    risk.reference,
                    mitigation.action,
                    mitigation.owner.initials if mitigation.owner else "",
                    mitigation.due_on,
                    "Yes" if mitigation.is_done else "No",
                ]
            )
            for note in sorted(mitigation.notes.all(), key=lambda n: (n.dated, n.pk)):
                note_rows.append([risk.reference, str(number), note.dated, note.text])
    return write_book(
        [
            (t.RISKS, t.RISK_COLUMNS, [_risk_row(r) for r in risks]),
            (t.MITIGATIONS, t.MITIGATION_COLUMNS, mitigation_rows),
            (t.NOTES, t.NOTE_COLUMNS, note_rows),
        ]
    )


def export_file_name(plan: Plan) -> str:
    return f"{slugify(plan.reference) or 'plan'}-risks.xlsx"
