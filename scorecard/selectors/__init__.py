"""Reading the scorecard. Every object is looked up inside the signed-in user's area (`objects`).

- `card`: every measure assessed on its headline, grouped by outcome (the scorecard page, the
  exceptions, the reporting check), in a fixed number of queries;
- `measure`: one measure's page: every breakdown, its chart and data table, its items, its
  commentary;
- `manage`: the lists behind the pages that define measures and outcomes;
- `data`: what a file of figures or a DfE file would change;
- `reporting`: what the scorecard needs before a period is reported;
- `reported`: the scorecard as a period was reported, read from the assessments kept then.

The scorecard and the objects are re-exported here, as the views use them most.
"""

from .card import MeasureLine, OutcomeGroup, Scorecard, area_scorecard, assess_breakdown, figure_points
from .objects import (
    get_breakdown,
    get_data_upload,
    get_figure,
    get_measure,
    get_outcome,
    get_saved_mapping,
    settings_for,
)

__all__ = [
    "MeasureLine",
    "OutcomeGroup",
    "Scorecard",
    "area_scorecard",
    "assess_breakdown",
    "figure_points",
    "get_breakdown",
    "get_data_upload",
    "get_figure",
    "get_measure",
    "get_outcome",
    "get_saved_mapping",
    "settings_for",
]
