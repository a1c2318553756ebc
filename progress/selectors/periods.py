"""A plan's reporting periods: one found inside the user's area, the list, the one not yet reported."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from areas.access import Access
from common.prepared import PreparedQuery
from plans.models import Plan

from ..models import ReportingPeriod


def period_for(*, access: Access, pk: int) -> ReportingPeriod:
    return get_object_or_404(
        ReportingPeriod.objects.select_related("plan__area", "plan__rag_scheme", "reported_by").defer(
            "trend"
        ),
        pk=pk,
        plan__area=access.area,
    )


def periods_of(*, plan: Plan) -> list[ReportingPeriod]:
    """The plan's periods, newest first, each with `update_count` and `confirmed_count`: its updates
    and the confirmed ones."""
    return list(
        plan.periods.defer("trend")
        .annotate(
            update_count=Count("updates"),
            confirmed_count=Count("updates", filter=Q(updates__confirmed_at__isnull=False)),
        )
        .order_by("-starts_on")
    )


def current_period(*, plan: Plan) -> ReportingPeriod | None:
    """The plan's period that is not yet reported, if there is one (prepared: on every item page)."""
    return _CURRENT_PERIOD.first(plan=plan.pk)


_CURRENT_PERIOD = PreparedQuery(
    lambda plan: (
        ReportingPeriod.objects.filter(plan_id=plan)
        .exclude(state=ReportingPeriod.State.REPORTED)
        .defer("trend")
        .order_by("-starts_on")[:1]
    ),
    plan=int,
)


def current_periods(*, access: Access) -> dict[int, ReportingPeriod]:
    """Each plan's period that is not yet reported, by plan id, in one query."""
    periods = (
        ReportingPeriod.objects.filter(plan__area=access.area)
        .select_related("plan__rag_scheme", "plan__area")
        .defer("trend")
        .exclude(state=ReportingPeriod.State.REPORTED)
        .order_by("starts_on")
    )
    return {period.plan_id: period for period in periods}
