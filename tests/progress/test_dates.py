"""Dates as of the period: a period's page judges "Overdue" at the period's end (or today, while the
period's end is still to come), live pages at today (progress.rules.overdue_judged_on)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from progress import rules

D = datetime.date
days = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))


def test_a_reported_period_is_judged_at_its_end():
    assert rules.overdue_judged_on(ends_on=D(2021, 3, 31), is_reported=True, today=D(2026, 12, 4)) == D(
        2021, 3, 31
    )


def test_a_period_not_reported_whose_end_has_passed_is_judged_at_its_end():
    assert rules.overdue_judged_on(ends_on=D(2021, 4, 30), is_reported=False, today=D(2026, 12, 4)) == D(
        2021, 4, 30
    )


def test_a_period_still_running_is_judged_at_today():
    assert rules.overdue_judged_on(ends_on=D(2021, 4, 30), is_reported=False, today=D(2021, 4, 12)) == D(
        2021, 4, 12
    )


@given(days, days, st.booleans())
def test_a_period_is_never_judged_after_its_end_nor_after_today_while_open(ends_on, today, reported):
    on = rules.overdue_judged_on(ends_on=ends_on, is_reported=reported, today=today)
    assert on <= ends_on
    if not reported:
        assert on <= today
        assert on in (ends_on, today)


# The pages --------------------------------------------------------------------------------------


def _overdue_numbers(html: str) -> set[str]:
    """The item numbers of the rows that say Overdue."""
    found = set()
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, re.S):
        number = re.search(r'<a class="govuk-link" href="[^"]*">([\d.]+)</a>', row)
        if number and "Overdue" in row:
            found.add(number.group(1))
    return found


def _set_due(item, due: datetime.date) -> None:
    item.due_date = due
    item.save()


@pytest.mark.django_db
def test_an_old_open_period_flags_only_what_was_overdue_at_its_end(
    client, plan, tree, period, programme_manager
):
    """March 2021, never reported: an item due in April 2021 was not overdue at the end of March, though
    it is by today's date; one due on 10 March was."""
    mine = tree["mine"]
    client.force_login(programme_manager)
    _set_due(mine, D(2021, 4, 15))
    assert _overdue_numbers(client.get(period.get_absolute_url()).content.decode()) == set()
    # The live milestones page judges at today: overdue now.
    live = client.get(
        reverse("plans:milestones", kwargs={"area": "stockport", "pk": plan.pk})
    ).content.decode()
    assert "1.1.1.1" in _overdue_numbers(live)
    _set_due(mine, D(2021, 3, 10))
    assert _overdue_numbers(client.get(period.get_absolute_url()).content.decode()) == {"1.1.1.1"}


@pytest.mark.django_db
def test_a_running_period_flags_what_is_overdue_today(client, plan, tree, programme_manager):
    today = timezone.localdate()
    period = plan.periods.create(
        name="This month",
        starts_on=today.replace(day=1),
        ends_on=today + datetime.timedelta(days=40),
        deadline=today,
    )
    client.force_login(programme_manager)
    _set_due(tree["mine"], today + datetime.timedelta(days=5))
    assert _overdue_numbers(client.get(period.get_absolute_url()).content.decode()) == set()
    _set_due(tree["mine"], today - datetime.timedelta(days=1))
    assert _overdue_numbers(client.get(period.get_absolute_url()).content.decode()) == {"1.1.1.1"}


@pytest.mark.django_db
def test_the_update_form_of_an_old_period_judges_at_its_end(client, tree, period, contributor):
    mine = tree["mine"]
    mine.due_date = D(2021, 4, 15)
    mine.save()
    client.force_login(contributor)
    url = reverse("progress:update", kwargs={"area": "stockport", "pk": period.pk, "item_pk": mine.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["overdue"] is False
