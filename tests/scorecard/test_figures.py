"""A figure is entered by hand: its value or why there is none (never zero), edited without losing changes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scorecard.models import Figure, Series
from tests.scorecard.factories import BreakdownFactory, FigureFactory, MeasureFactory, headline


@pytest.fixture
def measure(area, owner_person):
    return MeasureFactory(area=area, code="E1", owner=owner_person)


def create_url(measure):
    return reverse("scorecard:figure-create", kwargs={"area": measure.area.slug, "pk": measure.pk})


def edit_url(figure):
    area = figure.breakdown.measure.area
    return reverse("scorecard:figure-edit", kwargs={"area": area.slug, "pk": figure.pk})


def entry(measure, **fields) -> dict:
    return {"breakdown": headline(measure).pk, "series": "area", "period": "2024", "value": "46.4", **fields}


def test_the_owner_enters_a_figure_for_a_period_as_written(client, contributor, measure):
    client.force_login(contributor)
    response = client.post(create_url(measure), entry(measure, period="201920", value="46.4"))

    assert response.status_code == 302
    figure = Figure.objects.get()
    assert (figure.series, figure.period, figure.value) == ("area", "2019/20", Decimal("46.4"))
    assert figure.period_ends_on.isoformat() == "2020-08-31"
    assert figure.source == Figure.Source.ENTERED
    assert figure.entered_by == contributor


def test_a_comparator_figure_goes_in_its_series_and_breakdown(client, programme_manager, measure):
    primary = BreakdownFactory(measure=measure, name="Primary")
    client.force_login(programme_manager)
    client.post(
        create_url(measure), entry(measure, breakdown=primary.pk, series="england", period="March 2024")
    )

    figure = Figure.objects.get()
    assert (figure.breakdown, figure.series, figure.period) == (primary, Series.ENGLAND, "March 2024")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"missing": "x"}, "x: suppressed or not available"),
        ({"missing": "c"}, "c: confidential"),
        ({"missing": "other", "missing_other": "The survey was not run"}, "The survey was not run"),
    ],
)
def test_a_figure_that_is_not_available_is_stored_with_its_reason_never_as_zero(
    client, contributor, measure, fields, reason
):
    client.force_login(contributor)
    client.post(create_url(measure), entry(measure, value="", **fields))

    figure = Figure.objects.get()
    assert figure.value is None
    assert figure.missing_reason == reason


def test_the_dfe_symbols_are_offered_with_their_meanings(client, contributor, measure):
    client.force_login(contributor)
    page = client.get(create_url(measure)).content.decode()
    for meaning in (
        "x: suppressed or not available",
        "z: not applicable",
        "c: confidential",
        ": not available",
    ):
        assert meaning in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": ""}, "Enter the value, or say why there is no figure"),
        ({"missing": "x"}, "Enter a value or say why there is no figure, not both"),
        ({"value": "about 40"}, "Enter the value as a number, such as 46.4"),
        ({"period": "last year"}, "“last year” is not a period this service can read"),
        ({"value": "", "missing": "other"}, "Enter why there is no figure"),
        ({"value": "99999999999"}, "The value is too big"),
    ],
)
def test_a_figure_that_cannot_be_saved_says_why_and_nothing_is_saved(
    client, contributor, measure, fields, message
):
    client.force_login(contributor)
    response = client.post(create_url(measure), entry(measure, **fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Figure.objects.exists()


def test_a_second_figure_for_the_same_period_says_so_and_links_to_edit_the_first(
    client, contributor, measure
):
    existing = FigureFactory(breakdown=headline(measure), series="area", period="2024", value=Decimal(50))
    client.force_login(contributor)
    response = client.post(create_url(measure), entry(measure, value="46.4"))

    page = response.content.decode()
    assert "There is already a 2024 figure for this area. Edit that figure instead" in page
    assert edit_url(existing) in page
    assert "Edit the 2024 figure for this area" in page
    existing.refresh_from_db()
    assert existing.value == Decimal(50)


def test_editing_a_figure_changes_it(client, contributor, measure):
    figure = FigureFactory(breakdown=headline(measure), value=Decimal(50))
    client.force_login(contributor)
    client.post(edit_url(figure), entry(measure, value="", missing="z", version=figure.version))

    figure.refresh_from_db()
    assert (figure.value, figure.missing_reason, figure.version) == (None, "z: not applicable", 2)


def test_the_second_of_two_people_editing_a_figure_is_refused_and_shown_the_first_ones_change(
    client, contributor, programme_manager, measure
):
    figure = FigureFactory(breakdown=headline(measure), value=Decimal(50))
    version = figure.version
    client.force_login(programme_manager)
    client.post(edit_url(figure), entry(measure, value="60", version=version))

    client.force_login(contributor)
    response = client.post(edit_url(figure), entry(measure, value="70", version=version))

    page = response.content.decode()
    assert "Someone else changed this figure while you were editing it" in page
    assert "This area 2024: 60" in page
    figure.refresh_from_db()
    assert figure.value == Decimal(60)


@pytest.mark.parametrize("who", ["viewer", "contributor"])
def test_a_viewer_or_a_contributor_who_does_not_own_the_measure_cannot_enter_its_figures(
    client, request, area, who
):
    theirs = MeasureFactory(area=area, owner=None)
    figure = FigureFactory(breakdown=headline(theirs))
    client.force_login(request.getfixturevalue(who))

    assert client.get(create_url(theirs)).status_code == 403
    assert client.post(create_url(theirs), entry(theirs, period="2023")).status_code == 403
    assert client.post(edit_url(figure), entry(theirs, value="1", version=1)).status_code == 403
    assert Figure.objects.count() == 1


def test_another_areas_figure_is_not_found(client, other_area_user, measure):
    figure = FigureFactory(breakdown=headline(measure))
    client.force_login(other_area_user)
    assert client.get(edit_url(figure)).status_code == 404


def test_a_missing_figure_gets_its_value_when_there_is_a_figure_is_chosen(client, contributor, measure):
    figure = FigureFactory(
        breakdown=headline(measure), value=None, missing_reason="x: suppressed or not available"
    )
    client.force_login(contributor)
    page = client.get(edit_url(figure))
    assert page.context["form"]["missing"].value() == "x"

    client.post(edit_url(figure), entry(measure, value="41.5", missing="", version=figure.version))

    figure.refresh_from_db()
    assert (figure.value, figure.missing_reason) == (Decimal("41.5"), "")
