"""The risk register's pages pass axe-core (WCAG 2.2 AA) with no serious or critical problem, work
without JavaScript, and fit a 320 px screen without scrolling sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from tests.browser.test_fit import MEASURE
from tests.risks.conftest import a_register

pytestmark = pytest.mark.browser


@pytest.fixture
def site(plan, tree, owner_person, lead_person, programme_manager, contributor):
    risks = a_register(plan, tree, owner_person, lead_person)
    area = {"area": plan.area.slug}
    red = risks["red"].pk
    return {
        "register": reverse("risks:register", kwargs={**area, "plan_pk": plan.pk}),
        "risk": reverse("risks:risk", kwargs={**area, "pk": red}),
        "closed risk": reverse("risks:risk", kwargs={**area, "pk": risks["green"].pk}),
        "risk form": reverse("risks:risk-edit", kwargs={**area, "pk": red}),
        "new risk": reverse("risks:risk-create", kwargs={**area, "plan_pk": plan.pk}),
        "review": reverse("risks:risk-review", kwargs={**area, "pk": red}),
        "close": reverse("risks:risk-close", kwargs={**area, "pk": red}),
        "mitigation": reverse("risks:mitigation-create", kwargs={**area, "pk": red}),
        "progress": reverse(
            "risks:note-create", kwargs={**area, "pk": red, "mitigation_pk": risks["mitigation"].pk}
        ),
        "bands": reverse("risks:bands", kwargs=area),
        "item": reverse("plans:item", kwargs={**area, "pk": tree["mine"].pk}),
    }


def test_the_risk_pages_pass_axe(site, page: Page, live_server, programme_manager):
    signed_in_context(page.context, programme_manager, live_server.url)
    for name, path in site.items():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, name
        assert_accessible(page)


def test_a_form_with_errors_passes_axe(site, page: Page, live_server, programme_manager):
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(live_server.url + site["new risk"])
    page.get_by_label("Likelihood now").select_option("3")
    page.get_by_role("button", name="Save risk").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the risk's reference, such as R1")
    assert_accessible(page)
    page.get_by_label("Reference").fill("R9")
    page.get_by_label("Title").fill("Transport costs rise")
    page.get_by_role("button", name="Save risk").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter both the likelihood and the impact now"
    )
    assert_accessible(page)


def test_the_register_and_risk_page_fit_at_320_pixels(site, page: Page, live_server, programme_manager):
    signed_in_context(page.context, programme_manager, live_server.url)
    problems = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for name in ("register", "risk", "risk form", "review"):
            page.goto(live_server.url + site[name])
            found = page.evaluate(MEASURE)
            if found["page"] > found["window"]:
                problems.append(f"{name} at {width} px scrolls sideways ({found['page']} px)")
            if found["cuts"] or found["sideways"]:
                problems.append(f"{name} at {width} px: {found}")
            page.evaluate("() => window.scrollTo(0, 0)")
            assert_accessible(page)
    assert not problems, "\n".join(problems)


def test_the_owner_reviews_a_score_without_javascript(site, browser, live_server, contributor):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    signed_in_context(context, contributor, live_server.url)
    page = context.new_page()
    page.goto(site["risk"])
    page.get_by_role("link", name="Review the score").click()
    page.get_by_role("radio", name="3 Possible").check()
    page.get_by_role("radio", name="4 Major").check()
    page.get_by_label("Next review").fill("31/05/2099")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Review of risk R1 saved.")
    expect(page.locator("#score-table")).to_contain_text("12")
    expect(page.locator("#score-table")).to_contain_text("Amber")
    page.goto(site["register"] + "?band=amber")
    expect(page.locator("#register")).to_contain_text("R1")
    context.close()
