"""The risk register demo: Stockport's seven risks of its April 2021 update, with their mitigations,
kept as reported in February and March 2021, moving between them, and April still reportable."""

from io import StringIO

import pytest
from django.core.management import call_command

from plans.models import Plan
from progress.models import ReportingPeriod
from risks import rules
from risks.models import ReportedRisk, Risk
from risks.selectors.movement import movement_between_reported
from risks.selectors.reporting import red_risks_holding_back


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_gives_stockport_its_seven_risks_once_with_estimated_scores():
    output = _load_demo()
    plan = Plan.objects.get(area__slug="stockport", reference="WSOA-2019")

    assert "Stockport: risk register loaded: 7 risks" in output
    risks = list(Risk.objects.filter(plan=plan))
    assert [r.title for r in risks] == [
        "Impact of Covid",
        "Impact of improvements",
        "Timeliness of EHCP annual reviews",
        "Personal budgets",
        "Workforce development",
        "Joint commissioning",
        "HYM's business continuity plan",
    ]
    assert all(r.scores_estimated and r.mitigations.exists() for r in risks)
    assert "Task and finish group established led by the CCG" in risks[-1].mitigations.get().action
    assert "Stockport: risk register kept as it is: it has risks" in _load_demo()
    assert Risk.objects.filter(plan=plan).count() == 7


@pytest.mark.django_db
def test_the_demos_reported_periods_keep_their_risks_and_show_movement_and_april_can_be_reported():
    _load_demo()
    plan = Plan.objects.get(area__slug="stockport", reference="WSOA-2019")
    periods = {p.name: p for p in plan.periods.all()}

    assert not ReportedRisk.objects.filter(period=periods["January 2021"]).exists()  # before the register
    assert ReportedRisk.objects.filter(period=periods["February 2021"]).count() == 7
    previous, moves = movement_between_reported(period=periods["March 2021"])
    assert previous == periods["February 2021"]
    assert {(m.reference, m.words) for m in moves if m.moved} == {
        ("R1", "Fell a band"),
        ("R7", "Rose a band"),
    }
    april = periods["April 2021"]
    assert april.state == ReportingPeriod.State.OPEN
    assert red_risks_holding_back(period=april) == []
    assert {r.reference for r in Risk.objects.filter(plan=plan) if r.score and r.score >= 15} == {"R3", "R7"}
    assert (
        rules.Band(ReportedRisk.objects.get(period=periods["March 2021"], reference="R7").band)
        is rules.Band.RED
    )
