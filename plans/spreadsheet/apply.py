"""Importing a plan file: all of it, through the services (so each change is in the history), or none."""

from collections.abc import Callable

from django.db import transaction

from accounts.models import User
from areas.models import LocalArea, Person, Workstream
from areas.services import person_create, person_update, workstream_create, workstream_update
from common.conflicts import refusals_as

from .. import rollup
from ..models import Cadence, Item, Plan, PlanField, RagScheme, RagStatus
from ..services import (
    ItemContent,
    PlanContent,
    item_create,
    item_remove,
    item_update,
    plan_create,
    plan_update,
    rag_scheme_create,
    rag_status_add,
    rag_status_remove,
    rag_status_update,
)
from ..services.order import items_order
from ..snapshots import plan_plurals
from .fields_write import field_inputs, fields_write
from .findings import findings_write
from .groups import groups_write
from .planfile import PlanFile
from .preview import ImportPreview, preview_import
from .problems import ImportRejected, Problem
from .texts import texts_write
from .work import ADDED, CHANGED, REMOVED, ItemWork, Work, creation_order


class _Writer:
    def __init__(self, area: LocalArea, work: Work, by: User | None, source: str):
        self.area, self.work, self.by, self.source = area, work, by, source
        self.people: dict[str, Person] = {}
        self.workstreams: dict[str, Workstream] = {}
        self.statuses: dict[str, RagStatus] = {}
        self.items: dict[str, Item] = {i.number: i.existing for i in work.items if i.existing}
        self.plan_fields: dict[str, PlanField] = {}  # the plan's fields by name in lower case, once written

    def people_and_workstreams(self) -> None:
        self._people()
        self.people = {p.initials.lower(): p for p in Person.objects.filter(area=self.area)}
        groups_write(area=self.area, work=self.work, people=self.people, by=self.by, source=self.source)
        self.people = {p.initials.lower(): p for p in Person.objects.filter(area=self.area)}
        self._workstreams()
        self.workstreams = {w.code.lower(): w for w in Workstream.objects.filter(area=self.area)}

    def _people(self) -> None:
        for entry in self.work.people:
            if entry.person is None:  # added
                person_create(
                    area=self.area,
                    initials=entry.initials,
                    name=entry.name,
                    job_title=entry.job_title,
                    organisation=entry.organisation,
                    email=entry.email,
                    by=self.by,
                    source=self.source,
                    aliases=entry.aliases,
                )
            else:
                person_update(
                    person=entry.person,
                    expected_version=entry.person.version,
                    initials=entry.initials,
                    name=entry.name,
                    job_title=entry.job_title,
                    organisation=entry.organisation,
                    email=entry.email,
                    by=self.by,
                    source=self.source,
                    aliases=entry.aliases,
                )

    def _workstreams(self) -> None:
        for entry in self.work.workstreams:
            leads = [self.people[initials.lower()] for initials in entry.leads or []]
            if entry.workstream is None:  # added
                workstream_create(
                    area=self.area,
                    code=entry.code,
                    name=entry.name,
                    leads=leads,
                    by=self.by,
                    source=self.source,
                )
                continue
            workstream_update(
                workstream=entry.workstream,
                expected_version=entry.workstream.version,
                code=entry.code,
                name=entry.name,
                # no Lead column: the leads it has
                leads=entry.workstream.ordered_leads() if entry.leads is None else leads,
                by=self.by,
                source=self.source,
            )

    def scheme(self) -> RagScheme:
        scheme = self.work.scheme or rag_scheme_create(
            area=self.area, name=self.work.scheme_name, by=self.by, source=self.source
        )
        for entry in self.work.statuses:
            if entry.status is None:  # added
                rag_status_add(
                    scheme=scheme,
                    label=entry.label,
                    colour=entry.colour,
                    meaning=entry.meaning,
                    counts_as_done=entry.counts_as_done,
                    needs_impact_evidence=entry.needs_impact_evidence,
                    by=self.by,
                    source=self.source,
                )
            elif entry.action == CHANGED:
                rag_status_update(
                    status=entry.status,
                    label=entry.label,
                    colour=entry.colour,
                    meaning=entry.meaning,
                    counts_as_done=entry.counts_as_done,
                    needs_impact_evidence=entry.needs_impact_evidence,
                    by=self.by,
                    source=self.source,
                )
        self.statuses = {s.label.lower(): s for s in scheme.statuses.all()}
        return scheme

    def scheme_order(self, scheme: RagScheme) -> None:
        for entry in self.work.statuses:
            if entry.action == REMOVED and entry.status is not None:
                rag_status_remove(status=entry.status, by=self.by, source=self.source)
        if self.work.status_order is None:
            return
        current = {s.label.lower(): s for s in scheme.statuses.all()}
        for position, label in enumerate(self.work.status_order, start=1):
            status = current[label.lower()]
            if status.position != position:
                rag_status_update(status=status, position=position, by=self.by, source=self.source)

    def plan(self, scheme: RagScheme) -> Plan:
        for top in self.work.removed_tops:
            item_remove(item=top, expected_version=top.version, by=self.by, source=self.source)
        plan, settings = self.work.plan, self.work.settings
        content = PlanContent(
            reference=settings.reference,
            title=settings.title,
            kind=settings.kind,
            status=settings.status,
            start_date=settings.start_date,
            end_date=settings.end_date,
            level_names=settings.level_names,
            rag_scheme=scheme,
            # The file does not say how often progress is reported: a plan keeps its own; a new one, monthly.
            reporting_cadence=Cadence.MONTHLY if plan is None else plan.reporting_cadence,
            # Nor how items above the lowest level are rated: a plan keeps its own; a new one, worst status.
            rollup_rule=rollup.WORST if plan is None else plan.rollup_rule,
            # Without "Level N plural" rows, a plan keeps the plurals it has.
            level_plurals=settings.level_plurals
            if settings.level_plurals is not None
            else plan_plurals(plan),
        )
        if plan is None:
            return plan_create(area=self.area, content=content, by=self.by, source=self.source)
        if self.work.plan_diff:
            plan = plan_update(
                plan=plan, content=content, expected_version=plan.version, by=self.by, source=self.source
            )
        return plan

    def content(self, entry: ItemWork, *, only_existing: bool = False) -> ItemContent:
        see_also = [self.items[n] for n in entry.see_also if n in self.items or not only_existing]
        scalars = entry.scalars
        return ItemContent(
            text=entry.text,
            due_date=entry.due_date,
            due_text=scalars["due_text"],
            partners=scalars["partners"],
            senior_owner=scalars["senior_owner"],
            impact=scalars["impact"],
            evidence=scalars["evidence"],
            notes=scalars["notes"],
            measure_codes=scalars["measure_codes"],
            status=self.statuses.get(entry.status.lower()) if entry.status else None,
            owners=[self.people[i.lower()] for i in entry.owners],
            workstreams=[self.workstreams[c.lower()] for c in entry.workstreams],
            see_also=see_also,
            fields=field_inputs(entry, self.work.fields, self.plan_fields, self.people)
            if self.work.fields
            else None,
        )

    def items_and_findings(self, plan: Plan) -> None:
        new = creation_order([e for e in self.work.items if e.action == ADDED])
        later = []  # new items in a loop of cross-references, which name items made after them
        for entry in new:
            if any(n not in self.items for n in entry.see_also):
                later.append(entry)
            content = self.content(entry, only_existing=True)
            item = item_create(
                plan=plan, number=entry.number, content=content, by=self.by, source=self.source
            )
            self.items[entry.number] = item
        for entry in [*(e for e in self.work.items if e.action == CHANGED), *later]:
            item = self.items[entry.number]
            item.plan = plan
            self.items[entry.number] = item_update(
                item=item,
                content=self.content(entry),
                expected_version=item.version,
                by=self.by,
                source=self.source,
            )
        findings_write(plan=plan, work=self.work.findings, items=self.items, by=self.by, source=self.source)


