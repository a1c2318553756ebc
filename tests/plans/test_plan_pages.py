"""The plan overview, the milestones list and its CSV, my items, and the RAG scheme editor."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from history.models import Change
from plans.models import RagScheme
from tests.plans.factories import ItemFactory, RagSchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(plan, tree):
    statuses = list(plan.rag_scheme.statuses.order_by("position"))
    today = timezone.localdate()
    mine, theirs = tree["mine"], tree["theirs"]
    mine.status, mine.due_date = statuses[1], today - timedelta(days=3)
    theirs.status, theirs.due_date = statuses[2], today - timedelta(days=3)
    mine.save()
    theirs.save()
    return statuses


def milestones_url(plan):
    return reverse("plans:milestones", kwargs={"area": "stockport", "pk": plan.pk})


def test_overview_counts_milestones_by_status_under_each_top_level_item_with_the_status_words(
    client, plan, rated, viewer
):
    client.force_login(viewer)
    response = client.get(reverse("plans:plan", kwargs={"area": "stockport", "pk": plan.pk}))
    rows = {r.item.number: r for r in response.context["rows"]}
    assert rows["1"].total == 2
    assert rows["1"].counts == {rated[1].pk: 1, rated[2].pk: 1}
    assert rows["1"].overdue == 1, "the completed milestone is not overdue"
    page = response.content.decode()
    for status in rated:
        assert status.label in page


def test_milestones_filter_by_workstream_owner_status_and_overdue(
    client, plan, rated, tree, viewer, owner_person, workstream
):
    client.force_login(viewer)
    url = milestones_url(plan)

    def numbers(**params):
        return [i.number for i in client.get(url, params).context["page"]]

    assert numbers() == ["1.1.1.1", "1.1.1.2"]
    assert numbers(workstream=workstream.pk) == ["1.1.1.1"]
    assert numbers(owner=owner_person.pk) == ["1.1.1.1"]
    assert numbers(status=rated[2].pk) == ["1.1.1.2"]
    assert numbers(overdue="on") == ["1.1.1.1"]
    assert numbers(due_soon="on") == []


def test_due_in_the_next_30_days_lists_only_those(client, plan, tree, viewer):
    mine = tree["mine"]
    mine.due_date = timezone.localdate() + timedelta(days=10)
    mine.save()
    client.force_login(viewer)
    page = client.get(milestones_url(plan), {"due_soon": "on"}).context["page"]
    assert [i.number for i in page] == ["1.1.1.1"]


def test_the_csv_download_holds_what_the_filters_show_with_formula_text_made_safe(
    client, plan, rated, tree, viewer, workstream
):
    mine = tree["mine"]
    mine.text = '=HYPERLINK("http://evil")'
    mine.save()
    client.force_login(viewer)
    response = client.get(milestones_url(plan), {"workstream": workstream.pk, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Number", "Text", "Due date"]
    assert len(rows) == 2
    assert rows[1][0] == "1.1.1.1"
    assert rows[1][1].startswith("'=")
    assert rows[1][-1] == "Yes"


def test_my_items_lists_what_a_contributor_owns_and_what_a_lead_leads(
    client, tree, contributor, workstream_lead
):
    client.force_login(contributor)
    owned = client.get(reverse("plans:my-items", kwargs={"area": "stockport"})).context["owned"]
    assert [i.number for i in owned] == ["1.1.1.1"]
    client.force_login(workstream_lead)
    led = client.get(reverse("plans:my-items", kwargs={"area": "stockport"})).context["led"]
    assert [i.number for i in led] == ["1.1.1", "1.1.1.1"]


def test_a_programme_manager_defines_a_new_rag_scheme_from_a_preset_and_adds_a_status(
    client, area, programme_manager
):
    client.force_login(programme_manager)
    client.post(
        reverse("plans:rag-scheme-create", kwargs={"area": "stockport"}),
        {"name": "Board scheme", "preset": "Behind, at risk, on target, signed off"},
    )
    scheme = RagScheme.objects.get(area=area, name="Board scheme")
    assert scheme.statuses.order_by("position").first().label == "Not started and behind target"
    client.post(
        reverse("plans:rag-status-create", kwargs={"area": "stockport", "pk": scheme.pk}),
        {"label": "Paused", "colour": "#505a5f", "meaning": "On hold by the board"},
    )
    assert scheme.statuses.order_by("position").last().label == "Paused"
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "Paused" in page and "#505a5f" in page


def test_a_status_in_use_cannot_be_removed(client, plan, rated, programme_manager):
    client.force_login(programme_manager)
    status = rated[1]
    url = reverse(
        "plans:rag-status-remove",
        kwargs={"area": "stockport", "pk": plan.rag_scheme_id, "status_pk": status.pk},
    )
    response = client.post(url)
    assert "1 item has the status Progressing" in response.content.decode()
    assert plan.rag_scheme.statuses.filter(pk=status.pk).exists()


def test_a_status_given_by_hand_as_an_overall_rating_cannot_be_removed(client, plan, tree, programme_manager):
    """Removing it would quietly clear the rating and its reason, with nothing in the history."""
    client.force_login(programme_manager)
    unused = plan.rag_scheme.statuses.get(position=4)
    tree["top"].overall_status, tree["top"].overall_reason = unused, "Agreed at the board"
    tree["top"].save()
    url = reverse(
        "plans:rag-status-remove",
        kwargs={"area": "stockport", "pk": plan.rag_scheme_id, "status_pk": unused.pk},
    )
    response = client.post(url)
    assert "1 item has it as an overall rating set by hand" in response.content.decode()
    assert plan.rag_scheme.statuses.filter(pk=unused.pk).exists()


def test_a_bad_colour_gets_a_clear_message(client, plan, programme_manager):
    client.force_login(programme_manager)
    url = reverse("plans:rag-status-create", kwargs={"area": "stockport", "pk": plan.rag_scheme_id})
    response = client.post(url, {"label": "Purple", "colour": "purple"})
    assert "Enter a colour as # and six hex digits" in response.content.decode()


def test_statuses_can_be_reordered(client, plan, programme_manager):
    client.force_login(programme_manager)
    first = plan.rag_scheme.statuses.order_by("position").first()
    client.post(
        reverse(
            "plans:rag-status-move",
            kwargs={
                "area": "stockport",
                "pk": plan.rag_scheme_id,
                "status_pk": first.pk,
                "direction": "down",
            },
        )
    )
    assert plan.rag_scheme.statuses.order_by("position")[1].pk == first.pk


def test_plan_settings_name_the_levels(client, plan, tree, programme_manager):
    client.force_login(programme_manager)
    url = reverse("plans:plan-edit", kwargs={"area": "stockport", "pk": plan.pk})
    data = {
        "reference": plan.reference,
        "title": "Renamed plan",
        "kind": plan.kind,
        "status": plan.status,
        "rag_scheme": plan.rag_scheme_id,
        "reporting_cadence": 1,
        "level_1": "Workstream",
        "level_2": "Outcome",
        "level_3": "Objective",
        "level_4": "",
        "version": plan.version,
    }
    response = client.post(url, data)
    assert response.status_code == 200, "a three-level plan cannot hold this plan's four-level items"
    assert "name at least 4 levels" in response.content.decode()
    data["level_4"] = "Activity"
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.level_names == ["Workstream", "Outcome", "Objective", "Activity"]
    assert plan.title == "Renamed plan"


def test_an_item_added_at_the_top_gets_the_next_number(client, plan, tree, programme_manager):
    ItemFactory(plan=plan, number="2", text="Second area")
    client.force_login(programme_manager)
    page = client.get(
        reverse("plans:item-create", kwargs={"area": "stockport", "plan_pk": plan.pk})
    ).content.decode()
    assert 'value="3"' in page


def test_editing_a_status_on_its_page_is_recorded_in_the_history(client, plan, programme_manager):
    client.force_login(programme_manager)
    status = plan.rag_scheme.statuses.order_by("position").first()
    url = reverse(
        "plans:rag-status-edit",
        kwargs={"area": "stockport", "pk": plan.rag_scheme_id, "status_pk": status.pk},
    )

    response = client.post(
        url,
        {
            "label": "Not yet started",
            "colour": status.colour,
            "meaning": status.meaning,
            "counts_as_done": "",
            "needs_impact_evidence": "",
            "version": status.version,
        },
    )

    assert response.status_code == 302
    change = Change.objects.get(subject__endswith=": Not yet started")
    assert change.changes["Label"] == [status.label, "Not yet started"]
    assert change.by == programme_manager


def test_a_plan_cannot_change_rag_scheme_while_its_items_are_rated_with_the_old_one(
    client, plan, rated, programme_manager
):
    client.force_login(programme_manager)
    other = RagSchemeFactory(area=plan.area, name="Another scheme")
    data = {
        "reference": plan.reference,
        "title": plan.title,
        "kind": plan.kind,
        "status": plan.status,
        "rag_scheme": other.pk,
        "reporting_cadence": 1,
        "level_1": "Area of weakness",
        "level_2": "Priority",
        "level_3": "Key action",
        "level_4": "Milestone",
        "version": plan.version,
    }

    response = client.post(reverse("plans:plan-edit", kwargs={"area": "stockport", "pk": plan.pk}), data)

    assert response.status_code == 200
    assert "2 items have a status from the current scheme. Clear them first." in response.content.decode()
    plan.refresh_from_db()
    assert plan.rag_scheme_id != other.pk
