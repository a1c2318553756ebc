"""The programme manager's publishing pages: summaries, settings, preview and a deliberate publish."""

import pytest
from django.urls import reverse

from history.models import Change
from plans.models import Item
from publishing import rules, selectors
from publishing.models import ItemSummary, Publication


def _url(name, **kwargs):
    return reverse(name, kwargs={"area": "stockport", **kwargs})


@pytest.fixture
def pm_client(client, public_world):
    client.force_login(public_world["pm"])
    return client


def _publish_form(area, note=""):
    content = selectors.public_content(area=area)
    latest = selectors.latest_publication(area=area)
    return {"note": note, "latest": latest.number if latest else 0, "etag": rules.content_etag(content)}


def test_the_menu_offers_public_pages_to_the_programme_manager_only(pm_client, client, viewer):
    assert b"Public pages" in pm_client.get(_url("plans:area-home")).content
    client.force_login(viewer)
    assert b"Public pages" not in client.get(_url("plans:area-home")).content


def test_the_home_page_gives_the_public_address_and_lists_publications(pm_client, public_world, area):
    page = pm_client.get(_url("publishing:home")).content.decode()
    assert "http://testserver/public/stockport/" in page
    assert "Nothing has been published yet" in page
    pm_client.post(_url("publishing:publish"), _publish_form(area, note="March 2021 progress"))
    page = pm_client.get(_url("publishing:home")).content.decode()
    assert "Update 1" in page and "March 2021 progress" in page and "pm@example.org" in page


def test_writing_a_summary_saves_it_and_records_the_change(pm_client, public_world):
    top = public_world["top"]
    summary = ItemSummary.objects.get(item=top)
    response = pm_client.post(
        _url("publishing:summary-edit", pk=top.pk),
        {"summary": "Leaders meet every month.", "easy_read": "Leaders meet.", "version": summary.version},
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert (summary.summary, summary.easy_read, summary.version) == (
        "Leaders meet every month.",
        "Leaders meet.",
        2,
    )
    change = Change.objects.filter(item=top).latest("pk")
    assert change.changes["Summary for families"] == [
        "Leaders are working together.",
        "Leaders meet every month.",
    ]


def test_a_first_summary_is_added(pm_client, public_world, plan):
    second = Item.objects.create(plan=plan, number="2", sort_key="00000002", level=1, text="Early help")
    pm_client.post(
        _url("publishing:summary-edit", pk=second.pk), {"summary": "Help comes sooner.", "version": 1}
    )
    assert ItemSummary.objects.get(item=second).summary == "Help comes sooner."


def test_a_summary_saved_by_someone_else_first_is_a_conflict_and_nothing_is_saved(pm_client, public_world):
    top = public_world["top"]
    response = pm_client.post(
        _url("publishing:summary-edit", pk=top.pk), {"summary": "Mine", "easy_read": "", "version": 7}
    )
    assert response.status_code == 200
    assert "Someone else changed this summary" in response.content.decode()
    assert ItemSummary.objects.get(item=top).summary == "Leaders are working together."


def test_only_a_top_level_item_has_a_summary_page(pm_client, public_world):
    assert pm_client.get(_url("publishing:summary-edit", pk=public_world["mine"].pk)).status_code == 404


def test_the_settings_set_the_introduction_the_public_pages_show(pm_client, public_world, area, plan):
    response = pm_client.post(
        _url("publishing:settings"), {"introduction": "Our plan for families.", "plan": plan.pk, "version": 1}
    )
    assert response.status_code == 302
    assert selectors.public_content(area=area)["introduction"] == "Our plan for families."


def test_the_settings_refuse_another_areas_plan(pm_client, public_world, other_area):
    from tests.plans.factories import PlanFactory

    theirs = PlanFactory(area=other_area, reference="X")
    response = pm_client.post(
        _url("publishing:settings"), {"introduction": "", "plan": theirs.pk, "version": 1}
    )
    assert "Choose a plan of this local area" in response.content.decode()


def test_the_preview_shows_what_would_be_published_with_a_banner(pm_client, public_world):
    page = pm_client.get(_url("publishing:preview")).content.decode()
    assert "Preview: not published" in page
    assert "Leaders are working together." in page and "Annual reviews take too long." in page
    assert "E1: Plans issued within 20 weeks" in page
    assert Publication.objects.count() == 0
    chart = pm_client.get(_url("publishing:preview-chart", code="E1"))
    assert chart["Content-Type"].startswith("image/svg+xml")


def test_publishing_makes_a_numbered_publication_with_the_note(pm_client, area):
    response = pm_client.post(_url("publishing:publish"), _publish_form(area, note="March"))
    assert response.status_code == 302
    publication = Publication.objects.get(area=area)
    assert (publication.number, publication.note) == (1, "March")
    assert publication.etag == rules.content_etag(publication.content)
    follow = pm_client.get(response["Location"]).content.decode()
    assert "Publication 1 published" in follow


def test_pressing_publish_twice_publishes_once(pm_client, area):
    form = _publish_form(area)
    pm_client.post(_url("publishing:publish"), form)
    response = pm_client.post(_url("publishing:publish"), form, follow=True)
    assert Publication.objects.filter(area=area).count() == 1
    assert "was already made after you opened the preview" in response.content.decode()


def test_publishing_after_the_content_changed_asks_for_the_preview_again(pm_client, public_world, area):
    form = _publish_form(area)
    Item.objects.filter(pk=public_world["top"].pk).update(text="Changed meanwhile")
    response = pm_client.post(_url("publishing:publish"), form, follow=True)
    assert Publication.objects.count() == 0
    assert "changed after you opened the preview" in response.content.decode()


@pytest.mark.parametrize("role", ["workstream_lead", "contributor", "viewer"])
def test_only_the_programme_manager_may_publish(client, public_world, area, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.post(_url("publishing:publish"), _publish_form(area)).status_code == 403
    assert Publication.objects.count() == 0
