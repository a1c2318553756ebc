"""The register: a plan's risks as table rows, filtered, in a fixed number of queries; the area's plans
with their risk counts; one risk of the area."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import Person
from common.urls import url_maker
from plans.models import Plan

from .. import rules
from ..models import Risk, RiskBands

STATUSES = {"open": Q(status=Risk.Status.OPEN), "closed": Q(status=Risk.Status.CLOSED), "all": Q()}


@dataclass(frozen=True)
class RegisterFilters:
    """What the register is filtered by (a GET form, so it works without JavaScript)."""

    status: str = "open"  # open, closed or all
    band: rules.Band | None = None
    owner_id: int | None = None
    category: str = ""
    overdue_only: bool = False


@dataclass(frozen=True)
class Assessed:
    """A likelihood and impact pair as the register shows it."""

    score: int | None
    band: rules.Band | None


@dataclass(frozen=True)
class RiskRow:
    """One risk as the register's row: plain values, no model instances."""

    pk: int
    url: str
    reference: str
    title: str
    owner: str
    category: str
    now: Assessed
    before: Assessed
    target: Assessed
    review_on: date | None
    overdue: bool
    is_open: bool


def plans_with_risks(*, access: Access) -> list[Plan]:
    """The area's plans, each with `risk_count` and `open_count`."""
    return list(
        Plan.objects.filter(area=access.area)
        .annotate(
            risk_count=Count("risks"), open_count=Count("risks", filter=Q(risks__status=Risk.Status.OPEN))
        )
        .order_by("reference")
    )


def risk_for(*, access: Access, pk: int) -> Risk:
    """One risk of the user's area, with its plan and owner."""
    queryset = Risk.objects.filter(plan__area=access.area).select_related("plan__area", "owner")
    return get_object_or_404(queryset, pk=pk)


def owners_of(*, plan: Plan) -> list[Person]:
    """The people owning a plan's risks, for the owner filter."""
    return list(Person.objects.filter(risks__plan=plan).distinct().order_by("initials"))


def categories_of(*, plan: Plan) -> list[str]:
    values = Risk.objects.filter(plan=plan).exclude(category="").values_list("category", flat=True)
    return sorted(set(values), key=str.lower)


def _assessed(likelihood: int | None, impact: int | None, bands: RiskBands) -> Assessed:
    value = rules.score(likelihood, impact)
    return Assessed(value, bands.band(value))


FIELDS = (
    "pk",
    "reference",
    "title",
    "owner__initials",
    "category",
    "likelihood",
    "impact",
    "inherent_likelihood",
    "inherent_impact",
    "target_likelihood",
    "target_impact",
    "review_on",
    "status",
)


def register_rows(
    *, access: Access, plan: Plan, bands: RiskBands, filters: RegisterFilters, today: date
) -> list[RiskRow]:
    """The plan's risks in reference order, as rows, in one query. The band and overdue filters are
    applied in Python, since the band is the area's rule, not a column."""
    queryset: QuerySet[Risk] = Risk.objects.filter(plan=plan, plan__area=access.area).filter(
        STATUSES.get(filters.status, STATUSES["open"])
    )
    if filters.owner_id:
        queryset = queryset.filter(owner_id=filters.owner_id)
    if filters.category:
        queryset = queryset.filter(category__iexact=filters.category)
    risk_url = url_maker("risks:risk", area=access.area.slug)
    rows = []
    for values in queryset.order_by("sort_key", "pk").values(*FIELDS):
        is_open = values["status"] == Risk.Status.OPEN
        row = RiskRow(
            pk=values["pk"],
            url=risk_url(values["pk"]),
            reference=values["reference"],
            title=values["title"],
            owner=values["owner__initials"] or "",
            category=values["category"],
            now=_assessed(values["likelihood"], values["impact"], bands),
            before=_assessed(values["inherent_likelihood"], values["inherent_impact"], bands),
            target=_assessed(values["target_likelihood"], values["target_impact"], bands),
            review_on=values["review_on"],
            overdue=rules.review_overdue(values["review_on"], today=today, is_open=is_open),
            is_open=is_open,
        )
        if filters.band is not None and row.now.band is not filters.band:
            continue
        if filters.overdue_only and not row.overdue:
            continue
        rows.append(row)
    return sorted(rows, key=lambda row: _natural_key(row.reference))


def _natural_key(reference: str) -> list[tuple[int, int | str]]:
    """R2 before R10: the numbers in a reference compared as numbers."""
    return [(0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", reference)]
