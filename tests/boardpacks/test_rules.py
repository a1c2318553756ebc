"""The rules of board packs, each tested by name (boardpacks/rules.py)."""

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from boardpacks import rules

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


# sections_problem


def test_sections_problem_accepts_every_section_once_in_any_order():
    assert rules.sections_problem(list(reversed(rules.SECTION_KEYS))) is None
    assert rules.sections_problem(["matters"]) is None


def test_sections_problem_asks_for_at_least_one_section():
    assert rules.sections_problem([]) == "Choose at least one section for the pack."


def test_sections_problem_names_the_sections_it_does_not_know():
    assert rules.sections_problem(["cover", "gossip", "weather"]) == (
        "These sections are not known: gossip, weather."
    )


def test_sections_problem_names_a_section_chosen_twice_by_its_title():
    assert rules.sections_problem(["summary", "risks", "summary"]) == (
        "Each section can appear once: Summary appears more than once."
    )


@given(st.lists(st.sampled_from(rules.SECTION_KEYS), min_size=1))
def test_sections_problem_refuses_a_list_exactly_when_it_repeats_a_section(keys):
    assert (rules.sections_problem(keys) is None) == (len(set(keys)) == len(keys))


# kinds_needed


def test_kinds_needed_for_the_quarterly_pack_includes_the_scorecard_risks_and_voice():
    assert rules.kinds_needed(rules.QUARTERLY_SECTIONS) == {"plan", "cycle", "scorecard", "risks", "voice"}


def test_kinds_needed_for_the_cover_and_matters_alone_is_the_plan():
    assert rules.kinds_needed(["cover", "matters"]) == {"plan"}


def test_kinds_needed_ignores_an_unknown_section():
    assert rules.kinds_needed(["gossip", "voice"]) == {"voice"}


@given(st.lists(st.sampled_from(rules.SECTION_KEYS)), st.lists(st.sampled_from(rules.SECTION_KEYS)))
def test_kinds_needed_for_two_lists_together_is_both_lists_kinds(first, second):
    assert rules.kinds_needed(first + second) == rules.kinds_needed(first) | rules.kinds_needed(second)


# months_back


def test_months_back_crosses_the_year():
    assert rules.months_back(date(2021, 2, 17), 2) == date(2020, 12, 1)


def test_months_back_by_none_is_the_first_of_the_same_month():
    assert rules.months_back(date(2021, 3, 31), 0) == date(2021, 3, 1)


@given(days, st.integers(min_value=0, max_value=600))
def test_months_back_is_always_a_first_of_the_month_that_many_months_before(day, months):
    back = rules.months_back(day, months)
    assert back.day == 1
    assert (day.year * 12 + day.month) - (back.year * 12 + back.month) == months


# covered_from


def test_covered_from_a_monthly_pack_is_the_periods_own_start():
    assert rules.covered_from(period_starts=date(2021, 3, 1), frequency="monthly") == date(2021, 3, 1)


def test_covered_from_a_quarterly_pack_is_the_first_day_of_the_three_months_to_the_period():
    assert rules.covered_from(period_starts=date(2021, 3, 1), frequency="quarterly") == date(2021, 1, 1)
    assert rules.covered_from(period_starts=date(2021, 2, 1), frequency="quarterly") == date(2020, 12, 1)


@given(days)
def test_covered_from_a_quarter_is_never_after_the_month_it_ends_with(day):
    start = rules.covered_from(period_starts=day, frequency="quarterly")
    assert start <= day
    assert rules.months_back(day, 2) == start


# comparison_period

REPORTED = [(1, date(2020, 12, 31)), (2, date(2021, 1, 31)), (3, date(2021, 2, 28)), (4, date(2021, 3, 31))]


def test_comparison_period_of_a_monthly_pack_is_the_period_reported_just_before():
    assert rules.comparison_period(period_ends=date(2021, 3, 31), frequency="monthly", reported=REPORTED) == 3


def test_comparison_period_of_a_quarterly_pack_is_the_end_of_the_quarter_before():
    assert (
        rules.comparison_period(period_ends=date(2021, 3, 31), frequency="quarterly", reported=REPORTED) == 1
    )


def test_comparison_period_is_none_when_nothing_was_reported_early_enough():
    assert (
        rules.comparison_period(period_ends=date(2020, 12, 31), frequency="monthly", reported=REPORTED)
        is None
    )
    assert (
        rules.comparison_period(period_ends=date(2021, 2, 28), frequency="quarterly", reported=REPORTED)
        is None
    )


def test_comparison_period_ignores_the_order_the_periods_are_given_in():
    shuffled = [REPORTED[2], REPORTED[0], REPORTED[3], REPORTED[1]]
    assert rules.comparison_period(period_ends=date(2021, 3, 31), frequency="monthly", reported=shuffled) == 3


@given(st.lists(days, unique=True), days, st.sampled_from(["monthly", "quarterly"]))
def test_comparison_period_always_ends_before_the_quarter_or_period_and_is_the_latest_such(
    ends, day, frequency
):
    reported = list(enumerate(ends))
    chosen = rules.comparison_period(period_ends=day, frequency=frequency, reported=reported)
    limit = rules.months_back(day, 2) if frequency == "quarterly" else day
    earlier = [end for _, end in reported if end < limit]
    if chosen is None:
        assert earlier == []
    else:
        assert ends[chosen] == max(earlier)


# file_name


def test_file_name_is_the_area_pack_period_and_version_in_plain_words():
    assert (
        rules.file_name(
            area_slug="stockport",
            template_name="Monthly SEND board pack",
            period_name="March 2021",
            number=2,
            extension="pdf",
        )
        == "stockport-monthly-send-board-pack-march-2021-v2.pdf"
    )


@given(st.text(), st.text(), st.integers(min_value=1, max_value=999))
def test_file_name_is_only_letters_digits_and_hyphens_whatever_the_names(template_name, period_name, number):
    name = rules.file_name(
        area_slug="stockport",
        template_name=template_name,
        period_name=period_name,
        number=number,
        extension="docx",
    )
    assert re.fullmatch(r"[a-z0-9-]+-v[0-9]+\.docx", name)
    assert ".." not in name and "/" not in name


# span_words


def test_span_words_within_a_month():
    assert rules.span_words(date(2021, 3, 1), date(2021, 3, 31)) == "1 to 31 March 2021"


def test_span_words_within_a_year():
    assert rules.span_words(date(2021, 1, 1), date(2021, 3, 31)) == "1 January to 31 March 2021"


def test_span_words_across_years():
    assert rules.span_words(date(2020, 12, 1), date(2021, 2, 28)) == "1 December 2020 to 28 February 2021"


@given(days, st.integers(min_value=0, max_value=400))
def test_span_words_always_ends_with_the_last_day_and_its_year(day, length):
    ends = day + timedelta(days=length)
    words = rules.span_words(day, ends)
    assert words.endswith(f"{ends.day} {rules.MONTHS[ends.month - 1]} {ends.year}")
    assert words.startswith(f"{day.day} ")
