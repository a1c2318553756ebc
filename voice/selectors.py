"""Reads for "You said, we did", each in a fixed number of queries however many entries there are.

Every function that finds entries takes the user's `Access`, so they are only found inside their area.
"""

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from areas.access import Access
from areas.models import LocalArea
from evidence.models import Evidence
from plans.models import Item
from scorecard.models import Measure, Outcome

from .models import Entry

PUBLISHED, NOT_PUBLISHED = "yes", "no"


@dataclass(frozen=True)
class EntryFilters:
    """What the list is narrowed to: words, an I statement, a source, a plan item, published or not."""

    q: str = ""
    outcome: Outcome | None = None
    source: str = ""
    item: Item | None = None
    published: str = ""

    @property
    def any(self) -> bool:
        return bool(self.q or self.outcome or self.source or self.item or self.published)


def entry_list(*, access: Access, filters: EntryFilters | None = None) -> QuerySet[Entry]:
    """The area's entries in reference order, with their I statements and items (four queries for a
    page: the count, the rows and the two links). `q` matches every word in what was said, what was
    done, how we know, the group or the reference."""
    filters = filters or EntryFilters()
    entries = Entry.objects.filter(area=access.area)
    for word in filters.q.split():
        entries = entries.filter(
            Q(said__icontains=word)
            | Q(did__icontains=word)
            | Q(how_we_know__icontains=word)
            | Q(group__icontains=word)
            | Q(reference__icontains=word)
        )
    if filters.outcome is not None:
        entries = entries.filter(outcomes=filters.outcome)
    if filters.source:
        entries = entries.filter(source=filters.source)
    if filters.item is not None:
        entries = entries.filter(items=filters.item)
    if filters.published:
        entries = entries.filter(is_published=filters.published == PUBLISHED)
    return entries.prefetch_related("outcomes", _items_prefetch()).order_by("sort_key", "pk")


def _items_prefetch() -> Prefetch:
    return Prefetch("items", queryset=Item.objects.select_related("plan").order_by("plan_id", "sort_key"))


def entry_for(*, access: Access, pk: int) -> Entry:
    """One entry of the user's area with everything its page shows; "Page not found" for another area's."""
    entries = Entry.objects.select_related("area", "added_by").prefetch_related(
        "outcomes",
        "measures",
        _items_prefetch(),
        Prefetch("evidence", queryset=Evidence.objects.order_by("-dated", "title")),
    )
    return get_object_or_404(entries, pk=pk, area=access.area)


HAS_ENTRIES = "has_voice_entries"


def item_has_entries() -> dict[str, Exists]:
    """Whether a plan item has entries linked to it, for the item's own query (`plans.selectors.item_page`
    `also`), so that `entries_for_item` reads none when it has none."""
    return {HAS_ENTRIES: Exists(Entry.items.through.objects.filter(item_id=OuterRef("pk")))}


def entries_for_item(*, item: Item) -> list[Entry]:
    """The entries linked to a plan item, in reference order (one query; none for an item read with
    `item_has_entries` that has none)."""
    if getattr(item, HAS_ENTRIES, True) is False:
        return []
    return list(Entry.objects.filter(items=item, area_id=item.plan.area_id).order_by("sort_key", "pk"))


def next_reference(*, area: LocalArea) -> str:
    """The next free "YSn": one more than the highest YS number the area has used."""
    numbers = [
        int(match.group(1))
        for reference in Entry.objects.filter(area=area, reference__istartswith="YS").values_list(
            "reference", flat=True
        )
        if (match := re.fullmatch(r"YS(\d+)", reference, flags=re.IGNORECASE))
    ]
    return f"YS{max(numbers, default=0) + 1}"


# What an entry may be linked to: the area's own, always.


def outcomes_of(*, area: LocalArea) -> QuerySet[Outcome]:
    return Outcome.objects.filter(area=area).order_by("position", "code")


def measures_of(*, area: LocalArea) -> QuerySet[Measure]:
    return Measure.objects.filter(area=area).order_by("position", "code")


def items_of(*, area: LocalArea) -> QuerySet[Item]:
    """The current items of the area's plans, plan by plan in number order."""
    return (
        Item.objects.current()
        .filter(plan__area=area)
        .select_related("plan")
        .order_by("plan__reference", "sort_key")
    )


def evidence_of(*, area: LocalArea) -> QuerySet[Evidence]:
    return Evidence.objects.filter(area=area).order_by("-dated", "title")
