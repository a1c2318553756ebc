"""The challenge in bulk and what it tells people, each read in a fixed number of queries.

- `challenge_list`: the proposed ratings waiting for challenge that the user may challenge, in a
  period, for one workstream or all they may challenge, with the items that have no update on top;
- `challengeable_updates`: the updates a bulk confirmation names, kept to those the user may challenge;
- `challenge_workstreams`: for the period page, each workstream the user may challenge and how many
  of its ratings wait;
- `missing_numbers`, `missing_confirmation`: the items with no update, and who confirmed a period
  without them;
- `changed_ratings`, `rating_change_for`: an owner's ratings changed in challenge, for My items and
  their next update form.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from areas.access import Access
from areas.models import Workstream, shown_as
from common.urls import url_maker
from history.selectors import changes_of
from plans.models import Item, ItemOwner, RagStatus

from ..models import ReportingPeriod, Update
from ..outstanding import MissingItem, missing_updates
from .updates import expected_items

MISSING_WHEN_CONFIRMED = "Updates missing when confirmed"
ITEMS_MISSING_WHEN_CONFIRMED = "Items without an update"


@dataclass(frozen=True)
class ChallengeRow:
    """A proposed rating waiting for challenge, as the bulk list shows it."""

    update_id: int
    version: int
    item_id: int
    number: str
    text: str
    url: str
    change_url: str  # the one-item challenge form: "Change the rating"
    owners: tuple[str, ...]
    workstreams: tuple[str, ...]
    proposed: RagStatus
    commentary: str
    evidence_count: int
    proposed_due_date: date | None


@dataclass
class ChallengeList:
    period: ReportingPeriod
    workstream: Workstream | None  # the one chosen, or None: all the user may challenge
    workstreams: list[Workstream]  # those the user may challenge
    rows: list[ChallengeRow]
    missing: list[MissingItem]


def _may_challenge(access: Access) -> QuerySet[Workstream]:
    workstreams = Workstream.objects.filter(area=access.area).order_by("code", "pk")
    if access.is_programme_manager:
        return workstreams
    return workstreams.filter(pk__in=access.led_workstream_ids)


def _in_workstreams(ids: list[int]) -> Exists:
    return Exists(Item.workstreams.through.objects.filter(item_id=OuterRef("item_id"), workstream_id__in=ids))


def _change_url_maker(access: Access, period: ReportingPeriod) -> Callable[[int], str]:
    """The address of an item's challenge form in `period`, from a single `reverse`."""
    marker = 987654321
    before, after = reverse(
        "progress:challenge", kwargs={"area": access.area.slug, "pk": period.pk, "item_pk": marker}
    ).split(str(marker))
    return lambda item_id: f"{before}{item_id}{after}"


