"""Reads for the people, workstreams and members pages, always inside the user's area."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from .access import Access
from .models import Membership, Person, Workstream

CURRENT_ITEMS = Q(owned_items__removed_at__isnull=True)


def people_for(*, access: Access) -> QuerySet[Person]:
    return (
        Person.objects.filter(area=access.area)
        .select_related("organisation", "area")
        .annotate(item_count=Count("owned_items", filter=CURRENT_ITEMS, distinct=True))
        .order_by("initials")
    )


def person_for(*, access: Access, pk: int) -> Person:
    return get_object_or_404(Person.objects.select_related("organisation", "area"), pk=pk, area=access.area)


def workstreams_for(*, access: Access) -> QuerySet[Workstream]:
    return (
        Workstream.objects.filter(area=access.area)
        .select_related("lead", "area")
        .annotate(item_count=Count("items", filter=Q(items__removed_at__isnull=True), distinct=True))
        .order_by("code")
    )


def workstream_for(*, access: Access, pk: int) -> Workstream:
    return get_object_or_404(Workstream.objects.select_related("lead", "area"), pk=pk, area=access.area)


def members_for(*, access: Access) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(area=access.area).select_related("user", "person").order_by("user__email")
    )


def member_for(*, access: Access, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "person", "area"), pk=pk, area=access.area
    )
