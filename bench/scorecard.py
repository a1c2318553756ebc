"""The benchmark's scorecard: outcomes, measures with breakdowns, targets, and monthly figures with
England and regional comparators, built with bulk_create; and every area of England rated.

The full size (bench/generate.py FULL) is the issue's: 120 measures x 60 periods x 3 breakdowns.
Each breakdown has the area's figure for every month (one in 40 suppressed); the headline
breakdown also has England's and the region's. `rate_england` builds 153 areas with the same
measures and times assessing every one of them, as a national comparison would.
"""

import random
import statistics
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from areas.models import LocalArea
from plans.models import Plan
from progress.models import ReportingPeriod
from scorecard.models import Breakdown, Figure, Measure, Outcome, ScorecardSettings, Series, Target
from scorecard.periods import read_period
from scorecard.services.reporting import reported_scorecard_freeze

OUTCOMES = [
    "I am confident and able to achieve my goals",
    "My voice is heard and acted upon",
    "I enjoy good health and wellbeing",
    "I feel safe",
    "I feel part of my local community",
    "I am happy and have people I can trust",
    "The people who love me and care for me are enabled to do this",
]
UNITS = ["percent", "percent", "count", "rate_10k", "weeks", "score"]
BREAKDOWN_NAMES = ["All", "Primary", "Secondary", "SEN support", "EHC plan"]
AREAS_IN_ENGLAND = 153
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def month_periods(count: int, today: date) -> list[tuple[str, date]]:
    """The `count` months up to the one before `today`, oldest first, as (label, end date)."""
    year, month = today.year, today.month
    found = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        period = read_period(f"{MONTHS[month - 1]} {year}")
        found.append((period.label, period.ends_on))
    return found[::-1]


@dataclass
class BenchScorecard:
    measure: Measure  # a red, declining measure with every breakdown filled
    breakdown: Breakdown  # its headline
    measures: int
    figures: int


def build_scorecard(
    area: LocalArea, *, measures: int, periods: int, breakdowns: int, rng: random.Random, today: date
) -> BenchScorecard:
    ScorecardSettings.objects.create(area=area, la_code="E08000999", region_code="E12000002", tolerance=1)
    outcomes = Outcome.objects.bulk_create(
        Outcome(area=area, code=f"I{n + 1}", statement=text, position=n) for n, text in enumerate(OUTCOMES)
    )
    made = Measure.objects.bulk_create(
        Measure(
            area=area,
            code=f"M{n + 1}",
            name=f"Measure {n + 1}: children and young people with SEND who {_phrase(rng)}",
            unit=UNITS[n % len(UNITS)],
            polarity="lower" if n % 3 == 2 else "higher",
            frequency="monthly",
            is_contextual=n % 17 == 16,
            to_be_defined=n % 11 == 10,
            position=n,
        )
        for n in range(measures)
    )
    Through = Measure.outcomes.through
    Through.objects.bulk_create(
        Through(measure_id=m.pk, outcome_id=outcomes[(n + k) % len(outcomes)].pk)
        for n, m in enumerate(made)
        for k in range(1 + n % 2)
    )
    cuts = Breakdown.objects.bulk_create(
        Breakdown(measure=m, name=BREAKDOWN_NAMES[b], position=b, baseline=Decimal(50))
        for m in made
        for b in range(breakdowns)
    )
    months = month_periods(periods, today)
    Target.objects.bulk_create(
        Target(
            breakdown=cut,
            value=Decimal(55 + k * 5),
            due_on=months[-1][1].replace(year=months[-1][1].year + k),
        )
        for cut in cuts
        for k in range(2)
    )
    rows = []
    for cut in cuts:
        level = rng.uniform(30, 70)
        for index, (label, ends_on) in enumerate(months):
            level += rng.uniform(-2, 2)
            value = None if index % 40 == 39 else Decimal(f"{level:.1f}")
            rows.append(_figure(cut, Series.AREA, label, ends_on, value))
            if cut.position == 0:
                rows.append(_figure(cut, Series.ENGLAND, label, ends_on, Decimal(f"{50 + index % 5}.0")))
                rows.append(_figure(cut, Series.REGION, label, ends_on, Decimal(f"{48 + index % 7}.5")))
    Figure.objects.bulk_create(rows, batch_size=2000)
    return BenchScorecard(measure=made[0], breakdown=cuts[0], measures=len(made), figures=len(rows))


def freeze_reported(plan: Plan) -> int:
    """Give each reported period of the plan its scorecard as reported, with the figures known by its end
    (the history is built before the scorecard, as the demo's is). Returns the rows kept."""
    return sum(
        reported_scorecard_freeze(period=period, known_by=period.ends_on)
        for period in plan.periods.filter(state=ReportingPeriod.State.REPORTED).order_by("starts_on")
    )


def _figure(cut: Breakdown, series: str, label: str, ends_on: date, value: Decimal | None) -> Figure:
    return Figure(
        breakdown=cut,
        series=series,
        period=label,
        period_ends_on=ends_on,
        value=value,
        missing_reason="" if value is not None else "x: suppressed or not available",
        source=Figure.Source.DEMO,
    )


def _phrase(rng: random.Random) -> str:
    return rng.choice(
        ["attend school regularly", "have an EHC plan issued in 20 weeks", "are in education at 17",
         "say their voice was heard", "wait under 18 weeks for therapy", "are in paid employment"]
    )  # fmt: skip


def rate_england(*, measures: int, periods: int, today: date, seed: int = 153) -> dict:
    """Build 153 areas with the same measures and time assessing every measure of every area."""
    from scorecard.selectors import area_scorecard

    rng = random.Random(seed)
    start = time.perf_counter()
    areas = []
    for n in range(AREAS_IN_ENGLAND):
        area = LocalArea.objects.create(name=f"Authority {n + 1}", slug=f"england-{n + 1}")
        build_scorecard(area, measures=measures, periods=periods, breakdowns=1, rng=rng, today=today)
        areas.append(area)
    built_s = time.perf_counter() - start
    per_area = []
    rated = 0
    start = time.perf_counter()
    for area in areas:
        began = time.perf_counter()
        rated += len(area_scorecard(area=area).lines)
        per_area.append((time.perf_counter() - began) * 1000)
    total_s = time.perf_counter() - start
    return {
        "areas": len(areas),
        "measures_per_area": measures,
        "periods": periods,
        "rated": rated,
        "figures": Figure.objects.filter(breakdown__measure__area__in=areas).count(),
        "build_s": built_s,
        "total_s": total_s,
        "per_area_median_ms": statistics.median(per_area),
        "per_area_p95_ms": statistics.quantiles(per_area, n=100, method="inclusive")[94],
    }
