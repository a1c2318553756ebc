"""The "You said, we did" pages: the list and its filters, an entry's page, adding and editing (only
the programme manager publishes), and the entries on a plan item's page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import ItemFactory, PlanFactory
from tests.scorecard.factories import MeasureFactory, OutcomeFactory
from voice.models import Entry, Source

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"voice:{name}", kwargs={"area": "stockport", **kwargs})


def form_data(**changes):
    data = {
        "reference": "YS1",
        "said": "We want a say in how services are designed",
        "source": Source.WORKSHOP,
        "heard_on": "12/03/2021",
        "group": "Parent carer forum",
        "did": "We wrote a co-production charter with the forum",
        "how_we_know": "The forum signed the charter",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def references(response) -> list[str]:
    return [entry.reference for entry in response.context["page"].object_list]


# The list


@pytest.fixture
def listed(area, tree):
    outcome = OutcomeFactory(area=area, code="I2", statement="I am listened to")
    EntryFactory(area=area, reference="YS1", source=Source.SURVEY, is_published=True)
    charter = EntryFactory(
        area=area, reference="YS2", source=Source.WORKSHOP, said="We want to be equal partners"
    )
    reviews = EntryFactory(area=area, reference="YS10", source=Source.FORUM, said="Annual reviews are late")
    charter.outcomes.add(outcome)
    reviews.items.add(tree["mine"])
    return {"outcome": outcome, "item": tree["mine"]}


def test_the_list_shows_each_entry_in_reference_order_with_published_in_words(client, viewer, listed):
    client.force_login(viewer)

    response = client.get(url("list"))

    assert references(response) == ["YS1", "YS2", "YS10"]
    page = response.content.decode()
    assert "Published</strong>" in page and "Not published</strong>" in page
    assert "I2" in page and "WSOA-2019 1.1.1.1" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda d: {"outcome": d["outcome"].pk}, ["YS2"]),
        (lambda d: {"source": Source.SURVEY}, ["YS1"]),
        (lambda d: {"item": d["item"].pk}, ["YS10"]),
        (lambda d: {"published": "yes"}, ["YS1"]),
        (lambda d: {"published": "no"}, ["YS2", "YS10"]),
        (lambda d: {"q": "annual LATE"}, ["YS10"]),
    ],
    ids=["i statement", "source", "item", "published", "not published", "words"],
)
def test_each_filter_narrows_the_list(client, viewer, listed, query, expected):
    client.force_login(viewer)

    assert references(client.get(url("list"), query(listed))) == expected


def test_another_areas_i_statement_in_the_address_is_ignored_not_shown(client, viewer, listed, other_area):
    client.force_login(viewer)
    theirs = OutcomeFactory(area=other_area, statement="Fenbridge's own")

    response = client.get(url("list"), {"outcome": theirs.pk})

    assert references(response) == ["YS1", "YS2", "YS10"]
    assert "Fenbridge's own" not in response.content.decode()


def test_the_list_shows_fifty_a_page_and_keeps_the_filters_on_the_next_page(client, viewer, area):
    for n in range(1, 56):
        EntryFactory(area=area, reference=f"YS{n}", source=Source.SURVEY)
    EntryFactory(area=area, reference="YS99", source=Source.FORUM)
    client.force_login(viewer)

    first = client.get(url("list"), {"source": Source.SURVEY})
    second = client.get(url("list"), {"source": Source.SURVEY, "page": 2})

    assert len(references(first)) == 50 and references(second) == [f"YS{n}" for n in range(51, 56)]
    assert "source=survey&amp;page=2" in first.content.decode()


def _list_queries(client, area, count, plan):
    outcome = OutcomeFactory(area=area)
    for n in range(count):
        entry = EntryFactory(area=area, reference=f"Q{count}-{n}")
        entry.outcomes.add(outcome)
        entry.items.add(ItemFactory(plan=plan, number=f"{n + 1}"))
    client.get(url("list"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("list"), {"source": Source.FORUM}).status_code == 200
    return len(queries)


def test_the_lists_query_count_stays_the_same_for_many_more_entries(client, viewer, area, other_area):
    """Few entries in one area, many more (each with an I statement and an item) in another."""
    client.force_login(viewer)
    few = _list_queries(client, area, 3, PlanFactory(area=area, reference="A"))
    Entry.objects.filter(area=area).delete()
    many = _list_queries(client, area, 120, PlanFactory(area=area, reference="B"))

    assert few == many


# An entry's page


def test_an_entrys_page_quotes_what_was_said_and_links_how_we_know(client, viewer, area, tree):
    entry = EntryFactory(area=area, reference="YS4", said="We could not find the Local Offer")
    evidence = EvidenceFactory(area=area, title="Local Offer survey", file_name="survey.txt", content=b"x")
    measure = MeasureFactory(area=area, code="E9", name="Families who find the Local Offer useful")
    entry.evidence.add(evidence)
    entry.measures.add(measure)
    entry.items.add(tree["top"])
    client.force_login(viewer)

    page = client.get(url("entry", pk=entry.pk)).content.decode()

    assert "We could not find the Local Offer</blockquote>" in page
    assert reverse("evidence:evidence", kwargs={"area": "stockport", "pk": evidence.pk}) in page
    assert reverse("evidence:download", kwargs={"area": "stockport", "pk": evidence.pk}) in page
    assert reverse("scorecard:measure", kwargs={"area": "stockport", "pk": measure.pk}) in page
    assert reverse("plans:item", kwargs={"area": "stockport", "pk": tree["top"].pk}) in page
    assert "Not published" in page


def test_without_evidence_files_or_the_scorecard_the_entry_page_leaves_them_out(
    client, viewer, area, monkeypatch
):
    from areas import access
    from areas.access import READS, Kind, Role

    entry = EntryFactory(area=area)
    evidence = EvidenceFactory(area=area, file_name="survey.txt", content=b"x")
    measure = MeasureFactory(area=area, code="E9")
    entry.evidence.add(evidence)
    entry.measures.add(measure)
    monkeypatch.setitem(access.READS, Role.VIEWER, READS[Role.VIEWER] - {Kind.EVIDENCE_FILES, Kind.SCORECARD})
    client.force_login(viewer)

    page = client.get(url("entry", pk=entry.pk)).content.decode()

    assert reverse("evidence:evidence", kwargs={"area": "stockport", "pk": evidence.pk}) in page
    assert reverse("evidence:download", kwargs={"area": "stockport", "pk": evidence.pk}) not in page
    assert reverse("scorecard:measure", kwargs={"area": "stockport", "pk": measure.pk}) not in page


# Adding and editing


def test_adding_suggests_the_next_free_ys_reference(client, contributor, area):
    EntryFactory(area=area, reference="YS7")
    EntryFactory(area=area, reference="Charter")
    client.force_login(contributor)

    assert 'value="YS8"' in client.get(url("entry-create")).content.decode()


def test_a_contributor_adds_an_entry_with_its_links(client, contributor, area, tree):
    outcome = OutcomeFactory(area=area, code="I2")
    evidence = EvidenceFactory(area=area)
    client.force_login(contributor)

    response = client.post(
        url("entry-create"),
        form_data(outcomes=[outcome.pk], items=[tree["mine"].pk, tree["top"].pk], evidence=[evidence.pk]),
    )

    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == url("entry", pk=entry.pk)
    assert entry.heard_on == date(2021, 3, 12) and entry.source == Source.WORKSHOP
    assert set(entry.items.all()) == {tree["mine"], tree["top"]} and list(entry.outcomes.all()) == [outcome]
    assert entry.added_by == contributor and not entry.is_published


def test_a_form_missing_what_was_said_shows_the_message_and_keeps_the_rest(client, contributor):
    client.force_login(contributor)

    page = client.post(url("entry-create"), form_data(said="", heard_on="31/02/2021")).content.decode()

    assert "Enter what families or young people said" in page
    assert "31/02/2021" in page and 'value="Parent carer forum"' in page
    assert not Entry.objects.exists()


def test_another_areas_item_cannot_be_chosen(client, contributor, other_area):
    item = ItemFactory(plan=PlanFactory(area=other_area), number="9")
    client.force_login(contributor)

    page = client.post(url("entry-create"), form_data(items=[item.pk])).content.decode()

    assert "Choose items of this local area&#x27;s plans" in page
    assert not Entry.objects.exists()


def test_the_edit_form_says_which_items_and_evidence_are_linked_now(client, contributor, area, tree):
    entry = EntryFactory(area=area)
    entry.items.add(tree["mine"])
    entry.evidence.add(EvidenceFactory(area=area, title="Forum minutes"))
    client.force_login(contributor)

    page = client.get(url("entry-edit", pk=entry.pk)).content.decode()

    assert "Linked now: WSOA-2019 1.1.1.1" in page and "Linked now: Forum minutes" in page


def test_the_programme_manager_publishes_an_entry(client, programme_manager, area):
    entry = EntryFactory(area=area, reference="YS1")
    client.force_login(programme_manager)
    assert "Published to families" in client.get(url("entry-edit", pk=entry.pk)).content.decode()

    client.post(url("entry-edit", pk=entry.pk), form_data(is_published="on", version=entry.version))

    assert Entry.objects.get(pk=entry.pk).is_published


@pytest.mark.parametrize("published", [True, False])
def test_a_lead_cannot_publish_or_unpublish_by_forging_the_field(client, workstream_lead, area, published):
    entry = EntryFactory(area=area, reference="YS1", is_published=published)
    client.force_login(workstream_lead)
    assert 'name="is_published"' not in client.get(url("entry-edit", pk=entry.pk)).content.decode()

    forged = form_data(did="Changed by the lead", version=entry.version)
    if not published:
        forged["is_published"] = "on"
    client.post(url("entry-edit", pk=entry.pk), forged)

    entry.refresh_from_db()
    assert entry.did == "Changed by the lead" and entry.is_published == published


def test_a_contributor_cannot_publish_a_new_entry_by_forging_the_field(client, contributor):
    client.force_login(contributor)

    client.post(url("entry-create"), form_data(is_published="on"))

    assert Entry.objects.get().is_published is False


def test_when_someone_else_saved_first_the_edit_shows_theirs_beside_yours(
    client, area, contributor, programme_manager
):
    entry = EntryFactory(area=area, reference="YS1", did="Started a guide")
    client.force_login(programme_manager)
    client.post(url("entry-edit", pk=entry.pk), form_data(did="Published the guide", version=1))
    client.force_login(contributor)

    page = client.post(url("entry-edit", pk=entry.pk), form_data(did="Wrote the guide", version=1))

    text = page.content.decode()
    assert "Someone else changed this entry while you were editing it" in text
    assert "<strong>Theirs:</strong> Published the guide" in text
    assert "<strong>Yours:</strong> Wrote the guide" in text
    assert Entry.objects.get(pk=entry.pk).did == "Published the guide"


def test_a_viewer_cannot_add_or_edit_entries_and_is_not_offered_to(client, viewer, area):
    entry = EntryFactory(area=area)
    client.force_login(viewer)

    assert client.post(url("entry-create"), form_data()).status_code == 403
    assert client.post(url("entry-edit", pk=entry.pk), form_data(version=1)).status_code == 403
    assert url("entry-create") not in client.get(url("list")).content.decode()
    assert url("entry-edit", pk=entry.pk) not in client.get(url("entry", pk=entry.pk)).content.decode()


# A plan item's page and the menu


def test_an_items_page_shows_its_entries_and_not_others(client, viewer, area, tree):
    mine = EntryFactory(area=area, reference="YS1", said="Tell us who our key worker is")
    EntryFactory(area=area, reference="YS2", said="Something about another item").items.add(tree["theirs"])
    mine.items.add(tree["mine"])
    client.force_login(viewer)

    page = client.get(
        reverse("plans:item", kwargs={"area": "stockport", "pk": tree["mine"].pk})
    ).content.decode()

    assert "Tell us who our key worker is" in page and url("entry", pk=mine.pk) in page
    assert "Something about another item" not in page


def test_without_reading_it_the_menu_and_an_items_page_leave_it_out(client, viewer, area, tree, monkeypatch):
    from areas import access
    from areas.access import READS, Kind, Role

    EntryFactory(area=area, said="Tell us who our key worker is").items.add(tree["mine"])
    client.force_login(viewer)
    item_url = reverse("plans:item", kwargs={"area": "stockport", "pk": tree["mine"].pk})
    assert url("list") in client.get(item_url).content.decode()

    monkeypatch.setitem(access.READS, Role.VIEWER, READS[Role.VIEWER] - {Kind.VOICE})
    page = client.get(item_url).content.decode()

    assert url("list") not in page and "Tell us who our key worker is" not in page


def test_the_scorecard_links_each_i_statement_to_what_families_said_about_it(client, viewer, area):
    outcome = OutcomeFactory(area=area, code="I2", statement="My voice is heard and acted upon")
    MeasureFactory(area=area).outcomes.add(outcome)
    client.force_login(viewer)

    page = client.get(reverse("scorecard:scorecard", kwargs={"area": "stockport"})).content.decode()

    assert f"{url('list')}?outcome={outcome.pk}" in page


def test_the_list_offers_the_spreadsheet_to_everyone_and_its_import_to_the_programme_manager(
    client, viewer, programme_manager, listed
):
    client.force_login(viewer)
    as_viewer = client.get(url("list")).content.decode()
    client.force_login(programme_manager)
    as_manager = client.get(url("list")).content.decode()

    assert url("export") in as_viewer and url("import") not in as_viewer
    assert url("export") in as_manager and url("import") in as_manager
