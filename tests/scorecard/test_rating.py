"""The scorecard's rating rule, direction of travel and summary, each rule on its own."""

from decimal import Decimal
from pathlib import Path

import pytest

from scorecard import rules as rating
from scorecard.rules import (
    DEFAULT_SETTINGS,
    Direction,
    NearMiss,
    NoTarget,
    Polarity,
    Rating,
    RatingSettings,
    ToleranceKind,
    direction,
    effective_settings,
    rate,
    summarise,
)

HIGHER, LOWER = Polarity.HIGHER, Polarity.LOWER
ONE_POINT = RatingSettings(tolerance=Decimal(1))
ROOT = Path(__file__).resolve().parents[2]


def ehc_in_20_weeks(value, **options):
    """% of new EHC plans issued within 20 weeks against a 65% target: higher is better."""
    return rate(value, target=Decimal(65), polarity=HIGHER, unit="%", **options)


# With a target ---------------------------------------------------------------------------


def test_a_target_met_is_green_and_the_reason_gives_both_figures():
    assert ehc_in_20_weeks(Decimal("68.2")) == rating.RatingResult(Rating.GREEN, "Target 65% met: 68.2%")


def test_a_value_equal_to_the_target_meets_it():
    assert ehc_in_20_weeks(Decimal("65.0")).rating is Rating.GREEN


def test_a_value_short_by_no_more_than_the_tolerance_is_amber():
    result = ehc_in_20_weeks(Decimal("64.5"), settings=ONE_POINT)
    assert result.rating is Rating.AMBER
    assert result.reason == (
        "Target 65% nearly met: 64.5%, 0.5 percentage points below it, "
        "within the tolerance of 1 percentage point"
    )


def test_a_value_exactly_at_the_edge_of_the_tolerance_is_within_it():
    assert ehc_in_20_weeks(Decimal(64), settings=ONE_POINT).rating is Rating.AMBER


def test_a_value_beyond_the_tolerance_is_red():
    result = ehc_in_20_weeks(Decimal("63.9"), settings=ONE_POINT)
    assert result == rating.RatingResult(
        Rating.RED, "Target 65% not met: 63.9%, 1.1 percentage points below it"
    )


def test_with_no_tolerance_any_shortfall_is_red():
    assert ehc_in_20_weeks(Decimal("64.99")).rating is Rating.RED


def test_an_area_may_count_a_near_miss_as_green_very_close():
    result = ehc_in_20_weeks(Decimal("64.5"), settings=RatingSettings(tolerance=1, near_miss=NearMiss.GREEN))
    assert result.rating is Rating.GREEN
    assert result.reason.startswith("Target 65% very nearly met: 64.5%")


def test_a_tolerance_may_be_a_percentage_of_the_target():
    weeks = RatingSettings(tolerance=5, tolerance_kind=ToleranceKind.PERCENT_OF_TARGET)
    assert rating.tolerance_amount(Decimal(12), weeks) == Decimal("0.6")
    near = rate(Decimal("12.6"), target=12, polarity=LOWER, unit="weeks", settings=weeks)
    far = rate(Decimal("12.7"), target=12, polarity=LOWER, unit="weeks", settings=weeks)
    assert (near.rating, far.rating) == (Rating.AMBER, Rating.RED)
    assert near.reason.endswith("0.6 weeks above it, within the tolerance of 0.6 weeks")


def test_where_lower_is_better_a_value_under_the_target_meets_it():
    absence = rate(Decimal("24.1"), target=25, polarity=LOWER, unit="%", settings=ONE_POINT)
    assert absence == rating.RatingResult(Rating.GREEN, "Target 25% met: 24.1%")


def test_where_lower_is_better_a_value_over_the_target_falls_short_of_it():
    absence = rate(Decimal("25.8"), target=25, polarity=LOWER, unit="%", settings=ONE_POINT)
    assert absence.rating is Rating.AMBER
    assert "0.8 percentage points above it" in absence.reason
    assert rate(Decimal("26.3"), target=25, polarity=LOWER, settings=ONE_POINT).rating is Rating.RED


def test_england_and_the_region_do_not_change_the_rating_of_a_measure_with_a_target():
    assert ehc_in_20_weeks(Decimal(60), england=Decimal(50), region=Decimal(50)).rating is Rating.RED


# Without a target ------------------------------------------------------------------------


def without_target(value, england, region, polarity=HIGHER, **options):
    return rate(Decimal(value), england=england, region=region, polarity=polarity, unit="%", **options)


