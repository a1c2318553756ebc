"""The monthly cycle's history for a synthetic plan: reported periods, their ratings, updates, evidence.

`build_history` is called by `bench.generate.build_area` once the plan's items exist. It writes,
with bulk_create only (the services work item by item, and what is measured is reading):

- `Size.periods` consecutive monthly periods, all reported, then the current month's, open;
- a `ReportedRating` for every current item in each reported period, its status walked back
  from the item's status now (mostly a step back now and then, sometimes a step forward, so
  the trend and the timelines show items improving and declining);
- in each reported period, a confirmed `Update` on most items that had a status and were not
  done (or had just become done), its commentary the one frozen in the rating;
- in the open period, an `Update` on about 70% of the owned, not-done key actions and
  milestones: some confirmed (as the item's status now), some changed in challenge, the rest
  waiting for challenge, a few proposing a later due date; and on every milestone of the bench
  workstream (`waiting`: 400 at full size), waiting for challenge, for the challenge in bulk;
- evidence in the area's evidence bank, each linked to a few updates;
- the bench workstream's highlight report for the open period, drafted from its updates.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from areas.models import Workstream
from evidence.models import Evidence
from plans.models import Item, Plan, RagStatus
from progress import rules
from progress.models import HighlightReport, HighlightRow, ReportedRating, ReportingPeriod, Update
from progress.services.highlights import draft_rows
from progress.services.periods import frozen_rating, owners_by_item, rollups_freeze
from progress.trend import trend_between

OPEN_UPDATE_SHARE = 0.7  # of the owned, not-done key actions and milestones, in the open period
REPORTED_UPDATE_SHARE = 0.8  # of the items with a status, in each reported period
STEP_BACK = 0.12  # going back a month, the chance an item's status was one lower
STEP_FORWARD = 0.03  # ... or one higher (it has declined since)
DONE = "Completed: signed off at the workstream meeting."
PROGRESS_NOTES = [
    "Draft agreed with the parent carer forum",
    "Task and finish group met twice this month",
    "Audit of a sample of plans completed",
    "Training delivered to SENCOs in two clusters",
    "Data now reported monthly to the SEND board",
    "Delayed by staff vacancies; recruitment under way",
    "Commissioning intentions shared with the ICB",
    "Feedback from families gathered through the survey",
]
NEXT_STEPS = [
    "Present the findings to the SEND board next month.",
    "Agree the action plan with health partners.",
    "Publish the revised guidance on the local offer.",
    "Repeat the audit in the next quarter.",
]
EVIDENCE_TITLES = [
    "Parent carer survey results",
    "EHC plan quality audit",
    "SEND board minutes",
    "Case study: transition to college",
    "Local offer page views",
    "20-week timeliness dashboard",
    "Training evaluation forms",
    "Joint commissioning strategy",
]
EVIDENCE_KINDS = [
    Evidence.Kind.SURVEY,
    Evidence.Kind.DOCUMENT,
    Evidence.Kind.MINUTES,
    Evidence.Kind.CASE_STUDY,
    Evidence.Kind.DATA,
    Evidence.Kind.DATA,
    Evidence.Kind.SURVEY,
    Evidence.Kind.LINK,
]


@dataclass
class History:
    open_period: ReportingPeriod
    reported_period: ReportingPeriod  # the latest reported, the one the trend compares against
    updated_item: Item  # a milestone with an update waiting for challenge in the open period
    evidence: Evidence  # linked to that update


def _note(rng: random.Random, item: Item) -> str:
    return f"{rng.choice(PROGRESS_NOTES)} for {item.number}; {rng.choice(PROGRESS_NOTES).lower()}."


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _periods(plan: Plan, count: int, today: date, user: User, rng: random.Random) -> list[ReportingPeriod]:
    """`count` reported months before this one, oldest first, then this month's, open."""
    first = rules.add_months(today.replace(day=1), -count)
    periods = []
    for n in range(count + 1):
        starts_on = rules.add_months(first, n)
        ends_on = rules.add_months(starts_on, 1) - timedelta(days=1)
        reported = n < count
        periods.append(
            ReportingPeriod(
                plan=plan,
                name=rules.period_name(starts_on, ends_on),
                starts_on=starts_on,
                ends_on=ends_on,
                deadline=rules.default_deadline(ends_on, 1),
                state=ReportingPeriod.State.REPORTED if reported else ReportingPeriod.State.OPEN,
                reported_at=_at(min(ends_on + timedelta(days=rng.randint(3, 12)), today))
                if reported
                else None,
                reported_by=user if reported else None,
            )
        )
    return ReportingPeriod.objects.bulk_create(periods)