def challenge_list(
    *, access: Access, period: ReportingPeriod, workstream_id: int | None, today: date
) -> ChallengeList:
    """The ratings of `period` waiting for challenge that the user may challenge: a workstream's
    (`workstream_id`, one the user may challenge, else 404), or all of them. Nine queries, as
    plain values."""
    workstreams = list(_may_challenge(access))
    chosen = None
    if workstream_id is not None:
        chosen = next((w for w in workstreams if w.pk == workstream_id), None)
        if chosen is None:
            raise Http404("No such workstream, or not one you challenge")
    ids = [chosen.pk] if chosen else [w.pk for w in workstreams]
    updates = (
        Update.objects.filter(period=period, confirmed_at__isnull=True, item__removed_at__isnull=True)
        .order_by("item__sort_key")
        .values(
            "pk",
            "version",
            "item_id",
            "item__number",
            "item__text",
            "proposed_status_id",
            "commentary",
            "proposed_due_date",
        )
    )
    if chosen or not access.is_programme_manager:
        updates = updates.filter(_in_workstreams(ids))
    values = list(updates)
    item_ids = [v["item_id"] for v in values]
    owners: dict[int, list[str]] = {}
    for item_id, initials in (
        ItemOwner.objects.filter(item_id__in=item_ids)
        .order_by("position", "pk")
        .values_list("item_id", shown_as("person__"))
    ):
        owners.setdefault(item_id, []).append(initials)
    codes: dict[int, list[str]] = {}
    workstreams_of: dict[int, set[int]] = {}
    for item_id, pk, code in (
        Item.workstreams.through.objects.filter(item_id__in=item_ids)
        .order_by("workstream__code")
        .values_list("item_id", "workstream_id", "workstream__code")
    ):
        codes.setdefault(item_id, []).append(code)
        workstreams_of.setdefault(item_id, set()).add(pk)
    evidence = {
        row["update_id"]: row["n"]
        for row in Update.evidence.through.objects.filter(update_id__in=[v["pk"] for v in values])
        .values("update_id")
        .annotate(n=Count("evidence_id"))
    }
    statuses = {s.pk: s for s in RagStatus.objects.filter(scheme_id=period.plan.rag_scheme_id)}
    item_url = url_maker("plans:item", area=access.area.slug)
    change_url = _change_url_maker(access, period)
    rows = [
        ChallengeRow(
            update_id=v["pk"],
            version=v["version"],
            item_id=v["item_id"],
            number=v["item__number"],
            text=v["item__text"],
            url=item_url(v["item_id"]),
            change_url=change_url(v["item_id"]),
            owners=tuple(owners.get(v["item_id"], ())),
            workstreams=tuple(codes.get(v["item_id"], ())),
            proposed=statuses[v["proposed_status_id"]],
            commentary=v["commentary"],
            evidence_count=evidence.get(v["pk"], 0),
            proposed_due_date=v["proposed_due_date"],
        )
        for v in values
        if access.may_challenge(workstreams_of.get(v["item_id"], set()))
    ]
    return ChallengeList(
        period=period,
        workstream=chosen,
        workstreams=workstreams,
        rows=rows,
        missing=_missing(period, today, ids, everything=access.is_programme_manager and not chosen),
    )


def _missing(period: ReportingPeriod, today: date, ids: list[int], *, everything: bool) -> list[MissingItem]:
    """The items with no update: all of them, or those in the workstreams `ids`, in plan order."""
    outstanding = missing_updates(period, today)
    if everything:
        return outstanding.missing_items
    wanted = {
        item.pk
        for group in outstanding.by_workstream
        if group.workstream_id in ids
        for item in group.missing_items
    }
    return [item for item in outstanding.missing_items if item.pk in wanted]


def challengeable_updates(*, access: Access, period: ReportingPeriod, ids: list[int]) -> dict[int, Update]:
    """The updates of `period` among `ids` that the user may challenge, by id, ready for
    `services.update_confirm`. Ids of another period, another area, or an item the user may not
    challenge are left out. Three queries."""
    updates = (
        Update.objects.filter(period=period, pk__in=ids, period__plan__area=access.area)
        .select_related("item", "proposed_status")
        .prefetch_related("evidence", "item__workstreams")
    )
    found = {}
    for update in updates:
        if access.can_challenge_item(update.item):
            update.period = period
            found[update.pk] = update
    return found


@dataclass(frozen=True)
class WorkstreamWaiting:
    workstream_id: int
    code: str
    name: str
    waiting: int


