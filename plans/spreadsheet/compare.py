"""Finding the work an import must do, by comparing a PlanFile with what the area holds.

Everything is compared as the text people read (the labels of the history), so a
file that matches the database gives no work at all. Names in the file (initials,
codes, labels) are resolved case-insensitively to one spelling: the file's own
sheets first, then the area's.
"""

from typing import TYPE_CHECKING

from common.dates import format_uk_date
from history import services as history

from ..models import Plan
from ..snapshots import plan_plurals, plan_snapshot, plurals_words
from . import template as t
from .compare_items import check_status_removals, item_work
from .fields import field_work
from .findings import finding_work
from .groups import check_aliases, group_work, known_people, leads_of, read_leads, resolve_short_names
from .owners import OwnerMatcher
from .planfile import PlanFile
from .problems import Problem
from .texts import text_work
from .work import ADDED, CHANGED, REMOVED, PersonWork, StatusWork, Work, WorkstreamWork

if TYPE_CHECKING:
    from .preview import AreaState


PERSON_COLUMNS = {"Name": "name", "Job title": "job_title", "Organisation": "organisation", "Email": "email"}


def _yes_no(value: bool) -> str:
    return t.YES if value else t.NO


def _person_work(plan_file: PlanFile, state: "AreaState", work: Work) -> None:
    for row in plan_file.people or []:
        existing = state.people.get(row.initials.lower())
        before: dict[str, str] = {}
        if existing:
            organisation = existing.organisation
            before = {
                "Initials": existing.initials,
                "Name": existing.name,
                "Job title": existing.job_title,
                "Organisation": organisation.name if organisation is not None else "",
                "Email": existing.email,
                "Aliases": existing.aliases,
            }
        after = {"Initials": row.initials}
        for label, attr in PERSON_COLUMNS.items():
            given = plan_file.has_column("People", label)
            after[label] = getattr(row, attr) if given else before.get(label, "")
        if after["Organisation"].lower() == before.get("Organisation", "").lower():
            after["Organisation"] = before.get("Organisation", "")
        given = plan_file.has_column("People", "Aliases")
        after["Aliases"] = "; ".join(row.aliases) if given else before.get("Aliases", "")
        diff = history.diff(before, after)
        if existing and not diff:
            work.people_unchanged += 1
            continue
        work.people.append(
            PersonWork(
                action=CHANGED if existing else ADDED,
                initials=row.initials,
                summary=after["Name"] or after["Job title"],
                person=existing,
                name=after["Name"],
                job_title=after["Job title"],
                organisation=after["Organisation"],
                email=after["Email"],
                diff=diff,
                aliases=after["Aliases"],
            )
        )
    work.people.sort(key=lambda p: p.initials.lower())


def _workstream_work(
    plan_file: PlanFile, state: "AreaState", work: Work, people: dict[str, str], owners: OwnerMatcher
) -> None:
    has_lead = plan_file.has_column("Workstreams", "Lead")
    for row in plan_file.workstreams or []:
        existing = state.workstreams.get(row.code.lower())
        before: dict[str, str] = {}
        if existing:
            lead_before = ", ".join(leads_of(existing, people))
            before = {"Code": existing.code, "Name": existing.name, "Lead": lead_before}
        leads = None
        if has_lead:
            leads = read_leads(row.row, row.leads, row.lead, owners, people, work)
        lead_after = before.get("Lead", "") if leads is None else ", ".join(leads)
        after = {"Code": row.code, "Name": row.name, "Lead": lead_after}
        diff = history.diff(before, after)
        if existing and not diff:
            work.workstreams_unchanged += 1
            continue
        action = CHANGED if existing else ADDED
        work.workstreams.append(WorkstreamWork(action, row.code, row.name, existing, leads, diff))


