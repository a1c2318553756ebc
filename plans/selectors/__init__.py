"""Reads for plan pages, each in a fixed number of queries whatever the plan's size.

Every function takes the user's `Access`, so objects are only ever found inside their area.

- `plans`: plans and RAG schemes, and what "not done" means for a plan's statuses;
- `rollups`: the overview's counts under each top-level item, and each higher item's roll-up, live;
- `findings`: a plan's inspection findings, one finding, and the findings an item answers;
- `items`: one item and its page, lists of items, the history of an item or a plan.

Every name is re-exported here: `plans.selectors.item_for` and so on.
"""

from .findings import finding_for, findings_of, plan_findings
from .items import (
    ITEM_LIST_PREFETCH,
    ItemPage,
    ItemRow,
    LinkedItem,
    MilestoneFilters,
    ShownOwner,
    ShownWorkstream,
    ancestors_of,
    child_rows,
    history_of_item,
    history_of_plan,
    item_for,
    item_page,
    item_rows,
    items_of_owners,
    items_of_person,
    items_of_workstreams,
    links_of,
    milestones,
)
from .plans import (
    not_done,
    plan_for,
    plan_texts,
    plans_for,
    rag_scheme_for,
    rag_schemes_for,
    rag_status_for,
    statuses_of,
)
from .rollups import Rollup, RollupRow, TopLevelRow, item_rollup, plan_overview, plan_rollups, rollup_of

__all__ = [
    "ITEM_LIST_PREFETCH",
    "ItemPage",
    "ItemRow",
    "LinkedItem",
    "MilestoneFilters",
    "Rollup",
    "RollupRow",
    "ShownOwner",
    "ShownWorkstream",
    "TopLevelRow",
    "ancestors_of",
    "child_rows",
    "finding_for",
    "findings_of",
    "history_of_item",
    "history_of_plan",
    "item_for",
    "item_page",
    "item_rollup",
    "item_rows",
    "items_of_owners",
    "items_of_person",
    "items_of_workstreams",
    "links_of",
    "milestones",
    "not_done",
    "plan_findings",
    "plan_for",
    "plan_overview",
    "plan_rollups",
    "plan_texts",
    "plans_for",
    "rag_scheme_for",
    "rag_schemes_for",
    "rag_status_for",
    "rollup_of",
    "statuses_of",
]
