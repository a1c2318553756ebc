"""Building a pack's content from the data as reported (schema.py). Filled in section by section."""

from datetime import date, datetime
from typing import Any

from progress.models import ReportingPeriod

from ..models import PackTemplate


def build_content(
    *,
    template: PackTemplate,
    period: ReportingPeriod,
    meeting_date: date | None,
    matters: str,
    made_at: datetime,
) -> dict[str, Any]:
    raise NotImplementedError
