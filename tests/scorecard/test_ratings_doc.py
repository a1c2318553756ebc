"""Every worked example in docs/ratings.md is what the rating rule does, so the page cannot drift."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from scorecard.rules import (
    Direction,
    NearMiss,
    NoTarget,
    Polarity,
    Rating,
    RatingSettings,
    ToleranceKind,
    direction,
    rate,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "ratings.md"
NONE = "—"
POLARITIES = {"Higher is better": Polarity.HIGHER, "Lower is better": Polarity.LOWER}
RATINGS = {rating.label: rating for rating in Rating}
DIRECTIONS = {way.label: way for way in Direction}
FIGURE = re.compile(r"^(-?[\d,]*\.?\d+)\s*(.*)$")


def worked_examples() -> list[dict[str, str]]:
    """The rows of the table whose header starts "| Measure |", as dicts by column name."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Measure |"))
    header = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == len(header), f"Wrong number of cells in: {line}"
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def figure(cell: str) -> tuple[Decimal | None, str]:
    """ "68.2%" is (68.2, "%"), "12.6 weeks" is (12.6, "weeks"), "2,915" is (2915, ""), "—" is none."""
    if cell == NONE:
        return None, ""
    match = FIGURE.match(cell)
    assert match, f"Not a figure: {cell}"
    return Decimal(match[1].replace(",", "")), match[2].strip()


def settings_for(row: dict[str, str]) -> tuple[RatingSettings, set[str]]:
    """The row's settings, and the measure's own flags (contextual, to be defined)."""
    options: dict = {}
    tolerance = row["Tolerance"]
    if tolerance.endswith("of target"):
        options["tolerance"] = Decimal(tolerance.removesuffix("% of target"))
        options["tolerance_kind"] = ToleranceKind.PERCENT_OF_TARGET
    elif tolerance != NONE:
        options["tolerance"] = figure(tolerance)[0]
    flags = set()
    for phrase in row["Setting"].split("; "):
        if phrase == "near miss green":
            options["near_miss"] = NearMiss.GREEN
        elif phrase == "no target: not rated":
            options["no_target"] = NoTarget.NOT_RATED
        elif phrase.startswith("no change within "):
            options["direction_threshold"] = Decimal(phrase.removeprefix("no change within "))
        elif phrase in ("contextual", "to be defined"):
            flags.add(phrase)
        else:
            assert phrase == NONE, f"Unknown setting in docs/ratings.md: {phrase}"
    return RatingSettings(**options), flags


EXAMPLES = worked_examples()


def test_the_page_has_at_least_fifteen_worked_examples():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize(
    "row", EXAMPLES, ids=[f"{n}-{row['Measure'][:30]}" for n, row in enumerate(EXAMPLES, 1)]
)
def test_each_worked_example_is_what_the_rule_does(row):
    settings, flags = settings_for(row)
    previous, _ = figure(row["Previous"])
    value, unit = figure(row["Value"])
    target, target_unit = figure(row["Target"])
    polarity = POLARITIES.get(row["Polarity"])
    assert polarity or "contextual" in flags, "Only a contextual measure may leave its polarity out"

    result = rate(
        value,
        target=target,
        england=figure(row["England"])[0],
        region=figure(row["Region"])[0],
        polarity=polarity or Polarity.HIGHER,
        contextual="contextual" in flags,
        to_be_defined="to be defined" in flags,
        unit=unit or target_unit,
        settings=settings,
    )

    assert (result.rating, result.reason) == (RATINGS[row["Rating"]], row["Reason"])
    if row["Direction"] != NONE:
        travel = direction(previous, value, polarity=polarity, threshold=settings.direction_threshold)
        assert travel == DIRECTIONS[row["Direction"]]
