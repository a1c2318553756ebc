"""A measure's owner keeps it up to date in the browser: enters the new figure, writes what is being
done about a red measure, and the programme manager can then report the period. The figure form,
the commentary form, the period page with its warning, and the pages a programme manager reaches
from the scorecard (outcomes, DfE import, saved mappings) are checked with axe-core."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from progress.models import ReportingPeriod
from scorecard.models import Commentary, Figure
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.progress.factories import ReportingPeriodFactory
from tests.scorecard.factories import MeasureFactory, OutcomeFactory, TargetFactory, add_figures, headline

pytestmark = pytest.mark.browser


@pytest.fixture
def red_measure(area, plan, contributor, programme_manager, owner_person):
    measure = MeasureFactory(
        area=area, code="E7", name="EHC plans issued within 20 weeks", owner=owner_person
    )
    measure.outcomes.set([OutcomeFactory(area=area, code="I7", statement="My family is supported")])
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2026, 12, 31))
    add_figures(measure, {"2023": "9.8", "2024": "7.8"})
    period = ReportingPeriodFactory(
        plan=plan,
        name="October 2026",
        starts_on=datetime.date(2026, 10, 1),
        ends_on=datetime.date(2026, 10, 31),
        deadline=datetime.date(2026, 10, 24),
        state=ReportingPeriod.State.CHALLENGE,
    )
    return measure, period


def test_the_owner_enters_a_figure_and_explains_a_red_measure_before_the_period_is_reported(
    page: Page, area, red_measure
):
    measure, period = red_measure
    sign_in(page, "pm@example.org")
    page.goto(period.get_absolute_url())
    warning = page.locator("#needing-commentary")
    expect(warning).to_contain_text("Red measures need a commentary")
    expect(warning).to_contain_text("E7")
    assert_accessible(page)
    for name in ("scorecard:outcomes", "scorecard:dfe", "scorecard:mappings"):
        page.goto(reverse(name, kwargs={"area": area.slug}))
        assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "contributor@example.org")
    page.goto(reverse("scorecard:measure", kwargs={"area": area.slug, "pk": measure.pk}))
    page.get_by_role("link", name="Enter a figure").click()
    page.get_by_label("Period").fill("2025")
    page.get_by_role("button", name="Save figure").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Value").fill("21.5")
    page.get_by_role("button", name="Save figure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plans issued within 20 weeks")
    expect(
        page.get_by_role("table", name="E7 All: figures by period").get_by_role("row", name="2025")
    ).to_contain_text("21.5%")

    page.get_by_role("link", name="Add or change commentary on E7 for October 2026").click()
    assert_accessible(page)
    page.get_by_label("What is being done").fill("Two more EHC coordinators started in October.")
    page.get_by_role("button", name="Save commentary").click()
    expect(page.get_by_role("main")).to_contain_text("Two more EHC coordinators started in October.")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "pm@example.org")
    page.goto(period.get_absolute_url())
    expect(page.locator("#needing-commentary")).to_have_count(0)
    assert Figure.objects.get(breakdown=headline(measure), period="2025").value == Decimal("21.5")
    assert (
        Commentary.objects.get(measure=measure, period=period).written_by.email == "contributor@example.org"
    )