def _stopped(why: str) -> ImportRejected:
    return ImportRejected([Problem("", None, None, f"The import stopped and nothing was written: {why}")])


def plan_import(
    *,
    area: LocalArea,
    plan_file: PlanFile,
    by: User | None = None,
    source: str | None = None,
    check: Callable[[ImportPreview], None] | None = None,
) -> ImportPreview:
    """Import a checked plan file into a local area, in one transaction, and return what it did.

    The plan is matched by its Reference; items by their number. People and workstreams
    are added or updated; items missing from the file are removed (they stay in the
    history). Every change is recorded with `source` ("Import of <file name>" unless given).
    A file that matches the database writes nothing. Raises ImportRejected, having
    written nothing, if the file or the area's data shows any problem. `check`, if given, is
    called with the comparison made inside the transaction before anything is written: raising
    stops the import (the background import refuses a comparison other than the one previewed).
    """
    source = (source or f"Import of {plan_file.name}")[:200]
    with transaction.atomic():
        preview = preview_import(area=area, plan_file=plan_file)
        if check is not None:
            check(preview)
        if not preview.is_valid:
            raise ImportRejected(preview.problems)
        if not preview.has_changes:
            return preview
        assert preview.work is not None  # a file read well enough to be valid has its work
        writer = _Writer(area, preview.work, by, source)
        with refusals_as(_stopped, thing="the plan"):
            writer.people_and_workstreams()
            scheme = writer.scheme()
            plan = writer.plan(scheme)
            if preview.work.fields is not None:
                writer.plan_fields = fields_write(plan=plan, done=preview.work.fields, by=by, source=source)
            writer.items_and_findings(plan)
            items_order(plan=plan, numbers=preview.work.order, by=by, source=source)
            texts_write(plan=plan, work=preview.work.texts, by=by, source=source)
            writer.scheme_order(scheme)
        preview.plan = plan  # the plan as imported, new or not
    return preview
