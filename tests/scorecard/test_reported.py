"""The scorecard as reported: kept when a period is reported, read back as the board saw it, whatever
changes after."""

import dataclasses
import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from progress import services as progress_services
from progress.models import ReportingPeriod
from scorecard.assess import Point
from scorecard.frozen import point_frozen, point_thawed
from scorecard.models import Figure, ReportedAssessment, ScorecardSettings, Series
from scorecard.rules import Direction, Rating
from scorecard.selectors import area_scorecard
from scorecard.services.breakdowns import target_update
from scorecard.services.commentary import commentary_save
from scorecard.services.figures import figure_save
from scorecard.services.measures import MeasureContent, measure_update
from scorecard.services.reporting import reported_scorecard_freeze
from scorecard.services.settings import SettingsContent, settings_save
from tests.progress.factories import ReportingPeriodFactory
from tests.scorecard.factories import (
    BreakdownFactory,
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)

State = ReportingPeriod.State
EXPLANATION = "Two extra caseworkers start in May."


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reported_url(period, name: str = "reported") -> str:
    return reverse(f"scorecard:{name}", kwargs={"area": period.plan.area.slug, "period_pk": period.pk})


def main(html: bytes) -> str:
    """The page's main content: what a reader sees of the scorecard."""
    return re.search(r"<main.*</main>", html.decode(), re.DOTALL).group(0)


