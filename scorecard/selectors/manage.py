"""Reading what the scorecard's definition pages need, always inside the signed-in user's area."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import Person
from plans.models import Item, Plan

from ..models import Breakdown, Measure, Outcome, Target


def outcomes_with_counts(*, access: Access) -> QuerySet[Outcome]:
    """The area's outcomes in order, each with how many measures evidence it."""
    return (
        Outcome.objects.filter(area=access.area)
        .annotate(measure_count=Count("measures"))
        .order_by("position", "code")  # Meta.ordering does not apply to a GROUP BY query
    )


def outcomes_of(*, access: Access) -> QuerySet[Outcome]:
    return Outcome.objects.filter(area=access.area).order_by("position", "code")


def people_of(*, access: Access) -> QuerySet[Person]:
    return Person.objects.filter(area=access.area).order_by("initials")


def plans_to_link(*, access: Access, measure: Measure | None = None) -> list[Plan]:
    """Plans whose items a measure may be linked to: those not closed, and any it is linked to already."""
    wanted = ~Q(status=Plan.Status.CLOSED)
    if measure is not None and measure.pk:
        wanted |= Q(items__measures=measure)
    return list(Plan.objects.filter(wanted, area=access.area).distinct().order_by("reference"))


def items_numbered(*, plan: Plan, numbers: list[str]) -> dict[str, Item]:
    """The plan's current (not removed) items with these numbers, by number."""
    found = Item.objects.filter(plan=plan, number__in=numbers, removed_at__isnull=True).select_related("plan")
    return {item.number: item for item in found}


def measure_for_editing(*, access: Access, pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("owner", "area").prefetch_related(
            "outcomes", Prefetch("items", queryset=Item.objects.select_related("plan"))
        ),
        area=access.area,
        pk=pk,
    )


def breakdowns_of(*, measure: Measure) -> list[Breakdown]:
    """A measure's breakdowns, headline first, each with its targets and how many figures it holds."""
    return list(
        Breakdown.objects.filter(measure=measure)
        .annotate(figure_count=Count("figures"))
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("due_on")))
        .order_by("position", "pk")
    )


def get_breakdown(*, measure: Measure, pk: int | str | None) -> Breakdown:
    return get_object_or_404(Breakdown.objects.select_related("measure__area"), measure=measure, pk=pk)


def get_target(*, measure: Measure, pk: int | str | None) -> Target:
    return get_object_or_404(
        Target.objects.select_related("breakdown__measure__area"), breakdown__measure=measure, pk=pk
    )
