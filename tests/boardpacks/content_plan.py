"""A plan reported through the real monthly cycle (progress.services.period_move), for the content
tests: the items, updates, highlight reports, scorecard, risks and "You said, we did" of February and
March 2021, and a plan of any size for counting queries.

The plan: areas of weakness 1 and 2, each with one priority (1.1, 2.1) and `actions` actions under it
(1.1.1, 1.1.2, ...). Statuses by position (the first preset scheme): 1 Not started (the worst),
2 Progressing, 3 Completed (done), 4 Completed and embedded (done).

As reported in March: 1.1.1 Not started (red, owned by KD and JG, with a mitigation), 1.1.2 Progressing
and overdue (due 15/03/2021), 2.1.1 Completed, 2.1.2 Progressing, slipped twice (first due 31/12/2020,
now 30/06/2021). In February: 1.1.1 and 1.1.2 Progressing, 2.1.1 Completed, 2.1.2 no status.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from boardpacks.content import build_content
from plans.models import Item, Plan, RagStatus
from progress import services as progress_services
from progress.models import HighlightReport, HighlightRow, ReportingPeriod, Update
from risks.models import Risk
from scorecard.models import Series
from scorecard.services.commentary import commentary_save
from tests.areas.factories import PersonFactory, WorkstreamFactory
from tests.boardpacks.factories import PackTemplateFactory
from tests.plans.factories import ItemFactory, PlanFactory
from tests.progress.factories import ReportingPeriodFactory
from tests.risks.factories import MitigationFactory, MitigationNoteFactory, RiskFactory
from tests.scorecard.factories import (
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)
from tests.voice.factories import EntryFactory

MADE_AT = datetime.datetime(2021, 4, 12, 9, 30, tzinfo=datetime.UTC)
MEETING = datetime.date(2021, 4, 20)
D = datetime.date


def make_plan(area, *, actions: int = 2) -> Plan:
    """Two areas of weakness, a priority under each, `actions` actions under each priority."""
    plan = PlanFactory(
        area=area,
        reference="WSOA",
        title="Written Statement of Action",
        level_names=["Area of weakness", "Priority", "Action"],
    )
    people = {initials: PersonFactory(area=area, initials=initials) for initials in ("KD", "JG", "SM", "CL")}
    workstreams = {
        "S/E": WorkstreamFactory(area=area, code="S/E", name="SEN Support", lead=people["CL"]),
        "JC": WorkstreamFactory(area=area, code="JC", name="Joint Commissioning"),
    }
    for top, words in ((1, "Leaders do not know the local area"), (2, "Needs are identified late")):
        ItemFactory(plan=plan, number=str(top), text=words)
        ItemFactory(plan=plan, number=f"{top}.1", text=f"Priority {top}.1", workstreams=[])
        for n in range(1, actions + 1):
            owners = {(1, 1): ["KD", "JG"], (1, 2): ["KD"], (2, 1): ["JG"]}.get((top, n), ["SM"])
            ItemFactory(
                plan=plan,
                number=f"{top}.1.{n}",
                text=f"Action {top}.1.{n}",
                due_date=D(2021, 9, 30),
                owners=[people[i] for i in owners],
                workstreams=[workstreams["S/E" if top == 1 else "JC"]],
            )
    return plan


def statuses_of(plan: Plan) -> dict[int, RagStatus]:
    return {s.position: s for s in plan.rag_scheme.statuses.all()}


def item(plan: Plan, number: str) -> Item:
    return Item.objects.get(plan=plan, number=number)


def rate(plan: Plan, ratings: dict[str, int | None]) -> None:
    """Give items statuses by position (None: no status)."""
    statuses = statuses_of(plan)
    for number, position in ratings.items():
        Item.objects.filter(plan=plan, number=number).update(status=statuses[position] if position else None)


def confirmed_update(period: ReportingPeriod, number: str, *, commentary: str, mitigation: str = "") -> None:
    target = item(period.plan, number)
    Update.objects.create(
        period=period,
        item=target,
        commentary=commentary,
        mitigation=mitigation,
        proposed_status=target.status or statuses_of(period.plan)[2],
        confirmed_status=target.status or statuses_of(period.plan)[2],
        submitted_at=timezone.now(),
        confirmed_at=timezone.now(),
    )


def open_period(plan: Plan, name: str, starts_on: datetime.date, ends_on: datetime.date) -> ReportingPeriod:
    return ReportingPeriodFactory(
        plan=plan,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=ends_on,
        state=ReportingPeriod.State.CONFIRMED,
    )


def report(period: ReportingPeriod) -> ReportingPeriod:
    progress_services.period_move(
        period=period, to_state=ReportingPeriod.State.REPORTED, expected_version=period.version
    )
    period.refresh_from_db()
    return period


def month(plan: Plan, name: str, starts_on: datetime.date, ends_on: datetime.date) -> ReportingPeriod:
    """A month reported with nothing in it but the items as they are."""
    return report(open_period(plan, name, starts_on, ends_on))


def scorecard(area) -> dict:
    """E7 red (7.8% against a target of 60%) and worsening; A2, lower is better, no target, green."""
    ScorecardSettingsFactory(area=area, region_name="North West")
    outcome = OutcomeFactory(area=area, code="I1", statement="My needs are assessed on time")
    timeliness = MeasureFactory(area=area, code="E7", name="EHC plans issued within 20 weeks")
    timeliness.outcomes.set([outcome])
    TargetFactory(breakdown=headline(timeliness), value=Decimal("60"), due_on=D(2025, 12, 31))
    add_figures(timeliness, {"2022": "12", "2023": "9", "2024": "7.8"})
    absence = MeasureFactory(area=area, code="A2", name="Persistent absence", polarity="lower")
    add_figures(absence, {"2023": "30", "2024": "28"})
    add_figures(absence, {"2024": "31"}, series=Series.ENGLAND)
    add_figures(absence, {"2024": "33"}, series=Series.REGION)
    return {"timeliness": timeliness, "absence": absence}


def risks(plan: Plan) -> dict[str, Risk]:
    """R1 amber (3 x 3) in February, rescored red (4 x 5) for March; R2 amber throughout."""
    r1 = RiskFactory(plan=plan, reference="R1", title="Not enough specialist places", likelihood=3, impact=3)
    r2 = RiskFactory(
        plan=plan, reference="R2", title="The high needs block overspends", likelihood=2, impact=3
    )
    MitigationNoteFactory(
        mitigation=MitigationFactory(risk=r1, action="Commission 40 resourced places"),
        dated=D(2021, 3, 12),
        text="Business case approved",
    )
    return {"r1": r1, "r2": r2}


def highlight_report(period: ReportingPeriod, code: str, number: str, **columns: str) -> HighlightReport:
    plan = period.plan
    workstream = plan.area.workstreams.get(code=code)
    report_ = HighlightReport.objects.create(period=period, workstream=workstream, workstream_name="")
    HighlightRow.objects.create(report=report_, priority=item(plan, number), position=0, **columns)
    return report_


def february_and_march(area, *, actions: int = 2, more: int = 0) -> dict:
    """The whole story: February reported, then March with its updates, reports, scorecard and risks.
    `actions` under each priority; `more` measures (no figures yet), amber risks and entries besides."""
    plan = make_plan(area, actions=actions)
    measures = scorecard(area)
    registered = risks(plan)
    for n in range(more):
        MeasureFactory(area=area, code=f"M{n + 1}", name=f"Measure {n + 1}")
        RiskFactory(plan=plan, reference=f"R{n + 3}", title=f"Risk {n + 3}", likelihood=2, impact=3)
        EntryFactory(area=area, reference=f"YS{n + 20}", heard_on=D(2021, 3, 10))
    Item.objects.filter(plan=plan, number="1.1.2").update(due_date=D(2021, 3, 15))
    Item.objects.filter(plan=plan, number="2.1.2").update(
        due_date=D(2021, 6, 30), original_due_date=D(2020, 12, 31), slip_count=2
    )
    rate(plan, {"1.1.1": 2, "1.1.2": 2, "2.1.1": 3, "2.1.2": None})
    february = open_period(plan, "February 2021", D(2021, 2, 1), D(2021, 2, 28))
    commentary_save(
        measure=measures["timeliness"], period=february, text="Recovery plan agreed.", expected_version=None
    )
    february = report(february)

    rate(plan, {"1.1.1": 1, "1.1.2": 2, "2.1.1": 3, "2.1.2": 2})
    extra = Item.objects.filter(plan=plan, level=3).exclude(number__in=["1.1.1", "1.1.2", "2.1.1", "2.1.2"])
    extra.update(status=statuses_of(plan)[1], due_date=D(2021, 1, 31), slip_count=1)
    Risk.objects.filter(pk=registered["r1"].pk).update(likelihood=4, impact=5)
    march = open_period(plan, "March 2021", D(2021, 3, 1), D(2021, 3, 31))
    confirmed_update(
        march, "1.1.1", commentary="The panel paused.", mitigation="Interim panel chaired by KD."
    )
    confirmed_update(march, "2.1.1", commentary="Done.")
    highlight_report(
        march,
        "S/E",
        "1.1",
        actions_progressed="Panel terms agreed.",
        impact="Families wait less.",
        evidence="Panel minutes.",
        next_steps="Audit ten plans.",
    )
    commentary_save(
        measure=measures["timeliness"],
        period=march,
        text="Two caseworkers start in May.",
        expected_version=None,
    )
    march = report(march)
    EntryFactory(area=area, reference="YS1", heard_on=D(2021, 3, 4), is_published=True)
    EntryFactory(area=area, reference="YS2", heard_on=D(2021, 2, 10))
    EntryFactory(area=area, reference="YS10", heard_on=D(2021, 4, 2))
    template = PackTemplateFactory(plan=plan, name="Monthly SEND board pack")
    return {
        "plan": plan,
        "february": february,
        "march": march,
        "measures": measures,
        "risks": registered,
        "template": template,
    }


def build(template, period, *, matters: str = "The board is asked to note progress.") -> dict:
    return build_content(
        template=template, period=period, meeting_date=MEETING, matters=matters, made_at=MADE_AT
    )
