"""Reads for the monthly cycle's pages, each in a fixed number of queries whatever the plan's size.

Every lookup takes the user's `Access`, so periods and updates are only found inside their area.

- `periods`: a period found inside the area, a plan's periods, the ones not yet reported;
- `updates`: which items need an update, the user's still to write, one item's update, the updates
  a piece of evidence is used in;
- `pages`: the period page: its summary, its items filtered, their rows; once reported, its ratings;
- `timeline`: an item's status in each period;
- `trend`: the plan overview's trend against the period reported before;
- `highlights`: highlight reports;
- `challenge`: the challenge in bulk, the items confirmed without an update, and the ratings changed in
  challenge that owners are told of.
- `rollups`: each item above the lowest level rated from the items under it, live or as reported, and
  an item's roll-up across the reported periods;
- `glance`: the programme at a glance, for a plan: its latest reported period against the one before.

Every name is re-exported here: `progress.selectors.period_for` and so on.
"""

from .challenge import (
    ChallengeList,
    ChallengeRow,
    ChangedRating,
    MissingConfirmation,
    WorkstreamWaiting,
    challenge_list,
    challenge_workstreams,
    challengeable_updates,
    changed_ratings,
    missing_confirmation,
    missing_numbers,
    rating_change_for,
)
from .glance import Glance, plan_glance
from .highlights import highlight_report_for, highlight_reports_of, workstream_for, workstreams_without_report
from .pages import (
    STATE_FILTERS,
    PeriodFilters,
    PeriodRow,
    PeriodSummary,
    period_items,
    period_rows,
    period_summary,
    reported_rows,
)
from .periods import current_period, current_periods, period_for, periods_of
from .rollups import RollupPoint, period_rollups, reported_rollups, rollup_trend
from .timeline import TimelineEntry, item_timeline
from .trend import Movement, Trend, TrendRow, plan_trend
from .updates import (
    UpdatesDue,
    done_status_ids,
    evidence_uses,
    expected_items,
    item_in_period,
    my_updates_due,
    update_of,
)

__all__ = [
    "STATE_FILTERS",
    "ChallengeList",
    "ChallengeRow",
    "ChangedRating",
    "Glance",
    "MissingConfirmation",
    "Movement",
    "PeriodFilters",
    "PeriodRow",
    "PeriodSummary",
    "RollupPoint",
    "TimelineEntry",
    "Trend",
    "TrendRow",
    "UpdatesDue",
    "WorkstreamWaiting",
    "challenge_list",
    "challenge_workstreams",
    "challengeable_updates",
    "changed_ratings",
    "current_period",
    "current_periods",
    "done_status_ids",
    "evidence_uses",
    "expected_items",
    "highlight_report_for",
    "highlight_reports_of",
    "item_in_period",
    "item_timeline",
    "missing_confirmation",
    "missing_numbers",
    "my_updates_due",
    "period_for",
    "period_items",
    "period_rollups",
    "period_rows",
    "period_summary",
    "periods_of",
    "plan_glance",
    "plan_trend",
    "rating_change_for",
    "reported_rollups",
    "reported_rows",
    "rollup_trend",
    "update_of",
    "workstream_for",
    "workstreams_without_report",
]
