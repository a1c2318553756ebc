"""Writes to "You said, we did": adding and editing entries, and publishing them (the programme
manager's decision: the form offers it only to them). Each change is recorded in the area's history."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import save_or_explain
from evidence.models import Evidence
from history import services as history
from plans.models import Item
from plans.rules import reference_sort_key
from scorecard.models import Measure, Outcome

from .models import Entry, Source
from .snapshots import entry_snapshot

SOURCE = "Web"


@dataclass
class EntryContent:
    """What a person types about an entry (the form builds it; the import does too)."""

    reference: str
    said: str
    source: str
    heard_on: date | None = None
    group: str = ""
    did: str = ""
    how_we_know: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    is_published: bool = False


def content_of(*, entry: Entry) -> EntryContent:
    """A saved entry as content: to start an edit from, or to compare an imported row with."""
    return EntryContent(
        reference=entry.reference,
        said=entry.said,
        source=entry.source,
        heard_on=entry.heard_on,
        group=entry.group,
        did=entry.did,
        how_we_know=entry.how_we_know,
        evidence=list(entry.evidence.all()),
        measures=list(entry.measures.all()),
        outcomes=list(entry.outcomes.all()),
        items=list(entry.items.all()),
        is_published=entry.is_published,
    )


def _check(entry: Entry, content: EntryContent) -> None:
    area_id = entry.area_id
    errors: dict[str, str] = {}
    reference = content.reference.strip()
    if not reference:
        errors["reference"] = "Enter the entry's reference, such as YS1"
    if not content.said.strip():
        errors["said"] = "Enter what families or young people said"
    if content.source not in Source.values:
        errors["source"] = "Choose where it was said: " + ", ".join(str(label) for label in Source.labels)
    if any(e.area_id != area_id for e in content.evidence):
        errors["evidence"] = "Choose evidence from this local area's evidence bank"
    if any(m.area_id != area_id for m in content.measures):
        errors["measures"] = "Choose measures of this local area's scorecard"
    if any(o.area_id != area_id for o in content.outcomes):
        errors["outcomes"] = "Choose I statements of this local area's scorecard"
    if any(i.plan.area_id != area_id for i in content.items):
        errors["items"] = "Choose items of this local area's plans"
    if reference and "reference" not in errors:
        clash = (
            Entry.objects.filter(area_id=area_id, reference__iexact=reference).exclude(pk=entry.pk).first()
        )
        if clash:
            errors["reference"] = (
                f"This area already has an entry {clash.reference}: choose another reference"
            )
    if errors:
        raise ValidationError(errors)


def _apply(entry: Entry, content: EntryContent) -> None:
    entry.reference = content.reference.strip()
    entry.sort_key = reference_sort_key(entry.reference)
    entry.said, entry.did, entry.how_we_know = (
        content.said.strip(),
        content.did.strip(),
        content.how_we_know.strip(),
    )
    entry.source, entry.heard_on, entry.group = content.source, content.heard_on, content.group.strip()
    entry.is_published = content.is_published


def _links_set(entry: Entry, content: EntryContent) -> None:
    entry.evidence.set(content.evidence)
    entry.measures.set(content.measures)
    entry.outcomes.set(content.outcomes)
    entry.items.set(content.items)


@transaction.atomic
def entry_create(
    *, area: LocalArea, content: EntryContent, by: User | None = None, source: str = SOURCE
) -> Entry:
    entry = Entry(area=area, added_by=by)
    _check(entry, content)
    _apply(entry, content)
    save_or_explain(entry, lambda: _check(entry, content))
    _links_set(entry, content)
    history.change_record(
        area=area,
        action=history.Action.ADDED,
        subject=f"You said, we did {entry.reference}",
        changes=history.diff({}, entry_snapshot(entry)),
        obj=entry,
        by=by,
        source=source,
    )
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    expected_version: int,
    content: EntryContent,
    by: User | None = None,
    source: str = SOURCE,
) -> Entry:
    """Edit an entry. A stale version raises EditConflict and saves nothing."""
    before = entry_snapshot(entry)
    _check(entry, content)
    _apply(entry, content)
    _links_set(entry, content)
    history.save_recorded(
        obj=entry,
        snapshot=entry_snapshot,
        before=before,
        area=entry.area,
        subject=f"You said, we did {entry.reference}",
        by=by,
        source=source,
        expected_version=expected_version,
    )
    return entry
