"""The scorecard demo: Stockport's seven I statements, the 13 impact measures of Appendix 1 of its 2019
Written Statement of Action, and the real 20-week timeliness of its EHC plans with England and North
West comparators, 2019-2024, read from the DfE file through the importer a programme manager uses.

The data is in `demo/stockport-scorecard/` (see `demo/README.md`):
- `outcomes.csv`: the I statements of the SEND strategy 2024-27;
- `measures.csv`: one row per breakdown (Appendix 1's phases), with baseline, target and date;
- `timeliness_20_week_all_plans_issued.csv`: the DfE's file, only its "All EHC plans issued" rows.

The monthly-cycle demo reports January to March 2021 before the scorecard exists, so each of those
periods is then given its scorecard as reported as it would have stood on the day the period ended:
only the figures for periods that had ended by then (scorecard.services.reporting, `known_by`).
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea, Person
from demo.dating import dated, stamp
from demo.progress import DEMO_NOW
from plans.models import Item, Plan
from progress.models import ReportingPeriod
from scorecard.dfe import READY_MADE
from scorecard.dfe.importing import ImportResult, import_dfe
from scorecard.models import (
    Breakdown,
    Commentary,
    Figure,
    Measure,
    Outcome,
    ReportedAssessment,
    SavedMapping,
    ScorecardSettings,
    Series,
    Target,
)
from scorecard.periods import read_period
from scorecard.rules import NearMiss
from scorecard.services.reporting import reported_scorecard_freeze

DATA_DIR = Path(settings.BASE_DIR) / "demo" / "stockport-scorecard"
DFE_FILE = "timeliness_20_week_all_plans_issued.csv"
TIMELINESS = "timeliness_20_weeks_excluding_exceptions"
MEASURE_OWNER = "CL"  # Strategic Lead SEN and Inclusion, who leads the SEN Support / EHC plans workstream

# From the April 2021 progress update (key action 5.1): what was being done about timeliness.
TIMELINESS_COMMENTARY = (
    "The new case management system lets services monitor EHC plan timeliness closely, drilling down "
    "where required to look at the details; the number and percentage of EHC plans issued within "
    "20 weeks has risen in recent months. Reports and dashboards are being rolled out to services."
)


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


@transaction.atomic
def load_scorecard_demo(area: LocalArea, plan: Plan, *, manager: User) -> str:
    """Load the area's scorecard demo, once: an area that already has measures keeps them as they are,
    so running `load_demo` again never undoes what people have changed since."""
    if Measure.objects.filter(area=area).exists():
        return f"{area.name}: scorecard kept as it is: it has measures"
    # Set up on the demo's day (April 2021), though its figures run to 2024: see demo.dating.
    with dated(DEMO_NOW):
        said = _load(area, plan, manager=manager)
    stamp(Figure.objects.filter(breakdown__measure__area=area), DEMO_NOW, ("entered_at",))
    stamp(Commentary.objects.filter(measure__area=area), DEMO_NOW, ("written_at",))
    stamp(SavedMapping.objects.filter(area=area), DEMO_NOW, ("saved_at",))
    return said


def _load(area: LocalArea, plan: Plan, *, manager: User) -> str:
    ScorecardSettings.objects.update_or_create(
        area=area,
        defaults={
            "la_code": "E08000007",
            "old_la_code": "356",
            "region_code": "E12000002",
            "region_name": "North West",
            # Stockport's rule (docs/ratings.md): a target met or very nearly met (within half a
            # point) is green; there is no amber for a measure with a target.
            "tolerance": Decimal("0.5"),
            "near_miss": NearMiss.GREEN,
            "direction_threshold": Decimal("0.1"),
        },
    )
    outcomes = {}
    for position, row in enumerate(_rows("outcomes.csv")):
        outcomes[row["Code"]], _ = Outcome.objects.update_or_create(
            area=area, code=row["Code"], defaults={"statement": row["Statement"], "position": position}
        )
    owner = Person.objects.filter(area=area, initials=MEASURE_OWNER).first()
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in _rows("measures.csv"):
        grouped.setdefault(row["Code"], []).append(row)
    measures: dict[str, Measure] = {}
    for position, (code, rows) in enumerate(grouped.items()):
        first = rows[0]
        measure, _ = Measure.objects.update_or_create(
            area=area,
            code=code,
            defaults={
                "name": first["Name"],
                "unit": first["Unit"],
                "polarity": first["Better when"],
                "frequency": first["Frequency"],
                "source": first["Source"],
                "owner": owner,
                "is_public": True,
                "position": position,
            },
        )
        measure.outcomes.set([outcomes[c] for c in first["Outcomes"].split()])
        measure.items.set(Item.objects.filter(plan=plan, number__in=first["Plan items"].split()))
        measure.breakdowns.exclude(name__in=[row["Breakdown"] for row in rows]).delete()
        for order, row in enumerate(rows):
            _breakdown(measure, row, order)
        measures[code] = measure
    imported = import_dfe(
        area=area,
        data=(DATA_DIR / DFE_FILE).read_bytes(),
        mapping=READY_MADE[TIMELINESS],
        breakdown=measures["EHC1"].breakdowns.get(position=0),
        by=manager,
        source_note=f"{DFE_FILE} (DfE, June 2025), ready-made mapping",
    )
    SavedMapping.objects.update_or_create(
        area=area,
        name=READY_MADE[TIMELINESS].name,
        defaults={"mapping": READY_MADE[TIMELINESS].to_dict(), "saved_by": manager},
    )
    april = plan.periods.filter(name="April 2021").exclude(state=ReportingPeriod.State.REPORTED).first()
    if april is not None:
        Commentary.objects.get_or_create(
            measure=measures["EHC1"],
            period=april,
            defaults={"text": TIMELINESS_COMMENTARY, "written_by": manager},
        )
    kept = _keep_reported_scorecards(plan)
    return (
        f"{area.name}: scorecard loaded: {len(outcomes)} I statements, {len(measures)} measures; "
        f"EHC plan timeliness from the DfE file: {_described(imported)}; "
        f"the scorecard as reported kept for {kept} reported period{'' if kept == 1 else 's'}"
    )


def _keep_reported_scorecards(plan: Plan) -> int:
    """Give each reported period without a scorecard as reported the one it would have had: the figures
    known by the end of the period, rated as the scorecard rates them now."""
    periods = (
        plan.periods.filter(state=ReportingPeriod.State.REPORTED)
        .exclude(pk__in=ReportedAssessment.objects.values("period_id"))
        .order_by("starts_on")
    )
    kept = 0
    for period in periods:
        reported_scorecard_freeze(period=period, known_by=period.ends_on)
        kept += 1
    return kept


def _described(imported: ImportResult) -> str:
    """ "18 figures for 2019 to 2024 (This area 6, England 6, Region 6), 18 new or changed"."""
    series = ", ".join(f"{Series(name).label} {count}" for name, count in imported.by_series.items() if count)
    span = f"{imported.periods[0]} to {imported.periods[-1]}" if imported.periods else "no periods"
    return (
        f"{sum(imported.by_series.values())} figures for {span} ({series}), {imported.written} new or changed"
    )


def _breakdown(measure: Measure, row: dict[str, str], position: int) -> None:
    """One breakdown with its baseline (also the area's figure for the baseline's period) and target."""
    baseline = _decimal(row["Baseline"])
    breakdown, _ = Breakdown.objects.update_or_create(
        measure=measure,
        name=row["Breakdown"],
        defaults={
            "position": position,
            "baseline": baseline,
            "baseline_period": row["Baseline period"],
            "baseline_note": row["Baseline note"],
        },
    )
    breakdown.targets.all().delete()
    if row["Target"]:
        Target.objects.create(
            breakdown=breakdown,
            value=Decimal(row["Target"]),
            due_on=read_period(row["By"]).ends_on,
            note=f"By {row['By']}, as Appendix 1 gives it",
        )
    breakdown.figures.filter(source=Figure.Source.DEMO).delete()
    if baseline is not None and row["Baseline period"]:
        period = read_period(row["Baseline period"])
        note = (
            f"Baseline in Appendix 1 of the WSoA ({row['Baseline note']} data)"
            if row["Baseline note"]
            else ("Baseline in Appendix 1 of the WSoA")
        )
        Figure.objects.update_or_create(
            breakdown=breakdown,
            series=Series.AREA,
            period=period.label,
            defaults={
                "period_ends_on": period.ends_on,
                "value": baseline,
                "missing_reason": "",
                "source": Figure.Source.DEMO,
                "source_note": note,
            },
        )
