"""Reading the scorecard in the browser: the scorecard, a measure with its chart and data table, and
the exceptions. Every page is checked with axe-core."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from scorecard.models import Series
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.scorecard.factories import (
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def scorecard(area, programme_manager, owner_person):
    ScorecardSettingsFactory(area=area, region_name="North West")
    outcome = OutcomeFactory(area=area, code="I1", statement="My needs are assessed on time")
    timeliness = MeasureFactory(
        area=area, code="E7", name="EHC plans issued within 20 weeks", owner=owner_person
    )
    timeliness.outcomes.set([outcome])
    TargetFactory(breakdown=headline(timeliness), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    add_figures(timeliness, {"2021": "20", "2022": "12", "2023": None, "2024": "7.8"})
    add_figures(timeliness, {"2022": "50", "2023": "49.2", "2024": "46.4"}, series=Series.ENGLAND)
    add_figures(timeliness, {"2024": "50.1"}, series=Series.REGION)
    absence = MeasureFactory(area=area, code="A2", name="Persistent absence, EHC plan", polarity="lower")
    add_figures(absence, {"2023": "30", "2024": "28"})
    add_figures(absence, {"2024": "25"}, series=Series.ENGLAND)
    return timeliness


def test_a_programme_manager_reads_the_scorecard_a_measure_and_the_exceptions(page: Page, scorecard, area):
    sign_in(page, "pm@example.org")

    page.goto(reverse("scorecard:scorecard", kwargs={"area": area.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard")
    expect(page.locator("#scorecard-summary")).to_contain_text("2 measures with data: 0 green, 2 red")
    expect(page.get_by_role("table", name="I1: My needs are assessed on time")).to_contain_text("Red")
    expect(
        page.get_by_role("img", name="Trend for E7: 2021 20%, 2022 12%, 2023 not available")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="E7", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plans issued within 20 weeks")
    chart = page.get_by_role("img", name="Chart of E7 EHC plans issued within 20 weeks: All", exact=False)
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")  # the SVG file loaded
    assert "Stockport 7.8% in 2024; England 46.4%, North West 50.1%" in chart.get_attribute("alt")
    table = page.get_by_role("table", name="E7 All: figures by period")
    expect(table.get_by_role("row", name="2023")).to_contain_text(
        "Not available (x: suppressed or not available)"
    )
    expect(table.get_by_role("row", name="2024")).to_contain_text("46.4%")
    assert_accessible(page)

    page.get_by_role("link", name="Scorecard", exact=True).first.click()
    page.get_by_role("link", name="Exceptions", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptions")
    expect(page.get_by_role("main")).to_contain_text("Target 60% not met: 7.8%")
    expect(page.get_by_role("main")).to_contain_text("A2")
    assert_accessible(page)
