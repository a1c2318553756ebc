"""Every one of a workstream's co-leads is reminded of its missing updates after the deadline, and the
outstanding page names them all: a workstream's second and third leads are not forgotten."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from areas.models import WorkstreamLead
from tests.areas.factories import PersonFactory
from tests.plans.factories import ItemFactory
from tests.progress.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(plan, tree, workstream, owner_person, lead_person):
    """March 2021, due 25/03/2021: 1.1.1.1 in S/E, owned by SM, has no update. S/E is led by CL, then
    PR (a co-lead)."""
    lead_person.email = "cl@example.org"
    lead_person.save()
    co_lead = PersonFactory(area=plan.area, initials="PR", email="pr@example.org")
    WorkstreamLead.objects.create(workstream=workstream, person=co_lead, position=1)
    ItemFactory(plan=plan, number="1.1.1.3", workstreams=[workstream], owners=[owner_person])
    return ReportingPeriodFactory(plan=plan)


def test_each_co_lead_of_a_workstream_is_reminded_after_the_deadline(period):
    out = StringIO()
    call_command("send_reminders", "--date", "2021-03-26", stdout=out)

    assert sorted(email.to[0] for email in mail.outbox) == ["cl@example.org", "pr@example.org"]
    assert all("1.1.1.1" in email.body and "1.1.1.3" in email.body for email in mail.outbox)


def test_the_outstanding_page_names_every_lead(client, period, programme_manager):
    client.force_login(programme_manager)
    page = client.get(reverse("progress:outstanding", kwargs={"area": "stockport", "pk": period.pk}))
    assert "CL, PR" in page.content.decode()
