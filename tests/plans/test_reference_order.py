"""The order entries are listed in."""

from hypothesis import given
from hypothesis import strategies as st

from plans.rules import reference_sort_key


def test_references_sort_as_people_read_them():
    references = ["YS10", "ys2", "YS1", "Charter", "YS2a"]

    assert sorted(references, key=reference_sort_key) == ["Charter", "YS1", "ys2", "YS2a", "YS10"]


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7))
def test_numbered_references_sort_by_their_number(a, b):
    assert (reference_sort_key(f"YS{a}") < reference_sort_key(f"YS{b}")) == (a < b)
