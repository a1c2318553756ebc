"""Periods as people and the DfE write them, and which target a figure is judged against."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.periods import PeriodProblem, read_period
from scorecard.rules import target_in_force


@pytest.mark.parametrize(
    ("written", "label", "ends_on"),
    [
        ("2024", "2024", datetime.date(2024, 12, 31)),
        ("2019/20", "2019/20", datetime.date(2020, 8, 31)),
        ("201920", "2019/20", datetime.date(2020, 8, 31)),
        ("2019-20", "2019/20", datetime.date(2020, 8, 31)),
        ("1999/2000", "1999/00", datetime.date(2000, 8, 31)),
        ("1999/00", "1999/00", datetime.date(2000, 8, 31)),
        ("March 2021", "March 2021", datetime.date(2021, 3, 31)),
        ("feb 2024", "February 2024", datetime.date(2024, 2, 29)),
        ("Sept 2023", "September 2023", datetime.date(2023, 9, 30)),
        ("2025-03", "March 2025", datetime.date(2025, 3, 31)),
    ],
)
def test_a_period_is_read_as_people_and_the_dfe_write_it(written, label, ends_on):
    period = read_period(written)
    assert (period.label, period.ends_on) == (label, ends_on)


@pytest.mark.parametrize(
    "written", ["2019/21", "Spring 2024", "24", "", "2024-13", "0000", "0000-01", "9999/00"]
)
def test_text_that_is_not_a_period_says_what_would_be(written):
    with pytest.raises(PeriodProblem, match="2023/24"):
        read_period(written)


def test_an_academic_year_sorts_after_the_calendar_year_it_starts_in():
    assert read_period("2019") < read_period("2019/20") < read_period("2020")


TARGETS = [(datetime.date(2020, 7, 31), Decimal("14.76")), (datetime.date(2022, 7, 31), Decimal("13"))]


@pytest.mark.parametrize(
    ("period_ends", "wanted"),
    [
        (datetime.date(2019, 8, 31), TARGETS[0]),  # the next milestone ahead
        (datetime.date(2020, 7, 31), TARGETS[0]),  # due that very day
        (datetime.date(2020, 8, 31), TARGETS[1]),  # the first has passed: the next one
        (datetime.date(2024, 8, 31), TARGETS[1]),  # all passed: the last still stands
    ],
)
def test_a_figure_is_judged_against_the_next_target_ahead_of_it_or_the_last_one(period_ends, wanted):
    assert target_in_force(period_ends, reversed(TARGETS)) == wanted


def test_a_measure_with_no_targets_has_none_in_force():
    assert target_in_force(datetime.date(2024, 1, 1), []) is None


@given(st.lists(st.tuples(st.dates(), st.integers(0, 100)), min_size=1, unique_by=lambda t: t[0]), st.dates())
def test_the_target_in_force_is_always_one_of_the_measures_targets(targets, day):
    targets = [(due, Decimal(value)) for due, value in targets]
    assert target_in_force(day, targets) in targets
