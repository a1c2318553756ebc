"""The audit of who came in: each kind of event recorded, kept 12 months, shown to whom it should be."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.events import record_event
from accounts.models import SignInEvent
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
WRONG = "wrong guess"


def _browser(address="203.0.113.40"):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=FIREFOX)


def _kinds(**where):
    return list(SignInEvent.objects.filter(**where).order_by("pk").values_list("kind", flat=True))


def test_a_sign_in_and_a_sign_out_are_recorded_with_the_address_and_browser(programme_manager):
    browser = _browser()
    browser.post(SIGN_IN, {"username": "PM@example.org", "password": PASSWORD})
    browser.post(reverse("accounts:sign-out"))

    assert _kinds(user=programme_manager) == ["success", "sign_out"]
    event = SignInEvent.objects.filter(user=programme_manager).first()
    assert (event.email, event.address, event.browser) == (
        "pm@example.org",
        "203.0.113.40",
        "Firefox on Windows",
    )


def test_a_wrong_password_and_an_unknown_email_are_recorded_as_failures(programme_manager):
    _browser().post(SIGN_IN, {"username": "pm@example.org", "password": WRONG})
    _browser().post(SIGN_IN, {"username": "Nobody@Example.org", "password": WRONG})

    assert _kinds(user=programme_manager) == ["failure"]
    assert _kinds(user=None, email="nobody@example.org") == ["failure"]


def test_an_attempt_refused_by_the_throttle_is_recorded_as_a_lockout(programme_manager, settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT + 1):
        _browser().post(SIGN_IN, {"username": "pm@example.org", "password": WRONG})

    assert _kinds(user=programme_manager) == ["failure"] * settings.SIGN_IN_FAILURE_LIMIT + ["lockout"]


@pytest.mark.parametrize(
    "kind", ["second_factor_success", "second_factor_failure", "sso_success", "sso_refused"]
)
def test_other_features_record_their_own_kinds(rf, programme_manager, kind):
    request = rf.get("/", REMOTE_ADDR="203.0.113.41", HTTP_USER_AGENT="x" * 400)
    event = record_event(request, kind, user=programme_manager)
    assert (event.kind, event.email, event.address, len(event.user_agent)) == (
        kind,
        "pm@example.org",
        "203.0.113.41",
        300,
    )


def test_behind_the_trusted_proxy_the_forwarded_address_is_recorded(programme_manager, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    browser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.42")
    browser.post(SIGN_IN, {"username": "pm@example.org", "password": PASSWORD})
    assert SignInEvent.objects.get(kind="success").address == "198.51.100.42"


def test_events_older_than_twelve_months_are_pruned_by_the_daily_command(programme_manager):
    old = record_event(None, "success", user=programme_manager)
    old.at = timezone.now() - timedelta(days=370)
    old.save()
    recent = record_event(None, "failure", user=programme_manager)

    out = io.StringIO()
    call_command("prune_sign_in_events", stdout=out)

    assert "Removed 1 sign-in event older than 12 months" in out.getvalue()

    assert list(SignInEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def _activity(client, area, **query):
    return client.get(reverse("accounts:area-sign-in-activity", kwargs={"area": area.slug}), query)


def test_a_programme_manager_sees_their_members_events_and_not_another_areas(
    client, area, programme_manager, viewer, other_area_user
):
    record_event(None, "failure", user=viewer)
    record_event(None, "success", user=other_area_user)
    record_event(None, "failure", email="stranger@example.org")
    client.force_login(programme_manager)

    page = _activity(client, area).content.decode()

    assert "viewer@example.org" in page
    assert "pm@example.org" in page  # their own sign-in (force_login records one)
    assert "other-pm@example.org" not in page
    assert "stranger@example.org" not in page


def test_another_areas_programme_manager_does_not_see_them(client, area, other_area, viewer, other_area_user):
    record_event(None, "failure", user=viewer)
    client.force_login(other_area_user)
    assert _activity(client, area).status_code == 404
    assert "viewer@example.org" not in _activity(client, other_area).content.decode()


def test_the_activity_is_filtered_by_member_kind_and_day(
    client, area, programme_manager, viewer, contributor
):
    yesterday = record_event(None, "failure", user=viewer)
    yesterday.at = timezone.now() - timedelta(days=1)
    yesterday.save()
    record_event(None, "lockout", user=viewer)
    record_event(None, "failure", user=contributor)
    client.force_login(programme_manager)

    by_member = _activity(client, area, member=viewer.pk).context["page"].object_list
    assert {e.email for e in by_member} == {"viewer@example.org"}
    by_kind = _activity(client, area, member=viewer.pk, kind="lockout").context["page"].object_list
    assert [e.kind for e in by_kind] == ["lockout"]
    day = timezone.localdate(yesterday.at).strftime("%d/%m/%Y")
    on_day = _activity(client, area, on=day).context["page"].object_list
    assert [e.pk for e in on_day] == [yesterday.pk]
    wrong = _activity(client, area, on="31/02/2026").content.decode()
    assert "31/02/2026" in wrong and "govuk-error-message" in wrong


def test_the_activity_is_paged_in_a_fixed_number_of_queries(
    client, area, programme_manager, viewer, django_assert_max_num_queries
):
    client.force_login(programme_manager)
    SignInEvent.objects.bulk_create(
        SignInEvent(user=viewer, email=viewer.email, kind="failure", at=timezone.now()) for _ in range(120)
    )
    with django_assert_max_num_queries(12):
        first = _activity(client, area)
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 3" in first.content.decode()
    with django_assert_max_num_queries(12):
        last = _activity(client, area, page=3)
    assert len(last.context["page"].object_list) == 21


def test_an_installation_administrator_sees_every_accounts_events(client, programme_manager, other_area_user):
    from tests.areas.factories import UserFactory

    admin = UserFactory(email="it@example.org", is_installation_admin=True)
    record_event(None, "failure", user=other_area_user)
    record_event(None, "failure", email="stranger@example.org")
    client.force_login(admin)

    page = client.get(reverse("accounts:sign-in-activity")).content.decode()
    assert "other-pm@example.org" in page
    assert "stranger@example.org (no account)" in page
    found = (
        client.get(reverse("accounts:sign-in-activity"), {"email": "stranger"}).context["page"].object_list
    )
    assert [e.email for e in found] == ["stranger@example.org"]
