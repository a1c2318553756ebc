"""The demo of "You said, we did, and how we know": what Stockport's families and young people said,
drawn from the papers (the April 2019 Written Statement of Action and the April 2021 progress update),
what the area did and how it knows, linked to the demo's I statements, items, measures and evidence.

The data is in `demo/stockport-voice/entries.csv` (see `demo/README.md`). Each entry is added through
`voice.services.entry_create`, as the programme manager would in the product.
"""

import csv
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet

from accounts.models import User
from areas.models import LocalArea
from common.dates import parse_uk_date
from demo.dating import dated, stamp
from demo.progress import DEMO_NOW
from evidence.models import Evidence
from plans.models import Item, Plan
from scorecard.models import Measure, Outcome
from voice.models import Entry
from voice.services import EntryContent, entry_create

M = TypeVar("M", bound=models.Model)

DATA_FILE = Path(settings.BASE_DIR) / "demo" / "stockport-voice" / "entries.csv"


class DemoDataProblem(Exception):
    """The demo's file names something the area does not have."""


@transaction.atomic
def load_voice_demo(area: LocalArea, plan: Plan, *, manager: User) -> str:
    """Add the entries once: an area that already has entries keeps them as they are."""
    if Entry.objects.filter(area=area).exists():
        return f"{area.name}: “You said, we did” kept as it is: it has entries"
    with DATA_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with dated(DEMO_NOW):
        for row in rows:
            entry_create(area=area, content=_content(area, plan, row), by=manager, source="Demo data")
    stamp(Entry.objects.filter(area=area), DEMO_NOW, ("added_at",))
    published = sum(row["Published"] == "yes" for row in rows)
    return f"{area.name}: “You said, we did” loaded: {len(rows)} entries, {published} published"


def _content(area: LocalArea, plan: Plan, row: dict[str, str]) -> EntryContent:
    return EntryContent(
        reference=row["Reference"],
        said=row["You said"],
        source=row["Source"],
        heard_on=parse_uk_date(row["Date"]),
        group=row["Group"],
        did=row["We did"],
        how_we_know=row["How we know"],
        outcomes=_found(Outcome.objects.filter(area=area), "code", row["I statements"].split(), row),
        measures=_found(Measure.objects.filter(area=area), "code", row["Measures"].split(), row),
        items=_found(Item.objects.current().filter(plan=plan), "number", row["Plan items"].split(), row),
        evidence=_found(
            Evidence.objects.filter(area=area), "title", [t for t in row["Evidence"].split("|") if t], row
        ),
        is_published=row["Published"] == "yes",
    )


def _found(queryset: QuerySet[M], field: str, names: list[str], row: dict[str, str]) -> list[M]:
    """The objects named, in the order named; every one must exist."""
    found = {getattr(obj, field): obj for obj in queryset.filter(**{f"{field}__in": names})}
    missing = [name for name in names if name not in found]
    if missing:
        raise DemoDataProblem(f"{row['Reference']}: no {field} {', '.join(missing)} in the demo")
    return [found[name] for name in names]
