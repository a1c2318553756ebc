"""The trend on the plan overview: each top-level item's statuses in the latest reported period against
the one reported before, read from what was stored when it was reported (progress.trend)."""

from dataclasses import dataclass, field
from typing import Any

from areas.access import Access
from common.urls import url_maker
from plans import selectors as plan_selectors
from plans.models import Item, Plan, RagStatus

from ..models import ReportingPeriod
from ..trend import NO_STATUS


@dataclass
class Movement:
    number: str
    url: str
    before: str
    after: str


@dataclass
class TrendRow:
    top: Item
    now: list[int] = field(default_factory=list)  # counts in the scheme's order, then "no status"
    before: list[int] = field(default_factory=list)
    improved: list[Movement] = field(default_factory=list)
    declined: list[Movement] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(now, last period) for each status column."""
        return list(zip(self.now, self.before, strict=True))


@dataclass
class Trend:
    now_label: str
    before_label: str
    statuses: list[RagStatus]
    rows: list[TrendRow]

    @property
    def improved(self) -> int:
        return sum(len(r.improved) for r in self.rows)

    @property
    def declined(self) -> int:
        return sum(len(r.declined) for r in self.rows)


def plan_trend(
    *, access: Access, plan: Plan, tops: list[Item], statuses: list[RagStatus] | None = None
) -> Trend | None:
    """Each top-level item's status counts in the latest reported period against the one before,
    with what improved and what declined. None until two periods have been reported. The plan's
    `statuses` in order are read unless the caller has them already (the overview).

    Both sides are what the board was told: the comparison was worked out from the frozen
    ratings when the period was reported (progress.trend), so it is read in one query and does
    not shift while the open period's updates come in; the live counts are in the table above it.
    """
    latest = (
        plan.periods.filter(state=ReportingPeriod.State.REPORTED)
        .exclude(trend={})
        .order_by("-starts_on")
        .only("pk", "name", "trend")
        .first()
    )
    if latest is None:
        return None
    if statuses is None:
        statuses = plan_selectors.statuses_of(plan=plan)
    columns = [str(s.position) for s in statuses] + [NO_STATUS]
    stored = latest.trend.get("tops", {})
    item_url = url_maker("plans:item", area=access.area.slug)
    rows = []
    for top in tops:
        entry = stored.get(top.number, {})
        now, before = entry.get("now", {}), entry.get("before", {})

        def moved(kind: str, entry: dict[str, Any] = entry) -> list[Movement]:
            return [
                Movement(number=number, url=item_url(item_id), before=was, after=became)
                for item_id, number, was, became in entry.get(kind, [])
            ]

        rows.append(
            TrendRow(
                top=top,
                now=[now.get(c, 0) for c in columns],
                before=[before.get(c, 0) for c in columns],
                improved=moved("improved"),
                declined=moved("declined"),
            )
        )
    return Trend(
        now_label=f"Reported for {latest.name}",
        before_label=latest.trend.get("against_name", ""),
        statuses=statuses,
        rows=rows,
    )
