"""The outstanding page shows where each person is emailed, and "Send reminders now" for the
programme manager: owners are reminded at once (whatever the week's window), never twice."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from progress import rules
from progress.models import Reminder
from tests.areas.factories import PersonFactory
from tests.plans.factories import ItemFactory
from tests.progress.factories import ReportingPeriodFactory


@pytest.fixture
def cycle(plan, tree, workstream, other_workstream, owner_person, lead_person, contributor):
    """A period due in 20 days (before the reminder week). SM (signs in as contributor@example.org,
    no email of their own) owns 1.1.1.1; AB (no member, no email) owns 1.1.1.5 in JC."""
    owner_person.email = ""
    owner_person.save()
    ab = PersonFactory(area=plan.area, initials="AB", name="Alex Brown", email="")
    ItemFactory(plan=plan, number="1.1.1.5", workstreams=[other_workstream], owners=[ab])
    today = timezone.localdate()
    return ReportingPeriodFactory(
        plan=plan,
        name="Next month",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=20),
    )


def _url(name, period, area="stockport"):
    return reverse(f"progress:{name}", kwargs={"area": area, "pk": period.pk})


def _page(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_outstanding_page_shows_the_members_address_or_what_to_do(client, programme_manager, cycle):
    client.force_login(programme_manager)

    page = _page(client.get(_url("outstanding", cycle)))

    by_owner = page[page.index('id="by-owner"') :]
    assert 'href="mailto:contributor@example.org"' in by_owner, "SM's member address"
    assert "No email address: link them to a member on the members page" in by_owner, "AB's"
    assert "Not known" not in page
    by_workstream = page[page.index('id="by-workstream"') : page.index('id="by-owner"')]
    assert "lead@example.org" not in by_workstream, "CL has no member here: the lead fixture is not used"
    assert "Send reminders now" in page


def test_send_reminders_now_reminds_owners_before_the_week_and_says_who_could_not_be_reached(
    client, programme_manager, cycle
):
    client.force_login(programme_manager)

    page = _page(client.post(_url("remind", cycle)))

    assert [email.to for email in mail.outbox] == [["contributor@example.org"]]
    assert "1 owner reminded" in page
    reminded = page[page.index('id="reminded"') :]
    assert "SM" in reminded and "contributor@example.org" in reminded
    not_reached = page[page.index('id="not-reached"') :]
    assert "AB (Alex Brown): No email address: link them to a member" in not_reached
    assert Reminder.objects.get().kind == rules.OWNER_REMINDER


def test_send_reminders_now_twice_sends_once(client, programme_manager, cycle):
    client.force_login(programme_manager)

    client.post(_url("remind", cycle))
    page = _page(client.post(_url("remind", cycle)))

    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1
    assert "0 owners reminded" in page
    assert "SM" in page[page.index('id="already-reminded"') :]


def test_after_the_deadline_send_now_reminds_the_leads(client, programme_manager, cycle, workstream_lead):
    cycle.deadline = timezone.localdate() - datetime.timedelta(days=1)
    cycle.save()
    client.force_login(programme_manager)

    page = _page(client.post(_url("remind", cycle)))

    assert [email.to for email in mail.outbox] == [["lead@example.org"]], "CL signs in as lead@example.org"
    assert "1 workstream lead reminded" in page
    assert "JC: the workstream has no lead to remind" in page


def test_a_period_no_longer_taking_updates_sends_nothing(client, programme_manager, cycle):
    cycle.state = cycle.State.CONFIRMED
    cycle.save()
    client.force_login(programme_manager)

    response = client.post(_url("remind", cycle))

    assert response.status_code == 302
    assert mail.outbox == []
    page = _page(client.get(_url("outstanding", cycle)))
    assert "Send reminders now" not in page
    assert "it no longer takes updates, so nobody was reminded" in page


@pytest.mark.parametrize("persona", ["workstream_lead", "contributor", "viewer"])
def test_only_the_programme_manager_may_send_reminders(client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.post(_url("remind", cycle)).status_code == 403
    assert mail.outbox == []


def test_another_areas_user_cannot_send_reminders(client, other_area_user, other_area, cycle):
    client.force_login(other_area_user)

    assert client.post(_url("remind", cycle)).status_code == 404
    assert client.post(_url("remind", cycle, area=other_area.slug)).status_code == 404
    assert mail.outbox == []
