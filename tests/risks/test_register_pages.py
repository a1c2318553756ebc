"""The register, a risk's page and its chart, and the forms, as people use them."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from risks.models import Risk, RiskScore
from tests.risks.factories import MitigationFactory, RiskFactory


def _url(name, area, **kwargs):
    return reverse(name, kwargs={"area": area.slug, **kwargs})


def _register(client, area, plan, query=""):
    response = client.get(_url("risks:register", area, plan_pk=plan.pk) + query)
    assert response.status_code == 200
    return response.content.decode()


def _references(html):
    return re.findall(r'<a class="govuk-link" href="/areas/[^"]+/risks/\d+/">([^<]+)</a>', html)


# The register


def test_the_register_lists_open_risks_with_their_band_in_words(client, register, viewer, area, plan):
    client.force_login(viewer)
    html = _register(client, area, plan)
    assert _references(html) == ["R1", "R2"]
    assert '<strong class="app-band app-band--red">20 Red</strong>' in html
    assert '<strong class="app-band app-band--amber">9 Amber</strong>' in html
    assert "Not enough educational psychologists" in html


def test_the_register_states_the_bands_in_words(client, register, viewer, area, plan):
    client.force_login(viewer)
    html = _register(client, area, plan)
    assert "Green: a score of 1 to 4. Amber: 5 to 14. Red: 15 to 25." in html


def test_an_overdue_review_is_flagged_in_words(client, register, viewer, area, plan):
    client.force_login(viewer)
    html = _register(client, area, plan)
    row = html[html.index(">R2<") : html.index("</tr>", html.index(">R2<"))]
    assert "Review overdue" in row
    red_row = html[html.index(">R1<") : html.index("</tr>", html.index(">R1<"))]
    assert "Review overdue" not in red_row


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?status=closed", ["R3"]),
        ("?status=all", ["R1", "R2", "R3"]),
        ("?band=red", ["R1"]),
        ("?band=amber", ["R2"]),
        ("?status=all&category=Finance", ["R2", "R3"]),
        ("?overdue=on", ["R2"]),
        ("?status=nonsense", ["R1", "R2"]),
    ],
)
def test_the_register_filters_by_status_band_category_and_overdue_review(
    client, register, viewer, area, plan, query, shown
):
    client.force_login(viewer)
    assert _references(_register(client, area, plan, query)) == shown


def test_the_register_filters_by_owner(client, register, viewer, area, plan, owner_person):
    client.force_login(viewer)
    assert _references(_register(client, area, plan, f"?owner={owner_person.pk}")) == ["R1"]


def test_references_sort_as_people_read_them(client, plan, viewer, area):
    for reference in ("R10", "R2", "R1"):
        RiskFactory(plan=plan, reference=reference)
    client.force_login(viewer)
    assert _references(_register(client, area, plan)) == ["R1", "R2", "R10"]


def test_the_risks_menu_shows_the_register_of_the_areas_only_plan(client, register, viewer, area):
    client.force_login(viewer)
    response = client.get(_url("risks:home", area))
    assert _references(response.content.decode()) == ["R1", "R2"]
    assert 'href="/areas/stockport/risks/"' in response.content.decode()


def test_with_two_plans_the_risks_menu_lists_them_with_their_counts(client, register, viewer, area):
    from tests.plans.factories import PlanFactory

    PlanFactory(area=area, reference="SEND-2024", title="Improvement plan")
    client.force_login(viewer)
    html = client.get(_url("risks:home", area)).content.decode()
    assert "SEND-2024" in html and "WSOA-2019" in html
    assert '<span class="app-cell-label">Open risks</span>2' in html


def test_the_registers_query_count_does_not_grow_with_its_risks(client, plan, viewer, area, owner_person):
    def count():
        client.get(_url("risks:register", area, plan_pk=plan.pk))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("risks:register", area, plan_pk=plan.pk)).status_code == 200
        return len(queries)

    client.force_login(viewer)
    for n in range(3):
        RiskFactory(plan=plan, reference=f"A{n}", owner=owner_person, category=f"C{n}")
    small = count()
    for n in range(30):
        RiskFactory(plan=plan, reference=f"B{n}", owner=owner_person, category=f"D{n}")
    assert count() == small


# A risk's page


def test_the_risk_page_says_cause_event_and_effect_as_a_sentence(client, register, viewer, area):
    client.force_login(viewer)
    html = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert (
        "Because of vacancies in the educational psychology team there is a risk that advice for EHC needs "
        "assessments is late which would mean plans miss the 20-week deadline"
    ) in " ".join(html.split())


def test_the_risk_page_shows_the_three_assessments_with_their_words(client, register, viewer, area):
    client.force_login(viewer)
    html = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert "4 Likely" in html and "5 Severe" in html
    assert "20 Red" in html  # now
    assert "25 Red" in html  # before mitigation
    assert "2 Unlikely" in html and "3 Moderate" in html and "6 Amber" in html  # target


def test_the_risk_page_lists_mitigations_with_notes_newest_first(client, register, viewer, area):
    client.force_login(viewer)
    html = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert "Recruit two more educational psychologists" in html
    assert html.index("Two posts offered") < html.index("Advert placed")


def test_the_risk_page_links_its_items_and_measures(client, register, viewer, area, tree):
    from tests.scorecard.factories import MeasureFactory

    measure = MeasureFactory(area=area, code="E7")
    register["red"].measures.set([measure])
    client.force_login(viewer)
    html = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert _url("plans:item", area, pk=tree["mine"].pk) in html
    assert _url("scorecard:measure", area, pk=measure.pk) in html


def test_a_closed_risk_shows_its_reason(client, register, viewer, area):
    client.force_login(viewer)
    html = client.get(_url("risks:risk", area, pk=register["green"].pk)).content.decode()
    assert "Closed" in html and "Funding agreed for three years" in html


def test_the_chart_and_its_table_agree(client, register, viewer, area):
    red = register["red"]
    RiskScore.objects.create(risk=red, likelihood=3, impact=5, scored_on=datetime.date(2021, 4, 1))
    RiskScore.objects.create(risk=red, likelihood=2, impact=5, scored_on=datetime.date(2021, 5, 1))
    client.force_login(viewer)
    svg = client.get(_url("risks:chart", area, pk=red.pk))
    assert svg["Content-Type"].startswith("image/svg+xml")
    charted = [int(s) for s in re.findall(r'data-score="(\d+)"', svg.content.decode())]
    html = client.get(_url("risks:risk", area, pk=red.pk)).content.decode()
    table = html[html.index('id="score-table"') :]
    tabled = [int(s) for s in re.findall(r'app-cell-label">Score</span>(\d+)<', table)]
    assert charted == [20, 15, 10]
    assert tabled == list(reversed(charted))  # the table is newest first
    assert "Red: 15 to 25" in svg.content.decode() and "Amber: 5 to 14" in svg.content.decode()
    assert "now 10 (Amber) since 01/05/2021" in html


# Who may do what


def test_a_contributor_who_owns_a_risk_may_review_it(client, register, contributor, area):
    client.force_login(contributor)
    url = _url("risks:risk-review", area, pk=register["red"].pk)
    response = client.post(
        url, {"likelihood": "3", "impact": "5", "review_on": "31/05/2099", "version": register["red"].version}
    )
    assert response.status_code == 302
    red = Risk.objects.get(pk=register["red"].pk)
    assert (red.likelihood, red.impact, red.review_on) == (3, 5, datetime.date(2099, 5, 31))
    assert red.scores.count() == 2


def test_a_contributor_who_does_not_own_a_risk_may_not_review_it(client, register, contributor, area):
    client.force_login(contributor)
    assert client.get(_url("risks:risk-review", area, pk=register["amber"].pk)).status_code == 403
    response = client.post(
        _url("risks:risk-review", area, pk=register["amber"].pk), {"likelihood": "1", "impact": "1"}
    )
    assert response.status_code == 403
    assert Risk.objects.get(pk=register["amber"].pk).likelihood == 3


def test_viewers_read_the_register_but_see_no_actions(client, register, viewer, area, plan):
    client.force_login(viewer)
    html = _register(client, area, plan)
    assert "Add a risk" not in html
    page = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert "Review the score" not in page and "Edit risk" not in page and "Add progress" not in page
    assert client.get(_url("risks:risk-edit", area, pk=register["red"].pk)).status_code == 403


def test_the_owner_sees_review_and_progress_but_not_edit(client, register, contributor, area):
    client.force_login(contributor)
    page = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert "Review the score" in page and "Add progress" in page
    assert "Edit risk" not in page and "Close risk" not in page


# The forms


def test_adding_a_risk_records_its_first_score(client, plan, programme_manager, area, owner_person, tree):
    client.force_login(programme_manager)
    response = client.post(
        _url("risks:risk-create", area, plan_pk=plan.pk),
        {
            "reference": "R9",
            "title": "Transport costs rise",
            "owner": owner_person.pk,
            "likelihood": "3",
            "impact": "4",
            "items": [tree["mine"].pk, tree["theirs"].pk],
            "review_on": "30/04/2021",
        },
    )
    risk = Risk.objects.get(reference="R9")
    assert response["Location"] == risk.get_absolute_url()
    assert [s.score for s in risk.scores.all()] == [12]
    assert set(risk.items.all()) == {tree["mine"], tree["theirs"]}


def test_a_half_assessed_risk_is_refused_with_a_message(client, plan, programme_manager, area):
    client.force_login(programme_manager)
    response = client.post(
        _url("risks:risk-create", area, plan_pk=plan.pk), {"reference": "R9", "title": "T", "likelihood": "3"}
    )
    assert "Enter both the likelihood and the impact now, or neither" in response.content.decode()
    assert not Risk.objects.filter(reference="R9").exists()


def test_an_item_of_another_plan_cannot_be_chosen(client, plan, programme_manager, area):
    from tests.plans.factories import ItemFactory, PlanFactory

    elsewhere = ItemFactory(plan=PlanFactory(area=area, reference="OTHER"), number="1")
    client.force_login(programme_manager)
    response = client.post(
        _url("risks:risk-create", area, plan_pk=plan.pk),
        {"reference": "R9", "title": "T", "items": [elsewhere.pk]},
    )
    assert "Choose items of this plan" in response.content.decode()


def test_a_stale_edit_shows_what_the_other_person_saved(client, register, programme_manager, area):
    red = register["red"]
    client.force_login(programme_manager)
    old_version = red.version
    Risk.objects.filter(pk=red.pk).update(title="Educational psychology capacity", version=old_version + 1)
    response = client.post(
        _url("risks:risk-edit", area, pk=red.pk),
        {
            "reference": "R1",
            "title": "My new title",
            "likelihood": "4",
            "impact": "5",
            "version": old_version,
        },
    )
    html = response.content.decode()
    assert "Someone else changed this risk while you were editing it" in html
    assert "Educational psychology capacity" in html and "What the other person saved" in html
    assert Risk.objects.get(pk=red.pk).title == "Educational psychology capacity"


def test_closing_needs_a_reason_and_reopening_brings_it_back(client, register, programme_manager, area):
    amber = register["amber"]
    client.force_login(programme_manager)
    url = _url("risks:risk-close", area, pk=amber.pk)
    response = client.post(url, {"reason": " ", "version": amber.version})
    assert "Say why the risk is being closed" in response.content.decode()
    client.post(url, {"reason": "Budget balanced", "version": amber.version})
    amber.refresh_from_db()
    assert amber.status == "closed" and amber.closed_reason == "Budget balanced"
    client.post(_url("risks:risk-reopen", area, pk=amber.pk), {"version": amber.version})
    amber.refresh_from_db()
    assert amber.status == "open" and amber.closed_reason == ""


def test_the_owner_adds_a_mitigation_and_dated_progress(client, register, contributor, area, owner_person):
    red = register["red"]
    client.force_login(contributor)
    client.post(
        _url("risks:mitigation-create", area, pk=red.pk),
        {"action": "Commission an independent EP service", "owner": owner_person.pk, "due_on": "31/07/2021"},
    )
    mitigation = red.mitigations.get(action="Commission an independent EP service")
    assert mitigation.due_on == datetime.date(2021, 7, 31)
    client.post(
        _url("risks:note-create", area, pk=red.pk, mitigation_pk=mitigation.pk),
        {"dated": "02/04/2021", "text": "Tender published"},
    )
    assert [(n.dated, n.text) for n in mitigation.notes.all()] == [
        (datetime.date(2021, 4, 2), "Tender published")
    ]


def test_the_progress_date_defaults_to_today(client, register, contributor, area):
    from django.utils import timezone

    client.force_login(contributor)
    url = _url("risks:note-create", area, pk=register["red"].pk, mitigation_pk=register["mitigation"].pk)
    assert timezone.localdate().strftime("%d/%m/%Y") in client.get(url).content.decode()


def test_marking_a_mitigation_done(client, register, programme_manager, area):
    mitigation = MitigationFactory(risk=register["amber"], action="Review top-up rates")
    client.force_login(programme_manager)
    client.post(
        _url("risks:mitigation-edit", area, pk=register["amber"].pk, mitigation_pk=mitigation.pk),
        {"action": "Review top-up rates", "is_done": "on", "version": mitigation.version},
    )
    mitigation.refresh_from_db()
    assert mitigation.is_done


def test_the_bands_page_documents_the_default_and_refuses_bad_thresholds(
    client, programme_manager, area, plan
):
    client.force_login(programme_manager)
    url = _url("risks:bands", area)
    html = client.get(url).content.decode()
    assert "By default" in html and "green 1\u20134, amber 5\u201312, red 15\u201325" in html
    response = client.post(url, {"amber_from": "10", "red_from": "8", "version": "1"})
    assert "Red must start at a score above amber" in response.content.decode()
    client.post(url, {"amber_from": "6", "red_from": "16", "version": "1"})
    assert "Green: a score of 1 to 5. Amber: 6 to 15. Red: 16 to 25." in _register(client, area, plan)


def test_the_item_page_lists_the_risks_linked_to_it(client, register, viewer, area, tree):
    client.force_login(viewer)
    html = client.get(_url("plans:item", area, pk=tree["mine"].pk)).content.decode()
    section = html[html.index('id="risks"') :]
    assert "R1" in section and "20 Red" not in section and "Red" in section
    assert _url("risks:risk", area, pk=register["red"].pk) in section


def test_a_role_that_does_not_read_risks_sees_no_risks_menu_nor_an_items_risks(
    client, register, viewer, area, tree, monkeypatch
):
    from areas import access
    from areas.access import READS, Kind, Role

    monkeypatch.setitem(access.READS, Role.VIEWER, READS[Role.VIEWER] - {Kind.RISKS})
    client.force_login(viewer)
    html = client.get(_url("plans:item", area, pk=tree["mine"].pk)).content.decode()
    assert 'id="risks"' not in html and "Not enough educational psychologists" not in html
    assert _url("risks:home", area) not in html
    assert client.get(_url("risks:home", area)).status_code == 403


def test_the_risk_page_leaves_out_measures_for_a_role_that_does_not_read_the_scorecard(
    client, register, viewer, area, monkeypatch
):
    from areas import access
    from areas.access import READS, Kind, Role
    from tests.scorecard.factories import MeasureFactory

    register["red"].measures.set([MeasureFactory(area=area, code="E7", name="Plans in 20 weeks")])
    monkeypatch.setitem(access.READS, Role.VIEWER, READS[Role.VIEWER] - {Kind.SCORECARD})
    client.force_login(viewer)
    html = client.get(_url("risks:risk", area, pk=register["red"].pk)).content.decode()
    assert "Plans in 20 weeks" not in html and "Scorecard measures" not in html


def test_the_edit_form_starts_from_the_saved_risk_and_saves_changes(
    client, register, programme_manager, area, tree
):
    red = register["red"]
    client.force_login(programme_manager)
    url = _url("risks:risk-edit", area, pk=red.pk)
    html = client.get(url).content.decode()
    assert f'<option value="{tree["mine"].pk}" selected>' in html
    assert 'value="Not enough educational psychologists"' in html
    response = client.post(
        url,
        {
            "reference": "R1",
            "title": "Educational psychology capacity",
            "likelihood": "4",
            "impact": "5",
            "items": [tree["mine"].pk],
            "version": red.version,
        },
    )
    assert response.status_code == 302
    red.refresh_from_db()
    assert red.title == "Educational psychology capacity" and list(red.items.all()) == [tree["mine"]]
    assert red.scores.count() == 1  # the score did not change


def test_the_risk_pages_query_count_does_not_grow_with_its_mitigations_and_notes(
    client, register, viewer, area, owner_person
):
    from tests.risks.factories import MitigationNoteFactory

    red = register["red"]
    url = _url("risks:risk", area, pk=red.pk)

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.force_login(viewer)
    small = count()
    for n in range(5):
        mitigation = MitigationFactory(risk=red, owner=owner_person, action=f"Action {n}")
        MitigationNoteFactory(mitigation=mitigation, text=f"Note {n}")
        RiskScore.objects.create(
            risk=red, likelihood=1 + n % 5, impact=2, scored_on=datetime.date(2021, 4, 1 + n)
        )
    assert count() == small
