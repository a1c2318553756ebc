"""The update form's evidence picker: a search of the whole area's evidence bank by title, kind and
date (htmx, and the same without JavaScript, keeping what was typed), and owners told before the
challenge what a status needing evidence of impact will ask for."""

import datetime

import pytest
from django.urls import reverse

from areas.access import access_for
from evidence.models import Evidence
from evidence.selectors import evidence_search
from progress.models import Update
from tests.areas.factories import UserFactory
from tests.evidence.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def _url(period, item):
    return reverse("progress:update", kwargs={"area": "stockport", "pk": period.pk, "item_pk": item.pk})


def _old(area, title, kind=Evidence.Kind.DOCUMENT, dated=None, impact=""):
    """Evidence someone else added: the update form does not list it until it is searched for."""
    return EvidenceFactory(
        area=area, title=title, kind=kind, dated=dated, impact=impact, added_by=UserFactory()
    )


@pytest.fixture
def bank(area, other_area):
    return {
        "survey": _old(
            area,
            "Parent carer survey 2021",
            Evidence.Kind.SURVEY,
            datetime.date(2021, 3, 12),
            "Eight in ten agreed",
        ),
        "old_survey": _old(area, "Parent carer survey 2019", Evidence.Kind.SURVEY, datetime.date(2019, 3, 1)),
        "minutes": _old(area, "Board minutes March", Evidence.Kind.MINUTES, datetime.date(2021, 3, 20)),
        "elsewhere": _old(
            other_area,
            "Parent carer survey 2021 (their area)",
            Evidence.Kind.SURVEY,
            datetime.date(2021, 3, 12),
        ),
    }


def _search(client, period, item, htmx=False, **fields):
    data = {"action": "search", "commentary": "Typed but not saved yet", **fields}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(_url(period, item), data, headers=headers)


class TestTheSelector:
    def test_it_finds_by_title_kind_and_dates_only_in_the_users_area(self, programme_manager, bank, area):
        access = access_for(programme_manager, area.slug)

        def titles(**kwargs):
            return [e.title for e in evidence_search(access=access, **kwargs).results]

        assert titles(title="carer SURVEY") == ["Parent carer survey 2021", "Parent carer survey 2019"]
        assert titles(kind="minutes") == ["Board minutes March"]
        assert titles(dated_from=datetime.date(2021, 1, 1), dated_to=datetime.date(2021, 3, 15)) == [
            "Parent carer survey 2021"
        ]
        assert titles(title="survey", leave_out=[bank["survey"].pk]) == ["Parent carer survey 2019"]

    def test_it_shows_at_most_the_limit_and_says_how_many_more(
        self, programme_manager, area, django_assert_max_num_queries
    ):
        for n in range(25):
            _old(area, f"Case study {n}", Evidence.Kind.CASE_STUDY)
        access = access_for(programme_manager, area.slug)

        with django_assert_max_num_queries(2):
            found = evidence_search(access=access, title="case study")

        assert (len(found.results), found.more, found.total) == (20, 5, 25)


