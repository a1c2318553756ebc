"""One risk's page: the risk with its links, mitigations and notes, and its score history; and the
risks linked to a plan item, for the item's page."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from areas.access import Access
from plans.models import Item

from .. import rules
from ..models import Mitigation, MitigationNote, Risk, RiskBands, RiskScore


@dataclass(frozen=True)
class ScorePoint:
    """One row of a risk's score history, as its chart and table show it."""

    scored_on: date
    likelihood: int
    impact: int
    score: int
    band: rules.Band | None


def risk_page(*, access: Access, pk: int) -> Risk:
    """One risk of the area with its plan items, measures, mitigations (owners) and their notes."""
    queryset = (
        Risk.objects.filter(plan__area=access.area)
        .select_related("plan__area", "owner")
        .prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("sort_key")),
            "measures",
            Prefetch(
                "mitigations",
                queryset=Mitigation.objects.select_related("owner").prefetch_related(
                    Prefetch("notes", queryset=MitigationNote.objects.order_by("-dated", "-pk"))
                ),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def mitigation_for(*, risk: Risk, pk: int) -> Mitigation:
    return get_object_or_404(Mitigation.objects.select_related("owner"), risk=risk, pk=pk)


def score_history(*, risk: Risk, bands: RiskBands) -> list[ScorePoint]:
    """Each assessment of the risk's current score, oldest first."""
    return [
        ScorePoint(row.scored_on, row.likelihood, row.impact, row.score, bands.band(row.score))
        for row in RiskScore.objects.filter(risk=risk).order_by("scored_on", "recorded_at", "pk")
    ]


@dataclass(frozen=True)
class LinkedRisk:
    pk: int
    reference: str
    title: str
    band: rules.Band | None
    is_open: bool


HAS_RISKS = "has_risks"


def item_has_risks() -> dict[str, Exists]:
    """Whether a plan item has risks linked to it, for the item's own query (`plans.selectors.item_page`
    `also`), so that `risks_for_item` reads none when it has none."""
    return {HAS_RISKS: Exists(Risk.items.through.objects.filter(item_id=OuterRef("pk")))}


def risks_for_item(*, item: Item, bands: Callable[[], RiskBands]) -> list[LinkedRisk]:
    """The risks linked to a plan item, in reference order: one query, and one for the area's bands
    (`bands`, called only when the item has risks); none for an item read with `item_has_risks` that has
    none."""
    if getattr(item, HAS_RISKS, True) is False:
        return []
    risks = list(Risk.objects.filter(items=item).order_by("sort_key", "pk"))
    if not risks:
        return []
    in_force = bands()
    return [
        LinkedRisk(risk.pk, risk.reference, risk.title, in_force.band(risk.score), risk.is_open)
        for risk in risks
    ]
