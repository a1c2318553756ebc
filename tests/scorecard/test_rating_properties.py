"""Properties of the scorecard's rating rule: polarity symmetry, monotonicity, and no Django."""

import ast
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

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

HIGHER, LOWER = Polarity.HIGHER, Polarity.LOWER
ROOT = Path(__file__).resolve().parents[2]


# Properties ------------------------------------------------------------------------------

figures = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
maybe = st.none() | figures
settings = st.builds(
    RatingSettings,
    tolerance=st.decimals(min_value=0, max_value=20, places=1),
    tolerance_kind=st.sampled_from(ToleranceKind),
    near_miss=st.sampled_from(NearMiss),
    no_target=st.sampled_from(NoTarget),
)
RANK = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}


def _negate(number):
    return None if number is None else -number


def no_worse(lower, higher):
    """`higher` is rated at least as well as `lower`; an unrated measure stays unrated."""
    if lower is Rating.CONTEXTUAL or higher is Rating.CONTEXTUAL:
        return lower is higher
    return RANK[lower] <= RANK[higher]


offsets = st.decimals(min_value=-25, max_value=25, places=1)


@st.composite
def measures(draw):
    """A value, target, England and region figures; the value is often close to one of the others,
    so that tolerances, their edges and ties are exercised."""
    target, england, region = draw(maybe), draw(maybe), draw(maybe)
    anchors = [figure for figure in (target, england, region) if figure is not None]
    if anchors and draw(st.booleans()):
        value = draw(st.sampled_from(anchors)) + draw(offsets)
    else:
        value = draw(figures)
    return value, {"target": target, "england": england, "region": region}


@given(measures(), settings)
def test_lower_is_better_mirrors_higher_is_better(measure, chosen):
    value, others = measure
    higher = rate(value, polarity=HIGHER, settings=chosen, **others)
    mirrored = {name: _negate(figure) for name, figure in others.items()}
    assert higher.rating is rate(-value, polarity=LOWER, settings=chosen, **mirrored).rating


def assert_better_never_worse(first, second, polarity, **options):
    worse, better = sorted([first, second], reverse=polarity is LOWER)
    assert no_worse(
        rate(worse, polarity=polarity, **options).rating, rate(better, polarity=polarity, **options).rating
    )


@given(figures, offsets, offsets, settings, st.sampled_from(Polarity))
def test_against_a_target_a_better_value_is_never_rated_worse(target, first, second, chosen, polarity):
    assert_better_never_worse(target + first, target + second, polarity, target=target, settings=chosen)


@given(figures, st.none() | offsets, offsets, offsets, st.sampled_from(Polarity))
def test_against_england_and_the_region_a_better_value_is_never_rated_worse(
    england, gap, first, second, polarity
):
    region = None if gap is None else england + gap
    assert_better_never_worse(england + first, england + second, polarity, england=england, region=region)


@given(figures, offsets, offsets, st.none() | offsets, settings)
def test_a_higher_target_or_comparator_never_improves_a_rating(value, first, second, third, chosen):
    low, high = sorted([value + first, value + second])
    other = None if third is None else value + third
    for field, rest in (("target", {}), ("england", {"region": other}), ("region", {"england": other})):
        easy = rate(value, polarity=HIGHER, settings=chosen, **{field: low}, **rest).rating
        hard = rate(value, polarity=HIGHER, settings=chosen, **{field: high}, **rest).rating
        assert no_worse(hard, easy), field


@given(maybe, maybe, st.decimals(min_value=0, max_value=10, places=1))
def test_direction_mirrors_between_polarities_and_reverses_with_time(previous, latest, threshold):
    forwards = direction(previous, latest, polarity=HIGHER, threshold=threshold)
    assert direction(_negate(previous), _negate(latest), polarity=LOWER, threshold=threshold) is forwards
    flipped = {Direction.IMPROVING: Direction.DECLINING, Direction.DECLINING: Direction.IMPROVING}
    backwards = direction(latest, previous, polarity=HIGHER, threshold=threshold)
    assert backwards is flipped.get(forwards, forwards)


# Independence from Django ----------------------------------------------------------------


def test_the_rating_rule_imports_only_the_standard_library():
    tree = ast.parse((ROOT / "scorecard" / "rules.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert imported, "expected the module to import something from the standard library"
    assert {name.split(".")[0] for name in imported} <= sys.stdlib_module_names


def test_the_rating_rule_loads_without_django():
    check = (
        "import sys, scorecard.rules\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "sys.exit(' '.join(loaded) or 0)\n"
    )
    finished = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
