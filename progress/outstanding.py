"""What is outstanding: the updates still missing in a reporting period, by owner and by workstream.

An update is expected for every current item of the period's plan that has an owner and is
not done (`rules.expects_update`); it is missing until the item has an `Update` for the
period. `missing_updates` reads everything in four queries whatever the plan's size, as
plain values: the outstanding page and the reminder emails are both built from it. Each
owner's and lead's address is the one `areas.selectors.emails_of` gives: the linked member's
when there is one, else the person's own; `email_problem` says why there is none.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, F, OuterRef, QuerySet

from areas.rules import NO_MEMBER_NO_EMAIL, Address
from areas.selectors import emails_of
from common.urls import url_maker
from plans.models import Item, ItemOwner

from . import rules
from .models import ReportingPeriod, Update


@dataclass(frozen=True)
class MissingItem:
    """An item whose update for the period has not been written."""

    pk: int
    url: str
    number: str
    text: str
    due_date: date | None
    workstreams: tuple[str, ...]
    owners: tuple[str, ...]


@dataclass
class OwnerMissing:
    """One owner and the items they still have to update."""

    person_id: int
    initials: str
    name: str
    label: str
    email: str = ""
    email_problem: str = ""
    items: list[MissingItem] = field(default_factory=list)


@dataclass
class Lead:
    """One of a workstream's leads, as the outstanding page and the lead's reminder need them."""

    person_id: int
    initials: str
    name: str
    label: str
    email: str = ""
    email_problem: str = ""


@dataclass
class WorkstreamProgress:
    """How far one workstream has got with its updates. `workstream_id` None is "No workstream"."""

    workstream_id: int | None
    code: str
    name: str
    lead_id: int | None = None
    lead_initials: str = ""
    lead_name: str = ""
    lead_label: str = ""
    lead_email: str = ""
    lead_email_problem: str = ""
    expected: int = 0
    missing_items: list[MissingItem] = field(default_factory=list)
    co_leads: list[Lead] = field(default_factory=list)  # the leads after the first, in order

    @property
    def leads(self) -> list[Lead]:
        """Every lead, the first first: each is reminded of the workstream's missing updates."""
        first = (
            [Lead(self.lead_id, self.lead_initials, self.lead_name, self.lead_label)]
            if self.lead_id is not None
            else []
        )
        for lead in first:
            lead.email, lead.email_problem = self.lead_email, self.lead_email_problem
        return first + self.co_leads

    @property
    def missing(self) -> int:
        return len(self.missing_items)

    @property
    def submitted(self) -> int:
        return self.expected - self.missing


@dataclass
class Outstanding:
    period: ReportingPeriod
    past_deadline: bool
    expected: int
    missing_items: list[MissingItem]
    by_owner: list[OwnerMissing]
    by_workstream: list[WorkstreamProgress]

    @property
    def missing(self) -> int:
        return len(self.missing_items)

    @property
    def submitted(self) -> int:
        return self.expected - self.missing


NO_WORKSTREAM = "No workstream"


def missing_updates(period: ReportingPeriod, today: date) -> Outstanding:
    """The period's expected and missing updates, by owner (by initials) and by workstream (by code).

    Four queries whatever the plan's size: the plan's current items (with whether each has an
    owner, is done and has an update for the period), their owners, their workstreams, and the
    addresses of the owners and leads. Pass a period fetched with `select_related("plan__area")`.
    """
    current = Item.objects.current().filter(plan_id=period.plan_id)
    values = (
        current.annotate(
            has_owner=Exists(ItemOwner.objects.filter(item_id=OuterRef("pk"))),
            has_update=Exists(Update.objects.filter(period_id=period.pk, item_id=OuterRef("pk"))),
        )
        .order_by("sort_key")
        .values("pk", "number", "text", "due_date", "has_owner", "has_update", "status__counts_as_done")
    )
    expected = [v for v in values if rules.expects_update(v["has_owner"], bool(v["status__counts_as_done"]))]
    expected_ids = {v["pk"] for v in expected}
    owners, owners_of = _owners(current, expected_ids)
    workstreams, workstreams_of = _workstreams(current, expected_ids)
    codes = {w.workstream_id: w.code for w in workstreams.values()}
    _addresses(period.plan.area_id, owners, workstreams)

    item_url = url_maker("plans:item", area=period.plan.area.slug)
    missing: list[MissingItem] = []
    for v in expected:
        item = None
        if not v["has_update"]:
            item = MissingItem(
                pk=v["pk"],
                url=item_url(v["pk"]),
                number=v["number"],
                text=v["text"],
                due_date=v["due_date"],
                workstreams=tuple(codes[pk] for pk in workstreams_of.get(v["pk"], ())),
                owners=tuple(owners[pk].initials for pk in owners_of.get(v["pk"], ())),
            )
            missing.append(item)
            for person_id in owners_of.get(v["pk"], ()):
                owners[person_id].items.append(item)
        in_workstreams: list[int | None] = [*workstreams_of.get(v["pk"], [])] or [None]
        for workstream_id in in_workstreams:
            if workstream_id is None and None not in workstreams:
                workstreams[None] = WorkstreamProgress(workstream_id=None, code="", name=NO_WORKSTREAM)
            group = workstreams[workstream_id]
            group.expected += 1
            if item is not None:
                group.missing_items.append(item)

    return Outstanding(
        period=period,
        past_deadline=today > period.deadline,
        expected=len(expected),
        missing_items=missing,
        by_owner=sorted(
            (o for o in owners.values() if o.items),
            key=lambda o: (o.initials.lower(), o.initials, o.person_id),
        ),
        by_workstream=sorted(
            workstreams.values(), key=lambda w: (w.workstream_id is None, w.code.lower(), w.code)
        ),
    )


