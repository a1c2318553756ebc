"""Which period a pack covers and compares with: a monthly pack its own month against the month
before, a quarterly pack the three months to its period against the quarter before; and packs with
nothing to compare with, no scorecard or no risks kept, or a plan of one level."""

import datetime

import pytest

from boardpacks import rules
from plans.models import Item
from risks.models import Risk
from tests.boardpacks.content_plan import build, make_plan, month, open_period, rate, report, statuses_of
from tests.boardpacks.factories import PackTemplateFactory
from tests.plans.factories import ItemFactory, PlanFactory
from tests.risks.factories import MitigationFactory, MitigationNoteFactory, RiskFactory
from tests.voice.factories import EntryFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MONTHS = [
    ("December 2020", D(2020, 12, 1), D(2020, 12, 31)),
    ("January 2021", D(2021, 1, 1), D(2021, 1, 31)),
    ("February 2021", D(2021, 2, 1), D(2021, 2, 28)),
    ("March 2021", D(2021, 3, 1), D(2021, 3, 31)),
]


@pytest.fixture
def quarter(area):
    """Four months reported: in December every action Progressing and R1 amber; from January 1.1.1 Not
    started and R1 red (noted each month); in March 2.1.1 Completed."""
    plan = make_plan(area)
    risk = RiskFactory(plan=plan, reference="R1", title="Not enough places", likelihood=3, impact=3)
    mitigation = MitigationFactory(risk=risk)
    periods = {}
    for index, (name, starts, ends) in enumerate(MONTHS):
        if index == 0:
            rate(plan, {"1.1.1": 2, "1.1.2": 2, "2.1.1": 2, "2.1.2": 2})
        else:
            rate(plan, {"1.1.1": 1})
            Risk.objects.filter(pk=risk.pk).update(likelihood=4, impact=4)
            MitigationNoteFactory(mitigation=mitigation, dated=starts, text=f"Noted in {name}")
        if name == "March 2021":
            rate(plan, {"2.1.1": 3})
        periods[name] = month(plan, name, starts, ends)
    EntryFactory(area=area, reference="YS1", heard_on=D(2020, 12, 15))
    EntryFactory(area=area, reference="YS2", heard_on=D(2021, 1, 1))
    EntryFactory(area=area, reference="YS3", heard_on=D(2021, 3, 31))
    monthly = PackTemplateFactory(plan=plan, name="Monthly SEND board pack")
    quarterly = PackTemplateFactory(
        plan=plan,
        name="Health and Wellbeing Board",
        frequency="quarterly",
        sections=list(rules.QUARTERLY_SECTIONS),
    )
    return {"plan": plan, "periods": periods, "monthly": monthly, "quarterly": quarterly}


def counts(rows):
    return {row["label"]: (row["now"], row["before"]) for row in rows}


def test_a_monthly_pack_covers_its_month_and_compares_with_the_month_before(quarter):
    content = build(quarter["monthly"], quarter["periods"]["March 2021"])
    assert (content["period"]["covers_from"], content["period"]["covers_words"]) == (
        "2021-03-01",
        "1 to 31 March 2021",
    )
    assert content["previous"]["name"] == "February 2021"
    summary = content["sections"]["summary"]
    assert counts(summary["counts"])["Not started"] == (1, 1)
    assert counts(summary["counts"])["Completed"] == (1, 0)
    assert content["sections"]["risks"]["red"][0]["movement"] == "No change"
    assert content["sections"]["risks"]["movement"] == []
    assert [e["reference"] for e in content["sections"]["voice"]["entries"]] == ["YS3"]


def test_a_quarterly_pack_covers_three_months_and_compares_with_the_quarter_before(quarter):
    content = build(quarter["quarterly"], quarter["periods"]["March 2021"])
    assert (content["period"]["covers_from"], content["period"]["covers_words"]) == (
        "2021-01-01",
        "1 January to 31 March 2021",
    )
    assert content["previous"]["name"] == "December 2020"
    summary = content["sections"]["summary"]
    assert counts(summary["counts"])["Not started"] == (1, 0)
    assert counts(summary["counts"])["Progressing"] == (2, 4)
    first = content["sections"]["rag_overview"]["rows"][0]
    assert (first["rating"]["label"], first["rating_before"]["label"]) == ("Not started", "Progressing")
    risks = content["sections"]["risks"]
    assert risks["red"][0]["movement"] == "Up from amber"
    assert risks["movement"] == [
        {"reference": "R1", "title": "Not enough places", "words": "Up from amber to red"}
    ]
    assert [e["reference"] for e in content["sections"]["voice"]["entries"]] == ["YS2", "YS3"]
    assert list(content["sections"]) == list(rules.QUARTERLY_SECTIONS)