def _walk(rng: random.Random, now: int | None, months: int, top: int) -> list[int | None]:
    """An item's status index in each of the `months` reported periods, oldest first, ending near `now`."""
    if now is None:
        return [None] * months
    walked, index = [], now
    for _ in range(months):
        roll = rng.random()
        if roll < STEP_BACK and index > 0:
            index -= 1
        elif roll < STEP_BACK + STEP_FORWARD and index < top:
            index += 1
        walked.append(index)
    return walked[::-1]


def build_history(
    *,
    plan: Plan,
    items: list[Item],
    owned: set[int],
    statuses: list[RagStatus],
    workstream: Workstream,
    forced: list[Item],
    forced_evidence: int,
    periods: int,
    waiting: frozenset[int] = frozenset(),
    user: User,
    rng: random.Random,
    today: date,
) -> History:
    """Write the plan's reporting history.

    The `forced` items (the bench's) and the `waiting` ones (the bench workstream's milestones)
    always have an update in the open period, waiting for challenge; the last forced one's is linked
    to `forced_evidence` pieces of evidence (the caller makes that grow with the plan, so that a
    query per piece shows in tests/test_query_counts.py).
    """
    if periods < 1:
        raise ValueError("Build at least one reported period, so the period pages have one to show")
    *reported, open_period = _periods(plan, periods, today, user, rng)
    index_of = {s.pk: n for n, s in enumerate(statuses)}
    top = len(statuses) - 1
    done_indexes = {n for n, s in enumerate(statuses) if s.counts_as_done}
    walks = {i.pk: _walk(rng, index_of.get(i.status_id), periods, top) for i in items}

    ratings, past_updates = [], []
    owners = owners_by_item(plan=plan)
    for n, period in enumerate(reported):
        in_period = []
        for item in items:
            index = walks[item.pk][n]
            status = statuses[index] if index is not None else None
            done = index in done_indexes
            commentary = ""
            just_done = done and n > 0 and walks[item.pk][n - 1] not in done_indexes
            if (
                status
                and item.pk in owned
                and (not done or just_done)
                and rng.random() < REPORTED_UPDATE_SHARE
            ):
                commentary = DONE if just_done else _note(rng, item)
                proposed = statuses[min(index + 1, top)] if rng.random() < 0.1 else status
                past_updates.append(
                    Update(
                        period=period,
                        item=item,
                        commentary=commentary,
                        proposed_status=proposed,
                        submitted_by=user,
                        submitted_at=_at(period.deadline - timedelta(days=rng.randint(0, 10))),
                        confirmed_status=status,
                        challenge_reason=""
                        if proposed == status
                        else "Not yet evidenced; keep under review.",
                        confirmed_by=user,
                        confirmed_at=_at(period.ends_on - timedelta(days=rng.randint(0, 5)), 15),
                    )
                )
            in_period.append(
                frozen_rating(
                    period=period,
                    item=item,
                    status=status,
                    commentary=commentary,
                    owners=owners.get(item.pk, ""),
                )
            )
        rollups_freeze(plan=plan, ratings=in_period, statuses=statuses, by_hand={})
        ratings += in_period
    ReportedRating.objects.bulk_create(ratings, batch_size=2000)
    for previous, period in itertools.pairwise(reported):
        period.trend = trend_between(period, previous, plan.depth)
    ReportingPeriod.objects.bulk_update(reported, ["trend"])

    open_updates = _open_updates(items, owned, statuses, forced, waiting, open_period, user, rng, today)
    updates = Update.objects.bulk_create([*past_updates, *open_updates.values()], batch_size=2000)
    evidence = _evidence(plan, updates, open_updates[forced[-1].pk], forced_evidence, user, rng, today)

    report = HighlightReport.objects.create(
        period=open_period,
        workstream=workstream,
        workstream_name=f"{workstream.code} {workstream.name}",
        drafted_by=user,
        updated_by=user,
    )
    rows = draft_rows(period=open_period, workstream=workstream)
    for row in rows:
        row.report = report
    HighlightRow.objects.bulk_create(rows)
    return History(
        open_period=open_period, reported_period=reported[-1], updated_item=forced[-1], evidence=evidence
    )


