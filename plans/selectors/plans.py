"""Plans and their RAG schemes, found inside the user's area."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from areas.access import Access
from common.prepared import PreparedQuery

from ..models import Plan, PlanText, RagScheme, RagStatus


def not_done(*, done_ids: list[int]) -> Q:
    """Items whose status does not count as done (including items with no status yet)."""
    if not done_ids:
        return Q(pk__isnull=False)
    return Q(status__isnull=True) | ~Q(status_id__in=done_ids)


def plans_for(*, access: Access) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(area=access.area)
        .select_related("rag_scheme")
        .annotate(item_count=Count("items", filter=Q(items__removed_at__isnull=True)))
    )


def plan_for(*, access: Access, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("rag_scheme", "area"), pk=pk, area=access.area)


def statuses_of(*, plan: Plan) -> list[RagStatus]:
    """The statuses of the plan's RAG scheme, in order (one query, whether or not the scheme was read;
    prepared, common.prepared: most pages read them)."""
    return _STATUSES.all(scheme=plan.rag_scheme_id)


_STATUSES = PreparedQuery(
    lambda scheme: RagStatus.objects.filter(scheme_id=scheme).order_by("position"), scheme=int
)


def rag_schemes_for(*, access: Access) -> QuerySet[RagScheme]:
    return RagScheme.objects.filter(area=access.area).prefetch_related("statuses", "plans")


def rag_scheme_for(*, access: Access, pk: int) -> RagScheme:
    return get_object_or_404(RagScheme.objects.prefetch_related("statuses", "plans"), pk=pk, area=access.area)


def rag_status_for(*, access: Access, scheme_pk: int, pk: int) -> RagStatus:
    return get_object_or_404(
        RagStatus.objects.select_related("scheme__area"), pk=pk, scheme_id=scheme_pk, scheme__area=access.area
    )


def plan_texts(*, plan: Plan) -> list[PlanText]:
    """Every section of the plan's text, in the fixed order; a section never written is an unsaved row at
    version 0 with no text. One query."""
    saved = {t.section: t for t in PlanText.objects.filter(plan=plan)}
    return [
        saved.get(section) or PlanText(plan=plan, section=section, text="", version=0)
        for section in PlanText.Section.values
    ]
