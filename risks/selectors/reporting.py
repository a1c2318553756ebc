"""The risk register in the monthly cycle: which risks a period reviews, which red risks hold its
reporting back (risks.rules.red_risks_without_update), and the risks as a reported period kept them.
Each reads a fixed number of queries, whatever the number of risks."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from progress.models import ReportingPeriod

from .. import rules
from ..models import Risk, RiskBands
from .bands import bands_for


def _open_risks(period: ReportingPeriod) -> list[Risk]:
    """The plan's open risks, each with `latest_note`: the date of its mitigations' latest progress note
    (None if none), counted by the database rather than by loading every note."""
    return list(
        Risk.objects.filter(plan=period.plan, status=Risk.Status.OPEN)
        .select_related("owner")
        # Only what the period page and the reporting rule read: the text fields are long.
        .only("reference", "title", "review_on", "likelihood", "impact", "sort_key", "owner")
        .annotate(latest_note=Max("mitigations__notes__dated"))
        .order_by("sort_key")
    )


def _note_dates(risk: Risk) -> list[date]:
    """The dates has_update_since needs: a note dated on or after a day exists if the latest one is."""
    latest: date | None = getattr(risk, "latest_note", None)
    return [latest] if latest is not None else []


def _for_rule(risk: Risk, period: ReportingPeriod, bands: RiskBands) -> rules.RiskForReporting:
    return rules.RiskForReporting(
        reference=risk.reference,
        band=bands.band(risk.score),
        updated_in_period=rules.has_update_since(_note_dates(risk), since=period.starts_on),
    )


def red_risks_holding_back(*, period: ReportingPeriod) -> list[str]:
    """The references of the plan's open red risks with no mitigation progress note in `period`."""
    bands = bands_for(area=period.plan.area)
    return rules.red_risks_without_update(_for_rule(risk, period, bands) for risk in _open_risks(period))


def reporting_problem(*, period: ReportingPeriod) -> str | None:
    """The sentence refusing to report `period` while red risks have no mitigation update, or None."""
    return rules.red_risks_problem(red_risks_holding_back(period=period))


@dataclass(frozen=True)
class ReviewRow:
    """An open risk as the period page shows it."""

    risk: Risk
    band: rules.Band | None
    updated_in_period: bool
    due: bool  # to review in the period (rules.due_for_review)

    @property
    def blocks_reporting(self) -> bool:
        return self.band is rules.Band.RED and not self.updated_in_period


def period_risks(*, period: ReportingPeriod) -> list[ReviewRow]:
    """Each open risk of the plan with its band, whether a mitigation has a progress note dated in the
    period, and whether it is due for review in it (no review date, or one by the period's end)."""
    bands = bands_for(area=period.plan.area)
    rows = []
    for risk in _open_risks(period):
        judged = _for_rule(risk, period, bands)
        rows.append(
            ReviewRow(
                risk=risk,
                band=judged.band,
                updated_in_period=judged.updated_in_period,
                due=rules.due_for_review(risk.review_on, by=period.ends_on),
            )
        )
    return rows


def due_for_review(*, period: ReportingPeriod) -> list[ReviewRow]:
    """The open risks to review in the period."""
    return [row for row in period_risks(period=period) if row.due]