def challenge_workstreams(*, access: Access, period: ReportingPeriod) -> list[WorkstreamWaiting]:
    """Each workstream the user may challenge, with how many of its ratings wait for challenge in
    `period`. Two queries."""
    workstreams = list(_may_challenge(access).values_list("pk", "code", "name"))
    # Counted from the period's waiting updates (one an item), each item's removal checked against the
    # few items removed rather than by a join every item of the plan goes through.
    removed = Item.objects.filter(removed_at__isnull=False).values("pk")
    waiting = {
        row["item__workstreams"]: row["n"]
        for row in Update.objects.filter(
            period=period,
            confirmed_at__isnull=True,
            item__workstreams__in=[pk for pk, _, _ in workstreams],
        )
        .exclude(item_id__in=removed)
        .values("item__workstreams")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [WorkstreamWaiting(pk, code, name, waiting.get(pk, 0)) for pk, code, name in workstreams]


def missing_numbers(*, period: ReportingPeriod) -> list[str]:
    """The numbers of the items expecting an update in `period` that have none, in plan order."""
    has_update = Exists(Update.objects.filter(period=period, item_id=OuterRef("pk")))
    return list(
        expected_items(plan=period.plan)
        .filter(~has_update)
        .order_by("sort_key")
        .values_list("number", flat=True)
    )


@dataclass(frozen=True)
class MissingConfirmation:
    """Who confirmed the period's ratings while updates were missing, and how many were."""

    missing: int
    numbers: str
    by: str
    at: datetime


def missing_confirmation(*, period: ReportingPeriod) -> MissingConfirmation | None:
    """When the period's ratings were last confirmed with updates missing, who went ahead; None if
    the last confirmation had none missing, or the period is not confirmed. One query."""
    if period.state not in (ReportingPeriod.State.CONFIRMED, ReportingPeriod.State.REPORTED):
        return None
    confirmed = ReportingPeriod.State.CONFIRMED.label
    for change in changes_of(obj=period).select_related("by"):
        if change.changes.get("State", ["", ""])[1] != confirmed:
            continue
        if MISSING_WHEN_CONFIRMED not in change.changes:
            return None
        return MissingConfirmation(
            missing=int(change.changes[MISSING_WHEN_CONFIRMED][1]),
            numbers=change.changes.get(ITEMS_MISSING_WHEN_CONFIRMED, ["", ""])[1],
            by=str(change.by) if change.by else "someone no longer a member",
            at=change.at,
        )
    return None


@dataclass(frozen=True)
class ChangedRating:
    """A proposed status changed in challenge, as its owner is told it."""

    period_name: str
    item_id: int
    number: str
    text: str
    proposed: RagStatus
    confirmed: RagStatus
    by: str
    at: datetime | None
    reason: str
    told: str


def _changed(updates: QuerySet[Update]) -> QuerySet[Update]:
    return (
        updates.filter(confirmed_at__isnull=False)
        .exclude(confirmed_status=F("proposed_status"))
        .select_related("period", "item", "proposed_status", "confirmed_status", "confirmed_by")
    )


def _as_changed(update: Update) -> ChangedRating:
    assert update.confirmed_status is not None  # confirmed: filtered above
    return ChangedRating(
        period_name=update.period.name,
        item_id=update.item_id,
        number=update.item.number,
        text=update.item.text,
        proposed=update.proposed_status,
        confirmed=update.confirmed_status,
        by=str(update.confirmed_by) if update.confirmed_by else "the workstream",
        at=update.confirmed_at,
        reason=update.challenge_reason,
        told=update.owners_told,
    )


def changed_ratings(*, access: Access) -> list[ChangedRating]:
    """The user's items (those their person owns) whose proposed status was changed in challenge in
    the latest two periods of each plan: the one under way and the one before. Two queries."""
    if not access.person_id:
        return []
    latest: dict[int, list[int]] = {}
    for plan_id, pk in (
        ReportingPeriod.objects.filter(plan__area=access.area)
        .order_by("plan_id", "-starts_on")
        .values_list("plan_id", "pk")
    ):
        if len(latest.setdefault(plan_id, [])) < 2:
            latest[plan_id].append(pk)
    periods = [pk for pks in latest.values() for pk in pks]
    owned = Q(item__ownerships__person_id__in=access.owner_id_list, item__removed_at__isnull=True)
    updates = _changed(Update.objects.filter(owned, period_id__in=periods)).distinct()
    return [_as_changed(u) for u in updates.order_by("-period__starts_on", "item__sort_key")]


def rating_change_for(*, item: Item, period: ReportingPeriod) -> ChangedRating | None:
    """The item's last confirmed rating up to `period`, if it changed the proposed status. One query."""
    last = (
        Update.objects.filter(item=item, period__starts_on__lte=period.starts_on, confirmed_at__isnull=False)
        .select_related("period", "proposed_status", "confirmed_status", "confirmed_by")
        .order_by("-period__starts_on")
        .first()
    )
    if last is None or not last.was_changed_in_challenge:
        return None
    last.item = item  # the caller's: not read again
    return _as_changed(last)
