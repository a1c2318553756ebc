"""A plan's inspection findings on its pages: the findings page, each item answering one, and the programme
manager adding, editing and removing them, with the history and edit conflicts handled as everywhere."""

import re

import pytest
from django.urls import reverse

from history.models import Change
from plans.models import Finding
from tests.plans.factories import FindingFactory, ItemFactory


def _findings_url(plan):
    return reverse("plans:findings", kwargs={"area": plan.area.slug, "pk": plan.pk})


def _edit_url(finding):
    return reverse("plans:finding-edit", kwargs={"area": finding.plan.area.slug, "pk": finding.pk})


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_finding_answered_by_three_items_at_different_levels_shows_on_each_and_on_the_findings_page(
    client, viewer, tree
):
    plan = tree["top"].plan
    answering = [tree["top"], tree["action"], tree["mine"]]
    FindingFactory(
        plan=plan,
        number="KC2",
        label="Joint commissioning",
        quotation="Leaders do not plan services together.",
        items=answering,
    )
    client.force_login(viewer)

    for item in answering:
        html = client.get(item.get_absolute_url()).content.decode()
        assert "Inspection findings this answers" in html
        assert "Finding KC2: Joint commissioning" in html and "Leaders do not plan services together." in html
    assert "Finding KC2" not in client.get(tree["priority"].get_absolute_url()).content.decode()

    page = client.get(_findings_url(plan)).content.decode()
    assert "Finding KC2: Joint commissioning" in _text(page)
    for item in answering:
        assert f'href="{item.get_absolute_url()}"' in page
    assert "Area of weakness 1" in _text(page) and "Key action 1.1.1" in _text(page)
    assert "Milestone 1.1.1.1" in _text(page)
    assert ">Edit<" not in page, "a viewer is offered no edit link"


def test_the_plan_page_links_to_its_findings(client, viewer, plan):
    client.force_login(viewer)
    assert f'href="{_findings_url(plan)}"' in client.get(plan.get_absolute_url()).content.decode()


def test_the_findings_page_shows_them_in_the_documents_order_and_leaves_out_removed_items(
    client, programme_manager, tree
):
    plan = tree["top"].plan
    FindingFactory(
        plan=plan, number="B", quotation="Second in the letter.", position=2, items=[tree["theirs"]]
    )
    FindingFactory(plan=plan, number="A", quotation="First in the letter.", position=1, items=[tree["top"]])
    tree["theirs"].removed_at = tree["theirs"].plan.created_at
    tree["theirs"].save()
    client.force_login(programme_manager)

    page = client.get(_findings_url(plan)).content.decode()

    assert page.index("First in the letter.") < page.index("Second in the letter.")
    assert tree["theirs"].get_absolute_url() not in page
    assert "No items yet" in page


