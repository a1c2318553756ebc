"""Reads for the evidence bank, each in a fixed number of queries however much evidence there is.

Every function that finds evidence takes the user's `Access`, so it is only found inside their area.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from areas.access import Access

from .models import Evidence


def evidence_for(*, access: Access, pk: int) -> Evidence:
    """One evidence item of the user's area; "Page not found" for any other area's."""
    return get_object_or_404(Evidence.objects.select_related("area", "added_by"), pk=pk, area=access.area)


def evidence_list(*, access: Access, q: str | None = None, kind: str | None = None) -> QuerySet[Evidence]:
    """The area's evidence, newest first, each with `use_count`: the number of updates it is linked to.

    `q` matches every word in the title, description or impact; `kind` is one of `Evidence.Kind`.
    """
    evidence = Evidence.objects.filter(area=access.area)
    for word in (q or "").split():
        evidence = evidence.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(impact__icontains=word)
        )
    if kind:
        evidence = evidence.filter(kind=kind)
    return evidence.annotate(use_count=Count("updates", distinct=True)).order_by(
        F("dated").desc(nulls_last=True), "title", "pk"
    )


SEARCH_LIMIT = 20


@dataclass(frozen=True)
class EvidenceFound:
    """What a search of the evidence bank found: the first `SEARCH_LIMIT` and how many more."""

    results: list[Evidence]
    more: int = 0

    @property
    def total(self) -> int:
        return len(self.results) + self.more


def evidence_search(
    *,
    access: Access,
    title: str = "",
    kind: str = "",
    dated_from: date | None = None,
    dated_to: date | None = None,
    leave_out: Iterable[int] = (),
    limit: int = SEARCH_LIMIT,
) -> EvidenceFound:
    """The area's evidence whose title contains `title` (every word, any case), of `kind`, dated
    between `dated_from` and `dated_to` (inclusive; evidence with no date only when neither is given),
    newest first, at most `limit`, leaving out `leave_out` (already listed). Two queries at most.
    """
    evidence = Evidence.objects.filter(area=access.area).exclude(pk__in=list(leave_out))
    for word in title.split():
        evidence = evidence.filter(title__icontains=word)
    if kind:
        evidence = evidence.filter(kind=kind)
    if dated_from:
        evidence = evidence.filter(dated__gte=dated_from)
    if dated_to:
        evidence = evidence.filter(dated__lte=dated_to)
    ordered = evidence.order_by(F("dated").desc(nulls_last=True), "title", "pk")
    results = list(ordered[:limit])
    more = ordered.count() - limit if len(results) == limit else 0
    return EvidenceFound(results=results, more=more)


def evidence_in_area(*, access: Access, pks: Iterable[int]) -> QuerySet[Evidence]:
    """The evidence of the user's area among `pks`: an id from another area is never found."""
    return Evidence.objects.filter(area=access.area, pk__in=list(pks))
