"""The scorecard's reading pages: the scorecard, a measure, the exceptions and a breakdown's chart."""

import datetime
from decimal import Decimal

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from areas.models import Membership
from scorecard.models import Breakdown, Commentary, Series
from tests.areas.factories import MembershipFactory, UserFactory
from tests.plans.factories import ItemFactory
from tests.progress.factories import ReportingPeriodFactory
from tests.scorecard.factories import (
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, area, **kwargs) -> str:
    return reverse(f"scorecard:{name}", kwargs={"area": area.slug, **kwargs})


@pytest.fixture
def timeliness(area, owner_person):
    """E7: red (7.8% against a 60% target), getting worse, with England and regional figures."""
    ScorecardSettingsFactory(area=area, region_name="North West")
    outcome = OutcomeFactory(area=area, code="I1", statement="My needs are assessed on time")
    measure = MeasureFactory(
        area=area, code="E7", name="EHC plans issued within 20 weeks", owner=owner_person, source="SEN2"
    )
    measure.outcomes.set([outcome])
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    add_figures(measure, {"2022": "12", "2023": None, "2024": "7.8"})
    add_figures(measure, {"2024": "46.4"}, series=Series.ENGLAND)
    add_figures(measure, {"2024": "50.1"}, series=Series.REGION)
    return measure


def test_the_scorecard_shows_each_measure_under_its_outcome_with_its_rating_in_words(
    client, programme_manager, timeliness, area
):
    MeasureFactory(area=area, code="C1", name="Number of EHC plans", is_contextual=True)
    client.force_login(programme_manager)

    page = client.get(url("scorecard", area)).content.decode()

    assert "0 measures with data" not in page
    assert "1 measure with data: 0 green, 1 red (declining), 0 amber, 0 contextual; 1 to be defined" in page
    assert "I1: My needs are assessed on time" in page
    assert "Not linked to an outcome" in page
    assert f'href="{timeliness.get_absolute_url()}">E7</a>' in page
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page
    assert '<span aria-hidden="true">↓</span> Declining' in page
    assert "60% by 31/12/2025" in page
    assert "46.4%" in page and "50.1%" in page and "North West" in page
    assert "7.8% <span" in page
    assert 'role="img"' in page and "Trend for E7: 2022 12%, 2023 not available" in page


def test_a_programme_manager_sees_the_links_to_manage_the_scorecard_and_a_viewer_does_not(
    client, programme_manager, viewer, area
):
    manage = url("measure-create", area)
    assert manage in client_for(programme_manager).get(url("scorecard", area)).content.decode()
    page = client_for(viewer).get(url("scorecard", area)).content.decode()
    assert manage not in page
    assert url("exceptions", area) in page


def _area_with(area, *, measures: int, periods: int, breakdowns: int) -> None:
    ScorecardSettingsFactory(area=area)
    outcomes = [OutcomeFactory(area=area) for _ in range(3)]
    years = {str(2024 - i): str(40 + i) for i in range(periods)}
    for index in range(measures):
        measure = MeasureFactory(area=area)
        measure.outcomes.set(outcomes[: 1 + index % 3])
        for position in range(1, breakdowns):
            Breakdown.objects.create(measure=measure, name=f"Cut {position}", position=position)
        for breakdown in measure.breakdowns.all():
            add_figures(measure, years, breakdown=breakdown)
            add_figures(measure, years, series=Series.ENGLAND, breakdown=breakdown)
            TargetFactory(breakdown=breakdown)