def _owners(
    current: QuerySet[Item], expected_ids: set[int]
) -> tuple[dict[int, OwnerMissing], dict[int, list[int]]]:
    """The owners of the expected items (with no items yet), and each item's owners in order."""
    owners: dict[int, OwnerMissing] = {}
    owners_of: dict[int, list[int]] = {}
    rows = (
        ItemOwner.objects.filter(item__in=current)
        .order_by("position", "pk")
        .values("item_id", "person_id", "person__initials", "person__name", "person__job_title")
    )
    for row in rows:
        if row["item_id"] not in expected_ids:
            continue
        owners_of.setdefault(row["item_id"], []).append(row["person_id"])
        if row["person_id"] not in owners:
            owners[row["person_id"]] = OwnerMissing(
                person_id=row["person_id"],
                initials=row["person__initials"],
                name=row["person__name"],
                label=_label(row["person__name"], row["person__job_title"], row["person__initials"]),
            )
    return owners, owners_of


def _workstreams(
    current: QuerySet[Item], expected_ids: set[int]
) -> tuple[dict[int | None, WorkstreamProgress], dict[int, list[int]]]:
    """The workstreams of the expected items (with nothing counted yet), and each item's workstreams."""
    workstreams: dict[int | None, WorkstreamProgress] = {}
    workstreams_of: dict[int, list[int]] = {}
    # One row per item, workstream and lead (a workstream without a lead has one row, its lead None),
    # each workstream's leads in their order.
    rows = (
        Item.workstreams.through.objects.filter(item__in=current)
        .order_by("workstream__code", "workstream_id", "workstream__leaderships__position", "item_id")
        .values(
            "item_id",
            "workstream_id",
            "workstream__code",
            "workstream__name",
            lead_id=F("workstream__leaderships__person_id"),
            lead_initials=F("workstream__leaderships__person__initials"),
            lead_name=F("workstream__leaderships__person__name"),
            lead_job_title=F("workstream__leaderships__person__job_title"),
        )
    )
    for row in rows:
        if row["item_id"] not in expected_ids:
            continue
        in_workstreams = workstreams_of.setdefault(row["item_id"], [])
        if row["workstream_id"] not in in_workstreams:
            in_workstreams.append(row["workstream_id"])
        if (group := workstreams.get(row["workstream_id"])) is not None:
            known = {group.lead_id, *(lead.person_id for lead in group.co_leads)}
            if row["lead_id"] is not None and row["lead_id"] not in known:
                group.co_leads.append(
                    Lead(
                        person_id=row["lead_id"],
                        initials=row["lead_initials"] or "",
                        name=row["lead_name"] or "",
                        label=_label(row["lead_name"], row["lead_job_title"], row["lead_initials"]),
                    )
                )
            continue
        if row["workstream_id"] not in workstreams:
            workstreams[row["workstream_id"]] = WorkstreamProgress(
                workstream_id=row["workstream_id"],
                code=row["workstream__code"],
                name=row["workstream__name"],
                lead_id=row["lead_id"],
                lead_initials=row["lead_initials"] or "",
                lead_name=row["lead_name"] or "",
                lead_label=_label(row["lead_name"], row["lead_job_title"], row["lead_initials"]),
            )
    return workstreams, workstreams_of


def _addresses(
    area_id: int, owners: dict[int, OwnerMissing], workstreams: dict[int | None, WorkstreamProgress]
) -> None:
    """Fill in each owner's and lead's address, in one query (`areas.selectors.emails_of`)."""
    leads = [w for w in workstreams.values() if w.lead_id is not None]
    co_leads = [lead for w in leads for lead in w.co_leads]
    addresses = emails_of(
        area_id=area_id,
        person_ids=[*owners, *(w.lead_id for w in leads if w.lead_id), *(c.person_id for c in co_leads)],
    )
    nowhere = Address(email="", problem=NO_MEMBER_NO_EMAIL)
    for owner in owners.values():
        address = addresses.get(owner.person_id, nowhere)
        owner.email, owner.email_problem = address.email, address.problem
    for group in leads:
        address = addresses.get(group.lead_id or 0, nowhere)
        group.lead_email, group.lead_email_problem = address.email, address.problem
    for lead in co_leads:
        address = addresses.get(lead.person_id, nowhere)
        lead.email, lead.email_problem = address.email, address.problem


def _label(name: str | None, job_title: str | None, initials: str | None) -> str:
    """How a person is shown in lists, as `Person.label`: name if known, else job title."""
    return name or job_title or initials or ""
