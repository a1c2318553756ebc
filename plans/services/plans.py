"""Creating plans and changing their settings."""

from django.core.exceptions import ValidationError
from django.db import transaction

from common.dates import format_uk_date
from history import services as history

from ..models import Plan

PLAN_FIELDS = {
    "reference": "Reference",
    "title": "Title",
    "kind": "Type",
    "status": "Status",
    "start_date": "Start date",
    "end_date": "End date",
    "level_names": "Level names",
    "rag_scheme": "RAG scheme",
    "reporting_cadence": "Reporting",
}


def plan_snapshot(plan: Plan) -> dict[str, str]:
    return {
        "Reference": plan.reference,
        "Title": plan.title,
        "Type": plan.get_kind_display(),
        "Status": plan.get_status_display(),
        "Start date": format_uk_date(plan.start_date),
        "End date": format_uk_date(plan.end_date),
        "Level names": " / ".join(plan.level_names),
        "RAG scheme": plan.rag_scheme.name,
        "Reporting": plan.get_reporting_cadence_display(),
    }


def _validate(plan: Plan) -> None:
    names = [str(n).strip() for n in plan.level_names if str(n).strip()]
    if not 2 <= len(names) <= 4:
        raise ValidationError({"level_names": "Name two, three or four levels, top level first"})
    plan.level_names = names
    if plan.start_date and plan.end_date and plan.end_date < plan.start_date:
        raise ValidationError({"end_date": "The end date must be the same as or after the start date"})
    if plan.rag_scheme.area_id != plan.area_id:
        raise ValidationError({"rag_scheme": "Choose a RAG scheme of this local area"})
    clash = Plan.objects.filter(area=plan.area, reference__iexact=plan.reference).exclude(pk=plan.pk)
    if clash.exists():
        raise ValidationError(
            {"reference": f"Another plan in this area already has the reference {plan.reference}"}
        )
    deepest = (
        plan.items.current().order_by("-level").values_list("level", flat=True).first() if plan.pk else None
    )
    if deepest and deepest > len(names):
        raise ValidationError(
            {"level_names": f"This plan has items at level {deepest}: name at least {deepest} levels"}
        )
    plan.full_clean(exclude=["level_names"])


@transaction.atomic
def plan_create(*, area, by=None, source: str = "Web", **fields) -> Plan:
    plan = Plan(area=area, **fields)
    _validate(plan)
    history.save_recorded(
        obj=plan,
        snapshot=plan_snapshot,
        before=None,
        area=area,
        subject=f"Plan {plan.reference}",
        by=by,
        source=source,
        plan=plan,
    )
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, expected_version: int, by=None, source: str = "Web", **fields) -> Plan:
    before = plan_snapshot(Plan.objects.select_related("rag_scheme").get(pk=plan.pk))
    if "rag_scheme" in fields and fields["rag_scheme"].pk != plan.rag_scheme_id:
        in_use = plan.items.current().filter(status__isnull=False).count()
        if in_use:
            raise ValidationError(
                {"rag_scheme": f"{in_use} items have a status from the current scheme. Clear them first."}
            )
    for name, value in fields.items():
        setattr(plan, name, value)
    _validate(plan)
    history.save_recorded(
        obj=plan,
        snapshot=plan_snapshot,
        before=before,
        area=plan.area,
        subject=f"Plan {plan.reference}",
        by=by,
        source=source,
        expected_version=expected_version,
        plan=plan,
    )
    return plan
