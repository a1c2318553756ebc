"""Personas and a small plan shared by the tests. Each test names the behaviour it proves."""

import datetime

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

from areas.models import Membership
from progress.models import ReportingPeriod
from tests.accounts.two_step import verify_session
from tests.areas.factories import (
    LocalAreaFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    WorkstreamFactory,
)
from tests.plans.factories import ItemFactory, PlanFactory

# The suite shares two cores with the browser tests and a second database's run: a rule's examples are
# never timed (no deadline, no "too slow" check), only checked.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

Role = Membership.Role
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def force_login_passes_the_second_step(request, monkeypatch):
    """`client.force_login(user)` gives a session as after both steps of signing in (password, then a
    code from an authenticator app, which the user is given), so tests of anything else need not sign in
    twice. Tests of two-step sign-in itself mark themselves `password_only` to get the plain session."""
    if request.node.get_closest_marker("password_only"):
        return
    plain = Client.force_login

    def force_login(self, user, backend=None):
        plain(self, user, backend)
        verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def area(db):
    return LocalAreaFactory(name="Stockport", slug="stockport", colour="#00707a")


@pytest.fixture
def other_area(db):
    return LocalAreaFactory(name="Fenbridge", slug="fenbridge")


def _member(area, role, person=None, email=None):
    user = UserFactory(email=email) if email else UserFactory()
    MembershipFactory(user=user, area=area, role=role, person=person)
    return user


@pytest.fixture
def lead_person(area):
    return PersonFactory(area=area, initials="CL", job_title="Strategic Lead SEN and Inclusion")


@pytest.fixture
def owner_person(area):
    return PersonFactory(area=area, initials="SM", job_title="Operational Lead SEN")


@pytest.fixture
def workstream(area, lead_person):
    return WorkstreamFactory(area=area, code="S/E", name="SEN Support/ EHC plans", lead=lead_person)


@pytest.fixture
def other_workstream(area):
    return WorkstreamFactory(area=area, code="JC", name="Joint Commissioning")


@pytest.fixture
def programme_manager(area):
    return _member(area, Role.PROGRAMME_MANAGER, email="pm@example.org")


@pytest.fixture
def workstream_lead(area, lead_person, workstream):
    return _member(area, Role.WORKSTREAM_LEAD, person=lead_person, email="lead@example.org")


@pytest.fixture
def contributor(area, owner_person):
    return _member(area, Role.CONTRIBUTOR, person=owner_person, email="contributor@example.org")


@pytest.fixture
def viewer(area):
    return _member(area, Role.VIEWER, email="viewer@example.org")


@pytest.fixture
def other_area_user(other_area):
    return _member(other_area, Role.PROGRAMME_MANAGER, email="other-pm@example.org")


@pytest.fixture
def plan(area):
    return PlanFactory(area=area, reference="WSOA-2019", title="Written Statement of Action")


@pytest.fixture
def tree(plan, workstream, other_workstream, owner_person, lead_person):
    """A four-level branch: 1 > 1.1 > 1.1.1 > 1.1.1.1 (S/E, owned by SM) and 1.1.1.2 (JC)."""
    top = ItemFactory(plan=plan, number="1", text="Joint commissioning", senior_owner="DCS")
    priority = ItemFactory(plan=plan, number="1.1", text="Senior leaders own the change")
    action = ItemFactory(plan=plan, number="1.1.1", text="Set up the board", workstreams=[workstream])
    mine = ItemFactory(
        plan=plan,
        number="1.1.1.1",
        text="Board meets fortnightly",
        workstreams=[workstream],
        owners=[owner_person],
    )
    theirs = ItemFactory(
        plan=plan, number="1.1.1.2", text="Commissioning review", workstreams=[other_workstream]
    )
    return {"top": top, "priority": priority, "action": action, "mine": mine, "theirs": theirs}


@pytest.fixture
def statuses(plan):
    """The plan's statuses by position (the first preset scheme): 1 Not started (the worst), 2 Progressing,
    3 Completed (done), 4 Completed and embedded (done, needs evidence of impact)."""
    return {s.position: s for s in plan.rag_scheme.statuses.all()}


@pytest.fixture
def period(plan, tree):
    """March 2021, open for updates on the `tree` fixture's items."""
    return ReportingPeriod.objects.create(
        plan=plan,
        name="March 2021",
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 31),
        deadline=datetime.date(2021, 3, 25),
    )