@pytest.fixture
def scorecard(area, owner_person):
    """E7, red and declining against its target; A2, lower is better, no target, better than England."""
    ScorecardSettingsFactory(area=area, region_name="North West")
    outcome = OutcomeFactory(area=area, code="I1", statement="My needs are assessed on time")
    timeliness = MeasureFactory(
        area=area, code="E7", name="EHC plans issued within 20 weeks", owner=owner_person
    )
    timeliness.outcomes.set([outcome])
    TargetFactory(breakdown=headline(timeliness), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    add_figures(timeliness, {"2022": "12", "2023": "9", "2024": "7.8", "2025": None})
    add_figures(timeliness, {"2024": "46.4"}, series=Series.ENGLAND)
    add_figures(timeliness, {"2024": "50.1"}, series=Series.REGION)
    absence = MeasureFactory(area=area, code="A2", name="Persistent absence, EHC plan", polarity="lower")
    add_figures(absence, {"2023": "30", "2024": "28"})
    add_figures(absence, {"2024": "31"}, series=Series.ENGLAND)
    return {"timeliness": timeliness, "absence": absence}


@pytest.fixture
def period(plan):
    return ReportingPeriodFactory(plan=plan, state=State.CONFIRMED)


def report(period, by=None) -> ReportingPeriod:
    return progress_services.period_move(
        period=period, to_state=State.REPORTED, expected_version=period.version, by=by
    )


def explain_and_report(period, measure, by=None) -> ReportingPeriod:
    commentary_save(measure=measure, period=period, text=EXPLANATION, expected_version=None, by=by)
    return report(period, by=by)


def test_the_reported_scorecard_stays_as_the_board_saw_it_when_a_figure_a_target_and_a_setting_change(
    programme_manager, viewer, area, scorecard, period
):
    """Report a period; then change a figure, a target and a rating setting: the scorecard as reported
    keeps the same figure, target, rating, direction, reason and summary; the live scorecard changes."""
    timeliness = scorecard["timeliness"]
    explain_and_report(period, timeliness, by=programme_manager)
    reader = client_for(viewer)
    live_before = main(reader.get(reverse("scorecard:scorecard", kwargs={"area": area.slug})).content)
    reported_before = main(reader.get(reported_url(period)).content)

    figure = Figure.objects.get(breakdown=headline(timeliness), series=Series.AREA, period="2024")
    figure_save(
        breakdown=figure.breakdown,
        series=Series.AREA,
        period="2024",
        value=Decimal("65"),
        figure=figure,
        expected_version=figure.version,
    )
    target = headline(timeliness).targets.get()
    target_update(target=target, expected_version=target.version, value=Decimal("70"), due_on=target.due_on)
    settings = ScorecardSettings.objects.get(area=area)
    content = dataclasses.replace(SettingsContent.of(settings), no_target="not_rated")
    settings_save(area=area, content=content, expected_version=settings.version)

    reported_after = main(reader.get(reported_url(period)).content)
    live_after = main(reader.get(reverse("scorecard:scorecard", kwargs={"area": area.slug})).content)

    assert reported_after == reported_before
    summary = (
        "2 measures with data: 1 green (improving), 1 red (declining), 0 amber, 0 contextual; 0 to be defined"
    )
    assert summary in reported_after
    assert (
        "7.8% <span" in reported_after
        and "2025: not available (x: suppressed or not available)" in reported_after
    )
    assert "60% by 31/12/2025" in reported_after and "70% by 31/12/2025" not in reported_after
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in reported_after
    assert '<span aria-hidden="true">↓</span> Declining' in reported_after
    assert "46.4%" in reported_after and "North West" in reported_after
    assert "As reported to the board on" in reported_after and "are not shown here" in reported_after
    row = ReportedAssessment.objects.get(period=period, measure=timeliness, is_headline=True)
    assert row.reason == "Target 60% not met: 7.8%, 52.2 percentage points below it"
    assert (row.rating, row.direction) == (Rating.RED, Direction.DECLINING)
    assert (row.figure_period, row.figure_value) == ("2024", Decimal("7.8"))
    assert (row.target_value, row.target_due_on) == (Decimal("60"), datetime.date(2025, 12, 31))
    assert row.previous["period"] == "2023" and row.previous["value"] == "9.0000"
    # The live scorecard works everything out again
    assert live_after != live_before
    assert summary not in live_after
    assert "65% <span" in live_after and "70% by 31/12/2025" in live_after
    live = {line.measure.code: line.assessment for line in area_scorecard(area=area).lines}
    assert live["E7"].direction is Direction.IMPROVING
    assert live["E7"].reason == "Target 70% not met: 65%, 5 percentage points below it"
    assert live["A2"].rating is Rating.CONTEXTUAL


def test_each_breakdown_is_kept_with_its_comparators_trend_outcomes_owner_and_commentary(
    programme_manager, area, scorecard, period
):
    timeliness = scorecard["timeliness"]
    primary = BreakdownFactory(measure=timeliness, name="Primary", position=1)
    add_figures(timeliness, {"2023": "20", "2024": "25"}, breakdown=primary)

    explain_and_report(period, timeliness, by=programme_manager)

    rows = {
        (row.measure_code, row.breakdown_name): row
        for row in ReportedAssessment.objects.filter(period=period)
    }
    assert set(rows) == {("E7", "All"), ("E7", "Primary"), ("A2", "All")}
    headline_row, cut = rows["E7", "All"], rows["E7", "Primary"]
    assert headline_row.is_headline and not cut.is_headline
    assert (cut.figure_value, cut.direction) == (Decimal("25"), Direction.IMPROVING)
    assert cut.reason == "No target and no England or regional figure, so not rated: 25%"
    assert cut.comparators == [] and cut.target_value is None
    assert [c["series"] for c in headline_row.comparators] == ["england", "region"]
    assert headline_row.comparators[1] == {
        "series": "region",
        "name": "North West",
        "period": "2024",
        "ends_on": "2024-12-31",
        "value": "50.1000",
        "missing_reason": "",
    }
    assert [p["period"] for p in headline_row.points] == ["2022", "2023", "2024", "2025"]
    assert headline_row.unavailable["period"] == "2025"
    assert headline_row.outcomes == [
        {"code": "I1", "statement": "My needs are assessed on time", "position": 0}
    ]
    assert headline_row.owner_name == "SM (Operational Lead SEN)"
    assert headline_row.commentary == cut.commentary == EXPLANATION
    assert rows["A2", "All"].commentary == ""


def test_reporting_refused_by_the_red_commentary_rule_keeps_nothing(area, scorecard, period):
    with pytest.raises(ValidationError, match="Write a commentary on E7"):
        report(period)

    assert not ReportedAssessment.objects.exists()


def test_a_measure_added_after_reporting_is_not_in_the_reported_scorecard(
    programme_manager, viewer, area, scorecard, period
):
    explain_and_report(period, scorecard["timeliness"], by=programme_manager)
    later = MeasureFactory(area=area, code="N9", name="Added after the board met")
    add_figures(later, {"2024": "50"})

    page = main(client_for(viewer).get(reported_url(period)).content)

    assert "Added after the board met" not in page and ">N9<" not in page
    assert "Persistent absence, EHC plan" in page


def test_a_measure_renamed_or_deleted_after_reporting_still_shows_as_reported(
    programme_manager, viewer, area, scorecard, period
):
    timeliness, absence = scorecard["timeliness"], scorecard["absence"]
    explain_and_report(period, timeliness, by=programme_manager)
    content = dataclasses.replace(MeasureContent.of(timeliness), code="E7a", name="Plans within 20 weeks")
    measure_update(measure=timeliness, content=content, expected_version=timeliness.version)
    absence.delete()
    reader = client_for(viewer)

    page = main(reader.get(reported_url(period)).content)
    exceptions = main(reader.get(reported_url(period, "reported-exceptions")).content)
    history = main(reader.get(timeliness.get_absolute_url()).content)

    assert f'href="{timeliness.get_absolute_url()}">E7</a>' in page
    assert "EHC plans issued within 20 weeks" in page and "Plans within 20 weeks" not in page
    assert "A2 <span" in page and "Persistent absence, EHC plan" in page
    assert "(no longer on the scorecard)" in page
    assert "1 green (improving)" in page
    assert "E7</a>" in exceptions and EXPLANATION in exceptions and "SM (Operational Lead SEN)" in exceptions
    assert "as E7: EHC plans issued within 20 weeks" in history


def test_a_period_is_reported_once_so_its_scorecard_is_kept_once(programme_manager, area, scorecard, period):
    explain_and_report(period, scorecard["timeliness"], by=programme_manager)
    period.refresh_from_db()

    with pytest.raises(ValidationError):
        report(period)
    with pytest.raises(ValidationError, match="already kept"):
        reported_scorecard_freeze(period=period)
    row = ReportedAssessment.objects.filter(period=period).first()
    row.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    assert ReportedAssessment.objects.filter(period=period).count() == 2


def test_a_period_not_yet_reported_has_no_scorecard_to_keep_or_show(viewer, area, scorecard, period):
    with pytest.raises(ValidationError, match="has not been reported"):
        reported_scorecard_freeze(period=period)
    assert client_for(viewer).get(reported_url(period)).status_code == 404


def test_known_by_leaves_out_figures_for_periods_that_ended_after_it(area, scorecard, plan):
    period = ReportingPeriodFactory(plan=plan, state=State.REPORTED, name="March 2024")

    reported_scorecard_freeze(period=period, known_by=datetime.date(2023, 12, 31))

    row = ReportedAssessment.objects.get(period=period, measure=scorecard["timeliness"])
    assert (row.figure_period, row.figure_value) == ("2023", Decimal("9"))
    assert row.comparators == [] and row.unavailable is None
    assert [p["period"] for p in row.points] == ["2022", "2023"]


def test_keeping_the_scorecard_makes_the_same_number_of_queries_for_many_more_measures(
    area, plan, other_area
):
    def build(where, measures: int) -> ReportingPeriod:
        ScorecardSettingsFactory(area=where)
        outcome = OutcomeFactory(area=where)
        for _ in range(measures):
            measure = MeasureFactory(area=where)
            measure.outcomes.set([outcome])
            BreakdownFactory(measure=measure, name="Primary")
            for breakdown in measure.breakdowns.all():
                add_figures(measure, {"2023": "40", "2024": "50"}, breakdown=breakdown)
                add_figures(measure, {"2024": "45"}, series=Series.ENGLAND, breakdown=breakdown)
        return ReportingPeriodFactory(plan__area=where, state=State.REPORTED)

    small, large = build(area, 2), build(other_area, 8)
    counts = []
    for period in (small, large):
        with CaptureQueriesContext(connection) as queries:
            reported_scorecard_freeze(period=period)
        counts.append(len(queries))

    assert ReportedAssessment.objects.filter(period=large).count() == 16
    assert counts[0] == counts[1], counts


def test_the_reported_pages_make_the_same_number_of_queries_for_many_more_measures(
    programme_manager, area, plan
):
    ScorecardSettingsFactory(area=area)
    outcomes = [OutcomeFactory(area=area) for _ in range(3)]
    small = ReportingPeriodFactory(
        plan=plan, state=State.REPORTED, name="January 2021", starts_on=datetime.date(2021, 1, 1),
        ends_on=datetime.date(2021, 1, 31), deadline=datetime.date(2021, 1, 25),
    )  # fmt: skip
    for index in range(2):
        MeasureFactory(area=area).outcomes.set(outcomes[: 1 + index])
    reported_scorecard_freeze(period=small)
    large = ReportingPeriodFactory(plan=plan, state=State.REPORTED, name="March 2021")
    for index in range(10):
        measure = MeasureFactory(area=area)
        measure.outcomes.set(outcomes[: 1 + index % 3])
        add_figures(measure, {"2023": "40", "2024": "50"})
    reported_scorecard_freeze(period=large)
    client = client_for(programme_manager)

    def queries(address: str) -> int:
        client.get(address)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    for name in ("reported", "reported-exceptions"):
        assert queries(reported_url(small, name)) == queries(reported_url(large, name)), name


def test_the_reported_period_page_gives_the_scorecard_summary_as_reported_and_links_to_it(
    programme_manager, viewer, area, scorecard, period
):
    explain_and_report(period, scorecard["timeliness"], by=programme_manager)

    page = client_for(viewer).get(period.get_absolute_url()).content.decode()

    assert "Scorecard as reported" in page
    assert "2 measures with data: 1 green (improving), 1 red (declining), 0 amber" in page
    assert f'href="{reported_url(period)}"' in page


def test_the_live_scorecard_offers_each_reported_period_and_choosing_one_opens_it_without_javascript(
    programme_manager, viewer, area, scorecard, period
):
    reader = client_for(viewer)
    assert (
        reported_url(period)
        not in reader.get(reverse("scorecard:scorecard", kwargs={"area": area.slug})).content.decode()
    )
    explain_and_report(period, scorecard["timeliness"], by=programme_manager)
    choose = reverse("scorecard:reported-list", kwargs={"area": area.slug})

    live = reader.get(reverse("scorecard:scorecard", kwargs={"area": area.slug})).content.decode()
    chosen = reader.get(choose, {"period": period.pk})
    listed = reader.get(choose).content.decode()
    wrong = reader.get(choose, {"period": "999999"}).content.decode()

    assert f'action="{choose}"' in live and f'<option value="{period.pk}">March 2021, reported' in live
    assert chosen.status_code == 302 and chosen["Location"] == reported_url(period)
    assert f'href="{reported_url(period)}">March 2021</a>' in listed
    assert "1 red (declining)" in listed
    assert "Select a reported period" in wrong


def test_the_measure_page_shows_how_the_measure_was_reported_in_each_period(
    programme_manager, viewer, area, scorecard, plan
):
    timeliness = scorecard["timeliness"]
    january = ReportingPeriodFactory(
        plan=plan, state=State.CONFIRMED, name="January 2025", starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 1, 31), deadline=datetime.date(2025, 1, 25),
    )  # fmt: skip
    explain_and_report(january, timeliness, by=programme_manager)
    target = headline(timeliness).targets.get()
    target_update(target=target, expected_version=target.version, value=Decimal("5"), due_on=target.due_on)
    february = ReportingPeriodFactory(
        plan=plan, state=State.CONFIRMED, name="February 2025", starts_on=datetime.date(2025, 2, 1),
        ends_on=datetime.date(2025, 2, 28), deadline=datetime.date(2025, 2, 25),
    )  # fmt: skip
    report(february, by=programme_manager)

    page = main(client_for(viewer).get(timeliness.get_absolute_url()).content)

    table = page[page.index("E7 as reported, period by period") :]
    assert table.index("January 2025") < table.index("February 2025")
    assert "7.8% in 2024; 2025 not available (x: suppressed or not available)" in table
    assert "60% by 31/12/2025" in table and "5% by 31/12/2025" in table
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in table
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong>' in table
    assert f'href="{reported_url(january)}"' in table


def test_a_kept_figure_comes_back_as_exactly_the_figure_shown_and_a_missing_one_keeps_its_reason():
    shown = Point(datetime.date(2024, 12, 31), "2024", Decimal("7.8000"))
    missing = Point(datetime.date(2025, 12, 31), "2025", None, "x: suppressed or not available")

    assert [point_thawed(point_frozen(p)) for p in (shown, missing)] == [shown, missing]
    assert point_frozen(shown)["value"] == "7.8000"
    assert point_frozen(None) is None and point_thawed(None) is None
