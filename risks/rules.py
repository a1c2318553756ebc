"""The risk register's rules: pure functions, no Django, each tested by name.

A risk is scored on a 5x5 grid: likelihood (1 rare to 5 almost certain) times impact (1 negligible
to 5 severe), so a score is 1 to 25. Its band (green, amber, red) comes from two thresholds each
local area may set (`RiskBands`): by default a score of 1 to 4 is green, 5 to 12 amber, 15 to 25 red
(the 5x5 matrix most councils' risk management policies use).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
SCALE = (1, 2, 3, 4, 5)

DEFAULT_AMBER_FROM = 5
DEFAULT_RED_FROM = 15


class Band(IntEnum):
    """A risk's band, in order of concern: a higher band is worse."""

    GREEN = 1
    AMBER = 2
    RED = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @property
    def css(self) -> str:
        return self.name.lower()


def score(likelihood: int | None, impact: int | None) -> int | None:
    """Likelihood times impact; None when either is not assessed."""
    if likelihood is None or impact is None:
        return None
    return likelihood * impact


def band_for(score_value: int | None, *, amber_from: int, red_from: int) -> Band | None:
    """The band of a score: red from `red_from`, amber from `amber_from`, green below; None unscored."""
    if score_value is None:
        return None
    if score_value >= red_from:
        return Band.RED
    if score_value >= amber_from:
        return Band.AMBER
    return Band.GREEN


def bands_problem(*, amber_from: int, red_from: int) -> str | None:
    """What is wrong with an area's band thresholds, or None. Each band must hold at least one score a
    5x5 grid can give, so amber starts above 1 and red above amber, and red at a score that exists."""
    if not 2 <= amber_from <= 24:
        return "Amber must start at a score from 2 to 24"
    if not amber_from < red_from <= 25:
        return f"Red must start at a score above amber's ({amber_from}) and no higher than 25"
    return None


def bands_described(*, amber_from: int, red_from: int) -> str:
    """The bands in words, as the settings page and the register's key show them."""
    return (
        f"Green: a score of 1 to {amber_from - 1}. Amber: {amber_from} to {red_from - 1}. "
        f"Red: {red_from} to 25. The score is likelihood times impact, each from 1 to 5."
    )


def review_overdue(review_on: date | None, *, today: date, is_open: bool = True) -> bool:
    """An open risk whose review date has passed. A closed risk is never overdue for review."""
    return is_open and review_on is not None and review_on < today


def due_for_review(review_on: date | None, *, by: date, is_open: bool = True) -> bool:
    """An open risk to review in a period: no review date set, or one on or before the period's end."""
    return is_open and (review_on is None or review_on <= by)


def has_update_since(note_dates: Iterable[date], *, since: date) -> bool:
    """A mitigation has been updated in a period: a progress note dated on or after its start."""
    return any(dated >= since for dated in note_dates)


@dataclass(frozen=True)
class RiskForReporting:
    """A risk as the reporting rule needs it."""

    reference: str
    band: Band | None
    updated_in_period: bool


def red_risks_without_update(risks: Iterable[RiskForReporting]) -> list[str]:
    """The references of open red risks with no mitigation progress note in the period: the period
    cannot be reported until each has one (like a red status without a mitigation)."""
    return [risk.reference for risk in risks if risk.band is Band.RED and not risk.updated_in_period]


def red_risks_problem(references: list[str]) -> str | None:
    """The sentence refusing to report a period while red risks have no mitigation update."""
    if not references:
        return None
    named = ", ".join(references)
    if len(references) == 1:
        return (
            f"Red risk {named} has no mitigation update in this period. Add a progress note to one of its "
            "mitigating actions before reporting the period."
        )
    return (
        f"Red risks {named} have no mitigation update in this period. Add a progress note to one of each "
        "risk's mitigating actions before reporting the period."
    )


def movement(before: Band | None, now: Band | None) -> int:
    """How many bands a risk moved: positive rose (worse), negative fell, 0 same or not comparable."""
    if before is None or now is None:
        return 0
    return int(now) - int(before)


def movement_words(moved: int) -> str:
    if moved > 0:
        return "Rose " + ("a band" if moved == 1 else f"{moved} bands")
    if moved < 0:
        return "Fell " + ("a band" if moved == -1 else f"{-moved} bands")
    return "No change"
