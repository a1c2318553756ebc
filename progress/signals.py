"""What the monthly cycle tells the apps above it, so that it imports none of them.

- `period_reporting`: sent before a period is reported, inside the reporting transaction, with
  `period`. Each receiver returns a problem (a sentence saying what to do first) or None; any
  problem refuses the reporting and nothing is written. The scorecard refuses while a red measure
  has no commentary for the period.
- `period_reported`: sent once the period's own ratings are frozen, inside the same transaction,
  with `period`. Each receiver freezes its own part of what the board was told; an exception
  undoes the whole reporting. The scorecard keeps every measure's assessment as reported.
"""

from django.dispatch import Signal

period_reporting = Signal()
period_reported = Signal()
