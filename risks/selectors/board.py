"""What the board sees of a plan's risks: the 5x5 heat map (count and references per cell) with its
table alternative, and the open red risks with their mitigations and latest notes. Fixed queries."""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from plans.models import Plan

from .. import rules
from ..models import Mitigation, MitigationNote, Risk, RiskBands

# The assessments the heat map can show: (likelihood field, impact field, words).
ASSESSMENTS = {
    "now": ("likelihood", "impact", "Now"),
    "before": ("inherent_likelihood", "inherent_impact", "Before mitigation"),
    "target": ("target_likelihood", "target_impact", "Target"),
}
NOTES_SHOWN = 3  # the latest progress notes the board view shows per mitigation


@dataclass
class Cell:
    likelihood: int
    impact: int
    band: rules.Band | None
    risks: list[Risk] = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class Placed:
    """A risk as the heat map's table alternative lists it."""

    risk: Risk
    likelihood: int | None
    impact: int | None
    score: int | None
    band: rules.Band | None


@dataclass
class HeatMap:
    assessment: str
    label: str
    rows: list[tuple[int, str, list[Cell]]]  # likelihood 5 down to 1, its words, cells by impact 1 to 5
    placed: list[Placed]

    @property
    def unscored(self) -> list[Placed]:
        return [p for p in self.placed if p.score is None]


def open_risks(*, plan: Plan) -> list[Risk]:
    return list(
        Risk.objects.filter(plan=plan, status=Risk.Status.OPEN).select_related("owner").order_by("sort_key")
    )


def heat_map(
    *, plan: Plan, bands: RiskBands, assessment: str = "now", risks: list[Risk] | None = None
) -> HeatMap:
    """The plan's open risks on a likelihood (rows, 5 at the top) by impact (columns) grid, as
    assessed now, before mitigation or as targeted (`assessment`, a key of ASSESSMENTS)."""
    likelihood_name, impact_name, label = ASSESSMENTS.get(assessment, ASSESSMENTS["now"])
    grid = {
        (lk, im): Cell(likelihood=lk, impact=im, band=bands.band(lk * im))
        for lk in rules.SCALE
        for im in rules.SCALE
    }
    placed = []
    for risk in open_risks(plan=plan) if risks is None else risks:
        lk, im = getattr(risk, likelihood_name), getattr(risk, impact_name)
        value = rules.score(lk, im)
        placed.append(Placed(risk=risk, likelihood=lk, impact=im, score=value, band=bands.band(value)))
        if value is not None:
            grid[(lk, im)].risks.append(risk)
    rows = [
        (lk, rules.LIKELIHOOD_WORDS[lk], [grid[(lk, im)] for im in rules.SCALE])
        for lk in reversed(rules.SCALE)
    ]
    return HeatMap(
        assessment=assessment if assessment in ASSESSMENTS else "now", label=label, rows=rows, placed=placed
    )


@dataclass(frozen=True)
class RedRisk:
    risk: Risk
    band: rules.Band
    mitigations: list[tuple[Mitigation, list[MitigationNote]]]


def red_risks(*, plan: Plan, bands: RiskBands) -> list[RedRisk]:
    """The plan's open risks scored red now, each with its mitigations and their latest notes."""
    mitigations = Prefetch(
        "mitigations",
        queryset=Mitigation.objects.select_related("owner").prefetch_related("notes"),
    )
    risks = (
        Risk.objects.filter(
            plan=plan, status=Risk.Status.OPEN, likelihood__isnull=False, impact__isnull=False
        )
        # Only the red ones are read with their mitigations and notes (a register of hundreds has few).
        .alias(scored=F("likelihood") * F("impact"))
        .filter(scored__gte=bands.red_from)
        .select_related("owner")
        .prefetch_related(mitigations)
        .order_by("sort_key")
    )
    red = []
    for risk in risks:
        if bands.band(risk.score) is rules.Band.RED:
            actions = [(m, list(m.notes.all())[:NOTES_SHOWN]) for m in risk.mitigations.all()]
            red.append(RedRisk(risk=risk, band=rules.Band.RED, mitigations=actions))
    return red
