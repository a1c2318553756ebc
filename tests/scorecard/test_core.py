"""The scorecard read from the database: each measure assessed once, the same way everywhere."""

import datetime
from decimal import Decimal

from scorecard.rules import Direction, Rating
from scorecard.selectors import area_scorecard
from tests.scorecard.factories import (
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)


def test_a_measure_is_rated_on_its_latest_figure_against_the_target_in_force(area):
    measure = MeasureFactory(area=area)
    TargetFactory(breakdown=headline(measure), value=Decimal("45"), due_on=datetime.date(2023, 12, 31))
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    add_figures(measure, {"2023": "40", "2024": "50"})

    line = area_scorecard(area=area).lines[0]

    assert line.assessment.rating is Rating.RED
    assert line.assessment.target == (datetime.date(2025, 12, 31), Decimal("60"))
    assert line.assessment.direction is Direction.IMPROVING


def test_a_suppressed_latest_figure_leaves_the_last_known_one_rated_and_says_why(area):
    measure = MeasureFactory(area=area, polarity="lower")
    add_figures(measure, {"2022": "30", "2023": "20"})
    add_figures(measure, {"2023": "25"}, series="england")
    add_figures(measure, {"2024": None})

    assessment = area_scorecard(area=area).lines[0].assessment

    assert assessment.latest.period == "2023"
    assert assessment.rating is Rating.GREEN  # lower than England
    assert assessment.last_period.missing_reason.startswith("x")


def test_measures_are_grouped_under_each_outcome_they_serve_and_counted_once(area):
    safe, heard = OutcomeFactory(area=area, code="I4"), OutcomeFactory(area=area, code="I2")
    both = MeasureFactory(area=area)
    both.outcomes.set([safe, heard])
    MeasureFactory(area=area, to_be_defined=True)

    card = area_scorecard(area=area)

    assert [g.heading.split(":")[0] for g in card.groups] == ["I2", "I4", "Not linked to an outcome"]
    assert (
        card.summary.sentence()
        == "0 measures with data: 0 green, 0 red, 0 amber, 0 contextual; 2 to be defined"
    )


def test_the_reason_names_the_region_as_the_area_sets_it(area):
    ScorecardSettingsFactory(area=area, region_name="North West")
    measure = MeasureFactory(area=area)
    add_figures(measure, {"2024": "7.8"})
    add_figures(measure, {"2024": "50.5"}, series="region")

    reason = area_scorecard(area=area).lines[0].assessment.reason

    assert reason == "No target: 7.8% is worse than North West (50.5%); no England figure"
