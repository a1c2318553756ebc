"""Creating plans and changing their settings."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea
from history import services as history

from .. import rollup, rules
from ..models import Plan, RagScheme
from ..snapshots import plan_snapshot


@dataclass
class PlanContent:
    """Everything about a plan that people set: the plan form's fields, or the Plan sheet of an import."""

    reference: str
    title: str
    kind: str  # a Plan.Kind value
    status: str  # a Plan.Status value
    start_date: date | None
    end_date: date | None
    level_names: list[str]  # top level first
    rag_scheme: RagScheme
    reporting_cadence: int  # a Cadence value
    rollup_rule: str = rollup.WORST  # a plans.rollup rule
    level_plurals: list[str] = field(default_factory=list)  # "" for a plural worked out from the name

    def apply_to(self, plan: Plan) -> Plan:
        """The plan with this content, not saved."""
        plan.reference = self.reference
        plan.title = self.title
        plan.kind = self.kind
        plan.status = self.status
        plan.start_date = self.start_date
        plan.end_date = self.end_date
        plan.level_names = self.level_names
        plan.rag_scheme = self.rag_scheme
        plan.reporting_cadence = self.reporting_cadence
        plan.rollup_rule = self.rollup_rule
        plan.level_plurals = self.level_plurals
        return plan


def _validate(plan: Plan) -> None:
    names = [str(n).strip() for n in plan.level_names if str(n).strip()]
    if not 2 <= len(names) <= 4:
        raise ValidationError({"level_names": "Name two, three or four levels, top level first"})
    plan.level_names = names
    plan.level_plurals = rules.level_plurals(names, list(plan.level_plurals or []))
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
def plan_create(
    *, area: LocalArea, content: PlanContent, by: User | None = None, source: str = "Web"
) -> Plan:
    plan = content.apply_to(Plan(area=area))
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
def plan_update(
    *, plan: Plan, content: PlanContent, expected_version: int, by: User | None = None, source: str = "Web"
) -> Plan:
    saved = Plan.objects.select_related("rag_scheme").get(
        pk=plan.pk
    )  # as saved, whatever a form set on `plan`
    before = plan_snapshot(saved)
    if content.rag_scheme.pk != saved.rag_scheme_id:
        in_use = plan.items.current().filter(status__isnull=False).count()
        if in_use:
            raise ValidationError(
                {"rag_scheme": f"{in_use} items have a status from the current scheme. Clear them first."}
            )
    content.apply_to(plan)
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
