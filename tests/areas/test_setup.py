"""Setting up a local area (manage.py create_area, the administrator's "Local areas" pages) and making
an installation administrator (manage.py create_admin). No password is ever printed or chosen for anyone."""

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from areas.models import Invitation, LocalArea, Membership
from tests.accounts.two_step import verify_session
from tests.areas.factories import LocalAreaFactory, MembershipFactory, UserFactory
from tests.plans.factories import ItemFactory, PlanFactory

NEW_PASSWORD = "a kettle of bright herons"


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_area_makes_the_area_and_invites_its_first_programme_manager(db, client):
    out = _run(
        "create_area",
        "--name",
        "Fenbridge",
        "--slug",
        "fenbridge",
        "--council",
        "Fenbridge Council",
        "--pm-email",
        "PM@fenbridge.gov.uk",
    )
    area = LocalArea.objects.get(slug="fenbridge")
    assert (area.name, area.council_name) == ("Fenbridge", "Fenbridge Council")
    assert "pm@fenbridge.gov.uk has been emailed an invitation" in out
    invitation = Invitation.objects.get(area=area)
    assert invitation.role == Membership.Role.PROGRAMME_MANAGER and invitation.email == "pm@fenbridge.gov.uk"
    assert mail.outbox[0].to == ["pm@fenbridge.gov.uk"]
    link = re.search(r"(/invitation/[^/\s]+/)", mail.outbox[0].body).group(1)
    client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    pm = User.objects.get(email="pm@fenbridge.gov.uk")
    assert pm.memberships.get().role == Membership.Role.PROGRAMME_MANAGER
    members = reverse("areas:members", kwargs={"area": "fenbridge"})
    # A programme manager sets up two-step sign-in before anything else (tests/accounts/test_two_step*.py).
    assert client.get(members).url.startswith(reverse("two_step:set-up"))
    verify_session(client, pm)
    assert client.get(members).status_code == 200


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--slug", "stockport"], "There is already an area at /areas/stockport/"),
        (["--slug", "Not A Slug!"], "lower case letters, numbers and hyphens"),
        (["--pm-email", "not-an-email"], "Enter an email address"),
        (["--name", "  "], "Enter the area's name"),
    ],
)
def test_create_area_refuses_bad_input_in_words_and_makes_nothing(db, args, words):
    LocalAreaFactory(name="Stockport", slug="stockport")
    given = {"--name": "Fenbridge", "--slug": "fenbridge", "--pm-email": "pm@fenbridge.gov.uk"}
    given.update(dict(zip(args[::2], args[1::2], strict=True)))
    with pytest.raises(CommandError, match=words):
        _run("create_area", *[part for pair in given.items() for part in pair])
    assert LocalArea.objects.count() == 1 and not Invitation.objects.exists() and not mail.outbox


def test_create_admin_makes_an_account_and_emails_a_link_to_choose_its_password(db):
    out = _run("create_admin", "It.Admin@example.org")
    user = User.objects.get(email="it.admin@example.org")
    assert user.is_installation_admin and not user.has_usable_password()
    assert "emailed a link to choose a password" in out
    assert "/password-reset/" in mail.outbox[0].body
    assert "password:" not in out.lower()


def test_create_admin_sets_the_flag_on_an_existing_account_and_keeps_its_password(db):
    user = UserFactory(email="pm@example.org")
    assert "now an administrator" in _run("create_admin", "pm@example.org")
    user.refresh_from_db()
    assert user.is_installation_admin and user.check_password("correct horse battery staple")
    assert not mail.outbox


def test_create_admin_takes_no_password_on_the_command_line(db):
    with pytest.raises(CommandError):
        call_command("create_admin", "a@example.org", "--password", "secret")


@pytest.fixture
def admin(db):
    return UserFactory(email="admin@example.org", is_installation_admin=True)


def test_the_local_areas_page_lists_each_area_with_its_size(client, admin, area, programme_manager, viewer):
    plan = PlanFactory(area=area)
    ItemFactory(plan=plan, number="1")
    ItemFactory(plan=plan, number="2", removed_at=timezone.now())
    User.objects.filter(pk=viewer.pk).update(
        last_login=timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 30))
    )
    LocalAreaFactory(name="Fenbridge", slug="fenbridge")
    client.force_login(admin)
    page = client.get(reverse("installation:areas")).content.decode()
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S)
    cells = [re.sub(r"<[^>]+>|\s+", " ", row).split() for row in rows[1:]]
    assert cells[0][0] == "Fenbridge" and cells[0][1:3] == ["0", "0"]
    stockport = " ".join(cells[1])
    assert stockport.startswith("Stockport 2 0")  # members, invitations waiting
    assert "2 March 2026" in stockport and stockport.endswith("1 1")  # plans, items not removed


def test_the_local_areas_page_takes_the_same_queries_for_more_areas(client, admin):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("installation:areas")).status_code == 200
        return len(queries)

    client.force_login(admin)
    LocalAreaFactory()
    few = count()
    for _ in range(5):
        area = LocalAreaFactory()
        MembershipFactory(area=area, user=UserFactory(), role="viewer")
        ItemFactory(plan=PlanFactory(area=area), number="1")
    assert count() == few


def test_an_administrator_sets_up_an_area_from_the_page(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("installation:area-create"),
        {"name": "Fenbridge", "slug": "fenbridge", "council_name": "", "pm_email": "pm@fenbridge.gov.uk"},
        follow=True,
    )
    assert "pm@fenbridge.gov.uk has been emailed an invitation" in response.content.decode()
    assert Invitation.objects.get(area__slug="fenbridge").invited_by == admin
    assert len(mail.outbox) == 1


def test_the_set_up_page_says_what_is_wrong(client, admin, area):
    client.force_login(admin)
    response = client.post(
        reverse("installation:area-create"), {"name": "", "slug": "stockport", "pm_email": "pm@x.org"}
    )
    assert "Enter the area&#x27;s name, for example Stockport" in response.content.decode()
    response = client.post(
        reverse("installation:area-create"), {"name": "Again", "slug": "stockport", "pm_email": "pm@x.org"}
    )
    assert "There is already an area at /areas/stockport/" in response.content.decode()
    assert LocalArea.objects.count() == 1


def test_an_areas_members_page_shows_email_role_and_last_sign_in(client, admin, area, programme_manager):
    client.force_login(admin)
    page = client.get(reverse("installation:area", kwargs={"slug": "stockport"})).content.decode()
    assert "pm@example.org" in page and "Programme manager" in page and "Never" in page


def test_an_administrator_reads_no_areas_plan_by_being_one(client, admin, area):
    client.force_login(admin)
    assert client.get(area.get_absolute_url()).status_code == 404
