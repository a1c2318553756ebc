from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.dates import DateProblem, Due, parse_uk_date, period_end, read_due, season_end


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


# Dates as areas write them -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "31/10/2017",
        "31/10/17",
        "31-Oct-17",
        "31 Oct 2017",
        "31 October 2017",
        "2017-10-31",
        "31st October 2017",
        "31 oct. 2017",
        "31.10.2017",
    ],
)
def test_each_common_uk_form_of_a_date_is_read(text):
    assert parse_uk_date(text) == date(2017, 10, 31)


@pytest.mark.parametrize("text", ["30 Sept 2019", "30 Sep 2019", "30 September 2019", "30-Sept-19"])
def test_september_is_read_as_sept_sep_or_september(text):
    assert parse_uk_date(text) == date(2019, 9, 30)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_numeric_form_reads_back_the_date_it_was_written_from(day):
    for form in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%-d/%-m/%Y"):
        assert parse_uk_date(day.strftime(form)) == day, form


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("31 Octbr 2017", '"Octbr" is not a month (did you mean October?)'),
        ("31 Spetember 2019", "(did you mean September?)"),
        ("10/31/2017", "there is no month 31): did you mean 31/10/2017?"),
        ("31/04/19", "April 2019 has 30 days"),
    ],
)
def test_a_near_miss_is_refused_with_what_was_probably_meant(text, suggestion):
    with pytest.raises(DateProblem) as problem:
        parse_uk_date(text)
    assert suggestion in str(problem.value)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Sept 2019", date(2019, 9, 30)),
        ("September 2019", date(2019, 9, 30)),
        ("Feb 2020", date(2020, 2, 29)),
        ("Mar-19", date(2019, 3, 31)),
        ("Autumn Term 2018", date(2018, 12, 31)),
        ("Autumn 2018", date(2018, 12, 31)),
        ("Summer term 2019", date(2019, 8, 31)),
        ("Spring Term 2019", None),
        ("Summer 2019", None),
        ("Sept 2018 - March 2019", date(2019, 3, 31)),
        ("Sept 2018 to March 2019", date(2019, 3, 31)),
        ("Sept 2018 \u2013 Autumn term 2019", date(2019, 12, 31)),
        ("01/09/2018 - 31/03/2019", date(2019, 3, 31)),
        ("Sept - Dec", None),
        ("by the end of March 2019", date(2019, 3, 31)),
    ],
)
def test_a_month_term_or_range_is_kept_as_written_and_due_at_its_certain_end(text, due):
    assert read_due(text) == Due(due, text)


def test_a_single_day_is_a_due_date_with_nothing_kept_as_written():
    assert read_due("31-Oct-17") == Due(date(2017, 10, 31), "")
    assert read_due("") == Due(None, "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/04/19", "April 2019 has 30 days"),
        ("Sept 2018 - 31/04/19", "April 2019 has 30 days"),
        ("Spet 2019", "(did you mean September?)"),
        ("When the board agrees", "is not a date, a month, a term or a range of them"),
    ],
)
def test_due_wording_that_is_no_period_is_refused_with_the_reason(text, words):
    with pytest.raises(DateProblem) as problem:
        read_due(text)
    assert words in str(problem.value)


@pytest.mark.parametrize(
    ("season", "term", "end"),
    [
        ("Autumn", True, date(2018, 12, 31)),
        ("autumn", False, date(2018, 12, 31)),
        ("Summer", True, date(2018, 8, 31)),
        ("Summer", False, None),
        ("Spring", True, None),
        ("Winter", False, None),
    ],
)
def test_season_end(season, term, end):
    assert season_end(season, term=term, year=2018) == end


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12))
def test_period_end_of_a_month_is_its_last_day(year, month):
    end = period_end(date(year, month, 1).strftime("%B %Y"))
    assert end is not None and end.month == month and (end + timedelta(days=1)).day == 1
