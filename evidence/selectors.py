"""Reads for the evidence bank, each in a fixed number of queries however much evidence there is.

Every function that finds evidence takes the user's `Access`, so it is only found inside their area.
"""

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
