"""Reminder emails: owners in the week before the deadline, workstream leads after it, each once."""

from io import StringIO
from smtplib import SMTPException

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from areas.models import WorkstreamLead
from progress.models import Reminder, ReportingPeriod
from tests.areas.factories import PersonFactory
from tests.plans.factories import ItemFactory
from tests.progress.factories import ReportingPeriodFactory, UpdateFactory

HEADING = "March 2021 (Written statement of action, stockport)"


@pytest.fixture
def cycle(plan, tree, workstream, other_workstream, owner_person, lead_person):
    """March 2021, due 25/03/2021. SM owns 1.1.1.1 and 1.1.1.3 (S/E, missing) and 1.1.1.4 (JC, written).

    AB, with no email address, owns 1.1.1.5 (JC, missing). CL leads S/E; JC has no lead.
    """
    owner_person.email = "sm@example.org"
    owner_person.save()
    lead_person.email = "cl@example.org"
    lead_person.name = "Chris Lee"
    lead_person.save()
    ab = PersonFactory(area=plan.area, initials="AB", email="")
    ItemFactory(
        plan=plan, number="1.1.1.3", text="Termly report", workstreams=[workstream], owners=[owner_person]
    )
    written = ItemFactory(plan=plan, number="1.1.1.4", workstreams=[other_workstream], owners=[owner_person])
    ItemFactory(plan=plan, number="1.1.1.5", workstreams=[other_workstream], owners=[ab])
    period = ReportingPeriodFactory(plan=plan)
    UpdateFactory(period=period, item=written)
    return period


