"""Every change to plans goes through these functions: validated, transactional, recorded."""

from .fields import plan_field_create, plan_field_remove, plan_field_update
from .findings import FindingContent, finding_create, finding_remove, finding_update
from .items import ItemContent, item_create, item_move, item_remove, item_update
from .plans import PlanContent, plan_create, plan_update
from .rag import rag_scheme_create, rag_status_add, rag_status_move, rag_status_remove, rag_status_update
from .rollup import item_overall_set, overall_snapshot
from .texts import plan_text_save

__all__ = [
    "FindingContent",
    "ItemContent",
    "PlanContent",
    "finding_create",
    "finding_remove",
    "finding_update",
    "item_create",
    "item_move",
    "item_overall_set",
    "item_remove",
    "item_update",
    "overall_snapshot",
    "plan_create",
    "plan_field_create",
    "plan_field_remove",
    "plan_field_update",
    "plan_text_save",
    "plan_update",
    "rag_scheme_create",
    "rag_status_add",
    "rag_status_move",
    "rag_status_remove",
    "rag_status_update",
]
