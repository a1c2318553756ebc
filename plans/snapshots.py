"""Plan content as the text people read, keyed by label: what the history records and the import compares."""

from common.dates import format_uk_date

from .models import Item

ITEM_LABELS = {
    "number": "Number",
    "text": "Text",
    "due_date": "Due date",
    "due_text": "Due as written",
    "workstreams": "Workstream",
    "owners": "Owners",
    "partners": "Partners",
    "senior_owner": "Senior owner",
    "impact": "Impact",
    "evidence": "How do we know",
    "see_also": "See also",
    "status": "Status",
    "notes": "Notes",
}


def item_snapshot(item: Item) -> dict[str, str]:
    """An item's content as the text people read, keyed by field label. Uses prefetched relations."""
    return {
        "Number": item.number,
        "Text": item.text,
        "Due date": format_uk_date(item.due_date),
        "Due as written": item.due_text,
        "Workstream": ", ".join(w.code for w in sorted(item.workstreams.all(), key=lambda w: w.code)),
        "Owners": ", ".join(o.person.initials for o in item.ownerships.all()),
        "Partners": item.partners,
        "Senior owner": item.senior_owner,
        "Impact": item.impact,
        "How do we know": item.evidence,
        "See also": ", ".join(i.number for i in sorted(item.see_also.all(), key=lambda i: i.sort_key)),
        "Status": item.status.label if item.status_id else "",
        "Notes": item.notes,
    }


def item_subject(item: Item) -> str:
    return f"{item.plan.level_name(item.level)} {item.number}"
