"""The publishing app's objects as the words people read: what the history records, and what an edit
conflict shows beside yours."""

from .models import ItemSummary, PublicSettings


def summary_snapshot(summary: ItemSummary) -> dict[str, str]:
    return {"Summary for families": summary.summary, "Easy-read summary": summary.easy_read}


def settings_snapshot(chosen: PublicSettings) -> dict[str, str]:
    return {"Introduction": chosen.introduction, "Plan shown": chosen.plan.title if chosen.plan else ""}
