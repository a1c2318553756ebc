"""Building a pack's content (schema.py) from the data as reported for its period: what the board was
told when the period was reported (`ReportedRating`, the frozen highlight reports, `ReportedAssessment`,
`ReportedRisk`), never the live ratings, so a pack made again later says the same. Only the template's
sections appear, in its order. A fixed number of queries however large the plan: each kind of data is
read once (source.py), whichever sections use it."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from progress.models import ReportingPeriod

from .. import rules
from ..models import PackTemplate
from .exceptions import exceptions_section
from .highlights import highlights_section
from .overview import overview_section
from .risks import risks_section
from .schema import SCHEMA_VERSION, Content, PackInfo, PeriodInfo, PreviousInfo
from .scorecard import scorecard_section
from .source import Source
from .summary import summary_section
from .voice import voice_section


def _matters(text: str) -> Callable[[Source], dict[str, Any]]:
    return lambda source: {"text": text}


SECTION_BUILDERS: dict[str, Callable[[Source], Any]] = {
    "cover": lambda source: {},
    "summary": summary_section,
    "rag_overview": overview_section,
    "exceptions": exceptions_section,
    "highlights": highlights_section,
    "scorecard": scorecard_section,
    "risks": risks_section,
    "voice": voice_section,
}


def build_content(
    *,
    template: PackTemplate,
    period: ReportingPeriod,
    meeting_date: date | None,
    matters: str,
    made_at: datetime,
) -> dict[str, Any]:
    """The pack's content for a reported `period`: a plain JSON-serialisable dict in the shape of
    schema.Content, dates as ISO strings."""
    source = Source(template=template, period=period)
    keys = [key for key in template.sections if key in rules.BY_KEY]
    builders = {**SECTION_BUILDERS, "matters": _matters(matters)}
    area, plan = source.area, source.plan
    content: Content = {
        "schema": SCHEMA_VERSION,
        "area": {
            "name": area.name,
            "slug": area.slug,
            "council": area.council_name or area.name,
            "colour": area.colour,
        },
        "plan": {
            "reference": plan.reference,
            "title": plan.title,
            "top_level_name": plan.level_name(1),
            "top_level_plural": plan.level_plural(1),
        },
        "pack": _pack(template, keys, meeting_date, made_at),
        "period": _period(source),
        "previous": _previous(source.previous),
        "statuses": [{"label": s.label, "colour": s.colour} for s in source.ratings.best_first()],
        "sections": {key: builders[key](source) for key in keys},
    }
    return dict(content)


def _pack(template: PackTemplate, keys: list[str], meeting_date: date | None, made_at: datetime) -> PackInfo:
    return {
        "template": template.name,
        "title": template.title,
        "audience": template.audience,
        "meeting": template.meeting,
        "meeting_date": meeting_date.isoformat() if meeting_date else None,
        "frequency": str(template.frequency),
        "sections": keys,
        "made_at": timezone.localtime(made_at).isoformat(),
    }


def _period(source: Source) -> PeriodInfo:
    period = source.period
    return {
        "id": period.pk,
        "name": period.name,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "covers_from": source.covers_from.isoformat(),
        "covers_words": rules.span_words(source.covers_from, period.ends_on),
        "reported_on": (
            timezone.localdate(period.reported_at).isoformat() if period.reported_at is not None else None
        ),
    }


def _previous(previous: ReportingPeriod | None) -> PreviousInfo | None:
    if previous is None:
        return None
    return {"id": previous.pk, "name": previous.name, "ends_on": previous.ends_on.isoformat()}
