"""A measure assessed from its figures: the latest known figure, its comparators and direction."""

import datetime
from decimal import Decimal

from scorecard.assess import Point, assess
from scorecard.rules import Direction, Rating, RatingSettings


def year(y: int, value: str | None, reason: str = "") -> Point:
    return Point(datetime.date(y, 12, 31), str(y), None if value is None else Decimal(value), reason)


def test_with_no_target_the_latest_figure_is_compared_with_england_for_the_same_year():
    stockport = [year(2019, "45.6"), year(2024, "7.8")]
    england = [year(2019, "60.4"), year(2024, "46.4")]
    region = [year(2019, "60.1"), year(2024, "50.5")]

    found = assess(stockport, polarity="higher", comparators={"england": england, "region": region}, unit="%")

    assert found.rating is Rating.RED
    assert found.direction is Direction.DECLINING
    assert found.comparators["england"].value == Decimal("46.4")
    assert "worse than England (46.4%)" in found.reason


def test_lower_is_better_turns_a_fall_into_an_improvement():
    found = assess([year(2022, "21.9"), year(2023, "20.1")], polarity="lower")
    assert found.direction is Direction.IMPROVING


def test_a_change_within_the_areas_threshold_is_no_change():
    settings = RatingSettings(direction_threshold=Decimal("0.5"))
    found = assess([year(2022, "50"), year(2023, "50.4")], polarity="higher", settings=settings)
    assert found.direction is Direction.NO_CHANGE


def test_a_measure_with_only_suppressed_figures_has_no_data_and_says_why():
    found = assess([year(2024, None, "c: confidential")], polarity="higher")
    assert found.rating is Rating.NO_DATA
    assert found.reason == "No figure yet: 2024 is not available (c: confidential)"


def test_red_or_declining_measures_are_exceptions_and_others_are_not():
    declining_green = assess(
        [year(2022, "90"), year(2023, "80")],
        polarity="higher",
        targets=[(datetime.date(2030, 1, 1), Decimal("70"))],
    )
    steady_green = assess(
        [year(2022, "80"), year(2023, "80")],
        polarity="higher",
        targets=[(datetime.date(2030, 1, 1), Decimal("70"))],
    )
    assert declining_green.rating is Rating.GREEN and declining_green.is_exception
    assert not steady_green.is_exception


def test_a_measure_still_to_be_defined_has_no_direction_even_with_figures():
    found = assess([year(2022, "1"), year(2023, "2")], polarity="higher", to_be_defined=True)
    assert (found.rating, found.direction) == (Rating.TO_BE_DEFINED, Direction.NOT_KNOWN)
