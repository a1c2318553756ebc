"""Commentary on a measure for a reporting period, and the rule that red measures need one before
the period is reported."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from common.concurrency import EditConflict
from history.models import Change
from progress import services as progress_services
from progress.models import ReportedRating, ReportingPeriod
from scorecard.models import Commentary
from scorecard.selectors.reporting import measures_needing_commentary
from scorecard.services.commentary import commentary_save
from tests.plans.factories import ItemFactory, PlanFactory
from tests.progress.factories import ReportingPeriodFactory
from tests.scorecard.factories import MeasureFactory, TargetFactory, add_figures, headline

State = ReportingPeriod.State


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def red(area, code: str, **kwargs):
    """A measure rated red: 40% against a target of 60%."""
    measure = MeasureFactory(area=area, code=code, **kwargs)
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    add_figures(measure, {"2024": "40"})
    return measure


def green(area, code: str):
    measure = MeasureFactory(area=area, code=code)
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    add_figures(measure, {"2024": "70"})
    return measure


@pytest.fixture
def period(plan):
    return ReportingPeriodFactory(plan=plan, state=State.CONFIRMED)


def commentary_url(measure, period) -> str:
    return reverse(
        "scorecard:commentary", kwargs={"area": measure.area.slug, "pk": measure.pk, "period_pk": period.pk}
    )


# Writing it


def test_the_measures_owner_writes_a_commentary_and_it_is_recorded_in_the_history(
    contributor, owner_person, area, period
):
    measure = red(area, "E7", owner=owner_person)

    response = client_for(contributor).post(
        commentary_url(measure, period), {"text": "Two extra caseworkers from May.", "version": ""}
    )

    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    assert Commentary.objects.get(measure=measure, period=period).text == "Two extra caseworkers from May."
    change = Change.objects.get(subject=f"Commentary on E7 for {period.name}")
    assert change.changes == {"Commentary": ["", "Two extra caseworkers from May."]}


def test_a_commentary_started_from_the_period_page_goes_back_there(programme_manager, area, period):
    measure = red(area, "E7")

    response = client_for(programme_manager).post(
        commentary_url(measure, period) + "?from=period", {"text": "Recovery plan agreed.", "version": ""}
    )

    assert response["Location"] == period.get_absolute_url()


def test_an_empty_commentary_is_refused_with_a_message(programme_manager, area, period):
    measure = red(area, "E7")

    page = client_for(programme_manager).post(commentary_url(measure, period), {"text": " "}).content.decode()

    assert "Enter what is being done about this measure" in page
    assert not Commentary.objects.exists()


def test_a_viewer_and_someone_elses_measure_cannot_be_written_on(viewer, contributor, area, period):
    measure = red(area, "E7")  # no owner

    assert client_for(viewer).get(commentary_url(measure, period)).status_code == 403
    assert client_for(contributor).post(commentary_url(measure, period), {"text": "x"}).status_code == 403
    assert not Commentary.objects.exists()


def test_another_areas_period_or_measure_is_not_found(
    programme_manager, other_area_user, area, other_area, period
):
    measure = red(area, "E7")
    theirs = ReportingPeriodFactory(plan=PlanFactory(area=other_area))

    assert client_for(programme_manager).get(commentary_url(measure, theirs)).status_code == 404
    assert client_for(other_area_user).get(commentary_url(measure, period)).status_code == 404


def test_the_second_of_two_people_writing_at_once_sees_what_the_first_saved_and_nothing_is_overwritten(
    programme_manager, contributor, owner_person, area, period
):
    measure = red(area, "E7", owner=owner_person)
    manager, owner = client_for(programme_manager), client_for(contributor)
    assert 'name="version"' in owner.get(commentary_url(measure, period)).content.decode()

    manager.post(commentary_url(measure, period), {"text": "The manager's account.", "version": ""})
    page = owner.post(commentary_url(measure, period), {"text": "The owner's account.", "version": ""})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Someone else saved commentary on this measure" in html
    assert "What the other person saved" in html and "The manager&#x27;s account." in html
    assert Commentary.objects.get().text == "The manager's account."
    version = Commentary.objects.get().version
    assert f'name="version" value="{version}"' in html  # saving again now replaces theirs, knowingly

    owner.post(commentary_url(measure, period), {"text": "Agreed account.", "version": str(version)})
    assert Commentary.objects.get().text == "Agreed account."


def test_a_stale_version_is_refused(programme_manager, area, period):
    measure = red(area, "E7")
    first = commentary_save(measure=measure, period=period, text="First", expected_version=None)
    commentary_save(measure=measure, period=period, text="Second", expected_version=first.version)

    with pytest.raises(EditConflict):
        commentary_save(measure=measure, period=period, text="Stale", expected_version=1)
    assert Commentary.objects.get().text == "Second"


def test_a_reported_periods_commentary_cannot_change(programme_manager, area, plan):
    measure = red(area, "E7")
    reported = ReportingPeriodFactory(plan=plan, state=State.REPORTED)

    with pytest.raises(ValidationError, match="has been reported"):
        commentary_save(measure=measure, period=reported, text="Too late", expected_version=None)
    page = client_for(programme_manager).post(commentary_url(measure, reported), {"text": "Too late"})
    assert "can no longer be written or changed" in page.content.decode()
    assert not Commentary.objects.exists()


# Red measures need one before reporting


def test_red_measures_without_commentary_for_the_period_need_one(area, plan, period):
    e7, e9 = red(area, "E7"), red(area, "E9")
    green(area, "E2")
    written = red(area, "E4")
    Commentary.objects.create(measure=written, period=period, text="Being handled.")

    assert [m.code for m in measures_needing_commentary(period=period)] == ["E7", "E9"]
    assert {e7, e9} == set(measures_needing_commentary(period=period))


def test_only_measures_linked_to_the_plan_or_to_no_plan_item_count(area, plan, period):
    ours = red(area, "E7")
    ours.items.set([ItemFactory(plan=plan, number="1")])
    red(area, "E8")  # linked to no plan item: area-wide
    theirs = red(area, "E9")
    theirs.items.set([ItemFactory(plan=PlanFactory(area=area), number="1")])

    assert [m.code for m in measures_needing_commentary(period=period)] == ["E7", "E8"]


def test_reporting_is_refused_naming_the_red_measures_and_nothing_is_written(programme_manager, area, period):
    red(area, "E7")
    red(area, "E9")

    with pytest.raises(ValidationError) as refused:
        progress_services.period_move(period=period, to_state=State.REPORTED, expected_version=period.version)

    assert refused.value.messages == [
        "Write a commentary on E7 and E9 before reporting: red measures need one"
    ]
    period.refresh_from_db()
    assert period.state == State.CONFIRMED and period.version == 1
    assert not ReportedRating.objects.exists()


def test_with_each_red_measure_explained_the_period_is_reported(programme_manager, area, period):
    for code in ("E7", "E9"):
        commentary_save(measure=red(area, code), period=period, text="Plan in place", expected_version=None)

    progress_services.period_move(period=period, to_state=State.REPORTED, expected_version=period.version)

    period.refresh_from_db()
    assert period.is_reported


def test_the_period_page_lists_red_measures_needing_commentary_with_links_to_write_it(
    programme_manager, viewer, area, period
):
    measure = red(area, "E7", name="EHC plans issued within 20 weeks")
    period.state = State.OPEN
    period.save()
    open_page = client_for(programme_manager).get(period.get_absolute_url()).content.decode()
    period.state = State.CHALLENGE
    period.save()

    page = client_for(programme_manager).get(period.get_absolute_url()).content.decode()
    viewer_page = client_for(viewer).get(period.get_absolute_url()).content.decode()

    assert "Red measures need a commentary" not in open_page  # shown once updates are in
    assert "Red measures need a commentary" in page
    assert f'{commentary_url(measure, period)}?from=period">Write a commentary on E7' in page
    assert "Red measures need a commentary" in viewer_page
    assert commentary_url(measure, period) not in viewer_page


def test_the_report_confirmation_page_says_which_measures_need_commentary(programme_manager, area, period):
    red(area, "E7")
    address = reverse(
        "progress:period-move", kwargs={"area": area.slug, "pk": period.pk, "state": "reported"}
    )

    page = client_for(programme_manager).get(address).content.decode()
    posted = client_for(programme_manager).post(address, {"version": period.version}).content.decode()

    assert "Write a commentary on E7 before reporting: red measures need one" in page
    assert "Write a commentary on E7 before reporting: red measures need one" in posted