def _open_updates(
    items: list[Item],
    owned: set[int],
    statuses: list[RagStatus],
    forced: list[Item],
    waiting: frozenset[int],
    period: ReportingPeriod,
    user: User,
    rng: random.Random,
    today: date,
) -> dict[int, Update]:
    """The open period's updates by item id: confirmed ones agree with the item's status now; the
    forced and `waiting` items' wait for challenge."""
    done_ids = {s.pk for s in statuses if s.counts_as_done}
    forced_ids = {i.pk for i in forced} | waiting
    latest = max(period.starts_on, today)
    updates = {}
    for item in items:
        expected = item.level >= 3 and item.pk in owned and item.status_id not in done_ids
        if item.pk not in forced_ids and not (expected and rng.random() < OPEN_UPDATE_SHARE):
            continue
        update = Update(
            period=period,
            item=item,
            commentary=_note(rng, item),
            next_steps=rng.choice(NEXT_STEPS),
            submitted_by=user,
            submitted_at=_at(
                period.starts_on + timedelta(days=rng.randrange((latest - period.starts_on).days + 1))
            ),
        )
        roll = rng.random()
        if item.pk not in forced_ids and item.status is not None and roll < 0.4:
            update.confirmed_status = item.status
            update.proposed_status = item.status
            if roll < 0.08:  # changed in challenge: the owner proposed one better
                update.proposed_status = statuses[min(statuses.index(item.status) + 1, len(statuses) - 1)]
                update.challenge_reason = "The evidence does not yet show this; kept as it was."
            update.confirmed_by, update.confirmed_at = user, update.submitted_at + timedelta(hours=4)
        else:
            now = statuses.index(item.status) if item.status is not None else 0
            update.proposed_status = statuses[min(now + (1 if roll > 0.75 else 0), len(statuses) - 1)]
            if item.due_date and roll > 0.9:
                update.proposed_due_date = item.due_date + timedelta(days=91)
                update.due_date_reason = "Waiting for the new commissioning round."
        updates[item.pk] = update
    return updates


def _evidence(
    plan: Plan,
    updates: list[Update],
    bench_update: Update,
    bench_links: int,
    user: User,
    rng: random.Random,
    today: date,
) -> Evidence:
    """A piece of evidence for every 25 updates in the open period (at least 6), each linked to up to
    four updates of any period, and `bench_links` of them to `bench_update`."""
    count = max(6, bench_links, sum(1 for u in updates if u.period_id == bench_update.period_id) // 25)
    first = rules.add_months(today, -24)
    evidence = Evidence.objects.bulk_create(
        Evidence(
            area=plan.area,
            title=f"{EVIDENCE_TITLES[n % len(EVIDENCE_TITLES)]} ({n + 1})",
            kind=EVIDENCE_KINDS[n % len(EVIDENCE_KINDS)],
            description="Collected by the SEND quality assurance team.",
            impact="Families say they know where to find help." if n % 2 == 0 else "",
            dated=first + timedelta(days=rng.randrange((today - first).days + 1)),
            url=f"https://example.org/evidence/{n + 1}"
            if EVIDENCE_KINDS[n % len(EVIDENCE_KINDS)] == "link"
            else "",
            added_by=user,
        )
        for n in range(count)
    )
    for e in evidence:  # added when dated, so "what you added lately" is not all of it
        e.added_at = _at(e.dated)
    Evidence.objects.bulk_update(evidence, ["added_at"])
    Through = Update.evidence.through
    links = {(bench_update.pk, e.pk) for e in evidence[:bench_links]}
    for e in evidence:
        for update in rng.sample(updates, min(len(updates), rng.randint(1, 4))):
            links.add((update.pk, e.pk))
    Through.objects.bulk_create(Through(update_id=u, evidence_id=e) for u, e in sorted(links))
    return evidence[0]