def _send(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def _period_url(period) -> str:
    site = getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000"
    return site.rstrip("/") + reverse("progress:period", kwargs={"area": "stockport", "pk": period.pk})


def test_owners_are_reminded_of_their_missing_items_in_the_week_before_the_deadline(cycle):
    output = _send("--date", "2021-03-20")

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sm@example.org"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.subject == "Your updates for March 2021 are due by 25/03/2021"
    assert "- 1.1.1.1 Board meets fortnightly" in email.body
    assert "- 1.1.1.3 Termly report" in email.body
    assert "1.1.1.4" not in email.body
    assert "25/03/2021" in email.body
    assert _period_url(cycle) in email.body
    reminder = Reminder.objects.get()
    assert (reminder.person.initials, reminder.kind, reminder.sent_to, reminder.item_count) == (
        "SM",
        "owner",
        "sm@example.org",
        2,
    )
    assert f"{HEADING}: 1 owner reminder sent, 1 skipped (no email)" in output


def test_owners_are_reminded_on_the_seventh_day_before_the_deadline_but_not_the_eighth(cycle):
    output = _send("--date", "2021-03-17")

    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert f"{HEADING}: no reminders due until 18/03/2021" in output

    _send("--date", "2021-03-18")

    assert [email.to for email in mail.outbox] == [["sm@example.org"]]


def test_after_the_deadline_the_workstream_lead_gets_the_missing_updates_of_their_workstream(cycle):
    output = _send("--date", "2021-03-26")

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["cl@example.org"]
    assert email.subject == "2 updates missing for March 2021 (S/E)"
    assert email.body.startswith("Hello Chris Lee,\n")
    assert "- 1.1.1.1 Board meets fortnightly (owner: SM)" in email.body
    assert "- 1.1.1.3 Termly report (owner: SM)" in email.body
    assert "1.1.1.5" not in email.body, "JC's missing update is not CL's to chase"
    assert "were due by 25/03/2021" in email.body
    assert _period_url(cycle) in email.body
    reminder = Reminder.objects.get()
    assert (reminder.person.initials, reminder.kind, reminder.item_count) == ("CL", "lead", 2)
    assert f"{HEADING}: 1 lead reminder sent" in output
    assert "no lead to remind for: JC" in output


def test_running_twice_sends_nothing_the_second_time(cycle):
    _send("--date", "2021-03-20")
    _send("--date", "2021-03-26")
    assert len(mail.outbox) == 2

    output = _send("--date", "2021-03-26")
    _send("--date", "2021-03-21")

    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2
    assert f"{HEADING}: 0 lead reminders sent, 1 already sent" in output


def test_a_dry_run_says_what_would_be_sent_but_sends_and_records_nothing(cycle):
    output = _send("--date", "2021-03-20", "--dry-run")

    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert f"{HEADING}: 1 owner reminder would be sent, 1 skipped (no email)" in output
    assert "would email SM" in output and "sm@example.org" in output
    assert "nothing was sent or recorded" in output


@pytest.mark.parametrize("state", [ReportingPeriod.State.CONFIRMED, ReportingPeriod.State.REPORTED])
def test_a_period_no_longer_taking_updates_gets_no_reminders(cycle, state):
    cycle.state = state
    cycle.save()

    output = _send("--date", "2021-03-20")
    _send("--date", "2021-03-26")

    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert HEADING not in output


def test_a_period_in_challenge_still_gets_reminders(cycle):
    cycle.state = ReportingPeriod.State.CHALLENGE
    cycle.save()

    _send("--date", "2021-03-26")

    assert [email.to for email in mail.outbox] == [["cl@example.org"]]


def test_people_without_an_email_address_are_skipped_and_named(cycle, owner_person):
    owner_person.email = ""
    owner_person.save()

    output = _send("--date", "2021-03-20")

    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert f"{HEADING}: 0 owner reminders sent, 2 skipped (no email)" in output
    assert "skipped AB" in output
    assert (
        "(2 items: 1.1.1.1, 1.1.1.3): no email address: link them to a member on the members "
        "page, or add their email on their page"
    ) in output


def test_a_person_linked_to_a_member_is_reminded_at_the_members_address(cycle, owner_person, contributor):
    """SM signs in as contributor@example.org: that is where the reminder goes, not SM's own email."""
    output = _send("--date", "2021-03-20")

    assert [email.to for email in mail.outbox] == [["contributor@example.org"]]
    assert Reminder.objects.get().sent_to == "contributor@example.org"
    assert "emailed SM" in output and "<contributor@example.org>" in output


def test_a_member_with_no_email_on_the_persons_page_is_still_reached(cycle, owner_person, contributor):
    owner_person.email = ""
    owner_person.save()

    _send("--date", "2021-03-20")

    assert [email.to for email in mail.outbox] == [["contributor@example.org"]]


def test_a_switched_off_member_falls_back_to_the_persons_own_email_or_says_why_not(
    cycle, owner_person, contributor
):
    contributor.is_active = False
    contributor.save()

    _send("--date", "2021-03-20", "--dry-run")
    output = _send("--date", "2021-03-20")
    assert [email.to for email in mail.outbox] == [["sm@example.org"]]

    Reminder.objects.all().delete()
    owner_person.email = ""
    owner_person.save()
    output = _send("--date", "2021-03-21")
    assert "skipped SM" in output
    assert "(2 items: 1.1.1.1, 1.1.1.3): no email address: their member account is switched off" in output


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("Mail server unavailable")


def test_a_reminder_that_fails_to_send_is_not_recorded_so_the_next_run_sends_it(cycle):
    with override_settings(EMAIL_BACKEND="tests.progress.test_reminders.FailingBackend"):
        output = _send("--date", "2021-03-20")

    assert not Reminder.objects.exists()
    assert "1 failed" in output and "Mail server unavailable" in output

    _send("--date", "2021-03-20")

    assert [email.to for email in mail.outbox] == [["sm@example.org"]]
    assert Reminder.objects.count() == 1


def test_a_lead_of_two_workstreams_gets_one_email_listing_both(cycle, lead_person, other_workstream):
    WorkstreamLead.objects.create(workstream=other_workstream, person=lead_person)

    _send("--date", "2021-03-26")

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "3 updates missing for March 2021 (JC, S/E)"
    assert "1.1.1.5" in email.body and "1.1.1.1" in email.body


def test_a_date_that_is_not_a_date_is_refused(db):
    with pytest.raises(CommandError, match="not a date"):
        _send("--date", "next tuesday")


def test_nothing_is_due_when_no_period_is_open(db):
    assert "No period is open for updates" in _send("--date", "2021-03-20")