def _status_work(plan_file: PlanFile, state: "AreaState", work: Work) -> dict[str, str]:
    """The work on the scheme's statuses; returns the labels items may use, lower case -> label."""
    current = {s.label.lower(): s for s in state.scheme.statuses.all()} if state.scheme else {}
    if plan_file.statuses is None:
        if state.scheme is None and plan_file.settings.rag_scheme:
            work.problems.append(
                Problem(
                    "Plan",
                    plan_file.settings.row("RAG scheme"),
                    "Value",
                    f'There is no RAG scheme called "{plan_file.settings.rag_scheme}" in this area. '
                    'Add a "RAG scheme" sheet listing its statuses',
                )
            )
        return {key: status.label for key, status in current.items()}
    for position, row in enumerate(plan_file.statuses, start=1):
        existing = current.get(row.label.lower())
        before: dict[str, str] = {}
        if existing:
            before = {
                "Label": existing.label,
                "Colour": existing.colour,
                "Meaning": existing.meaning,
                "Counts as done": _yes_no(existing.counts_as_done),
                "Needs evidence of impact": _yes_no(existing.needs_impact_evidence),
                "Position": str(existing.position),
            }
        after = {
            "Label": row.label,
            "Colour": row.colour,
            "Meaning": row.meaning
            if plan_file.has_column("RAG scheme", "Meaning")
            else before.get("Meaning", ""),
            "Counts as done": _yes_no(row.counts_as_done),
            "Needs evidence of impact": _yes_no(row.needs_impact_evidence),
            "Position": str(position),
        }
        for label in ("Counts as done", "Needs evidence of impact"):
            if existing and not plan_file.has_column("RAG scheme", label):
                after[label] = before[label]
        diff = history.diff(before, after)
        if existing and not diff:
            work.statuses_unchanged += 1
            continue
        work.statuses.append(
            StatusWork(
                action=CHANGED if existing else ADDED,
                label=after["Label"],
                summary=row.meaning,
                status=existing,
                diff=diff,
                colour=after["Colour"],
                meaning=after["Meaning"],
                counts_as_done=after["Counts as done"] == t.YES,
                needs_impact_evidence=after["Needs evidence of impact"] == t.YES,
            )
        )
    work.status_order = [row.label for row in plan_file.statuses]
    in_file = {row.label.lower() for row in plan_file.statuses}
    for key, status in current.items():
        if key not in in_file:
            work.statuses.append(
                StatusWork(action=REMOVED, label=status.label, summary=status.meaning, status=status, diff={})
            )
    return {row.label.lower(): row.label for row in plan_file.statuses}


def _plan_work(plan_file: PlanFile, state: "AreaState", work: Work) -> None:
    settings = plan_file.settings
    work.plan = state.plan
    work.settings = settings
    kinds, statuses = dict(Plan.Kind.choices), dict(Plan.Status.choices)
    after = {
        "Reference": settings.reference,
        "Title": settings.title,
        "Type": kinds.get(settings.kind, ""),
        "Status": statuses.get(settings.status, ""),
        "Start date": format_uk_date(settings.start_date),
        "End date": format_uk_date(settings.end_date),
        "Level names": " / ".join(settings.level_names),
        "Level plurals": plurals_words(
            settings.level_names,
            settings.level_plurals if settings.level_plurals is not None else plan_plurals(state.plan),
        ),
        "RAG scheme": work.scheme_name,
    }
    work.plan_diff = history.diff(plan_snapshot(state.plan) if state.plan else {}, after)
    plan = state.plan
    if plan is not None and "RAG scheme" in work.plan_diff:
        staying = {row.number for row in plan_file.items}
        rated = [i for i in state.items.values() if i.status_id and i.number in staying]
        if rated:
            work.problems.append(
                Problem(
                    "Plan",
                    settings.row("RAG scheme"),
                    "Value",
                    f"{len(rated)} item{'' if len(rated) == 1 else 's'} "
                    f'{"is" if len(rated) == 1 else "are"} rated with the scheme "{plan.rag_scheme.name}". '
                    f'Keep "{plan.rag_scheme.name}", or clear their status before changing the scheme',
                )
            )


def plan_work(plan_file: PlanFile, state: "AreaState") -> Work:
    """Everything the import of this file would write, and the problems that stop it."""
    work = Work(scheme=state.scheme)
    work.scheme_name = state.scheme.name if state.scheme else plan_file.settings.rag_scheme
    resolve_short_names(plan_file, state)
    people = {key: person.initials for key, person in state.people.items()}
    people.update({row.initials.lower(): row.initials for row in plan_file.people or [] if row.initials})
    people.update({g.short_name.lower(): g.short_name for g in plan_file.groups or [] if g.short_name})
    codes = {key: workstream.code for key, workstream in state.workstreams.items()}
    codes.update({row.code.lower(): row.code for row in plan_file.workstreams or [] if row.code})
    owners = OwnerMatcher(known_people(plan_file, state))
    _person_work(plan_file, state, work)
    check_aliases(plan_file, state, work)
    group_work(plan_file, state, work, owners, people)
    _workstream_work(plan_file, state, work, people, owners)
    labels = _status_work(plan_file, state, work)
    item_work(plan_file, state, work, people, codes, labels, owners)
    work.fields = field_work(plan_file, state, work, owners, people)
    check_status_removals(work)
    _plan_work(plan_file, state, work)
    work.texts, work.texts_unchanged = text_work(plan_file, state.plan)
    work.findings, work.findings_unchanged = finding_work(plan_file, state.plan)
    return work
