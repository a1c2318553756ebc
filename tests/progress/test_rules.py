"""The monthly cycle's rules, each on its own, with plain values."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from progress import rules
from progress.trend import compare

RED = rules.StatusFacts(
    label="Action to be started", position=1, needs_impact_evidence=False, counts_as_done=False
)
AMBER = rules.StatusFacts(
    label="Action progressing", position=2, needs_impact_evidence=False, counts_as_done=False
)
BLUE = rules.StatusFacts(
    label="Completed and embedded", position=4, needs_impact_evidence=True, counts_as_done=True
)


def test_a_monthly_period_follows_on_from_the_last_and_covers_one_month():
    assert rules.period_dates(date(2021, 2, 28), 1, date(2026, 1, 1)) == (date(2021, 3, 1), date(2021, 3, 31))


def test_the_first_period_starts_on_the_first_of_this_month():
    assert rules.period_dates(None, 1, date(2026, 11, 23)) == (date(2026, 11, 1), date(2026, 11, 30))


def test_a_quarterly_period_covers_three_months():
    assert rules.period_dates(date(2020, 12, 31), 3, date(2026, 1, 1)) == (
        date(2021, 1, 1),
        date(2021, 3, 31),
    )


def test_a_period_of_no_months_is_refused():
    with pytest.raises(ValueError):
        rules.period_dates(None, 0, date(2026, 1, 1))


def test_adding_a_month_to_the_31st_lands_on_the_last_day_of_a_short_month():
    assert rules.add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from([1, 2, 3]))
def test_periods_never_overlap_and_leave_no_gap(previous_end, cadence):
    start, end = rules.period_dates(previous_end, cadence, date(2026, 1, 1))
    assert start == previous_end + timedelta(days=1)
    assert end >= start
    next_start, _ = rules.period_dates(end, cadence, date(2026, 1, 1))
    assert next_start == end + timedelta(days=1)


def test_periods_are_named_as_people_say_them():
    assert rules.period_name(date(2021, 3, 1), date(2021, 3, 31)) == "March 2021"
    assert rules.period_name(date(2021, 1, 1), date(2021, 3, 31)) == "January to March 2021"
    assert rules.period_name(date(2021, 12, 1), date(2022, 2, 28)) == "December 2021 to February 2022"


def test_updates_are_due_a_week_before_the_period_ends():
    assert rules.default_deadline(date(2021, 3, 31), 1) == date(2021, 3, 24)


def test_a_period_moves_through_the_cycle_in_order():
    assert rules.state_change_problem(rules.OPEN, rules.CHALLENGE, 0) is None
    assert rules.state_change_problem(rules.CHALLENGE, rules.CONFIRMED, 0) is None
    assert rules.state_change_problem(rules.CONFIRMED, rules.REPORTED, 0) is None
    assert rules.state_change_problem(rules.OPEN, rules.REPORTED, 0) is not None


def test_a_period_cannot_be_confirmed_while_updates_wait_for_challenge():
    problem = rules.state_change_problem(rules.CHALLENGE, rules.CONFIRMED, 2)
    assert problem.startswith("2 updates have not been confirmed")


def test_a_reported_period_never_moves_again():
    for state in (rules.OPEN, rules.CHALLENGE, rules.CONFIRMED):
        assert "cannot be changed" in rules.state_change_problem(rules.REPORTED, state, 0)


def test_a_status_needing_evidence_of_impact_cannot_be_confirmed_without_it():
    problems = rules.confirmation_problems(BLUE, worst_position=1, has_impact_evidence=False, mitigation="")
    assert "needs evidence of impact" in problems["status"]


def test_a_status_needing_evidence_of_impact_can_be_confirmed_with_it():
    assert rules.confirmation_problems(BLUE, worst_position=1, has_impact_evidence=True, mitigation="") == {}


def test_the_worst_status_cannot_be_confirmed_without_a_mitigation():
    problems = rules.confirmation_problems(RED, worst_position=1, has_impact_evidence=False, mitigation="  ")
    assert "Enter the mitigation" in problems["mitigation"]


def test_the_worst_status_can_be_confirmed_with_a_mitigation():
    assert (
        rules.confirmation_problems(
            RED, worst_position=1, has_impact_evidence=False, mitigation="Recovery plan"
        )
        == {}
    )


def test_other_statuses_need_neither_evidence_nor_mitigation():
    assert (
        rules.confirmation_problems(AMBER, worst_position=1, has_impact_evidence=False, mitigation="") == {}
    )


def test_a_later_due_date_is_a_slip_and_keeps_the_original():
    due, original, slips = rules.slipped_due(date(2019, 4, 30), None, 0, date(2019, 7, 31))
    assert (due, original, slips) == (date(2019, 7, 31), date(2019, 4, 30), 1)
    due, original, slips = rules.slipped_due(due, original, slips, date(2019, 9, 30))
    assert (due, original, slips) == (date(2019, 9, 30), date(2019, 4, 30), 2)


def test_bringing_a_due_date_forward_is_not_a_slip():
    assert rules.slipped_due(date(2019, 7, 31), None, 0, date(2019, 6, 30)) == (date(2019, 6, 30), None, 0)


@given(st.dates(), st.dates(), st.integers(min_value=0, max_value=20))
def test_the_slip_count_never_goes_down_and_rises_only_for_later_dates(current, new, slips):
    _, _, after = rules.slipped_due(current, None, slips, new)
    assert after == slips + (1 if new > current else 0)


def test_a_slipped_date_is_shown_with_its_original_and_the_number_of_slips():
    assert (
        rules.due_wording(date(2019, 7, 31), date(2019, 4, 30), 1)
        == "due 31/07/2019, originally 30/04/2019 (slipped once)"
    )
    assert rules.due_wording(date(2019, 7, 31), None, 0) == "due 31/07/2019"
    assert rules.due_wording(None, None, 0) == "no due date"


def test_a_proposed_due_date_needs_a_reason():
    assert rules.due_date_change_problem(date(2019, 4, 30), date(2019, 7, 31), "") == (
        "Enter the reason the due date needs to change"
    )
    assert (
        rules.due_date_change_problem(date(2019, 4, 30), date(2019, 7, 31), "Waiting for the audit") is None
    )
    assert rules.due_date_change_problem(date(2019, 4, 30), None, "") is None


def test_updates_are_expected_for_owned_items_that_are_not_done():
    assert rules.expects_update(has_owner=True, is_done=False)
    assert not rules.expects_update(has_owner=True, is_done=True)
    assert not rules.expects_update(has_owner=False, is_done=False)


def test_a_move_up_the_scheme_is_an_improvement_and_down_a_decline():
    assert rules.movement(2, 3) == rules.IMPROVED
    assert rules.movement(3, 2) == rules.DECLINED
    assert rules.movement(2, 2) == rules.SAME
    assert rules.movement(None, 2) == rules.NEW
    assert rules.movement(2, None) == rules.DECLINED


@given(st.integers(1, 10), st.integers(1, 10))
def test_movement_is_antisymmetric(a, b):
    forward, back = rules.movement(a, b), rules.movement(b, a)
    if a == b:
        assert forward == back == rules.SAME
    else:
        assert {forward, back} == {rules.IMPROVED, rules.DECLINED}


def test_owners_are_reminded_in_the_week_before_the_deadline_and_leads_after_it():
    deadline = date(2021, 3, 25)
    assert rules.reminder_kind(deadline, date(2021, 3, 17)) is None
    assert rules.reminder_kind(deadline, date(2021, 3, 18)) == rules.OWNER_REMINDER
    assert rules.reminder_kind(deadline, date(2021, 3, 25)) == rules.OWNER_REMINDER
    assert rules.reminder_kind(deadline, date(2021, 3, 26)) == rules.LEAD_REMINDER


def test_the_trend_counts_each_top_level_item_and_lists_what_moved():
    now = [
        (1, "1.1.1", 3, "Completed"),
        (2, "1.1.2", 1, "Not started"),
        (3, "2.1.1", None, ""),
        (4, "2.1.2", 2, "P"),
    ]
    before = {1: (2, "Progressing"), 2: (2, "Progressing"), 3: (2, "Progressing")}
    tops = compare(now, before)
    assert tops["1"]["now"] == {"3": 1, "1": 1}
    assert tops["1"]["before"] == {"2": 2}
    assert tops["1"]["improved"] == [[1, "1.1.1", "Progressing", "Completed"]]
    assert tops["1"]["declined"] == [[2, "1.1.2", "Progressing", "Not started"]]
    assert tops["2"]["declined"] == [[3, "2.1.1", "Progressing", "No status"]]
    assert tops["2"]["now"] == {"none": 1, "2": 1}, "an item new this period counts now but did not move"


def test_the_owner_is_told_the_same_words_the_challenge_refuses_with():
    problem = rules.impact_evidence_problem(BLUE, has_impact_evidence=False)
    assert problem is not None and problem.startswith("“Completed and embedded” needs evidence of impact.")
    assert (
        rules.confirmation_problems(BLUE, worst_position=1, has_impact_evidence=False, mitigation="")[
            "status"
        ]
        == problem
    )
    assert rules.impact_evidence_problem(BLUE, has_impact_evidence=True) is None
    assert rules.impact_evidence_problem(AMBER, has_impact_evidence=False) is None


def test_send_reminders_now_reminds_owners_until_the_deadline_and_leads_after():
    deadline = date(2021, 3, 25)
    assert rules.reminder_kind_now(deadline, date(2021, 3, 1)) == rules.OWNER_REMINDER
    assert rules.reminder_kind_now(deadline, deadline) == rules.OWNER_REMINDER
    assert rules.reminder_kind_now(deadline, date(2021, 3, 26)) == rules.LEAD_REMINDER


@given(deadline=st.dates(), today=st.dates())
def test_send_now_sends_the_daily_reminder_whenever_one_is_due(deadline, today):
    """Within the window, "send now" sends the same kind as the daily run would."""
    daily = rules.reminder_kind(deadline, today)
    if daily is not None:
        assert rules.reminder_kind_now(deadline, today) == daily


def test_missing_highlight_reports_are_named():
    assert rules.missing_reports_warning([]) == ""
    assert rules.missing_reports_warning(["JC Joint commissioning"]) == (
        "JC Joint commissioning has updates in this period but no highlight report."
    )


# Confirming with missing updates, and where owners are emailed -----------------------------


def test_confirming_with_missing_updates_needs_the_number_agreed():
    assert rules.missing_updates_problem(0, 0) is None
    assert rules.missing_updates_problem(11, 11) is None
    assert rules.missing_updates_problem(11, None) is None  # a caller that does not ask
    assert rules.missing_updates_problem(1, 0) == (
        "1 item has no update for this period. Confirm anyway, or wait for the updates."
    )
    assert "11 items have no update" in rules.missing_updates_problem(11, 10)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_agreeing_to_at_least_as_many_as_are_missing_is_enough(missing, agreed):
    assert (rules.missing_updates_problem(missing, agreed) is None) == (agreed >= missing or missing == 0)
