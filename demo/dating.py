"""The demo's dates: what each step of the demo writes carries the day it happened in 2021, not the day the
demo was loaded.

The demo writes through the services, which date what they record now (the history's `Change.at`, and the
`auto_now` fields such as a highlight report's `updated_at`). A dated step puts them back: `dated(at)`
dates every change recorded inside it at `at`, and `stamp` sets a model's date fields on the rows a step
wrote (with `QuerySet.update`, the only way past `auto_now`). The services stay as they are.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from history.models import Change


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A time on a day of the demo, in the service's time zone."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def working_day(day: date) -> date:
    """The day itself, or the Monday after when it falls at a weekend."""
    return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


@contextmanager
def dated(when: datetime) -> Iterator[None]:
    """Every change the history records inside the block is dated `when`."""
    mark = Change.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    Change.objects.filter(pk__gt=mark).update(at=when)


def stamp(rows: "QuerySet[Any]", when: datetime, fields: tuple[str, ...]) -> int:
    """Set the date `fields` of `rows` to `when`; how many rows."""
    return rows.update(**dict.fromkeys(fields, when))
