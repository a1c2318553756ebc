"""Which of a measure's targets a figure is judged against. Plain Python: no Django import."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal


def target_in_force(
    period_ends_on: date, targets: Iterable[tuple[date, Decimal]]
) -> tuple[date, Decimal] | None:
    """The target a figure for the period ending `period_ends_on` is judged against.

    A measure may have several targets over time ("14.76% by July 2020, 13% by July 2022").
    A figure is judged against the first target due on or after its period ends: the next
    milestone still ahead of it. Once every target's date has passed, the last one still stands,
    so a figure is never left unrated because its deadline went by. No targets: None.
    """
    ordered = sorted(targets)
    if not ordered:
        return None
    for due, value in ordered:
        if due >= period_ends_on:
            return due, value
    return ordered[-1]
