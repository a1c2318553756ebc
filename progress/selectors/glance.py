"""The programme at a glance, for a plan: its latest reported period against the one before, from what
the board was told (the frozen ratings), and the red and overdue items then. A fixed number of queries
whatever the plan's size."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Case, Count, Q, When

from areas.access import Access
from common.urls import url_maker
from plans import selectors as plan_selectors
from plans.models import Plan, RagStatus

from ..models import ReportedRating, ReportingPeriod

GLANCE_ITEMS = 10  # the red and overdue items listed; the period page lists them all


@dataclass(frozen=True)
class StatusCount:
    """A status column: how many lowest-level items had it as reported, and in the period before."""

    label: str  # "" for no status
    colour: str
    now: int
    before: int | None  # None when there is no period before

    @property
    def change(self) -> int | None:
        return None if self.before is None else self.now - self.before

    @property
    def change_words(self) -> str:
        """ "up 2", "down 3" or "no change" against the period before."""
        change = self.change or 0
        return f"up {change}" if change > 0 else f"down {-change}" if change < 0 else "no change"


@dataclass(frozen=True)
class RedItem:
    """A lowest-level item that was red (the scheme's worst status, not done) or overdue, as reported."""

    pk: int
    url: str
    number: str
    text: str
    status_label: str
    status_colour: str
    due_date: date | None
    red: bool
    overdue: bool


@dataclass(frozen=True)
class TopRating:
    """A top-level item's overall rating (its roll-up) as reported, and in the period reported before."""

    url: str
    number: str
    text: str
    label: str
    colour: str
    before_label: str | None  # None when there is no period before, "" when it had no rating then
    before_colour: str


@dataclass
class Glance:
    plan: Plan
    period: ReportingPeriod | None = None
    period_pk: int | None = None  # the latest reported period; None when nothing is reported yet
    period_name: str = ""
    reported_at: datetime | None = None
    before_name: str = ""
    red_label: str = ""
    counts: list[StatusCount] = field(default_factory=list)
    red_and_overdue: list[RedItem] = field(default_factory=list)
    red_and_overdue_total: int = 0
    tops: list[TopRating] = field(default_factory=list)


def plan_glance(*, access: Access, plan: Plan, statuses: list[RagStatus] | None = None) -> Glance:
    """The latest reported period of `plan`, its status counts against the period reported before, and
    its red and overdue items (the first `GLANCE_ITEMS`, red ones first), and each top-level item's overall
    rating then and before: five queries, read from the frozen ratings (four when the caller passes the
    plan's `statuses` in order, as the overview does)."""
    reported = list(
        plan.periods.filter(state=ReportingPeriod.State.REPORTED)
        .only("pk", "name", "reported_at", "starts_on", "plan_id")
        .order_by("-starts_on")[:2]
    )
    if not reported:
        return Glance(plan=plan)
    latest, before = reported[0], (reported[1] if len(reported) > 1 else None)
    if statuses is None:
        statuses = plan_selectors.statuses_of(plan=plan)
    worst = min((s.position for s in statuses), default=None)
    lowest = {"level": plan.depth}
    red = Q(status_position=worst, counts_as_done=False) if worst is not None else Q(pk__in=[])
    tally: dict[tuple[int, int | None], int] = {}
    words: dict[int | None, tuple[str, str]] = {}
    flagged_total = 0
    for period_id, position, label, colour, n, flagged_n in (
        ReportedRating.objects.filter(
            period_id__in=[p.pk for p in (latest, before) if p is not None], **lowest
        )
        .order_by()  # not the model's order by period and item: it would join both tables for nothing
        .values("period_id", "status_position", "status_label", "status_colour")
        # counted by a column of the index reported_status_counts, so that only the index is read
        .annotate(n=Count("period"), flagged=Count("period", filter=red | Q(overdue=True)))
        .values_list("period_id", "status_position", "status_label", "status_colour", "n", "flagged")
    ):
        tally[(period_id, position)] = tally.get((period_id, position), 0) + n
        if period_id == latest.pk:
            flagged_total += flagged_n
        if period_id == latest.pk or position not in words:
            words[position] = (label, colour)
    columns: list[int | None] = [s.position for s in statuses] + [None]
    counts = [
        StatusCount(
            label=words.get(position, (s.label, s.colour))[0] if s else "",
            colour=words.get(position, (s.label, s.colour))[1] if s else "",
            now=tally.get((latest.pk, position), 0),
            before=tally.get((before.pk, position), 0) if before else None,
        )
        for position, s in zip(columns, [*statuses, None], strict=True)
    ]
    flagged = latest.ratings.filter(red | Q(overdue=True), **lowest)
    item_url = url_maker("plans:item", area=access.area.slug)
    items = [
        RedItem(
            pk=item_id,
            url=item_url(item_id),
            number=number,
            text=text,
            status_label=label,
            status_colour=colour,
            due_date=due,
            red=position == worst and not done,
            overdue=overdue,
        )
        for item_id, number, text, label, colour, position, done, due, overdue in flagged.annotate(
            red_first=Case(When(red, then=0), default=1)
        )
        .order_by("red_first", "item__sort_key")
        .values_list(
            "item_id",
            "number",
            "text",
            "status_label",
            "status_colour",
            "status_position",
            "counts_as_done",
            "due_date",
            "overdue",
        )[:GLANCE_ITEMS]
    ]
    red_status = next((s for s in statuses if s.position == worst), None)
    tops = _top_ratings(latest, before, item_url) if plan.depth > 1 else []
    return Glance(
        plan=plan,
        period=latest,
        period_pk=latest.pk,
        period_name=latest.name,
        reported_at=latest.reported_at,
        before_name=before.name if before else "",
        red_label=words.get(worst, (red_status.label if red_status else "", ""))[0],
        counts=counts,
        red_and_overdue=items,
        red_and_overdue_total=flagged_total,
        tops=tops,
    )


def _top_ratings(
    latest: ReportingPeriod, before: ReportingPeriod | None, item_url: Callable[[int], str]
) -> list[TopRating]:
    """Each top-level item's overall rating as reported in `latest`, beside `before`'s: one query."""
    rows = (
        ReportedRating.objects.filter(
            period_id__in=[p.pk for p in (latest, before) if p is not None], level=1
        )
        .order_by("item__sort_key")
        .values_list("period_id", "item_id", "number", "text", "overall_label", "overall_colour")
    )
    now: dict[int, tuple[str, str, str, str]] = {}
    then: dict[int, tuple[str, str]] = {}
    for period_id, item_id, number, text, label, colour in rows:
        if period_id == latest.pk:
            now[item_id] = (number, text, label, colour)
        else:
            then[item_id] = (label, colour)
    return [
        TopRating(
            url=item_url(item_id),
            number=number,
            text=text,
            label=label,
            colour=colour,
            before_label=then.get(item_id, ("", ""))[0] if before else None,
            before_colour=then.get(item_id, ("", ""))[1],
        )
        for item_id, (number, text, label, colour) in now.items()
    ]
