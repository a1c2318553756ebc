"""Invitations: the programme manager invites by email; the link works once, for 7 days, for the invited
email alone; it can be sent again (the old link dies) and withdrawn; accepting is in the history."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from areas.models import Invitation, Membership
from areas.rules import INVITATION_EXPIRED, INVITATION_USED, INVITATION_WITHDRAWN
from areas.selectors import NOT_A_LINK
from areas.services import invitation_create
from history.models import Change
from tests.areas.factories import MembershipFactory, UserFactory
from tests.conftest import PASSWORD

NEW_PASSWORD = "a kettle of bright herons"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitation/[^/\s]+/)", message.body).group(1)


def _invite(client, programme_manager, **data) -> str:
    """Invite through the page, as the programme manager; the path of the link emailed."""
    client.force_login(programme_manager)
    response = client.post(
        reverse("areas:member-create", kwargs={"area": "stockport"}),
        {"email": "new.owner@example.org", "role": "contributor", **data},
    )
    assert response.status_code == 302, response.content
    client.logout()
    return _link(mail.outbox[-1])


def _accept(client, link, password=NEW_PASSWORD, again=None, name="Sam Mills"):
    return client.post(
        link, {"display_name": name, "password": password, "password_again": again or password}
    )


def test_inviting_emails_a_link_and_lists_the_invitation_as_waiting(
    client, area, owner_person, programme_manager
):
    _invite(client, programme_manager, email="New.Owner@example.org", person=owner_person.pk)
    assert mail.outbox[0].to == ["new.owner@example.org"]
    assert "Stockport" in mail.outbox[0].subject and "contributor" in mail.outbox[0].body
    assert not User.objects.filter(email="new.owner@example.org").exists()
    client.force_login(programme_manager)
    page = client.get(reverse("areas:members", kwargs={"area": "stockport"})).content.decode()
    assert "Invitations waiting for an answer" in page and "new.owner@example.org" in page
    assert "Resend" in page and "Withdraw" in page


def test_the_token_is_kept_only_as_a_hash(client, area, programme_manager):
    link = _invite(client, programme_manager)
    token = link.split("/")[-2]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


def test_someone_new_accepts_by_choosing_their_own_password_and_is_signed_in(
    client, area, owner_person, programme_manager
):
    link = _invite(client, programme_manager, person=owner_person.pk)
    page = client.get(link)
    assert page.status_code == 200 and b"Choose a password" in page.content
    response = _accept(client, link)
    assert response.status_code == 302 and response["Location"] == area.get_absolute_url()
    user = User.objects.get(email="new.owner@example.org")
    assert user.check_password(NEW_PASSWORD) and user.display_name == "Sam Mills"
    membership = Membership.objects.get(user=user, area=area)
    assert membership.role == "contributor" and membership.person == owner_person
    assert client.get(area.get_absolute_url()).status_code == 200


def test_accepting_is_recorded_in_the_areas_history(client, area, programme_manager):
    link = _invite(client, programme_manager)
    _accept(client, link)
    change = Change.objects.get(subject="Member new.owner@example.org")
    assert change.changes["Invitation"] == ["", "Accepted"]
    assert change.by.email == "new.owner@example.org"


def test_a_weak_or_mistyped_password_is_refused_in_words_and_nothing_is_made(client, area, programme_manager):
    link = _invite(client, programme_manager)
    short = _accept(client, link, password="short")
    assert "This password is too short" in short.content.decode()
    mismatch = _accept(client, link, again="a kettle of bright heron")
    assert "The passwords do not match" in mismatch.content.decode()
    assert not User.objects.filter(email="new.owner@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_the_link_works_once(client, area, programme_manager):
    link = _invite(client, programme_manager)
    _accept(client, link)
    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and INVITATION_USED in again.content.decode()
    assert _accept(client, link, password="another good passphrase").status_code == 410
    assert User.objects.get(email="new.owner@example.org").check_password(NEW_PASSWORD)


def test_an_expired_link_says_so_and_to_ask_for_it_again(client, area, programme_manager):
    link = _invite(client, programme_manager)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(link)
    assert page.status_code == 410 and INVITATION_EXPIRED in page.content.decode()
    assert "Ask your programme manager to send it again" in page.content.decode()
    assert _accept(client, link).status_code == 410
    assert not User.objects.filter(email="new.owner@example.org").exists()


def test_a_link_nobody_sent_is_not_valid(client, db):
    page = client.get(reverse("invitation-accept", kwargs={"token": "made-up"}))
    assert page.status_code == 404 and NOT_A_LINK in page.content.decode()


def test_resending_sends_a_new_link_and_the_old_one_dies(client, area, programme_manager):
    old = _invite(client, programme_manager)
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(programme_manager)
    response = client.post(
        reverse("areas:invitation-resend", kwargs={"area": "stockport", "pk": invitation.pk}),
        {"version": invitation.version},
    )
    assert response.status_code == 302
    new = _link(mail.outbox[-1])
    assert new != old and len(mail.outbox) == 2
    invitation.refresh_from_db()
    assert invitation.sent_count == 2 and invitation.expires_at > timezone.now() + datetime.timedelta(days=6)
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_second_click_on_resend_from_the_same_page_sends_nothing_more(client, area, programme_manager):
    _invite(client, programme_manager)
    invitation = Invitation.objects.get()
    client.force_login(programme_manager)
    url = reverse("areas:invitation-resend", kwargs={"area": "stockport", "pk": invitation.pk})
    client.post(url, {"version": invitation.version})
    response = client.post(url, {"version": invitation.version}, follow=True)
    assert "changed since you opened the page" in response.content.decode()
    assert len(mail.outbox) == 2  # the first invitation and one resend


def test_a_withdrawn_invitation_cannot_be_accepted(client, area, programme_manager):
    link = _invite(client, programme_manager)
    invitation = Invitation.objects.get()
    client.force_login(programme_manager)
    url = reverse("areas:invitation-withdraw", kwargs={"area": "stockport", "pk": invitation.pk})
    client.post(url)
    assert client.post(url).status_code == 302  # withdrawing twice is the same as once
    members = client.get(reverse("areas:members", kwargs={"area": "stockport"})).content.decode()
    assert "No invitations are waiting for an answer." in members
    client.logout()
    page = client.get(link)
    assert page.status_code == 410 and INVITATION_WITHDRAWN in page.content.decode()
    assert _accept(client, link).status_code == 410
    assert not User.objects.filter(email="new.owner@example.org").exists()


def test_someone_already_invited_or_a_member_is_not_invited_twice(client, area, programme_manager, viewer):
    _invite(client, programme_manager)
    client.force_login(programme_manager)
    url = reverse("areas:member-create", kwargs={"area": "stockport"})
    twice = client.post(url, {"email": "new.owner@example.org", "role": "viewer"})
    assert "has already been invited" in twice.content.decode()
    member = client.post(url, {"email": viewer.email, "role": "viewer"})
    assert "is already a member of this area" in member.content.decode()
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_someone_with_an_account_signs_in_then_accepts_into_a_second_area(
    client, area, other_area, programme_manager
):
    """An existing user (of another area) is invited too: they sign in as the invited email and accept."""
    existing = UserFactory(email="new.owner@example.org")
    MembershipFactory(user=existing, area=other_area, role="viewer")
    link = _invite(client, programme_manager)
    page = client.get(link)
    assert "There is already an account for new.owner@example.org" in page.content.decode()
    assert _accept(client, link).status_code == 200  # no password is chosen for an existing account
    assert existing.memberships.count() == 1
    client.force_login(existing)
    assert client.post(link).status_code == 302
    assert existing.memberships.get(area=area).role == "contributor"
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)


def test_another_user_signed_in_cannot_accept_or_see_the_invitation_as_theirs(
    client, area, programme_manager, other_area_user
):
    link = _invite(client, programme_manager)
    client.force_login(other_area_user)
    page = client.get(link)
    assert page.status_code == 403
    assert (
        "sent to new.owner@example.org, but you are signed in as other-pm@example.org"
        in page.content.decode()
    )
    assert client.post(link).status_code == 403
    assert not other_area_user.memberships.filter(area=area).exists()
    assert Invitation.objects.get().accepted_at is None


def test_another_areas_manager_cannot_see_resend_or_withdraw_the_invitations(
    client, area, other_area, programme_manager, other_area_user
):
    _invite(client, programme_manager)
    invitation = Invitation.objects.get()
    client.force_login(other_area_user)
    for slug in ("stockport", other_area.slug):
        for name in ("areas:invitation-resend", "areas:invitation-withdraw"):
            url = reverse(name, kwargs={"area": slug, "pk": invitation.pk})
            assert client.post(url, {"version": invitation.version}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None and invitation.sent_count == 1 and len(mail.outbox) == 1


def test_a_viewer_cannot_resend_or_withdraw(client, area, programme_manager, viewer):
    _invite(client, programme_manager)
    invitation = Invitation.objects.get()
    client.force_login(viewer)
    url = reverse("areas:invitation-withdraw", kwargs={"area": "stockport", "pk": invitation.pk})
    assert client.post(url).status_code == 403
    assert Invitation.objects.get().withdrawn_at is None


def test_an_invitation_names_a_person_of_its_own_area_only(area, other_area, programme_manager):
    from django.core.exceptions import ValidationError

    from tests.areas.factories import PersonFactory

    stranger = PersonFactory(area=other_area, initials="ZZ")
    with pytest.raises(ValidationError, match="Choose a person of this area"):
        invitation_create(area=area, email="a@example.org", role="viewer", person=stranger)
    assert not Invitation.objects.exists() and not mail.outbox


def test_signing_in_from_the_invitation_comes_back_to_it(client, area, programme_manager):
    existing = UserFactory(email="new.owner@example.org")
    link = _invite(client, programme_manager)
    response = client.post(
        reverse("accounts:sign-in") + f"?next={link}",
        {"username": existing.email, "password": PASSWORD, "next": link},
    )
    assert response.status_code == 302 and response["Location"] == link
    assert "Accept and join Stockport" in client.get(link).content.decode()


def test_accepting_after_being_added_meanwhile_keeps_the_role_they_have(client, area, programme_manager):
    from areas.services import member_add

    link = _invite(client, programme_manager)  # as a contributor
    user = UserFactory(email="new.owner@example.org")
    member_add(area=area, email=user.email, role="viewer")
    client.force_login(user)
    assert client.post(link).status_code == 302
    assert user.memberships.get(area=area).role == "viewer"
    assert Invitation.objects.get().accepted_at is not None
