"""Pages of a long list, as Django's Paginator gives them, read in fewer queries where they can be."""

from collections.abc import Callable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_of(
    rows: QuerySet[Any], per_page: int, number: str | None, first: Callable[[int], list[Any]] | None = None
) -> Page:
    """`Paginator(rows, per_page).get_page(number)`, but the first page is read with one more row than it
    shows: when that row is not there, the first page is every row, and they are not counted (an item's
    history, most often: one query, not two). `first(n)`, if given, reads the first n rows a cheaper way
    (a prepared query, common.prepared)."""
    paginator = Paginator(rows, per_page)
    if number not in (None, "", "1"):
        return paginator.get_page(number)
    first_rows = first(per_page + 1) if first else list(rows[: per_page + 1])
    if len(first_rows) <= per_page:
        paginator.count = len(first_rows)
    return Page(first_rows[:per_page], 1, paginator)
