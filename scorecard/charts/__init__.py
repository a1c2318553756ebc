"""Charts of a measure's figures, drawn on the server as SVG: the same file on the web page and in
the papers, always with the data as a table beside it. Plain Python: no Django import.

- `measure`: one breakdown's chart (`measure_chart`), with its rules;
- `sparkline`: the small trend line on the scorecard table;
- `words`: each chart in words (`chart_description`);
- `drawing`: what they are drawn with.
"""

from .drawing import SERIES_ORDER, ChartSeries, segments
from .measure import measure_chart
from .sparkline import sparkline
from .words import chart_description

__all__ = ["SERIES_ORDER", "ChartSeries", "chart_description", "measure_chart", "segments", "sparkline"]
