"""The roll-up rules (plans/rollup.py): how an item above the lowest level is rated from the items under it.

Positions are a scheme's order: 1 is the worst (red, not started), higher is nearer done."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans import rollup
from plans.rollup import (
    ancestor_numbers,
    count_positions,
    most_common_status,
    overall_rating,
    roll_up,
    worst_status,
)

NOT_STARTED, PROGRESSING, COMPLETED, EMBEDDED = 1, 2, 3, 4
positions = st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=6)), max_size=40)


class TestWorstStatus:
    def test_one_red_item_makes_the_whole_red(self):
        assert worst_status(count_positions([COMPLETED, EMBEDDED, NOT_STARTED, PROGRESSING])) == NOT_STARTED

    def test_done_statuses_count_as_their_place_in_the_scheme(self):
        assert worst_status(count_positions([EMBEDDED, COMPLETED, EMBEDDED])) == COMPLETED

    def test_items_with_no_status_are_left_out(self):
        assert worst_status(count_positions([None, EMBEDDED, None])) == EMBEDDED

    def test_nothing_rated_gives_no_rating(self):
        assert worst_status({}) is None
        assert worst_status(count_positions([None, None])) is None

    def test_a_count_of_nought_is_not_an_item(self):
        assert worst_status({NOT_STARTED: 0, COMPLETED: 2}) == COMPLETED

    @given(positions)
    def test_worst_is_never_better_than_any_item_under_it(self, under):
        worst = worst_status(count_positions(under))
        rated = [p for p in under if p is not None]
        if not rated:
            assert worst is None
        else:
            assert worst in rated
            assert all(worst <= p for p in rated)


class TestMostCommonStatus:
    def test_the_status_most_items_have(self):
        assert most_common_status(count_positions([COMPLETED, COMPLETED, NOT_STARTED])) == COMPLETED

    def test_a_tie_goes_to_the_worse_status(self):
        assert (
            most_common_status(count_positions([COMPLETED, PROGRESSING, COMPLETED, PROGRESSING]))
            == PROGRESSING
        )

    def test_items_with_no_status_are_left_out(self):
        assert most_common_status(count_positions([None, None, None, COMPLETED])) == COMPLETED

    def test_nothing_rated_gives_no_rating(self):
        assert most_common_status({}) is None
        assert most_common_status({None: 3}) is None

    @given(positions)
    def test_most_common_is_one_of_the_items_statuses_and_none_is_more_common(self, under):
        counts = count_positions(under)
        common = most_common_status(counts)
        rated = [p for p in under if p is not None]
        if not rated:
            assert common is None
            return
        assert common in rated
        assert all(counts[common] >= counts[p] for p in rated)
        assert all(p > common for p in rated if counts[p] == counts[common] and p != common)

    @given(positions)
    def test_most_common_is_never_worse_than_the_worst(self, under):
        counts = count_positions(under)
        common, worst = most_common_status(counts), worst_status(counts)
        assert (common is None) == (worst is None)
        if common is not None:
            assert common >= worst


class TestOverallRating:
    def test_each_rule(self):
        counts = count_positions([COMPLETED, COMPLETED, NOT_STARTED])
        assert overall_rating(rollup.WORST, counts) == NOT_STARTED
        assert overall_rating(rollup.MOST_COMMON, counts) == COMPLETED
        assert overall_rating(rollup.BY_HAND, counts, by_hand=PROGRESSING) == PROGRESSING

    def test_set_by_hand_and_not_yet_set_gives_no_rating(self):
        assert overall_rating(rollup.BY_HAND, count_positions([COMPLETED])) is None

    def test_an_unknown_rule_is_refused(self):
        with pytest.raises(ValueError, match="No such roll-up rule"):
            overall_rating("average", {})

    @given(positions)
    def test_empty_input_gives_no_rating_by_any_rule(self, under):
        for rule in (rollup.WORST, rollup.MOST_COMMON, rollup.BY_HAND):
            assert overall_rating(rule, count_positions([p for p in under if p is None])) is None

    def test_every_rule_has_a_name_and_a_hint(self):
        assert (
            set(rollup.RULES) == set(rollup.RULE_HINTS) == {rollup.WORST, rollup.MOST_COMMON, rollup.BY_HAND}
        )


class TestRollUp:
    def test_ancestor_numbers_top_first(self):
        assert ancestor_numbers("1.2.3.4") == ["1", "1.2", "1.2.3"]
        assert ancestor_numbers("7") == []

    def test_each_item_above_counts_the_lowest_level_items_under_it(self):
        counts = roll_up(
            [("1.1.1", COMPLETED), ("1.1.2", NOT_STARTED), ("1.2.1", None), ("2.1.1", COMPLETED)]
        )
        assert counts["1"] == {COMPLETED: 1, NOT_STARTED: 1, None: 1}
        assert counts["1.1"] == {COMPLETED: 1, NOT_STARTED: 1}
        assert counts["1.2"] == {None: 1}
        assert counts["2"] == counts["2.1"] == {COMPLETED: 1}
        assert "1.1.1" not in counts

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["1.1.1", "1.1.2", "1.2.1", "2.1.1", "1.1.1.3", "A1.b", "3"]),
                positions.map(len),
            )
        )
    )
    def test_each_item_counts_the_items_its_number_is_above(self, lowest):
        """Counting siblings together first gives what counting each item under every number above it does."""
        expected: dict = {}
        for number, position in lowest:
            for above in ancestor_numbers(number):
                expected.setdefault(above, {}).setdefault(position, 0)
                expected[above][position] += 1
        assert roll_up(lowest) == expected

    @given(st.lists(st.tuples(st.sampled_from(["1.1.1", "1.1.2", "1.2.1", "2.1.1"]), positions.map(len))))
    def test_a_top_level_item_counts_every_item_under_it_once(self, lowest):
        counts = roll_up(lowest)
        for top in ("1", "2"):
            under = [n for n, _ in lowest if n.startswith(top + ".")]
            assert sum(counts.get(top, {}).values()) == len(under)


def test_an_import_keeps_the_plans_roll_up_rule(area):
    """The plan file does not say how items above the lowest level are rated: a plan keeps its rule."""
    from plans.models import Plan
    from tests.plans.spreadsheet_files import plan_value, valid_sheets
    from tests.plans.test_spreadsheet_import import import_sheets

    import_sheets(area, valid_sheets())
    plan = Plan.objects.get()
    assert plan.rollup_rule == rollup.WORST
    Plan.objects.filter(pk=plan.pk).update(rollup_rule=rollup.BY_HAND)
    sheets = valid_sheets()
    plan_value(sheets, "Title", "Renamed by the import")
    import_sheets(area, sheets)
    plan.refresh_from_db()
    assert (plan.title, plan.rollup_rule) == ("Renamed by the import", rollup.BY_HAND)
