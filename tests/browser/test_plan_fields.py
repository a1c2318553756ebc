"""Plan fields in the browser: the programme manager adds an organisations field from the plan page, fills
it in on a milestone's form (ticking one organisation, typing another) and reads it on the milestone's
page; the fields page, the field form, the item form with fields and the remove page pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from areas.models import Organisation
from plans.models import ItemFieldValue, PlanField
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context

pytestmark = pytest.mark.browser


def test_the_programme_manager_adds_partner_organisations_and_fills_them_in_on_a_milestone(
    page: Page, live_server, plan, tree, programme_manager
):
    Organisation.objects.create(area=plan.area, name="Stockport NHS Foundation Trust")
    signed_in_context(page.context, programme_manager, live_server.url)
    page.goto(reverse("plans:plan", kwargs={"area": "stockport", "pk": plan.pk}))
    page.get_by_role("link", name="Plan fields").click()
    expect(page.get_by_role("heading", name="Plan fields")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a field").click()
    expect(page.get_by_role("heading", name="Add a field to the plan's items")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Partner organisations")
    page.get_by_label("Each milestone (level 4)").check()
    page.get_by_label("Organisations").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Field Partner organisations added.")).to_be_visible()
    assert_accessible(page)

    mine = tree["mine"]
    page.goto(reverse("plans:item-edit", kwargs={"area": "stockport", "pk": mine.pk}))
    page.get_by_label("Stockport NHS Foundation Trust").check()
    page.get_by_label("Partner organisations: other organisations").fill("Pure Innovations")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Pure Innovations", exact=True)).to_be_visible()
    expect(page.get_by_text("Stockport NHS Foundation Trust", exact=True)).to_be_visible()
    value = ItemFieldValue.objects.get(item=mine)
    assert sorted(o.name for o in value.organisations.all()) == [
        "Pure Innovations",
        "Stockport NHS Foundation Trust",
    ]

    plan_field = PlanField.objects.get(plan=plan)
    page.goto(
        reverse(
            "plans:plan-field-remove", kwargs={"area": "stockport", "plan_pk": plan.pk, "pk": plan_field.pk}
        )
    )
    expect(page.get_by_text("1 item holds a value of this field.")).to_be_visible()
    assert_accessible(page)
