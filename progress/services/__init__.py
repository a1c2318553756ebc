"""Every write of the monthly cycle goes through these functions, each in one transaction."""

from .highlights import highlight_draft, highlight_save
from .periods import period_move, period_open, period_settings_save, reporting_problems
from .updates import UpdateContent, update_confirm, update_save

__all__ = [
    "UpdateContent",
    "highlight_draft",
    "highlight_save",
    "period_move",
    "period_open",
    "period_settings_save",
    "reporting_problems",
    "update_confirm",
    "update_save",
]
