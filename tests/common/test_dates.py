from datetime import date

import pytest

from common.dates import DateProblem, parse_uk_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/07/2019", date(2019, 7, 31)),
        ("31/07/19", date(2019, 7, 31)),
        ("2019-07-31", date(2019, 7, 31)),
        ("", None),
    ],
)
def test_dates_are_read_in_the_ways_plans_write_them(text, expected):
    assert parse_uk_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/04/19", "April 2019 has 30 days"),
        ("31/06/19", "June 2019 has 30 days"),
        ("29/02/2019", "February 2019 has 28"),
    ],
)
def test_impossible_dates_from_real_plans_are_refused_with_the_reason(text, reason):
    with pytest.raises(DateProblem, match=reason):
        parse_uk_date(text)


def test_vague_wording_is_not_a_date():
    with pytest.raises(DateProblem, match="Enter a date in the format"):
        parse_uk_date("Autumn Term 2018")
