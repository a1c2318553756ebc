"""The benchmark's risk register and "You said, we did": `build_registers` is called by
`bench.generate.build_area` once the plan, its reported periods and the scorecard exist. It writes
rows in bulk (the services check one at a time; the demo and the tests use those), as an area would
have them after a few years: each risk with mitigating actions, dated progress notes and a score
history, and kept as reported in the latest reported period; entries linked to items, I statements,
measures and evidence, most of them published."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from areas.models import Person
from evidence.models import Evidence
from plans import rules as plan_rules
from plans.models import Item, Plan
from progress.models import ReportingPeriod
from publishing.models import Publication
from publishing.services import publication_create
from risks import rules as risk_rules
from risks.models import Mitigation, MitigationNote, ReportedRisk, Risk, RiskScore
from scorecard.models import Measure, Outcome
from voice.models import Entry, Source

CATEGORIES = ["Finance", "Workforce", "Sufficiency", "Partnership", "Data", "Reputation", "Safeguarding"]
GROUPS = ["Parent carer forum", "Youth council", "Special school parents", "SENCO network", "Listening event"]
SOURCES = list(Source.values)


@dataclass
class BenchRegisters:
    risk: Risk  # a red risk with mitigations, notes and a score history
    entry: Entry  # a published entry linked to items, I statements and measures
    risks: int
    entries: int
    outcome: Outcome  # the I statement the voice list is filtered by
    linked_item: Item  # a top-level item with entries and risks linked to it
    publication: Publication  # the area's first publication, made from all of it

    def counts(self) -> dict[str, int]:
        """What the pages show, for docs/performance.md."""
        risks = Risk.objects.filter(pk=self.risk.pk).values_list("plan", flat=True).first()
        open_risks = Risk.objects.filter(plan=risks, status=Risk.Status.OPEN)
        area = self.entry.area_id
        return {
            "risks": self.risks,
            "open_risks": open_risks.count(),
            "red_risks": sum(1 for r in open_risks if (r.score or 0) >= risk_rules.DEFAULT_RED_FROM),
            "entries": self.entries,
            "entries_filtered": Entry.objects.filter(area=area, outcomes=self.outcome).count(),
            "published_entries": Entry.objects.filter(area=area, is_published=True).count(),
            "public_measures": len(self.publication.content["scorecard"]["measures"]),
        }


def _sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


WORDS = [
    "families",
    "schools",
    "waiting",
    "annual",
    "reviews",
    "plans",
    "health",
    "therapy",
    "transport",
    "funding",
    "staff",
    "training",
    "communication",
    "young",
    "people",
    "assessment",
    "advice",
    "timeliness",
    "transition",
    "inclusion",
    "support",
]


def build_registers(
    *,
    plan: Plan,
    people: list[Person],
    tops: list[Item],
    items: list[Item],
    reported_period: ReportingPeriod | None,
    risks: int,
    entries: int,
    rng: random.Random,
    today: date,
) -> BenchRegisters:
    area = plan.area
    made = Risk.objects.bulk_create(
        Risk(
            plan=plan,
            reference=f"R{n + 1}",
            sort_key=plan_rules.reference_sort_key(f"R{n + 1}"),
            title=f"Risk {n + 1}: " + _sentence(rng, WORDS, 6),
            cause=_sentence(rng, WORDS, 10),
            event=_sentence(rng, WORDS, 10),
            effect=_sentence(rng, WORDS, 10),
            owner=people[(n * 3) % len(people)],
            category=CATEGORIES[n % len(CATEGORIES)],
            likelihood=5 if n % 7 == 0 else 1 + (n * 7) % 5,  # one in seven red, R1 among them
            impact=4 if n % 7 == 0 else 1 + (n * 3) % 5,
            inherent_likelihood=5,
            inherent_impact=4,
            target_likelihood=2,
            target_impact=2,
            review_on=today + timedelta(days=(n % 60) - 20),
            status=Risk.Status.CLOSED if n % 10 == 9 else Risk.Status.OPEN,
            closed_reason="Mitigated: the actions are embedded." if n % 10 == 9 else "",
        )
        for n in range(risks)
    )
    Risk.items.through.objects.bulk_create(
        Risk.items.through(risk_id=risk.pk, item_id=items[(n * 11) % len(items)].pk)
        for n, risk in enumerate(made)
    )
    RiskScore.objects.bulk_create(
        RiskScore(
            risk=risk,
            likelihood=max(1, min(5, (risk.likelihood or 3) + step - 2)),
            impact=risk.impact or 3,
            scored_on=today - timedelta(days=30 * (4 - step)),
        )
        for risk in made
        for step in range(4)
    )
    mitigations = Mitigation.objects.bulk_create(
        Mitigation(
            risk=risk,
            position=k + 1,
            action=_sentence(rng, WORDS, 12),
            owner=people[(n + k) % len(people)],
            due_on=today + timedelta(days=30 * (k + 1)),
        )
        for n, risk in enumerate(made)
        for k in range(2)
    )
    MitigationNote.objects.bulk_create(
        MitigationNote(mitigation=m, dated=today - timedelta(days=30 * k), text=_sentence(rng, WORDS, 15))
        for m in mitigations
        for k in range(3)
    )
    if reported_period is not None:
        ReportedRisk.objects.bulk_create(
            ReportedRisk(
                period=reported_period,
                risk=risk,
                reference=risk.reference,
                title=risk.title,
                likelihood=risk.likelihood,
                impact=risk.impact,
                score=risk.score,
                band=int(
                    risk_rules.band_for((risk.score or 1) - 3 * (n % 3 == 0), amber_from=5, red_from=15)
                    or risk_rules.Band.GREEN
                ),
                status=risk.status,
            )
            for n, risk in enumerate(made)
        )

    outcomes = list(Outcome.objects.filter(area=area).order_by("position"))
    measures = list(Measure.objects.filter(area=area).order_by("position")[:20])
    evidence = list(Evidence.objects.filter(area=area)[:20])
    said = Entry.objects.bulk_create(
        Entry(
            area=area,
            reference=f"YS{n + 1}",
            sort_key=plan_rules.reference_sort_key(f"YS{n + 1}"),
            said=_sentence(rng, WORDS, 25),
            source=SOURCES[n % len(SOURCES)],
            heard_on=today - timedelta(days=n % 700),
            group=GROUPS[n % len(GROUPS)],
            did=_sentence(rng, WORDS, 25),
            how_we_know=_sentence(rng, WORDS, 20),
            is_published=n % 4 != 3,
        )
        for n in range(entries)
    )
    Entry.outcomes.through.objects.bulk_create(
        Entry.outcomes.through(entry_id=e.pk, outcome_id=outcomes[n % len(outcomes)].pk)
        for n, e in enumerate(said)
        if outcomes
    )
    Entry.items.through.objects.bulk_create(
        Entry.items.through(entry_id=e.pk, item_id=tops[n % len(tops)].pk) for n, e in enumerate(said)
    )
    Entry.measures.through.objects.bulk_create(
        Entry.measures.through(entry_id=e.pk, measure_id=measures[n % len(measures)].pk)
        for n, e in enumerate(said)
        if measures and n % 2 == 0
    )
    Entry.evidence.through.objects.bulk_create(
        Entry.evidence.through(entry_id=e.pk, evidence_id=evidence[n % len(evidence)].pk)
        for n, e in enumerate(said)
        if evidence and n % 3 == 0
    )
    Measure.objects.filter(pk__in=[m.pk for m in measures]).update(is_public=True)
    publication = publication_create(area=area, by=None, note="The benchmark's first publication")
    return BenchRegisters(
        publication=publication,
        risk=made[0],
        entry=said[0],
        risks=len(made),
        entries=len(said),
        outcome=outcomes[0],
        linked_item=tops[0],
    )
