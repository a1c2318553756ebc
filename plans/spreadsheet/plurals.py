"""The Plan sheet's optional "Level 1 plural" .. "Level 4 plural" rows: each level's name in the plural,
as the plan sets it ("Activities"); blank where it is worked out from the name (plans.rules.plural)."""

from collections.abc import Callable

from .. import rules
from .planfile import PlanSettings

PLURAL_FIELDS = tuple(f"Level {n} plural" for n in range(1, 5))
PLURAL_LIMIT = 120


def read_plurals(
    settings: PlanSettings, value: Callable[[str], str], problem: Callable[[int | None, str, str], None]
) -> list[str] | None:
    """The plurals the Plan sheet gives, as rules.level_plurals keeps them; None when it has none of
    these rows, so that the plan keeps the plurals it has. A plural for a level with no name, or too
    long, is reported through `problem(row, column, message)`."""
    if not any(settings.row(name) for name in PLURAL_FIELDS):
        return None
    for n, name in enumerate(PLURAL_FIELDS, start=1):
        if len(value(name)) > PLURAL_LIMIT:
            problem(
                settings.row(name),
                "Value",
                f"The plural is longer than {PLURAL_LIMIT} characters. Shorten it",
            )
        elif value(name) and n > len(settings.level_names):
            problem(
                settings.row(name),
                "Value",
                f'There is no "Level {n} name". Enter the level\'s name, or leave its plural blank',
            )
    return rules.level_plurals(settings.level_names, [value(name) for name in PLURAL_FIELDS])