def test_the_findings_page_and_the_item_page_read_as_many_queries_for_many_findings_as_for_one(
    client, viewer, tree, django_assert_max_num_queries
):
    plan = tree["top"].plan
    FindingFactory(plan=plan, items=[tree["top"], tree["mine"]])
    client.force_login(viewer)
    client.get(_findings_url(plan))
    with django_assert_max_num_queries(30) as few:
        client.get(_findings_url(plan))
        client.get(tree["mine"].get_absolute_url())
    for n in range(2, 40):
        extra = ItemFactory(plan=plan, number=f"1.{n}")
        FindingFactory(plan=plan, label=f"Finding {n}", items=[tree["top"], extra, tree["mine"]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_findings_url(plan))
        item_page = client.get(tree["mine"].get_absolute_url())
    assert page.content.decode().count("Inspection findings") >= 1
    assert item_page.content.decode().count("govuk-inset-text") >= 39


def test_the_programme_manager_adds_a_finding_answered_by_items_typed_by_number(
    client, programme_manager, tree
):
    plan = tree["top"].plan
    client.force_login(programme_manager)
    url = reverse("plans:finding-create", kwargs={"area": "stockport", "pk": plan.pk})

    response = client.post(
        url,
        {
            "number": "KC1",
            "label": "Joint commissioning",
            "quotation": "Leaders do not plan together.",
            "page": "3",
            "items": "1.1.1.1, 1 and 1.1",
        },
    )

    finding = Finding.objects.get(plan=plan)
    assert response["Location"] == f"{_findings_url(plan)}#finding-{finding.pk}"
    assert list(finding.answers.values_list("item__number", flat=True)) == ["1.1.1.1", "1", "1.1"]
    change = Change.objects.get(subject="Finding KC1")
    assert change.action == Change.Action.ADDED and change.plan_id == plan.pk
    assert change.changes["Items"] == ["", "1.1.1.1, 1, 1.1"]
    assert change.by == programme_manager
    history = client.get(reverse("plans:plan-history", kwargs={"area": "stockport", "pk": plan.pk}))
    assert "Finding KC1" in history.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"items": "1, 9.9"}, "There is no item &quot;9.9&quot; in this plan"),
        ({"items": "1.1.1x"}, "did you mean 1.1.1?"),
        ({"quotation": ""}, "Enter the finding, quoted from the inspection letter"),
        ({"number": "kc1"}, "There is already a finding kc1 in this plan"),
    ],
)
def test_a_finding_that_cannot_be_saved_says_why_and_saves_nothing(
    client, programme_manager, tree, typed, message
):
    plan = tree["top"].plan
    FindingFactory(plan=plan, number="KC1")
    client.force_login(programme_manager)
    url = reverse("plans:finding-create", kwargs={"area": "stockport", "pk": plan.pk})
    data = {"number": "KC2", "label": "", "quotation": "Weak", "page": "", "items": "1", **typed}

    response = client.post(url, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Finding.objects.filter(plan=plan).count() == 1


def test_a_second_saver_is_refused_and_shown_both_versions_and_saving_again_works(
    client, programme_manager, tree
):
    finding = FindingFactory(
        plan=tree["top"].plan, number="KC1", quotation="As written.", items=[tree["top"]]
    )
    client.force_login(programme_manager)
    form = client.get(_edit_url(finding)).context["form"]
    opened = {name: form.initial.get(name, "") for name in ("number", "label", "quotation", "page", "items")}
    opened["version"] = form.initial["version"]
    assert opened["items"] == "1"

    first = client.post(_edit_url(finding), {**opened, "label": "Joint commissioning", "items": "1, 1.1"})
    assert first.status_code == 302
    second = client.post(_edit_url(finding), {**opened, "label": "Commissioning together"})

    html = second.content.decode()
    assert second.status_code == 200
    assert "Someone else changed this finding while you were editing it" in html
    assert "What the other person saved" in html and "Joint commissioning" in html
    assert "Commissioning together" in html
    finding.refresh_from_db()
    assert finding.label == "Joint commissioning"

    again = second.context["form"].data
    third = client.post(_edit_url(finding), dict(again.items()))
    assert third.status_code == 302
    finding.refresh_from_db()
    assert finding.label == "Commissioning together"
    assert list(finding.answers.values_list("item__number", flat=True)) == ["1"]
    changes = Change.objects.filter(subject="Finding KC1", action=Change.Action.CHANGED).order_by("at", "id")
    assert [c.changes.get("Label") for c in changes] == [
        ["", "Joint commissioning"],
        ["Joint commissioning", "Commissioning together"],
    ]


def test_removing_a_finding_keeps_it_in_the_history_and_a_stale_removal_is_refused(
    client, programme_manager, tree
):
    finding = FindingFactory(plan=tree["top"].plan, number="KC1", quotation="Weak.", items=[tree["top"]])
    client.force_login(programme_manager)
    url = reverse("plans:finding-remove", kwargs={"area": "stockport", "pk": finding.pk})

    stale = client.post(url, {"version": finding.version - 1})
    assert stale.status_code == 200 and "so it has not been removed" in stale.content.decode()
    assert Finding.objects.filter(pk=finding.pk).exists()

    response = client.post(url, {"version": finding.version})

    assert response["Location"] == _findings_url(finding.plan)
    assert not Finding.objects.filter(pk=finding.pk).exists()
    assert tree["top"].plan.items.current().count() == 5, "the items answering it stay"
    change = Change.objects.get(subject="Finding KC1", action=Change.Action.REMOVED)
    assert change.changes["Finding"] == ["Weak.", ""] and change.changes["Items"] == ["1", ""]


def test_only_the_programme_manager_can_change_findings_by_posting(client, viewer, workstream_lead, tree):
    finding = FindingFactory(plan=tree["top"].plan, number="KC1", quotation="Weak.")
    data = {"number": "KC1", "label": "Taken over", "quotation": "Weak.", "items": "", "version": 1}
    for user in (viewer, workstream_lead):
        client.force_login(user)
        assert client.post(_edit_url(finding), data).status_code == 403
    finding.refresh_from_db()
    assert finding.label == ""
