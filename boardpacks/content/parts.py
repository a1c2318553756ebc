"""Small pieces every section is made of: dates as ISO strings, a status in words and colour, and a row
of status counts now and before."""

from collections.abc import Mapping, Sequence
from datetime import date

from .ratings import StatusWords
from .schema import Status, StatusCount


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def status(label: str, colour: str) -> Status | None:
    """A status as reported, or None when there was none."""
    return {"label": label, "colour": colour} if label else None


def status_counts(
    statuses: Sequence[StatusWords], now: Mapping[str, int], before: Mapping[str, int] | None
) -> list[StatusCount]:
    """One count per status, in the order given, now and (None when nothing is compared) before."""
    return [
        {
            "label": words.label,
            "colour": words.colour,
            "now": now.get(words.label, 0),
            "before": None if before is None else before.get(words.label, 0),
        }
        for words in statuses
    ]
