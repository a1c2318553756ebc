"""Movement: how each risk's band changed since the plan's last reported period (the board view
and the heat map), and between a reported period and the one reported before it (board packs).
Each compares bands as `ReportedRisk` kept them, never worked out again."""

from dataclasses import dataclass

from plans.models import Plan
from progress.models import ReportingPeriod

from .. import rules
from ..models import ReportedRisk, Risk, RiskBands


@dataclass(frozen=True)
class Movement:
    """A risk's band before and now, and how many bands it moved (positive: rose, worse)."""

    reference: str
    title: str
    before: rules.Band | None
    now: rules.Band | None
    before_score: int | None
    now_score: int | None
    risk_id: int

    @property
    def moved(self) -> int:
        return rules.movement(self.before, self.now)

    @property
    def words(self) -> str:
        return rules.movement_words(self.moved)


def latest_reported(*, plan: Plan) -> ReportingPeriod | None:
    """The plan's most recent reported period that kept its risks, or None."""
    return (
        ReportingPeriod.objects.filter(
            plan=plan, state=ReportingPeriod.State.REPORTED, reported_risks__isnull=False
        )
        .distinct()
        .order_by("-starts_on")
        .first()
    )


def movement_since_reported(
    *, plan: Plan, risks: list[Risk], bands: RiskBands
) -> tuple[ReportingPeriod | None, dict[int, Movement]]:
    """Each of `risks` (of `plan`) now against its band in the plan's latest reported period: the
    period and a Movement per risk id that was reported then. Two queries."""
    period = latest_reported(plan=plan)
    if period is None:
        return None, {}
    kept = {row.risk_id: row for row in ReportedRisk.objects.filter(period=period)}
    moves = {}
    for risk in risks:
        row = kept.get(risk.pk)
        if row is None:
            continue
        moves[risk.pk] = Movement(
            reference=risk.reference,
            title=risk.title,
            before=row.band_value,
            now=bands.band(risk.score),
            before_score=row.score,
            now_score=risk.score,
            risk_id=risk.pk,
        )
    return period, moves


def movement_between_reported(*, period: ReportingPeriod) -> tuple[ReportingPeriod | None, list[Movement]]:
    """The risks reported in `period` against the plan's reported period before it: the earlier
    period and a Movement per risk reported in both (board packs). Two queries."""
    previous = (
        ReportingPeriod.objects.filter(
            plan_id=period.plan_id, state=ReportingPeriod.State.REPORTED, starts_on__lt=period.starts_on
        )
        .order_by("-starts_on")
        .first()
    )
    if previous is None:
        return None, []
    rows = list(ReportedRisk.objects.filter(period__in=[period, previous]).order_by("risk__sort_key"))
    before = {row.risk_id: row for row in rows if row.period_id == previous.pk}
    moves = [
        Movement(
            reference=row.reference,
            title=row.title,
            before=before[row.risk_id].band_value,
            now=row.band_value,
            before_score=before[row.risk_id].score,
            now_score=row.score,
            risk_id=row.risk_id,
        )
        for row in rows
        if row.period_id == period.pk and row.risk_id in before
    ]
    return previous, moves