def test_a_quarterly_pack_with_no_quarter_before_compares_with_nothing(quarter):
    content = build(quarter["quarterly"], quarter["periods"]["February 2021"])
    assert content["period"]["covers_words"] == "1 December 2020 to 28 February 2021"
    assert content["previous"] is None
    assert all(row["before"] is None for row in content["sections"]["summary"]["counts"])


def test_the_first_period_reported_has_nothing_to_compare_with(quarter):
    content = build(quarter["monthly"], quarter["periods"]["December 2020"])
    assert content["previous"] is None
    summary = content["sections"]["summary"]
    assert counts(summary["counts"])["Progressing"] == (4, None)
    assert summary["no_status"] is None
    rows = content["sections"]["rag_overview"]["rows"]
    assert all(row["rating_before"] is None for row in rows)
    assert all(count["before"] is None for row in rows for count in row["counts"])
    risks = content["sections"]["risks"]
    assert risks["movement"] == [] and risks["red"] == []
    assert content["sections"]["summary"]["red_risks"] == []


def test_a_risk_red_in_the_first_period_is_not_reported_before(area):
    plan = make_plan(area)
    risk = RiskFactory(plan=plan, reference="R1")
    MitigationNoteFactory(mitigation=MitigationFactory(risk=risk), dated=D(2021, 3, 2))
    march = month(plan, "March 2021", D(2021, 3, 1), D(2021, 3, 31))
    content = build(PackTemplateFactory(plan=plan), march)
    assert content["sections"]["risks"]["red"][0]["movement"] == "Not reported before"


def test_a_plan_with_no_risks_and_no_scorecard_says_so_and_keeps_the_sections(area):
    plan = make_plan(area)
    rate(plan, {"1.1.1": 2})
    march = month(plan, "March 2021", D(2021, 3, 1), D(2021, 3, 31))
    content = build(PackTemplateFactory(plan=plan), march)
    summary = content["sections"]["summary"]
    assert summary["scorecard"] is None
    assert summary["red_risks"] is None
    scorecard = content["sections"]["scorecard"]
    assert scorecard["measures"] == []
    assert scorecard["summary"]["sentence"].startswith("0 measures with data")
    risks = content["sections"]["risks"]
    assert risks["open_count"] == 0 and risks["red"] == []
    assert len(risks["heat_map"]) == 25 and not any(cell["references"] for cell in risks["heat_map"])


def test_a_plan_of_one_level_rates_each_item_by_its_own_status(area):
    plan = PlanFactory(area=area, level_names=["Action"])
    statuses = statuses_of(plan)
    ItemFactory(plan=plan, number="1", text="Publish the local offer")
    ItemFactory(plan=plan, number="2", text="Train SENCOs")
    Item.objects.filter(plan=plan, number="1").update(status=statuses[1])
    march = report(open_period(plan, "March 2021", D(2021, 3, 1), D(2021, 3, 31)))
    content = build(PackTemplateFactory(plan=plan), march)
    assert [s["label"] for s in content["statuses"]] == [
        "Completed and embedded",
        "Completed",
        "Progressing",
        "Not started",
    ]
    rows = content["sections"]["rag_overview"]["rows"]
    assert [(r["number"], r["rating"], r["rule_words"], r["total"]) for r in rows] == [
        ("1", {"label": "Not started", "colour": statuses[1].colour}, "Its own status", 1),
        ("2", None, "Its own status", 1),
    ]
    assert [i["number"] for i in content["sections"]["exceptions"]["red"]] == ["1"]
    assert content["sections"]["summary"]["no_status"]["now"] == 1
