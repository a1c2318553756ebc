"""The rules reading the items a finding lists (plans.rules.item_numbers, unknown_numbers_problem)."""

from hypothesis import given
from hypothesis import strategies as st

from plans import rules


def test_item_numbers_split_at_commas_semicolons_slashes_and_the_word_and_in_the_order_written():
    assert rules.item_numbers("1.2, 3 and A1; 4 / 5 & 6\n7") == ["1.2", "3", "A1", "4", "5", "6", "7"]


def test_item_numbers_keep_each_once_whatever_its_case_and_drop_spaces_and_blanks():
    assert rules.item_numbers(" a1 , A1,, 2 . 1 AND 3") == ["a1", "2.1", "3"]
    assert rules.item_numbers("") == []


NUMBER = st.from_regex(r"[A-Za-z0-9]{1,3}(\.[0-9]{1,2}){0,3}", fullmatch=True).filter(
    lambda n: "and" not in n.lower().split(".")  # a part spelt "and" would be read as the word
)


@given(st.lists(NUMBER, max_size=6))
def test_item_numbers_read_back_any_list_written_with_commas_each_once_as_first_written(numbers):
    first: dict[str, str] = {}
    for number in numbers:
        first.setdefault(number.lower(), number)
    assert rules.item_numbers(", ".join(numbers)) == list(first.values())


def test_unknown_numbers_problem_names_the_numbers_not_in_the_plan_with_the_closest_one():
    assert rules.unknown_numbers_problem(["1.2", "7.9"], ["1.2", "7.8"]) == (
        'There is no item "7.9" in this plan: did you mean 7.8?'
    )
    assert rules.unknown_numbers_problem(["8", "9"], ["1"]) == 'There are no items "8" and "9" in this plan.'
    assert rules.unknown_numbers_problem(["a1", "1.2"], ["A1", "1.2"]) is None