def test_with_no_target_better_than_england_and_the_region_is_green():
    result = without_target(25, Decimal(22), Decimal(21))
    assert result.rating is Rating.GREEN
    assert result.reason == "No target: 25% is better than England (22%) and better than the region (21%)"


def test_with_no_target_worse_than_england_and_the_region_is_red():
    assert without_target(20, Decimal(22), Decimal(21)).rating is Rating.RED


def test_with_no_target_better_than_only_one_of_them_is_amber():
    assert without_target("21.5", Decimal(22), Decimal(21)).rating is Rating.AMBER


def test_the_same_as_a_comparator_counts_as_matching_it():
    result = without_target("5.6", Decimal("5.6"), Decimal(7), polarity=LOWER)
    assert result.rating is Rating.GREEN
    assert "the same as England (5.6%)" in result.reason


def test_where_lower_is_better_the_comparisons_reverse():
    assert without_target(20, Decimal(22), Decimal(21), polarity=LOWER).rating is Rating.GREEN
    assert without_target(25, Decimal(22), Decimal(21), polarity=LOWER).rating is Rating.RED


def test_with_only_one_comparator_published_that_one_decides():
    no_region = without_target("6.1", Decimal("5.6"), None, polarity=LOWER)
    no_england = without_target("6.1", None, Decimal(7), polarity=LOWER)
    assert no_region.rating is Rating.RED
    assert no_region.reason.endswith("; no regional figure")
    assert no_england.rating is Rating.GREEN
    assert no_england.reason.endswith("; no England figure")


def test_with_no_target_and_no_comparator_a_measure_is_not_rated():
    result = without_target(3, None, None)
    assert result.rating is Rating.CONTEXTUAL
    assert result.reason == "No target and no England or regional figure, so not rated: 3%"


def test_an_area_may_choose_not_to_rate_measures_without_a_target():
    result = without_target(
        25, Decimal(22), Decimal(21), settings=RatingSettings(no_target=NoTarget.NOT_RATED)
    )
    assert result == rating.RatingResult(Rating.CONTEXTUAL, "No target set, so not rated: 25%")


# Measures that are not rated -------------------------------------------------------------


def test_a_contextual_measure_is_not_rated_even_with_a_target():
    result = rate(2915, target=2000, polarity=HIGHER, contextual=True)
    assert result == rating.RatingResult(Rating.CONTEXTUAL, "Contextual, shown for information: 2,915")


def test_a_missing_value_is_no_data_and_never_taken_as_zero():
    exclusions = rate(None, target=0, england=Decimal("0.1"), region=Decimal("0.1"), polarity=LOWER)
    assert exclusions == rating.RatingResult(Rating.NO_DATA, "No data yet")


def test_a_contextual_measure_with_no_figure_is_no_data():
    assert rate(None, polarity=HIGHER, contextual=True).rating is Rating.NO_DATA


def test_a_measure_to_be_defined_is_not_rated_whatever_its_figures():
    result = rate(Decimal(70), target=65, polarity=HIGHER, to_be_defined=True)
    assert result.rating is Rating.TO_BE_DEFINED


def test_figures_may_be_given_as_published_text():
    assert rate("68.2", target="65", polarity=HIGHER, unit="%").reason == "Target 65% met: 68.2%"


@pytest.mark.parametrize("bad", [68.2, True])
def test_floats_and_booleans_are_refused(bad):
    with pytest.raises(TypeError):
        rate(bad, target=65, polarity=HIGHER)


@pytest.mark.parametrize("bad", ["", "x", "68.2%", "NaN", "Infinity"])
def test_text_that_is_not_a_figure_is_refused_not_read_as_zero(bad):
    with pytest.raises(ValueError):
        rate(bad, target=65, polarity=HIGHER)


def test_figures_are_shown_as_board_papers_print_them():
    assert rating.show(Decimal("2915.0")) == "2,915"
    assert rating.show(Decimal("65.00"), "%") == "65%"
    assert rating.show(Decimal("1.0"), "%", difference=True) == "1 percentage point"
    assert rating.show(Decimal("2"), "weeks", difference=True) == "2 weeks"


# Settings --------------------------------------------------------------------------------


def test_the_default_settings_are_the_plain_rule():
    assert (
        RatingSettings()
        == DEFAULT_SETTINGS
        == RatingSettings(
            tolerance=Decimal(0),
            tolerance_kind=ToleranceKind.UNITS,
            near_miss=NearMiss.AMBER,
            no_target=NoTarget.COMPARE,
            direction_threshold=Decimal(0),
        )
    )


@pytest.mark.parametrize("field", ["tolerance", "direction_threshold"])
def test_a_negative_tolerance_or_threshold_is_refused(field):
    with pytest.raises(ValueError):
        RatingSettings(**{field: Decimal(-1)})


