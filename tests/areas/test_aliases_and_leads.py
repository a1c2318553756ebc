"""A person's other names ("SEND GM" is PeRi), and workstreams with several leads: on their forms and
pages, refused when a name is someone else's, and the single lead each workstream had kept as its first."""

import html

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from areas.models import Person, Workstream
from history.models import Change
from tests.areas.factories import GroupFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"area": "stockport", **kwargs})


def test_a_persons_aliases_are_saved_from_their_form_and_shown_on_their_page(
    client, lead_person, programme_manager
):
    client.force_login(programme_manager)
    response = client.post(
        url("areas:person-edit", pk=lead_person.pk),
        {"initials": "CL", "aliases": "SEND GM, PeRi ; SEND GM", "version": lead_person.version},
    )

    assert response.status_code == 302
    lead_person.refresh_from_db()
    assert lead_person.aliases == "SEND GM; PeRi"
    page = client.get(url("areas:person", pk=lead_person.pk)).content.decode()
    assert "SEND GM; PeRi" in page
    assert Change.objects.filter(subject="Person CL").last().changes["Aliases"] == ["", "SEND GM; PeRi"]


def test_an_alias_that_is_someone_elses_initials_or_alias_is_refused_saying_whose(
    client, area, lead_person, owner_person, programme_manager
):
    PersonFactory(area=area, initials="PR", aliases="SEND GM")
    client.force_login(programme_manager)
    edit = url("areas:person-edit", pk=lead_person.pk)

    page = client.post(edit, {"initials": "CL", "aliases": "s.m.", "version": 1}).content.decode()
    assert '"s.m." is already the initials of SM: give each name to one person only' in html.unescape(page)

    page = client.post(edit, {"initials": "CL", "aliases": "send gm", "version": 1}).content.decode()
    assert '"send gm" is already an alias of PR: give each name to one person only' in html.unescape(page)

    page = client.post(edit, {"initials": "SEND GM", "version": 1}).content.decode()
    assert '"SEND GM" is already an alias of PR' in html.unescape(page)
    assert Person.objects.get(pk=lead_person.pk).aliases == ""


def test_a_person_edited_meanwhile_shows_their_aliases_beside_yours(client, lead_person, programme_manager):
    client.force_login(programme_manager)
    stale = {"initials": "CL", "version": lead_person.version}
    client.post(url("areas:person-edit", pk=lead_person.pk), {**stale, "aliases": "SEND GM"})

    page = client.post(url("areas:person-edit", pk=lead_person.pk), {**stale, "aliases": "PeRi"}).content
    page = page.decode()

    assert "Someone else changed this person while you were editing it" in page
    assert "<strong>Theirs:</strong> SEND GM" in page and "<strong>Yours:</strong> PeRi" in page


def test_a_workstream_gets_three_co_leads_kept_in_order_and_each_may_edit_its_items(
    client, area, tree, other_workstream, lead_person, owner_person, programme_manager, workstream_lead
):
    board = GroupFactory(area=area, name="SEND Improvement Board", initials="SIB")
    client.force_login(programme_manager)
    response = client.post(
        url("areas:workstream-edit", pk=other_workstream.pk),
        {
            "code": "JC",
            "name": "Joint Commissioning",
            "leads": [owner_person.pk, board.pk, lead_person.pk],
            "version": other_workstream.version,
        },
    )

    assert response.status_code == 302
    leads = Workstream.objects.get(pk=other_workstream.pk).ordered_leads()
    assert {p.initials for p in leads} == {"SM", "SIB", "CL"}
    assert Change.objects.filter(subject="Workstream JC").last().changes["Leads"][1] == ", ".join(
        p.initials for p in leads
    )
    page = client.get(url("areas:workstream", pk=other_workstream.pk)).content.decode()
    assert "Leads:" in page and "SEND Improvement Board" in page and "CL (Strategic Lead" in page

    client.force_login(workstream_lead)  # CL, now one of JC's three leads
    assert client.get(url("plans:item-edit", pk=tree["theirs"].pk)).status_code == 200


def test_a_workstream_edited_meanwhile_shows_their_leads_beside_yours(
    client, workstream, lead_person, owner_person, programme_manager
):
    client.force_login(programme_manager)
    stale = {"code": workstream.code, "name": workstream.name, "version": workstream.version}
    client.post(url("areas:workstream-edit", pk=workstream.pk), {**stale, "leads": [owner_person.pk]})

    page = client.post(
        url("areas:workstream-edit", pk=workstream.pk), {**stale, "leads": [lead_person.pk, owner_person.pk]}
    ).content.decode()

    assert "Someone else changed this workstream while you were editing it" in page
    # The leads it had keep their place; one added comes after them.
    assert "<strong>Theirs:</strong> SM" in page and "<strong>Yours:</strong> SM, CL" in page


BEFORE = [("areas", "0003_area_branding")]
AFTER = [("areas", "0004_groups_aliases_leads")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_workstreams_one_lead_becomes_its_first_lead():
    old = _migrate(BEFORE)
    area = old.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    person = old.get_model("areas", "Person").objects.create(area=area, initials="CL")
    workstream = old.get_model("areas", "Workstream").objects
    led = workstream.create(area=area, code="S/E", name="SEN Support", lead=person)
    workstream.create(area=area, code="JC", name="Joint Commissioning")

    new = _migrate(AFTER)
    leads = new.get_model("areas", "WorkstreamLead").objects.all()
    assert [(lead.workstream_id, lead.person_id, lead.position) for lead in leads] == [(led.pk, person.pk, 0)]
    assert new.get_model("areas", "Person").objects.get().kind == "person"
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
