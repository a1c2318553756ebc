"""The risk register demo: the seven risks of Stockport's March/April 2021 update to the SEND Board
("Overview of Risk"), with their mitigating actions, loaded through the services.

The paper gives each risk's name, description and mitigating actions; it gives no scores, owners or
dates. Those are plausible estimates (`scores_estimated`, listed in `demo/README.md`): the register
is set up on 1 February 2021, scored then and reviewed in March, when two risks moved (Covid fell to
amber as schools reopened; the HYM's business continuity plan rose to red as waits grew), and personal
budgets fell to green in April once the offer went live. Each red
risk has a progress note in every month it was red, so February and March are kept as reported
(`reported_risks_freeze` with `as_of`, as the scorecard demo does) and April can be reported.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from accounts.models import User
from areas.models import Person
from demo.dating import at, dated, stamp
from plans.models import Plan
from progress.models import ReportingPeriod
from risks.models import MitigationNote, ReportedRisk, Risk, RiskScore
from risks.services.mitigations import mitigation_add, note_add
from risks.services.reporting import reported_risks_freeze
from risks.services.risks import RiskContent, risk_create, risk_rescore

SOURCE = "Demo data (Stockport SEND Board update, April 2021)"
SET_UP = date(2021, 2, 1)
REVIEWED = date(2021, 3, 10)


@dataclass(frozen=True)
class DemoRisk:
    reference: str
    title: str
    event: str  # the paper's description of the risk, as written
    owner: str
    category: str
    scores: tuple[int, int]  # likelihood and impact on 1 February 2021
    inherent: tuple[int, int]
    target: tuple[int, int]
    review_on: date
    actions: list[str]  # the paper's mitigating actions, as written
    notes: list[tuple[date, int, str]] = field(default_factory=list)  # (date, action number, text)
    rescored: list[tuple[date, int, int]] = field(default_factory=list)  # (reviewed on, likelihood, impact)


RISKS = [
    DemoRisk(
        "R1",
        "Impact of Covid",
        "Responsible officers having to prioritise frontline work. Pressures on schools managing lockdown, "
        "home learning and getting children safely back to school means they do not have capacity to be "
        "involved in SEND improvement. Challenges in keeping engagement of young people and parents/carers "
        "through Covid when face to face meetings have not been possible.",
        "JN",
        "Delivery",
        (4, 4),
        (5, 4),
        (2, 3),
        date(2021, 4, 30),
        [
            "Prioritisation of work to ensure risks are managed",
            "Ongoing communication with schools /settings",
            "Weekly comms meetings with parent/carer reps",
            "Multi-agency SEND K.I.T meetings",
            "Looking at different communication methods for example, webinars",
            "SEND hub/emotional wellbeing hub",
        ],
        [
            (date(2021, 2, 12), 3, "Weekly meetings with parent carer reps held throughout lockdown."),
            (date(2021, 3, 9), 2, "Schools reopened on 8 March; SENCO network meeting held online."),
        ],
        rescored=[(REVIEWED, 3, 4)],
    ),
    DemoRisk(
        "R2",
        "Impact of improvements",
        "Whilst strategic developments and actions from the WSoA progress there is a risk that these do not "
        "sufficiently impact on the live experience of children and families.",
        "CL",
        "Outcomes",
        (3, 4),
        (4, 4),
        (2, 3),
        date(2021, 4, 30),
        [
            "You said, we did on the Local Offer",
            "Multi-agency webinars",
            "SEND hub",
            "Regular updates from SEN Strategic Lead",
        ],
        [(date(2021, 3, 18), 1, "You said, we did page updated on the Local Offer.")],
    ),
    DemoRisk(
        "R3",
        "Timeliness of EHCP annual reviews",
        "There is currently a backlog of annual reviews. These need to be completed within a year and then "
        "amended in a timely fashion.",
        "SM",
        "Statutory duties",
        (4, 4),
        (5, 4),
        (2, 4),
        date(2021, 4, 15),
        [
            "Robust recovery action plan signed off by Board",
            "Working group set up to look at process",
            "Looking at electronic solutions in the future",
        ],
        [
            (date(2021, 2, 4), 1, "Recovery action plan signed off by the SEND Board."),
            (date(2021, 3, 16), 2, "Working group mapped the annual review process; backlog down to 410."),
            (date(2021, 4, 13), 2, "Backlog down to 352; extra caseworkers in post from 6 April."),
        ],
    ),
    DemoRisk(
        "R4",
        "Personal budgets",
        "To meet the Go Live date of 1st April 2020 for a fully integrated Personal Budget offer, with "
        "associated common process, practices and policy and contractual agreement signed off through PACTS "
        "and full staff training.",
        "JW",
        "Delivery",
        (3, 3),
        (4, 3),
        (1, 3),
        date(2021, 5, 31),
        [
            "A Task and Finish Group meets fortnightly with operational representation from education, "
            "health and care (0-25) and works to an agreed Go Live plan with milestones to 1st April",
            "PACTS have organised a number of listening and learning sessions to enable education, health "
            "and care leads hear of the current lived experience which has been used to develop You Said, "
            "We Did responses to current issues",
            "PACTS have agreed to review all documents before they are finalised and published.",
            "The Workforce Development Group have been requested to support the development of training and "
            "briefings/literature",
        ],
        [
            (date(2021, 3, 24), 1, "Go Live plan on track; policy with PACTS for review."),
            (date(2021, 4, 9), 1, "Integrated personal budget offer went live on 1 April as planned."),
        ],
        rescored=[(date(2021, 4, 9), 2, 2)],
    ),
    DemoRisk(
        "R5",
        "Workforce development",
        "Workforce development whilst often effective is not yet delivered consistently to the whole of the "
        "workforce.",
        "NO",
        "Workforce",
        (3, 3),
        (4, 3),
        (2, 2),
        date(2021, 5, 31),
        [
            "Workforce Development Strategy has been finalised. Implementation is running concurrently "
            "alongside the plan.",
            "Workforce Development is now a dedicated workstream, co-chaired by Head of Safeguarding and "
            "Learning and Head of Human Resources, People and Organisational Development. A sub-group sits "
            "underneath this workstream and is meeting fortnightly to drive change",
        ],
    ),
    DemoRisk(
        "R6",
        "Joint commissioning",
        "Joint commissioning was identified as a weakness in the SEND inspection. If the strategic "
        "priorities outlined in the joint commissioning plan are not fully implemented, the risk is that "
        "resources will not be targeted appropriately and children, young people and their families will "
        "not experience services that meet need and there will be a continued lack of join up.",
        "GM",
        "Commissioning",
        (3, 4),
        (4, 5),
        (2, 3),
        date(2021, 4, 30),
        [
            "Joint commissioning is now established as part of the CCG and council working practices with "
            "stronger relationships and better links to partnership boards such as CAHMs (renamed).",
            "Dedicated Project Management to ensure all action plans are underway for each of the strategic "
            "priorities outlined in the joint commissioning plan with action plans are in place",
        ],
    ),
    DemoRisk(
        "R7",
        "HYM's business continuity plan",
        "In January 2021 Pennine Care and CCG agreed an emergency business continuity plan which has seen "
        "reduced service to the community. This will result in longer wait times.",
        "DuW",
        "Health",
        (3, 4),
        (4, 4),
        (2, 3),
        date(2021, 4, 15),
        ["Task and finish group established led by the CCG"],
        [
            (date(2021, 3, 11), 1, "Task and finish group met; waiting list reviewed weekly."),
            (date(2021, 4, 8), 1, "Additional sessions commissioned to reduce waits."),
        ],
        rescored=[(REVIEWED, 4, 4)],
    ),
]


@transaction.atomic
def load_risks_demo(plan: Plan, *, manager: User) -> str:
    """Load the seven risks into `plan`, once: a plan with risks keeps them as they are."""
    if plan.risks.exists():
        return f"{plan.area.name}: risk register kept as it is: it has risks"
    people = {p.initials: p for p in Person.objects.filter(area=plan.area)}
    for spec in RISKS:
        _load(plan, spec, people, manager)
    kept = 0
    for period in plan.periods.filter(state=ReportingPeriod.State.REPORTED).order_by("starts_on"):
        if not ReportedRisk.objects.filter(period=period).exists():
            kept += reported_risks_freeze(period=period, as_of=period.ends_on)
    return (
        f"{plan.area.name}: risk register loaded: {len(RISKS)} risks from the April 2021 update (scores "
        f"estimated); {kept} risks kept as reported in the periods reported before"
    )


def _load(plan: Plan, spec: DemoRisk, people: dict[str, Person], manager: User) -> None:
    content = RiskContent(
        reference=spec.reference,
        title=spec.title,
        event=spec.event,
        owner=people.get(spec.owner),
        category=spec.category,
        likelihood=spec.scores[0],
        impact=spec.scores[1],
        inherent_likelihood=spec.inherent[0],
        inherent_impact=spec.inherent[1],
        target_likelihood=spec.target[0],
        target_impact=spec.target[1],
        review_on=spec.review_on,
        scores_estimated=True,
    )
    with dated(at(SET_UP, 10)):
        risk = risk_create(plan=plan, content=content, by=manager, scored_on=SET_UP, source=SOURCE)
        actions = [
            mitigation_add(
                risk=risk, action=text, owner=people.get(spec.owner), due_on=None, by=manager, source=SOURCE
            )
            for text in spec.actions
        ]
    stamp(Risk.objects.filter(pk=risk.pk), at(SET_UP, 10), ("created_at",))
    for day, number, text in spec.notes:
        with dated(at(day, 12)):
            note = note_add(mitigation=actions[number - 1], dated=day, text=text, by=manager, source=SOURCE)
        stamp(MitigationNote.objects.filter(pk=note.pk), at(day, 12), ("written_at",))
    for day, likelihood, impact in spec.rescored:
        with dated(at(day, 15)):
            risk_rescore(
                risk=risk,
                expected_version=risk.version,
                likelihood=likelihood,
                impact=impact,
                review_on=spec.review_on,
                by=manager,
                scored_on=day,
            )
    for score in RiskScore.objects.filter(risk=risk):
        stamp(RiskScore.objects.filter(pk=score.pk), at(score.scored_on, 10), ("recorded_at",))
