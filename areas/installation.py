"""Reads for the installation administrator's "Local areas" pages: every area at a glance, and one
area's members. Not inside any area (the administrator reads no area's data beyond these counts).

The plan and item counts are read through the reverse relations the plans app adds to `LocalArea`
(named as strings: this app imports no plan code).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404

from .models import LocalArea, Membership


@dataclass(frozen=True)
class AreaRow:
    area: LocalArea
    member_count: int
    last_sign_in: datetime.datetime | None
    plan_count: int
    item_count: int
    pending_invitations: int


def areas_overview() -> list[AreaRow]:
    """Every local area with its size, in four queries whatever the number of areas."""
    areas = list(
        LocalArea.objects.annotate(
            member_count=Count("memberships", distinct=True),
            last_sign_in=Max("memberships__user__last_login"),
        ).order_by("name")
    )
    plans = dict(LocalArea.objects.annotate(n=Count("plans")).values_list("pk", "n"))
    items = dict(
        LocalArea.objects.annotate(
            n=Count("plans__items", filter=Q(plans__items__removed_at__isnull=True))
        ).values_list("pk", "n")
    )
    pending = dict(
        LocalArea.objects.annotate(
            n=Count(
                "invitations",
                filter=Q(invitations__accepted_at__isnull=True, invitations__withdrawn_at__isnull=True),
            )
        ).values_list("pk", "n")
    )
    return [
        AreaRow(
            area=area,
            member_count=area.member_count,
            last_sign_in=area.last_sign_in,
            plan_count=plans.get(area.pk, 0),
            item_count=items.get(area.pk, 0),
            pending_invitations=pending.get(area.pk, 0),
        )
        for area in areas
    ]


def area_by_slug(*, slug: str) -> LocalArea:
    return get_object_or_404(LocalArea, slug=slug)


def area_members(*, area: LocalArea) -> list[Membership]:
    """An area's members with their email, role and last sign-in, in one query."""
    return list(Membership.objects.filter(area=area).select_related("user").order_by("user__email"))
