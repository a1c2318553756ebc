"""A synthetic local area with a four-level plan, of any size, built quickly with bulk_create.

The full size is the benchmark's: 40 areas of weakness, each with 2 priorities of 5 key
actions, each with 5 milestones (40 + 80 + 400 + 2,000 = 2,520 items), 200 people and 5
workstreams, statuses from the first preset RAG scheme and due dates from 2019 to 2027, and
24 reported monthly periods of history before this month's open one (bench/history.py), each with
its scorecard as reported (bench/scorecard.py).
`tests/test_query_counts.py` builds smaller ones with the same code.

Everything is deterministic for a given size and seed. Items are written with bulk_create
(what is measured is reading them); each gets the "added" Change a service would record, so
item pages show a history.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from accounts.models import User
from areas.models import LocalArea, Membership, Organisation, Person, Workstream, WorkstreamLead
from common.dates import format_uk_date
from evidence.models import Evidence
from history.models import Change
from plans import rules
from plans.models import Finding, FindingItem, Item, ItemOwner, Plan, RagScheme, RagStatus
from plans.presets import RAG_PRESETS
from progress.models import ReportingPeriod

from .history import build_history
from .registers import BenchRegisters, build_registers
from .scorecard import BenchScorecard, build_scorecard, freeze_reported

LEVEL_NAMES = ["Area of weakness", "Priority", "Key action", "Milestone"]
FIRST_DUE = date(2019, 4, 1)
LAST_DUE = date(2027, 12, 31)
PASSWORD = "bench-not-secret-password"


@dataclass(frozen=True)
class Size:
    """How big a plan to build: counts per parent at each level, the area's people and workstreams,
    and how many months of reported history it has."""

    tops: int = 40
    priorities: int = 2  # per area of weakness
    actions: int = 5  # per priority
    milestones: int = 5  # per key action
    people: int = 200
    workstreams: int = 5
    periods: int = 24  # reported monthly periods before this month's, which is open
    measures: int = 120  # on the scorecard
    measure_periods: int = 60  # months of figures per breakdown
    breakdowns: int = 3  # per measure
    risks: int = 300  # in the plan's risk register
    entries: int = 2000  # "You said, we did"

    @property
    def items(self) -> int:
        p = self.tops * self.priorities
        a = p * self.actions
        return self.tops + p + a + a * self.milestones


FULL = Size()


@dataclass
class BenchArea:
    area: LocalArea
    plan: Plan
    user: User  # a programme manager of the area, linked to `person`
    person: Person  # owns items and leads `workstream`
    workstream: Workstream
    action: Item  # a key action (level 3) with its milestones under it
    top: Item  # the area of weakness `action` is under: its roll-up and its trend across reported periods
    size: Size
    open_period: ReportingPeriod  # this month's
    reported_period: ReportingPeriod  # last month's, the latest reported
    updated_item: Item  # a milestone of `action` whose update in the open period awaits challenge
    evidence: Evidence  # linked to that update
    scorecard: BenchScorecard
    registers: BenchRegisters


WORKSTREAMS = [
    ("S/E", "SEN Support and EHC plans"),
    ("JC", "Joint commissioning"),
    ("P4A", "Preparing for adulthood"),
    ("SEMH", "Social, emotional and mental health"),
    ("EY", "Early years and inclusion"),
    ("COP", "Co-production with families"),
]
JOB_TITLES = [
    "Strategic Lead SEN and Inclusion",
    "Operational Lead SEN",
    "Designated Clinical Officer",
    "Head of Commissioning",
    "Principal Educational Psychologist",
    "Service Manager, Children with Disabilities",
    "Participation Officer",
    "Senior Quality Assurance Officer",
    "Head of Virtual School",
    "Transitions Coordinator",
]
ORGANISATIONS = ["Council", "Integrated Care Board", "Community Health Trust", "Parent Carer Forum"]
VERBS = ["Review", "Agree", "Publish", "Embed", "Co-produce", "Commission", "Audit", "Train", "Launch"]
OBJECTS = [
    "the local offer",
    "EHC plan quality assurance",
    "the graduated approach",
    "joint commissioning arrangements",
    "the SEND data dashboard",
    "transition pathways at 14 to 25",
    "the neurodevelopmental pathway",
    "annual review timeliness",
    "the parent carer forum's feedback loop",
    "speech and language therapy waiting times",
    "the SEMH outreach offer",
    "the inclusion charter with schools",
]
PURPOSES = [
    "so that families know what support is available",
    "so that plans are written within 20 weeks",
    "so that children's needs are identified early",
    "so that partners share one view of progress",
    "so that young people are prepared for adulthood",
    "so that the voice of children shapes services",
]
WEAKNESSES = [
    "Leaders' understanding of the local area's effectiveness is weak",
    "The quality of EHC plans is too variable",
    "Joint commissioning is underdeveloped",
    "Waiting times for assessment are too long",
    "The local offer is not well known by families",
    "Co-production with parents is inconsistent",
    "Transition to adult services is poorly planned",
    "Health contributions to plans are often missing",
]
FILLER = "with schools, health partners and the parent carer forum, reporting to the SEND board"
STATUS_CHOICES_PAST = [2, 2, 2, 3, 3, 1, 1, 0, None]  # indexes into the four preset statuses
STATUS_CHOICES_FUTURE = [0, 0, 0, 1, 1, 1, 2, None]


def _sentence(rng: random.Random, words: int) -> str:
    text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PURPOSES)}"
    filler = FILLER.split()
    extra = max(0, words - len(text.split()))
    return text + (" " + " ".join(filler[i % len(filler)] for i in range(extra)) if extra else "") + "."


def _initials(index: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTW"
    first = letters[index % len(letters)]
    second = letters[(index // len(letters)) % len(letters)]
    suffix = index // (len(letters) * len(letters))
    return f"{first}{second}{suffix + 1 if suffix else ''}"


def _due(rng: random.Random) -> date:
    return FIRST_DUE + timedelta(days=rng.randrange((LAST_DUE - FIRST_DUE).days + 1))


@transaction.atomic
def refresh_statistics() -> None:
    """The database's statistics of the rows just written, as a server's autovacuum keeps them (on by
    default; some machines, this one included, turn it off): without them PostgreSQL's planner takes each
    table for a handful of rows and picks plans that are slow at the bench's size. SQLite keeps none
    unless asked, as in production."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build_area(
    size: Size = FULL, *, slug: str = "bench", seed: int = 2019, today: date | None = None
) -> BenchArea:
    """Build a local area with one plan of the given size. The slug must be new."""
    rng = random.Random(seed)
    today = today or date.today()
    area = LocalArea.objects.create(name=f"Bench {slug}", slug=slug, council_name="Benchmark Borough Council")
    organisations = Organisation.objects.bulk_create(Organisation(area=area, name=n) for n in ORGANISATIONS)
    people = Person.objects.bulk_create(
        Person(
            area=area,
            initials=_initials(i),
            job_title=JOB_TITLES[i % len(JOB_TITLES)],
            organisation=organisations[i % len(organisations)],
        )
        for i in range(size.people)
    )
    workstreams = Workstream.objects.bulk_create(
        Workstream(
            area=area,
            code=WORKSTREAMS[i % len(WORKSTREAMS)][0] + (str(i // len(WORKSTREAMS)) if i >= 6 else ""),
            name=WORKSTREAMS[i % len(WORKSTREAMS)][1],
        )
        for i in range(size.workstreams)
    )
    WorkstreamLead.objects.bulk_create(
        WorkstreamLead(workstream=workstream, person=people[i], position=0)
        for i, workstream in enumerate(workstreams)
    )
    scheme = RagScheme.objects.create(area=area, name="Started, progressing, completed, embedded")
    statuses = RagStatus.objects.bulk_create(
        RagStatus(scheme=scheme, position=n, **data)
        for n, data in enumerate(next(iter(RAG_PRESETS.values())), start=1)
    )
    plan = Plan.objects.create(
        area=area,
        reference="BENCH-2019",
        title="Written Statement of Action (synthetic, for the benchmark)",
        kind=Plan.Kind.WSOA,
        status=Plan.Status.LIVE,
        start_date=FIRST_DUE,
        end_date=LAST_DUE,
        level_names=LEVEL_NAMES,
        rag_scheme=scheme,
    )
    user = User.objects.create_user(email=f"pm@{slug}.example", password=PASSWORD)
    Membership.objects.create(user=user, area=area, role=Membership.Role.PROGRAMME_MANAGER, person=people[0])

    owner_cursor = 0

    def next_owner() -> Person:
        nonlocal owner_cursor
        owner_cursor += 1
        return people[(owner_cursor * 7) % len(people)]

    owners: dict[str, list[Person]] = {}
    item_workstreams: dict[str, list[Workstream]] = {}

    def make(number: str, parent: Item | None, text: str, due: date | None, status: int | None) -> Item:
        return Item(
            plan=plan,
            parent=parent,
            number=number,
            sort_key=rules.sort_key(number),
            level=rules.number_level(number),
            text=text,
            due_date=due,
            status=statuses[status] if status is not None else None,
        )

    tops = Item.objects.bulk_create(
        make(str(t), None, f"{WEAKNESSES[(t - 1) % len(WEAKNESSES)]} (area {t}).", None, None)
        for t in range(1, size.tops + 1)
    )
    for top in tops:
        owners[top.number] = [people[int(top.number) % len(people)]]
    priorities = Item.objects.bulk_create(
        make(f"{top.number}.{p}", top, _sentence(rng, 14), None, None)
        for top in tops
        for p in range(1, size.priorities + 1)
    )
    actions_to_make = []
    action_index = 0
    for priority in priorities:
        for a in range(1, size.actions + 1):
            number = f"{priority.number}.{a}"
            actions_to_make.append(make(number, priority, _sentence(rng, 20), None, None))
            item_workstreams[number] = [workstreams[action_index % len(workstreams)]]
            owners[number] = [next_owner()] + ([next_owner()] if a == 1 else [])
            action_index += 1
    actions = Item.objects.bulk_create(actions_to_make)
    milestones_to_make = []
    for action in actions:
        latest = None
        for m in range(1, size.milestones + 1):
            number = f"{action.number}.{m}"
            due = _due(rng)
            latest = max(latest or due, due)
            pool = STATUS_CHOICES_PAST if due < today else STATUS_CHOICES_FUTURE
            milestones_to_make.append(make(number, action, _sentence(rng, 16), due, rng.choice(pool)))
            item_workstreams[number] = item_workstreams[action.number]
            owners[number] = [next_owner()]
        action.due_date = latest
        action.status = statuses[1]
        action.impact = "Families report that they know where to find help (parent survey)."
        action.evidence = "Quarterly audit of EHC plans; the parent carer forum's survey."
    Item.objects.bulk_update(actions, ["due_date", "status", "impact", "evidence"])
    milestones = Item.objects.bulk_create(milestones_to_make)
    items = [*tops, *priorities, *actions, *milestones]
    by_number = {i.number: i for i in items}

    ItemOwner.objects.bulk_create(
        ItemOwner(item=by_number[number], person=person, position=position)
        for number, persons in owners.items()
        for position, person in enumerate(persons)
    )
    Through = Item.workstreams.through
    Through.objects.bulk_create(
        Through(item_id=by_number[number].pk, workstream_id=w.pk)
        for number, ws in item_workstreams.items()
        for w in ws
    )
    SeeAlso = Item.see_also.through
    SeeAlso.objects.bulk_create(
        SeeAlso(from_item_id=action.pk, to_item_id=actions[(i + 7) % len(actions)].pk)
        for i, action in enumerate(actions)
        if i % 10 == 3 and len(actions) > 1
    )
    findings = Finding.objects.bulk_create(
        Finding(
            plan=plan,
            number=str(2 * t + n + 1),
            label=f"Area {top.number}, finding {n + 1}",
            position=2 * t + n,
            quotation=f"{top.text} Inspectors found this in {n + 1} ways.",
            page="3",
        )
        for t, top in enumerate(tops)
        for n in range(2)
    )
    # Each finding is answered by its top-level item and the first priority and action under it.
    FindingItem.objects.bulk_create(
        FindingItem(finding=finding, item=by_number[number], position=p)
        for finding, top in zip(findings, [top for top in tops for _ in range(2)], strict=True)
        for p, number in enumerate([top.number, f"{top.number}.1", f"{top.number}.1.1"])
        if number in by_number
    )
    Change.objects.bulk_create(
        Change(
            area=area,
            plan=plan,
            item=item,
            subject=f"{plan.level_name(item.level)} {item.number}",
            action=Change.Action.ADDED,
            changes={
                "Number": ["", item.number],
                "Text": ["", item.text],
                "Due date": ["", format_uk_date(item.due_date)],
                "Workstream": ["", ", ".join(w.code for w in item_workstreams.get(item.number, []))],
                "Owners": ["", ", ".join(p.initials for p in owners.get(item.number, []))],
                "Status": ["", item.status.label if item.status else ""],
            },
            by=user,
            source="Import of bench.xlsx",
            version=1,
        )
        for item in items
    )
    middle = tops[len(tops) // 2].number
    action = by_number[f"{middle}.1.1"]
    history = build_history(
        plan=plan,
        items=items,
        owned={by_number[number].pk for number in owners},
        statuses=statuses,
        workstream=workstreams[0],
        forced=[action, by_number[f"{action.number}.1"]],
        forced_evidence=2 + size.tops // 5,
        periods=size.periods,
        waiting=frozenset(  # every milestone of the bench workstream: the challenge in bulk's list
            by_number[number].pk
            for number, ws in item_workstreams.items()
            if workstreams[0] in ws and by_number[number].level == len(LEVEL_NAMES)
        ),
        user=user,
        rng=rng,
        today=today,
    )
    scorecard = build_scorecard(
        area,
        measures=size.measures,
        periods=size.measure_periods,
        breakdowns=size.breakdowns,
        rng=rng,
        today=today,
    )
    freeze_reported(plan)
    registers = build_registers(
        plan=plan,
        people=people,
        tops=tops,
        items=items,
        reported_period=history.reported_period,
        risks=size.risks,
        entries=size.entries,
        rng=rng,
        today=today,
    )
    refresh_statistics()
    return BenchArea(
        area=area,
        plan=plan,
        user=user,
        person=people[0],
        workstream=workstreams[0],
        action=action,
        top=by_number[middle],
        size=size,
        open_period=history.open_period,
        reported_period=history.reported_period,
        updated_item=history.updated_item,
        evidence=history.evidence,
        scorecard=scorecard,
        registers=registers,
    )
