"""A measure's breakdowns and targets, by the programme manager; two people changing one at once."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from history.models import Change
from scorecard.models import Breakdown, Target
from scorecard.services import breakdowns
from tests.scorecard.factories import FigureFactory, MeasureFactory, TargetFactory, headline

pytestmark = pytest.mark.django_db

SAVE_REFUSED = "Someone else saved this while you were editing it. Your changes have not been saved."


def url(name: str, area: str = "stockport", **kwargs) -> str:
    return reverse(f"scorecard:{name}", kwargs={"area": area, **kwargs})


@pytest.fixture
def pm(client, programme_manager):
    client.force_login(programme_manager)
    return client


# Breakdowns


def test_a_breakdown_is_added_with_its_baseline_and_made_the_headline(pm, area):
    measure = MeasureFactory(area=area)
    page = url("breakdowns", pk=measure.pk)
    response = pm.post(
        page,
        {"action": "add", "name": "EHC plan", "baseline": "58.3", "baseline_period": "2017-18"},
    )
    assert response["Location"] == page
    added = Breakdown.objects.get(measure=measure, name="EHC plan")
    assert added.baseline_period == "2017/18" and added.position == 1

    pm.post(page, {"action": "headline", "breakdown": added.pk})

    assert headline(measure) == added
    assert "EHC plan is now the headline" in pm.get(page).content.decode()


def test_a_baseline_period_that_cannot_be_read_is_refused(pm, area):
    measure = MeasureFactory(area=area)
    response = pm.post(
        url("breakdowns", pk=measure.pk),
        {"action": "add", "name": "Primary", "baseline": "4", "baseline_period": "last year"},
    )
    assert "“last year” is not a period this service can read" in response.content.decode()


def test_a_breakdown_holding_figures_is_not_removed_and_the_page_says_how_many(pm, area):
    measure = MeasureFactory(area=area)
    primary = Breakdown.objects.create(measure=measure, name="Primary", position=1)
    FigureFactory(breakdown=primary, period="2023", period_ends_on=datetime.date(2023, 12, 31))
    FigureFactory(breakdown=primary)
    response = pm.post(
        url("breakdowns", pk=measure.pk),
        {"action": "remove", "breakdown": primary.pk, "version": primary.version},
    )
    assert "Primary cannot be removed: it holds 2 figures" in response.content.decode()
    assert Breakdown.objects.filter(pk=primary.pk).exists()


def test_a_breakdown_with_no_figures_is_removed(pm, area):
    measure = MeasureFactory(area=area)
    primary = Breakdown.objects.create(measure=measure, name="Primary", position=1)
    pm.post(
        url("breakdowns", pk=measure.pk),
        {"action": "remove", "breakdown": primary.pk, "version": primary.version},
    )
    assert list(measure.breakdowns.values_list("name", flat=True)) == ["All"]


def test_a_button_pressed_while_changing_another_breakdown_acts_on_its_own_row(pm, area):
    measure = MeasureFactory(area=area)
    primary = Breakdown.objects.create(measure=measure, name="Primary", position=1)
    page = url("breakdowns", pk=measure.pk)
    pm.post(
        f"{page}?change={headline(measure).pk}",
        {"action": "remove", "breakdown": primary.pk, "version": primary.version},
    )
    assert list(measure.breakdowns.values_list("name", flat=True)) == ["All"]


def test_two_people_changing_a_breakdown_the_second_is_refused_and_sees_what_the_first_saved(pm, area):
    measure = MeasureFactory(area=area)
    primary = Breakdown.objects.create(measure=measure, name="Primary", position=1)
    page = url("breakdowns", pk=measure.pk)
    read_at = primary.version
    first = {"action": "save", "breakdown": primary.pk, "name": "Primary", "baseline": "58.3"}
    assert pm.post(page, {**first, "version": read_at}).status_code == 302

    second = {**first, "name": "Primary phase", "baseline": "61", "version": read_at}
    response = pm.post(page, second)

    content = response.content.decode()
    assert SAVE_REFUSED in content
    assert "<strong>Theirs:</strong> 58.3" in content and "<strong>Yours:</strong> 61" in content
    primary.refresh_from_db()
    assert (primary.name, primary.baseline) == ("Primary", Decimal("58.3"))
    assert pm.post(page, {**second, "version": primary.version}).status_code == 302  # saved again, on purpose
    primary.refresh_from_db()
    assert (primary.name, primary.baseline) == ("Primary phase", Decimal("61"))


def test_removing_a_breakdown_someone_just_changed_is_refused_showing_what_they_saved(pm, area):
    measure = MeasureFactory(area=area)
    primary = Breakdown.objects.create(measure=measure, name="Primary", position=1)
    page = url("breakdowns", pk=measure.pk)
    read_at = primary.version
    pm.post(page, {"action": "save", "breakdown": primary.pk, "name": "Primary phase", "version": read_at})

    response = pm.post(page, {"action": "remove", "breakdown": primary.pk, "version": read_at})

    content = response.content.decode()
    assert (
        "Someone else changed Primary phase after you opened this page, so it has not been removed" in content
    )
    assert "What the other person saved" in content
    assert Breakdown.objects.filter(pk=primary.pk, name="Primary phase").exists()


def test_changing_a_breakdown_keeps_a_new_headline_chosen_meanwhile():
    """Reordering is not guarded, so a save from a page read before it must not put the old order back."""
    measure = MeasureFactory()
    primary = Breakdown.objects.create(measure=measure, name="Primary", position=1)
    as_read = Breakdown.objects.get(pk=primary.pk)
    breakdowns.breakdown_make_headline(breakdown=primary)

    fields = {"name": "Primary phase", "baseline": None, "baseline_period": "", "baseline_note": ""}
    breakdowns.breakdown_update(
        breakdown=as_read, expected_version=as_read.version, content=breakdowns.BreakdownContent(**fields)
    )

    assert headline(measure).name == "Primary phase"
    assert list(measure.breakdowns.values_list("position", flat=True)) == [0, 1]


# Targets


def test_targets_are_added_over_time_and_the_same_date_twice_is_refused(pm, area):
    measure = MeasureFactory(area=area)
    page = url("targets", pk=measure.pk)
    all_ = headline(measure)
    pm.post(page, {"action": "add", "breakdown": all_.pk, "value": "45", "due_on": "31/03/2025"})
    pm.post(
        page,
        {"action": "add", "breakdown": all_.pk, "value": "60", "due_on": "31/03/2026", "note": "England"},
    )

    response = pm.post(page, {"action": "add", "breakdown": all_.pk, "value": "65", "due_on": "31/03/2026"})

    assert "All already has a target for 31/03/2026 (60%)" in response.content.decode()
    assert [(t.value, t.due_on) for t in all_.targets.all()] == [
        (Decimal("45"), datetime.date(2025, 3, 31)),
        (Decimal("60"), datetime.date(2026, 3, 31)),
    ]
    listed = pm.get(page).content.decode()
    assert "60%" in listed and "31/03/2026" in listed


def test_a_target_date_not_in_the_uk_format_gets_a_message(pm, area):
    measure = MeasureFactory(area=area)
    response = pm.post(
        url("targets", pk=measure.pk),
        {"action": "add", "breakdown": headline(measure).pk, "value": "60", "due_on": "March 2026"},
    )
    assert "Enter a date in the format 31/03/2027" in response.content.decode()
    assert not Target.objects.exists()


def test_a_target_is_changed_and_removed(pm, area):
    measure = MeasureFactory(area=area)
    target = TargetFactory(breakdown=headline(measure), value=Decimal("60"))
    page = url("targets", pk=measure.pk)
    form = pm.get(page, {"change": target.pk}).content.decode()
    assert 'value="60"' in form and f'name="version" value="{target.version}"' in form

    pm.post(
        page,
        {"action": "save", "target": target.pk, "value": "62.5", "due_on": "31/12/2025", "version": 1},
    )
    target.refresh_from_db()
    assert target.value == Decimal("62.5")

    pm.post(page, {"action": "remove", "target": target.pk, "version": target.version})
    assert not Target.objects.exists()
    assert Change.objects.filter(area=area, action="removed", subject__endswith="All target").exists()


def test_two_people_changing_a_target_the_second_is_refused_and_sees_what_the_first_saved(pm, area):
    measure = MeasureFactory(area=area)
    target = TargetFactory(
        breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2026, 3, 31)
    )
    page = url("targets", pk=measure.pk)
    read_at = target.version
    first = {"action": "save", "target": target.pk, "due_on": "31/03/2026", "version": read_at}
    assert pm.post(page, {**first, "value": "65"}).status_code == 302

    response = pm.post(page, {**first, "value": "70", "note": "Stretch"})

    content = response.content.decode()
    assert SAVE_REFUSED in content
    assert "<strong>Theirs:</strong> 65" in content and "<strong>Yours:</strong> 70" in content
    target.refresh_from_db()
    assert (target.value, target.note) == (Decimal("65"), "")
    assert f'name="version" value="{target.version}"' in content  # so saving again is a choice, not a loss


def test_removing_a_target_someone_just_changed_is_refused_showing_what_they_saved(pm, area):
    measure = MeasureFactory(area=area)
    target = TargetFactory(
        breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2026, 3, 31)
    )
    page = url("targets", pk=measure.pk)
    read_at = target.version
    pm.post(
        page,
        {"action": "save", "target": target.pk, "value": "65", "due_on": "31/03/2026", "version": read_at},
    )

    response = pm.post(page, {"action": "remove", "target": target.pk, "version": read_at})

    content = response.content.decode()
    assert (
        "Someone else changed the All target after you opened this page, so it has not been removed"
        in content
    )
    assert "What the other person saved" in content and "65" in content
    assert Target.objects.get(pk=target.pk).value == Decimal("65")
