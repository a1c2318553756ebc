"""Keeping the risks as the board was told them when a period is reported.

`reported_risks_freeze` runs inside the reporting transaction (progress.signals.period_reported,
received in risks.receivers), so a refused reporting keeps nothing. The demo also uses it, with
`as_of`, to give periods reported before its register was loaded the risks they would have had.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q

from progress.models import ReportingPeriod

from ..models import Mitigation, ReportedRisk, ReportedRiskBands, Risk, RiskScore
from ..selectors.bands import bands_for

SUMMARY_LIMIT = 2000


def _summary(risk: Risk, as_of: date | None) -> str:
    """Each mitigating action and its latest progress note (as of `as_of`), a line each."""
    lines = []
    for mitigation in risk.mitigations.all():
        notes = [n for n in mitigation.notes.all() if as_of is None or n.dated <= as_of]
        latest = (
            f" Latest ({notes[0].dated:%d/%m/%Y}): {notes[0].text}" if notes else " No progress noted yet."
        )
        owner = f" ({mitigation.owner.initials})" if mitigation.owner else ""
        lines.append(f"{mitigation.action}{owner}.{latest}")
    return "\n".join(lines)[:SUMMARY_LIMIT]


def _assessed(risk: Risk, as_of: date | None) -> tuple[int | None, int | None] | None:
    """The risk's current likelihood and impact, or as last scored on or before `as_of`; None when
    the risk had no score by then (it was not yet in the register)."""
    if as_of is None:
        return risk.likelihood, risk.impact
    scored = [s for s in risk.scores.all() if s.scored_on <= as_of]
    return (scored[-1].likelihood, scored[-1].impact) if scored else None


@transaction.atomic
def reported_risks_freeze(*, period: ReportingPeriod, as_of: date | None = None) -> int:
    """Keep a row per risk of the period's plan, open or closed during the period, with its score and
    band, owner's initials and mitigation summary as they are now (or, with `as_of`, as they were
    scored and noted by that day), and the area's bands now (`ReportedRiskBands`, kept once); how many
    rows. A fixed number of queries."""
    if period.state != ReportingPeriod.State.REPORTED:
        raise ValidationError(f"{period.name} has not been reported, so there are no risks to keep yet.")
    if ReportedRisk.objects.filter(period=period).exists():
        raise ValidationError(
            f"The risks as reported for {period.name} are already kept. They cannot change."
        )
    bands = bands_for(area=period.plan.area)
    ReportedRiskBands.objects.get_or_create(
        period=period, defaults={"amber_from": bands.amber_from, "red_from": bands.red_from}
    )
    mitigations = Prefetch(
        "mitigations", queryset=Mitigation.objects.select_related("owner").prefetch_related("notes")
    )
    scores = Prefetch("scores", queryset=RiskScore.objects.order_by("scored_on", "recorded_at", "pk"))
    risks = (
        Risk.objects.filter(plan=period.plan)
        .filter(Q(status=Risk.Status.OPEN) | Q(closed_at__date__gte=period.starts_on))
        .select_related("owner")
        .prefetch_related(mitigations, scores)
        .order_by("sort_key")
    )
    rows = []
    for risk in risks:
        assessed = _assessed(risk, as_of)
        if assessed is None:
            continue
        likelihood, impact = assessed
        score = likelihood * impact if likelihood is not None and impact is not None else None
        band = bands.band(score)
        rows.append(
            ReportedRisk(
                period=period,
                risk=risk,
                reference=risk.reference,
                title=risk.title,
                owner=risk.owner.initials if risk.owner else "",
                likelihood=likelihood,
                impact=impact,
                score=score,
                band=None if band is None else int(band),
                status=risk.status,
                mitigation_summary=_summary(risk, as_of),
            )
        )
    ReportedRisk.objects.bulk_create(rows)
    return len(rows)


def reported_risks_of(*, period: ReportingPeriod) -> list[ReportedRisk]:
    """The risks as `period` kept them, in reference order."""
    return list(ReportedRisk.objects.filter(period=period).order_by("risk__sort_key"))