class TestTheUpdateForm:
    def test_evidence_others_added_is_not_listed_until_searched_for(
        self, client, contributor, period, tree, bank
    ):
        client.force_login(contributor)

        page = client.get(_url(period, tree["mine"])).content.decode()

        assert "Parent carer survey 2021" not in page
        assert "Find evidence in the evidence bank" in page

    def test_searching_without_javascript_keeps_what_was_typed_and_saves_nothing(
        self, client, contributor, period, tree, bank, statuses
    ):
        client.force_login(contributor)

        response = _search(
            client, period, tree["mine"], proposed_status=statuses[2].pk, **{"search-title": "survey"}
        )

        page = response.content.decode()
        assert response.status_code == 200
        assert "<html" in page
        assert "Typed but not saved yet" in page
        assert f'value="{statuses[2].pk}" checked' in page or f'value="{statuses[2].pk}"\n checked' in page
        results = page[page.index('id="evidence-results"') :]
        assert "Parent carer survey 2021" in results and "Parent carer survey 2019" in results
        assert "2 found" in results
        assert "Board minutes March" not in results
        assert "their area" not in page, "another area's evidence is never offered"
        assert not Update.objects.exists()

    def test_with_htmx_only_the_search_and_its_results_come_back(
        self, client, contributor, period, tree, bank
    ):
        client.force_login(contributor)

        page = _search(client, period, tree["mine"], htmx=True, **{"search-kind": "minutes"}).content.decode()

        assert "<html" not in page
        assert page.strip().startswith('<div class="govuk-form-group" id="evidence-search">')
        assert "Board minutes March" in page and "1 found" in page

    def test_a_wrong_date_in_the_search_says_what_to_do(self, client, contributor, period, tree, bank):
        client.force_login(contributor)

        page = _search(client, period, tree["mine"], **{"search-dated_from": "31/02/2021"}).content.decode()

        assert "govuk-error-message" in page[page.index('id="evidence-search"') :]
        assert not Update.objects.exists()

    def test_evidence_found_and_ticked_is_saved_and_stays_ticked(
        self, client, contributor, period, tree, bank, statuses
    ):
        client.force_login(contributor)
        url = _url(period, tree["mine"])
        data = {
            "commentary": "Surveyed parents",
            "proposed_status": statuses[2].pk,
            "evidence": [bank["survey"].pk],
        }

        page = client.post(url, {**data, "action": "search", "search-title": "minutes"}).content.decode()
        results = page[page.index('id="evidence-results"') :]
        assert (
            f'value="{bank["survey"].pk}" aria-describedby="evidence-found-{bank["survey"].pk}-hint" checked'
            in results
        )
        assert "Board minutes March" in results

        assert client.post(url, data).status_code == 302
        update = Update.objects.get()
        assert list(update.evidence.all()) == [bank["survey"]]

        page = client.get(url).content.decode()
        listed = page[page.index("already on this item") : page.index('id="evidence-search"')]
        assert "Parent carer survey 2021" in listed and "checked" in listed

    def test_another_areas_evidence_is_refused_even_with_a_forged_id(
        self, client, contributor, period, tree, bank, statuses
    ):
        client.force_login(contributor)

        response = client.post(
            _url(period, tree["mine"]),
            {"commentary": "Forged", "proposed_status": statuses[2].pk, "evidence": [bank["elsewhere"].pk]},
        )

        assert response.status_code == 200
        assert "Choose evidence from this local area&#x27;s evidence bank" in response.content.decode()
        assert not Update.objects.exists()


class TestEvidenceOfImpact:
    def test_the_status_radios_say_which_statuses_need_evidence_of_impact(
        self, client, contributor, period, tree
    ):
        client.force_login(contributor)

        page = client.get(_url(period, tree["mine"])).content.decode()

        assert "Needs evidence of impact on children and families." in page
        assert "only confirmed at the challenge if you tick evidence" in page

    def test_proposing_embedded_without_impact_evidence_is_saved_with_the_challenges_words(
        self, client, contributor, period, tree, statuses, bank
    ):
        client.force_login(contributor)
        url = _url(period, tree["mine"])

        response = client.post(
            url, {"commentary": "All done", "proposed_status": statuses[4].pk}, follow=True
        )

        page = response.content.decode()
        assert "Update on 1.1.1.1 saved" in page
        assert (
            "The challenge will not confirm it yet. “Completed and embedded” needs evidence of impact."
            in page
        )
        assert Update.objects.get().proposed_status == statuses[4]
        form = client.get(url).content.decode()
        assert 'id="impact-warning"' in form

        client.post(
            url,
            {
                "commentary": "All done",
                "proposed_status": statuses[4].pk,
                "evidence": [bank["survey"].pk],
                "version": 1,
            },
        )
        assert 'id="impact-warning"' not in client.get(url).content.decode()
