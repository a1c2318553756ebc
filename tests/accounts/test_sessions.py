"""Your sessions: a member sees the browsers signed in as them and ends the others."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import User, UserSession
from tests.accounts.two_step import verify_session
from tests.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
SESSIONS = reverse("accounts:sessions")
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"


def _signed_in_browser(address, agent):
    browser = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    browser.post(SIGN_IN, {"username": "pm@example.org", "password": PASSWORD})
    assert "_auth_user_id" in browser.session
    verify_session(browser, User.objects.get(email="pm@example.org"))
    return browser


def _can_read_home(browser):
    """Signed in: the home page answers (or goes on to the member's area), not the sign-in page."""
    response = browser.get(reverse("home"))
    return response.status_code in (200, 302) and not response.get("Location", "").startswith(SIGN_IN)


def test_your_sessions_lists_each_signed_in_browser_with_its_address(programme_manager):
    laptop = _signed_in_browser("203.0.113.50", FIREFOX)
    _signed_in_browser("198.51.100.51", SAFARI)

    page = laptop.get(SESSIONS).content.decode()

    assert "Firefox on Windows" in page and "203.0.113.50" in page
    assert "Safari on iPhone" in page and "198.51.100.51" in page
    assert "This browser" in page
    assert "Signed in" in page


def test_ending_another_session_signs_that_browser_out(programme_manager):
    laptop = _signed_in_browser("203.0.113.50", FIREFOX)
    phone = _signed_in_browser("198.51.100.51", SAFARI)
    phones = UserSession.objects.get(session_key=phone.session.session_key)

    response = laptop.post(reverse("accounts:session-end", kwargs={"pk": phones.pk}), follow=True)

    assert "That browser is signed out." in response.content.decode()
    assert not _can_read_home(phone), "the phone is back at the sign-in page"
    assert _can_read_home(laptop)
    assert not Session.objects.filter(session_key=phones.session_key).exists()


def test_ending_every_other_session_keeps_this_one(programme_manager):
    laptop = _signed_in_browser("203.0.113.50", FIREFOX)
    others = [_signed_in_browser(f"198.51.100.{n}", SAFARI) for n in (52, 53)]

    response = laptop.post(reverse("accounts:sessions-end-others"), follow=True)

    assert "2 other browsers signed out." in response.content.decode()
    assert not any(_can_read_home(other) for other in others)
    assert _can_read_home(laptop)
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [laptop.session.session_key]


def test_no_one_can_end_someone_elses_session(programme_manager, viewer):
    phone = _signed_in_browser("198.51.100.51", SAFARI)
    phones = UserSession.objects.get(session_key=phone.session.session_key)
    intruder = Client()
    intruder.force_login(viewer)

    response = intruder.post(reverse("accounts:session-end", kwargs={"pk": phones.pk}))

    assert response.status_code == 404
    assert _can_read_home(phone)


def test_signing_out_removes_the_browser_from_the_list(programme_manager):
    laptop = _signed_in_browser("203.0.113.50", FIREFOX)
    phone = _signed_in_browser("198.51.100.51", SAFARI)
    phone.post(reverse("accounts:sign-out"))

    assert [s.address for s in laptop.get(SESSIONS).context["sessions"]] == ["203.0.113.50"]


def test_last_seen_is_written_at_most_once_a_minute(programme_manager, django_assert_num_queries):
    laptop = _signed_in_browser("203.0.113.50", FIREFOX)
    row = UserSession.objects.get()
    seen = row.last_seen
    for _ in range(3):
        laptop.get(reverse("home"))
    row.refresh_from_db()
    assert row.last_seen == seen

    session = laptop.session
    session["_sessions_seen_at"] -= 61
    session.save()
    laptop.get(reverse("home"))
    row.refresh_from_db()
    assert row.last_seen > seen


def test_your_sessions_page_takes_the_same_queries_for_one_browser_or_many(
    programme_manager, django_assert_max_num_queries
):
    laptop = _signed_in_browser("203.0.113.50", FIREFOX)
    with django_assert_max_num_queries(6):  # the session, the user, the second step, the page
        laptop.get(SESSIONS)
    for n in range(6):
        _signed_in_browser(f"198.51.100.{n + 60}", SAFARI)
    with django_assert_max_num_queries(6):  # the session, the user, the second step, the page
        page = laptop.get(SESSIONS)
    assert len(page.context["sessions"]) == 7


def test_the_browser_stays_listed_as_this_one_after_its_second_step(programme_manager):
    from tests.accounts.two_step import authenticator, code_now

    device = authenticator(programme_manager)
    browser = Client(REMOTE_ADDR="203.0.113.50", HTTP_USER_AGENT=FIREFOX)
    browser.post(SIGN_IN, {"username": "pm@example.org", "password": PASSWORD})
    browser.post(reverse("two_step:challenge"), {"code": code_now(device)})

    page = browser.get(SESSIONS).content.decode()

    assert "Firefox on Windows" in page and "This browser" in page
    assert UserSession.objects.filter(user=programme_manager).count() == 1
