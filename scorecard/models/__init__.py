"""The SEND scorecard's models.

- `measures`: the area's rating settings, outcomes, measures, breakdowns, targets and figures. Live pages
  work every rating out from these rows each time they are shown (scorecard.assess, scorecard.rules);
- `reporting`: commentary on a measure for a reporting period, and `ReportedAssessment`, each measure as
  the board was told it when a period was reported: stored once, never worked out again;
- `uploads`: DfE files being mapped, and saved column mappings.
"""

from .measures import (
    COMPARATOR_SERIES,
    UNIT_SUFFIX,
    Breakdown,
    Figure,
    Frequency,
    Measure,
    Outcome,
    ScorecardSettings,
    Series,
    Target,
    Unit,
)
from .reporting import Commentary, ReportedAssessment
from .uploads import DataUpload, SavedMapping, upload_name

__all__ = [
    "COMPARATOR_SERIES",
    "UNIT_SUFFIX",
    "Breakdown",
    "Commentary",
    "DataUpload",
    "Figure",
    "Frequency",
    "Measure",
    "Outcome",
    "ReportedAssessment",
    "SavedMapping",
    "ScorecardSettings",
    "Series",
    "Target",
    "Unit",
    "upload_name",
]