def _queries(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_the_scorecard_makes_the_same_number_of_queries_for_many_more_measures_periods_and_breakdowns(
    programme_manager, area, other_area
):
    _area_with(area, measures=2, periods=2, breakdowns=1)
    _area_with(other_area, measures=12, periods=6, breakdowns=3)
    other_manager = UserFactory()
    MembershipFactory(user=other_manager, area=other_area, role=Membership.Role.PROGRAMME_MANAGER)

    small = _queries(client_for(programme_manager), url("scorecard", area))
    large = _queries(client_for(other_manager), url("scorecard", other_area))
    small_exceptions = _queries(client_for(programme_manager), url("exceptions", area))
    large_exceptions = _queries(client_for(other_manager), url("exceptions", other_area))

    assert small == large, (small, large)
    assert 0 < small < 20
    assert small_exceptions == large_exceptions


def test_the_measure_page_shows_every_period_with_its_comparators_and_the_chart_with_its_words(
    client, programme_manager, timeliness, area
):
    client.force_login(programme_manager)
    breakdown = headline(timeliness)
    breakdown.baseline, breakdown.baseline_period = Decimal("20"), "2017/18"
    breakdown.save()

    page = client.get(timeliness.get_absolute_url()).content.decode()

    chart = url("chart", area, pk=timeliness.pk, breakdown_pk=breakdown.pk)
    assert f'src="{chart}"' in page
    assert (
        'alt="Chart of E7 EHC plans issued within 20 weeks: All. Stockport 7.8% in 2024; England 46.4%'
        in page
    )
    assert "Not available (x: suppressed or not available)" in page  # 2023, never 0
    assert "Target 60% not met: 7.8%" in page
    assert "Higher is better" in page
    assert "SM (Operational Lead SEN)" in page
    assert "20% in 2017/18" in page
    assert "Internal: not published" in page
    for link in ("figure-create", "measure-edit", "breakdowns", "targets"):
        assert url(link, area, pk=timeliness.pk) in page


def test_the_measure_page_lists_linked_items_and_items_that_name_its_code(
    client, programme_manager, timeliness, plan, area
):
    linked = ItemFactory(plan=plan, number="2", text="Reduce delays in assessments")
    timeliness.items.set([linked])
    ItemFactory(plan=plan, number="3", text="Casework audit", evidence="Improvement shown in E7.")
    ItemFactory(plan=plan, number="4", text="Unrelated", impact="Measured by E70 and SE7")
    client.force_login(programme_manager)

    page = client.get(timeliness.get_absolute_url()).content.decode()

    assert "WSOA-2019 2</a>" in page and "Linked to this measure" in page
    assert "WSOA-2019 3</a>" in page and "Names E7 in its evidence" in page
    assert "WSOA-2019 4</a>" not in page


def test_the_measure_page_offers_commentary_for_the_open_period_to_its_owner_only(
    client, contributor, viewer, timeliness, plan, area
):
    period = ReportingPeriodFactory(plan=plan)
    Commentary.objects.create(measure=timeliness, period=period, text="A recovery plan is in place.")
    link = url("commentary", area, pk=timeliness.pk, period_pk=period.pk)

    owner_page = client_for(contributor).get(timeliness.get_absolute_url()).content.decode()
    viewer_page = client_for(viewer).get(timeliness.get_absolute_url()).content.decode()

    assert link in owner_page and url("figure-create", area, pk=timeliness.pk) in owner_page
    assert url("measure-edit", area, pk=timeliness.pk) not in owner_page
    assert link not in viewer_page
    assert "A recovery plan is in place." in viewer_page


def test_the_chart_is_an_svg_file_that_is_not_sniffed_as_anything_else(client, viewer, timeliness, area):
    client.force_login(viewer)

    response = client.get(url("chart", area, pk=timeliness.pk, breakdown_pk=headline(timeliness).pk))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    svg = ET.fromstring(response.content)
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "E7 EHC plans issued within 20 weeks: All"


def test_the_chart_is_not_found_outside_the_area_or_for_another_measures_breakdown(
    client, other_area_user, programme_manager, timeliness, area
):
    other = MeasureFactory(area=area)
    address = url("chart", area, pk=timeliness.pk, breakdown_pk=headline(timeliness).pk)
    mixed = url("chart", area, pk=timeliness.pk, breakdown_pk=headline(other).pk)

    assert client.get(address).status_code in (302, 404)  # signed out: sent to sign in
    assert client_for(other_area_user).get(address).status_code == 404
    assert client_for(programme_manager).get(mixed).status_code == 404


def test_the_exceptions_page_lists_red_or_declining_measures_with_reason_commentary_and_owner(
    client, viewer, timeliness, plan, area
):
    fine = MeasureFactory(area=area, code="E2", name="Annual reviews on time")
    add_figures(fine, {"2023": "50", "2024": "70"})
    period = ReportingPeriodFactory(plan=plan, name="March 2025")
    Commentary.objects.create(measure=timeliness, period=period, text="Extra caseworkers start in May.")
    client.force_login(viewer)

    page = client.get(url("exceptions", area)).content.decode()

    assert ">E7</a>" in page
    assert ">E2</a>" not in page
    assert "Target 60% not met: 7.8%, 52.2 percentage points below it" in page
    assert "Extra caseworkers start in May." in page and "March 2025" in page
    assert "SM (Operational Lead SEN)" in page
