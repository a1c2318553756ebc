"""Every write of the monthly cycle goes through these functions, each in one transaction."""

from .highlights import highlight_draft, highlight_save, highlight_snapshot
from .periods import period_move, period_open, period_settings_save, period_snapshot, reporting_problems
from .updates import UpdateContent, update_confirm, update_save, update_snapshot

__all__ = [
    "UpdateContent",
    "highlight_draft",
    "highlight_save",
    "highlight_snapshot",
    "period_move",
    "period_open",
    "period_settings_save",
    "period_snapshot",
    "reporting_problems",
    "update_confirm",
    "update_save",
    "update_snapshot",
]