def test_settings_read_choices_stored_as_text():
    stored = RatingSettings(tolerance="1.5", tolerance_kind="percent_of_target", near_miss="green")
    assert stored.tolerance == Decimal("1.5")
    assert stored.tolerance_kind is ToleranceKind.PERCENT_OF_TARGET
    assert stored.near_miss is NearMiss.GREEN


def test_a_measure_override_replaces_only_the_settings_it_sets():
    area = RatingSettings(tolerance=1, near_miss=NearMiss.GREEN)
    measure = effective_settings(area, {"tolerance": Decimal(2), "near_miss": None})
    assert measure == RatingSettings(tolerance=2, near_miss=NearMiss.GREEN)
    assert effective_settings(area, None) == area


def test_an_override_of_a_setting_that_does_not_exist_is_an_error():
    with pytest.raises(TypeError):
        effective_settings(DEFAULT_SETTINGS, {"tolerence": Decimal(2)})


# Direction of travel ---------------------------------------------------------------------


def test_a_rise_is_improving_where_higher_is_better():
    assert direction(Decimal("60.1"), Decimal("68.2"), polarity=HIGHER) is Direction.IMPROVING
    assert direction(Decimal("68.2"), Decimal("60.1"), polarity=HIGHER) is Direction.DECLINING


def test_a_fall_is_improving_where_lower_is_better():
    assert direction(Decimal("27.4"), Decimal("24.1"), polarity=LOWER) is Direction.IMPROVING
    assert direction(Decimal("24.1"), Decimal("27.4"), polarity=LOWER) is Direction.DECLINING


def test_a_change_within_the_threshold_is_no_change_and_the_edge_is_within():
    assert (
        direction(Decimal(26), Decimal("26.3"), polarity=LOWER, threshold=Decimal("0.5"))
        is Direction.NO_CHANGE
    )
    assert (
        direction(Decimal(26), Decimal("26.5"), polarity=LOWER, threshold=Decimal("0.5"))
        is Direction.NO_CHANGE
    )
    assert (
        direction(Decimal(26), Decimal("26.6"), polarity=LOWER, threshold=Decimal("0.5"))
        is Direction.DECLINING
    )


def test_without_both_figures_the_direction_is_not_known():
    assert direction(None, Decimal(5), polarity=HIGHER) is Direction.NOT_KNOWN
    assert direction(Decimal(5), None, polarity=HIGHER) is Direction.NOT_KNOWN


def test_a_negative_direction_threshold_is_refused():
    with pytest.raises(ValueError):
        direction(1, 2, polarity=HIGHER, threshold=-1)


# The summary -----------------------------------------------------------------------------


def test_the_summary_reads_as_stockports_board_paper():
    results = (
        [(Rating.GREEN, Direction.IMPROVING)] * 3
        + [(Rating.RED, Direction.IMPROVING)] * 3
        + [(Rating.RED, Direction.DECLINING)] * 3
        + [(Rating.CONTEXTUAL, Direction.NOT_KNOWN)] * 2
        + [(Rating.TO_BE_DEFINED, Direction.NOT_KNOWN)] * 20
        + [(Rating.NO_DATA, Direction.NOT_KNOWN)] * 5
    )
    summary = summarise(results)
    assert summary.sentence() == (
        "11 measures with data: 3 green (all improving), 6 red (3 improving, 3 declining), 0 amber, "
        "2 contextual; 25 to be defined"
    )
    assert (summary.with_data, summary.no_data, summary.to_be_defined) == (11, 5, 20)


def test_the_summary_names_every_direction_and_a_single_measure():
    summary = summarise(
        [
            (Rating.GREEN, Direction.NOT_KNOWN),
            (Rating.AMBER, Direction.NO_CHANGE),
            (Rating.AMBER, Direction.DECLINING),
            (Rating.RED, Direction.NO_CHANGE),
            (Rating.RED, Direction.NO_CHANGE),
        ]
    )
    assert summary.sentence() == (
        "5 measures with data: 1 green (with no earlier figure), 2 red (all unchanged), "
        "2 amber (1 declining, 1 unchanged), 0 contextual; 0 to be defined"
    )


def test_an_empty_scorecard_still_reads_as_a_sentence():
    assert (
        summarise([]).sentence()
        == "0 measures with data: 0 green, 0 red, 0 amber, 0 contextual; 0 to be defined"
    )
    assert summarise([(Rating.CONTEXTUAL, Direction.IMPROVING)]).sentence().startswith("1 measure with data")
