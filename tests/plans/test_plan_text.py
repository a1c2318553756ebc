"""A plan's own text: read by every member, written by the programme manager, paragraphs kept, versioned."""

import pytest
from django.urls import reverse

from history.models import Change
from plans.models import PlanText

pytestmark = pytest.mark.django_db


def text_url(plan):
    return reverse("plans:plan-text", kwargs={"area": "stockport", "pk": plan.pk})


def edit_url(plan, section="governance"):
    return reverse("plans:plan-text-edit", kwargs={"area": "stockport", "pk": plan.pk, "section": section})


def test_the_overview_links_the_plan_text_and_it_lists_every_section_not_yet_written(client, plan, viewer):
    client.force_login(viewer)
    overview = client.get(reverse("plans:plan", kwargs={"area": "stockport", "pk": plan.pk}))
    assert text_url(plan) in overview.content.decode()
    page = client.get(text_url(plan)).content.decode()
    for name in ["Introduction", "Commitment", "Principles", "Governance", "Monitoring"]:
        assert f">{name}</h2>" in page
    assert page.count("Not written yet.") == 5
    assert "/edit/" not in page, "a viewer is offered no edit link"


def test_the_programme_manager_writes_a_section_and_everyone_reads_its_paragraphs_with_no_markup(
    client, plan, programme_manager, viewer
):
    client.force_login(programme_manager)
    written = "The board meets monthly.\nIt is chaired by the DCS.\n\n<b>Partners</b> attend."
    response = client.post(edit_url(plan), {"text": written, "version": 0})
    assert response.status_code == 302
    assert PlanText.objects.get(plan=plan, section="governance").text == written
    client.force_login(viewer)
    page = client.get(text_url(plan)).content.decode()
    assert '<p class="govuk-body">The board meets monthly.<br>It is chaired by the DCS.</p>' in page
    assert "&lt;b&gt;Partners&lt;/b&gt; attend." in page
    change = Change.objects.filter(plan=plan).latest("pk")
    assert change.changes == {"Governance": ["", written]}


def test_two_people_editing_a_section_never_lose_a_change(client, plan, programme_manager):
    client.force_login(programme_manager)
    client.post(edit_url(plan), {"text": "Theirs", "version": 0})
    response = client.post(edit_url(plan), {"text": "Mine", "version": 0})
    assert response.status_code == 200
    assert "Someone else changed the governance while you were editing it" in response.content.decode()
    assert PlanText.objects.get(plan=plan, section="governance").text == "Theirs"
    assert client.post(edit_url(plan), {"text": "Mine", "version": 1}).status_code == 302
    assert PlanText.objects.get(plan=plan, section="governance").text == "Mine"


def test_an_unknown_section_is_not_found(client, plan, programme_manager):
    client.force_login(programme_manager)
    assert client.get(edit_url(plan, "foreword")).status_code == 404


def test_a_section_too_long_is_refused_saying_the_limit(client, plan, programme_manager):
    client.force_login(programme_manager)
    response = client.post(edit_url(plan), {"text": "x" * 20_001, "version": 0})
    assert "Keep a section under 20,000 characters" in response.content.decode()
    assert not PlanText.objects.filter(plan=plan).exists()
