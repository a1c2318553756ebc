"""Defining the scorecard in the browser: an outcome, a measure with a target, the area's settings.

A target changed by someone else while it is open is shown, not overwritten.

The settings, measure and targets pages are checked with axe-core, with and without errors showing.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from scorecard.models import Measure, ScorecardSettings, Target
from scorecard.services.breakdowns import target_update
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser


def test_a_programme_manager_defines_an_outcome_a_measure_with_a_target_and_the_settings(
    context: BrowserContext, page: Page, live_server, area, tree, programme_manager
):
    signed_in_context(context, programme_manager, live_server.url)

    # An outcome the families co-produced.
    page.goto(reverse("scorecard:outcome-create", kwargs={"area": area.slug}))
    page.get_by_label("Code", exact=True).fill("I1")
    page.get_by_label("Outcome", exact=True).fill("I feel safe")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes")
    expect(page.locator("tbody tr", has_text="I1")).to_contain_text("I feel safe")

    # A measure that evidences it, linked to a plan item.
    page.goto(reverse("scorecard:measure-create", kwargs={"area": area.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a measure")
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill("E7")
    page.get_by_label("Name", exact=True).fill("New EHC plans issued within 20 weeks")
    page.get_by_label("Higher is better").check()
    page.get_by_label("I1: I feel safe").check()
    page.get_by_label("Plan items").fill("1.1, 9.9")
    page.get_by_role("button", name="Save measure").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("WSOA-2019 has no item 9.9")
    assert_accessible(page)
    page.get_by_label("Plan items").fill("1.1")
    page.get_by_role("button", name="Save measure").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Measure E7 added")
    measure = Measure.objects.get(area=area, code="E7")
    assert [i.number for i in measure.items.all()] == ["1.1"]

    # A second breakdown, with its baseline.
    page.goto(reverse("scorecard:breakdowns", kwargs={"area": area.slug, "pk": measure.pk}))
    page.get_by_label("Name", exact=True).fill("EHC plan")
    page.get_by_label("Baseline", exact=True).fill("58.3")
    page.get_by_label("Baseline period").fill("2017/18")
    page.get_by_role("button", name="Add breakdown").click()
    expect(page.locator("tbody tr", has_text="EHC plan")).to_contain_text("58.3% (2017/18)")
    assert_accessible(page)

    # Its target, and the same date again refused.
    page.goto(reverse("scorecard:targets", kwargs={"area": area.slug, "pk": measure.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Targets")
    assert_accessible(page)
    page.get_by_label("Target", exact=True).fill("65")
    page.get_by_label("By", exact=True).fill("31/03/2026")
    page.get_by_role("button", name="Add target").click()
    expect(page.locator("tbody tr", has_text="31/03/2026")).to_contain_text("65%")
    page.get_by_label("Target", exact=True).fill("70")
    page.get_by_label("By", exact=True).fill("31/03/2026")
    page.get_by_role("button", name="Add target").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("All already has a target for 31/03/2026")
    assert_accessible(page)

    # Someone else changes that target while it is open here: saving shows theirs, and keeps it.
    page.get_by_role("link", name="Change the All target for 31/03/2026").click()
    target = Target.objects.get(breakdown__measure=measure)
    target_update(target=target, expected_version=target.version, value=Decimal("66"), due_on=target.due_on)
    page.get_by_label("Target", exact=True).fill("70")
    page.get_by_role("button", name="Save target").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Someone else saved this while you were editing"
    )
    expect(page.locator("#their-changes")).to_contain_text("Theirs: 66")
    assert_accessible(page)
    assert Target.objects.get(pk=target.pk).value == 66

    # The area's settings: a wrong code is named, then a near miss is counted as green.
    page.goto(reverse("scorecard:settings", kwargs={"area": area.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard settings")
    assert_accessible(page)
    page.get_by_label("Tolerance", exact=True).fill("2")
    page.get_by_label("Green (“very close”)").check()
    page.get_by_label("9-character local authority code").fill("E0800007")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "“E0800007” is not a 9-character local authority code"
    )
    assert_accessible(page)
    page.get_by_label("9-character local authority code").fill("E08000007")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Scorecard settings saved")
    saved = ScorecardSettings.objects.get(area=area)
    assert (saved.near_miss, saved.tolerance, saved.la_code) == ("green", 2, "E08000007")
