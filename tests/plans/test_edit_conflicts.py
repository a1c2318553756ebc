"""Two people at one plan at once: the second is told, sees what the first saved beside what they typed,
and keeps their typing to save again on purpose."""

import pytest
from django.test import Client
from django.urls import reverse

from areas.models import Membership
from plans.models import Item, Plan
from tests.areas.factories import MembershipFactory, UserFactory
from tests.plans.test_items import edit_url, form_data

pytestmark = pytest.mark.django_db


def theirs_beside_yours(page: str, theirs: str, yours: str) -> bool:
    return f"<strong>Theirs:</strong> {theirs}" in page and f"<strong>Yours:</strong> {yours}" in page


def test_an_item_edited_meanwhile_shows_their_text_beside_yours_and_keeps_yours_in_the_form(
    client, tree, programme_manager, workstream_lead
):
    item = tree["mine"]
    stale = form_data(item)
    client.force_login(workstream_lead)
    client.post(edit_url(item), form_data(item, text="Board meets weekly"))

    client.force_login(programme_manager)
    page = client.post(edit_url(item), {**stale, "text": "Board meets monthly"}).content.decode()

    assert "What the other person saved" in page
    assert theirs_beside_yours(page, "Board meets weekly", "Board meets monthly")
    assert "Board meets monthly</textarea>" in page  # your typing, still in the form
    item.refresh_from_db()
    assert item.text == "Board meets weekly"
    again = client.post(edit_url(item), {**stale, "text": "Board meets monthly", "version": item.version})
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.text == "Board meets monthly"


def test_plan_settings_changed_meanwhile_show_their_title_beside_yours(client, plan, tree, programme_manager):
    url = reverse("plans:plan-edit", kwargs={"area": "stockport", "pk": plan.pk})
    data = {
        "reference": plan.reference,
        "title": plan.title,
        "kind": plan.kind,
        "status": plan.status,
        "rag_scheme": plan.rag_scheme_id,
        "reporting_cadence": plan.reporting_cadence,
        "level_1": "Workstream",
        "level_2": "Priority",
        "level_3": "Key action",
        "level_4": "Milestone",
        "version": plan.version,
    }
    client.force_login(programme_manager)
    assert client.post(url, {**data, "title": "Local Area SEND Strategy"}).status_code == 302

    page = client.post(url, {**data, "title": "Accelerated Progress Plan"}).content.decode()

    assert "Someone else changed this plan&#x27;s settings while you were editing them" in page
    assert theirs_beside_yours(page, "Local Area SEND Strategy", "Accelerated Progress Plan")
    assert 'value="Accelerated Progress Plan"' in page
    assert Plan.objects.get(pk=plan.pk).title == "Local Area SEND Strategy"


def test_removing_an_item_someone_just_changed_is_refused_showing_what_they_changed(
    client, tree, programme_manager, workstream_lead
):
    item = tree["mine"]
    read_at = item.version
    client.force_login(workstream_lead)
    client.post(edit_url(item), form_data(item, text="Board meets weekly"))

    client.force_login(programme_manager)
    url = reverse("plans:item-remove", kwargs={"area": "stockport", "pk": item.pk})
    page = client.post(url, {"version": read_at}).content.decode()

    assert "Someone else changed this item after you opened this page, so it has not been removed" in page
    assert "What the other person saved" in page and "Board meets weekly" in page
    assert not Item.objects.get(pk=item.pk).is_removed
    item.refresh_from_db()
    assert f'name="version" value="{item.version}"' in page  # pressing Remove again removes it, knowingly


def test_two_managers_editing_one_rag_status_lose_nothing(plan, programme_manager):
    """The second save shows what the first saved beside what was typed; saving again goes through."""
    other = UserFactory(email="pm2@example.org")
    MembershipFactory(user=other, area=plan.area, role=Membership.Role.PROGRAMME_MANAGER)
    status = plan.rag_scheme.statuses.order_by("position").first()
    url = reverse(
        "plans:rag-status-edit",
        kwargs={"area": plan.area.slug, "pk": plan.rag_scheme_id, "status_pk": status.pk},
    )
    first, second = Client(), Client()
    first.force_login(programme_manager)
    second.force_login(other)
    opened = status.version
    fields = {"colour": status.colour, "meaning": "", "counts_as_done": "", "needs_impact_evidence": ""}

    assert first.post(url, {**fields, "label": "Not begun", "version": opened}).status_code == 302
    page = second.post(url, {**fields, "label": "Not yet started", "version": opened})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Someone else changed this status while you were editing it" in html
    assert "Theirs:</strong> Not begun" in html and "Yours:</strong> Not yet started" in html
    status.refresh_from_db()
    assert status.label == "Not begun"
    again = second.post(url, {**fields, "label": "Not yet started", "version": status.version})
    assert again.status_code == 302
    status.refresh_from_db()
    assert status.label == "Not yet started"
