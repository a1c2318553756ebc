from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans import rules

part = st.one_of(st.integers(min_value=1, max_value=999).map(str), st.text("abcXYZ", min_size=1, max_size=3))
numbers = st.lists(part, min_size=1, max_size=4).map(".".join)


def test_number_level_is_the_count_of_parts():
    assert rules.number_level("1.2.7") == 3


def test_parent_number_drops_the_last_part():
    assert rules.parent_number("1.2.7") == "1.2"
    assert rules.parent_number("1") is None


@pytest.mark.parametrize("bad", ["", "1..2", "1.2.", "1 2", "1.2.3.4.5", "1/2"])
def test_bad_numbers_are_refused_with_a_reason(bad):
    with pytest.raises(rules.NumberProblem):
        rules.number_parts(bad)


def test_sort_key_orders_numbers_as_people_read_them():
    ordered = ["1", "1.2", "1.2.1", "1.2.10", "1.10", "1.a", "2", "10"]
    shuffled = ordered[::3] + ordered[1::3] + ordered[2::3]
    assert sorted(shuffled, key=rules.sort_key) == ordered


@given(numbers, part)
def test_a_child_always_sorts_after_its_parent(number, extra):
    if rules.number_level(number) < 4:
        assert rules.sort_key(number) < rules.sort_key(f"{number}.{extra}")


@given(numbers, numbers)
def test_sort_key_is_a_total_order_consistent_with_equality(a, b):
    assert (rules.sort_key(a) == rules.sort_key(b)) == (a.lower() == b.lower())


def test_renumber_moves_a_branch_to_its_new_prefix():
    assert rules.renumber("1.2.3.4", "1.2.3", "2.1.5") == "2.1.5.4"
    assert rules.renumber("1.2.30", "1.2.3", "2.1.5") == "1.2.30"


def test_next_child_number_follows_the_highest_numeric_sibling():
    assert rules.next_child_number("1.2", ["1.2.1", "1.2.7", "1.2.a"]) == "1.2.8"
    assert rules.next_child_number(None, []) == "1"


def test_an_item_past_its_due_date_and_not_done_is_overdue_whatever_its_status():
    assert rules.is_overdue(date(2019, 4, 30), is_done=False, today=date(2019, 5, 1))
    assert not rules.is_overdue(date(2019, 4, 30), is_done=True, today=date(2019, 5, 1))
    assert not rules.is_overdue(date(2019, 5, 1), is_done=False, today=date(2019, 5, 1))
    assert not rules.is_overdue(None, is_done=False, today=date(2019, 5, 1))


def test_due_soon_means_today_to_thirty_days_ahead():
    today = date(2026, 11, 23)
    assert rules.is_due_soon(date(2026, 12, 23), False, today)
    assert not rules.is_due_soon(date(2026, 12, 24), False, today)
    assert not rules.is_due_soon(date(2026, 11, 22), False, today)
