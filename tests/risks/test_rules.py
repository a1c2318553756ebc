"""Each rule of the risk register, by name (risks/rules.py)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from risks import rules
from risks.rules import Band, RiskForReporting

scale = st.integers(min_value=1, max_value=5)
scores = st.integers(min_value=1, max_value=25)
valid_bands = st.integers(min_value=2, max_value=24).flatmap(
    lambda amber: st.tuples(st.just(amber), st.integers(min_value=amber + 1, max_value=25))
)


def test_score_is_likelihood_times_impact():
    assert rules.score(4, 5) == 20
    assert rules.score(1, 1) == 1


def test_score_is_none_unless_both_are_assessed():
    assert rules.score(None, 3) is None
    assert rules.score(3, None) is None


@given(scale, scale)
def test_score_is_on_the_five_by_five_grid(likelihood, impact):
    assert 1 <= rules.score(likelihood, impact) <= 25


def test_band_for_the_default_thresholds():
    bands = {"amber_from": rules.DEFAULT_AMBER_FROM, "red_from": rules.DEFAULT_RED_FROM}
    assert [rules.band_for(s, **bands) for s in (1, 4, 5, 12, 15, 25)] == [
        Band.GREEN,
        Band.GREEN,
        Band.AMBER,
        Band.AMBER,
        Band.RED,
        Band.RED,
    ]
    assert rules.band_for(None, **bands) is None


@given(valid_bands, scores, scores)
def test_band_for_a_higher_score_is_never_a_lower_band(thresholds, one, other):
    amber, red = thresholds
    low, high = sorted((one, other))
    assert rules.band_for(low, amber_from=amber, red_from=red) <= rules.band_for(
        high, amber_from=amber, red_from=red
    )


@given(valid_bands)
def test_band_for_starts_each_band_at_its_threshold(thresholds):
    amber, red = thresholds
    assert rules.band_for(amber - 1, amber_from=amber, red_from=red) is Band.GREEN
    assert rules.band_for(amber, amber_from=amber, red_from=red) is Band.AMBER
    assert rules.band_for(red, amber_from=amber, red_from=red) is Band.RED


@given(st.integers(min_value=-5, max_value=40), st.integers(min_value=-5, max_value=40))
def test_bands_problem_accepts_exactly_the_valid_threshold_pairs(amber, red):
    valid = 2 <= amber < red <= 25
    assert (rules.bands_problem(amber_from=amber, red_from=red) is None) == valid


def test_bands_problem_says_what_is_wrong():
    assert rules.bands_problem(amber_from=1, red_from=15) == "Amber must start at a score from 2 to 24"
    assert rules.bands_problem(amber_from=10, red_from=10).startswith(
        "Red must start at a score above amber's (10)"
    )


def test_bands_described_in_words():
    assert rules.bands_described(amber_from=5, red_from=15) == (
        "Green: a score of 1 to 4. Amber: 5 to 14. Red: 15 to 25. "
        "The score is likelihood times impact, each from 1 to 5."
    )


def test_review_overdue_once_the_date_has_passed():
    today = date(2021, 4, 1)
    assert rules.review_overdue(date(2021, 3, 31), today=today)
    assert not rules.review_overdue(date(2021, 4, 1), today=today)
    assert not rules.review_overdue(None, today=today)


def test_review_overdue_never_for_a_closed_risk():
    assert not rules.review_overdue(date(2020, 1, 1), today=date(2021, 4, 1), is_open=False)


def test_due_for_review_by_the_end_of_a_period_or_with_no_date():
    end = date(2021, 3, 31)
    assert rules.due_for_review(date(2021, 3, 31), by=end)
    assert rules.due_for_review(None, by=end)
    assert not rules.due_for_review(date(2021, 4, 1), by=end)
    assert not rules.due_for_review(None, by=end, is_open=False)


def test_has_update_since_a_note_on_or_after_the_start():
    start = date(2021, 3, 1)
    assert rules.has_update_since([date(2021, 2, 1), date(2021, 3, 1)], since=start)
    assert not rules.has_update_since([date(2021, 2, 28)], since=start)
    assert not rules.has_update_since([], since=start)


def test_red_risks_without_update_names_only_red_risks_with_no_note():
    risks = [
        RiskForReporting("R1", Band.RED, updated_in_period=False),
        RiskForReporting("R2", Band.RED, updated_in_period=True),
        RiskForReporting("R3", Band.AMBER, updated_in_period=False),
        RiskForReporting("R4", None, updated_in_period=False),
    ]
    assert rules.red_risks_without_update(risks) == ["R1"]


def test_red_risks_problem_in_words():
    assert rules.red_risks_problem([]) is None
    assert rules.red_risks_problem(["R1"]).startswith("Red risk R1 has no mitigation update in this period.")
    assert rules.red_risks_problem(["R1", "R4"]).startswith("Red risks R1, R4 have no mitigation update")


def test_movement_counts_bands_risen_or_fallen():
    assert rules.movement(Band.AMBER, Band.RED) == 1
    assert rules.movement(Band.RED, Band.GREEN) == -2
    assert rules.movement(None, Band.RED) == 0
    assert rules.movement(Band.RED, Band.RED) == 0


def test_movement_words():
    assert rules.movement_words(1) == "Rose a band"
    assert rules.movement_words(2) == "Rose 2 bands"
    assert rules.movement_words(-1) == "Fell a band"
    assert rules.movement_words(-2) == "Fell 2 bands"
    assert rules.movement_words(0) == "No change"


def test_band_label_and_css():
    assert (Band.AMBER.label, Band.AMBER.css) == ("Amber", "amber")
