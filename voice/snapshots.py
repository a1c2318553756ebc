"""An entry as the words people read, keyed by label: what the history records and what an edit
conflict shows beside what was typed."""

from .models import Entry


def entry_snapshot(entry: Entry) -> dict[str, str]:
    """Uses the entry's linked evidence, measures, I statements and items (prefetch them for many)."""
    linked = entry.pk is not None
    return {
        "Reference": entry.reference,
        "You said": entry.said,
        "Source": entry.get_source_display(),
        "Date said": entry.heard_on.strftime("%d/%m/%Y") if entry.heard_on else "",
        "Group": entry.group,
        "We did": entry.did,
        "How we know": entry.how_we_know,
        "Evidence": ", ".join(e.title for e in entry.evidence.all()) if linked else "",
        "Measures": ", ".join(m.code for m in entry.measures.all()) if linked else "",
        "I statements": ", ".join(o.code for o in entry.outcomes.all()) if linked else "",
        "Plan items": ", ".join(i.number for i in entry.items.all()) if linked else "",
        "Published": "Yes" if entry.is_published else "No",
    }
