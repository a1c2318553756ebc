"""The risk bands in force when a period was reported are kept with its risks, so its heat map never
changes when the bands do; periods reported before they were kept get them back from the history
(risks/migrations/0003_backfill_reported_risk_bands.py)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from progress import services as progress_services
from progress.models import ReportingPeriod
from risks import rules
from risks.models import ReportedRiskBands
from risks.selectors.bands import bands_reported
from risks.services.bands import bands_of, bands_update
from tests.progress.factories import ReportingPeriodFactory


def _report(period: ReportingPeriod) -> ReportingPeriod:
    return progress_services.period_move(
        period=period, to_state=ReportingPeriod.State.REPORTED, expected_version=period.version
    )


@pytest.mark.django_db
def test_reporting_keeps_the_bands_in_force_and_moving_them_later_leaves_the_period_unchanged(
    area, plan, programme_manager
):
    bands = bands_of(area=area)
    bands_update(area=area, expected_version=bands.version, amber_from=4, red_from=12, by=programme_manager)
    march = _report(ReportingPeriodFactory(plan=plan, state=ReportingPeriod.State.CONFIRMED))

    bands.refresh_from_db()
    bands_update(area=area, expected_version=bands.version, amber_from=8, red_from=20, by=programme_manager)

    kept = bands_reported(period=march)
    assert (kept.amber_from, kept.red_from) == (4, 12)
    assert kept.band(12) is rules.Band.RED and kept.band(3) is rules.Band.GREEN


@pytest.mark.django_db
def test_a_period_not_reported_reads_the_areas_bands_now(area, plan):
    now = bands_of(area=area)
    open_period = ReportingPeriodFactory(plan=plan)
    assert not ReportedRiskBands.objects.filter(period=open_period).exists()
    assert bands_reported(period=open_period).pk == now.pk


BEFORE = [("risks", "0002_reported_risk_bands"), ("history", "0002_copy_plan_changes")]
AFTER = [("risks", "0003_backfill_reported_risk_bands"), ("history", "0002_copy_plan_changes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _at(day: int) -> datetime.datetime:
    return datetime.datetime(2021, 4, day, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True)
def test_periods_reported_before_bands_were_kept_get_the_bands_of_their_day_from_the_history():
    old = _migrate(BEFORE)
    area = old.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    other = old.get_model("areas", "LocalArea").objects.create(name="Trafford", slug="trafford")
    scheme = old.get_model("plans", "RagScheme").objects.create(area=area, name="Scheme")
    periods = old.get_model("progress", "ReportingPeriod").objects
    made = {}
    for where in (area, other):
        plan = old.get_model("plans", "Plan").objects.create(
            area=where, reference="WSOA", title="WSoA", rag_scheme=scheme, level_names=["Area"]
        )
        for month, reported_on in ((1, 2), (2, 10), (3, 20)):
            made[(where.slug, month)] = periods.create(
                plan=plan,
                name=f"Month {month}",
                starts_on=datetime.date(2021, month, 1),
                ends_on=datetime.date(2021, month, 28),
                deadline=datetime.date(2021, month, 25),
                state="reported",
                reported_at=_at(reported_on),
            ).pk
    # Stockport: 5/15 (the defaults) until 5 April, then 4/12, then 8/20 from 15 April (now).
    old.get_model("risks", "RiskBands").objects.create(area=area, amber_from=8, red_from=20)
    change = old.get_model("history", "Change").objects
    change.create(
        area=area,
        subject="Risk bands",
        action="changed",
        changes={"Amber from": ["5", "4"], "Red from": ["15", "12"]},
        at=_at(5),
    )
    change.create(
        area=area,
        subject="Risk bands",
        action="changed",
        changes={"Amber from": ["4", "8"], "Red from": ["12", "20"]},
        at=_at(15),
    )

    new = _migrate(AFTER)
    kept = {
        (row.period.plan.area.slug, row.period.starts_on.month): (row.amber_from, row.red_from)
        for row in new.get_model("risks", "ReportedRiskBands").objects.select_related("period__plan__area")
    }
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # the schema the other tests expect

    assert kept == {
        ("stockport", 1): (5, 15),
        ("stockport", 2): (4, 12),
        ("stockport", 3): (8, 20),
        # Trafford never set its bands: the defaults, whatever Stockport did.
        ("trafford", 1): (5, 15),
        ("trafford", 2): (5, 15),
        ("trafford", 3): (5, 15),
    }
