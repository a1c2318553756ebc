"""People, workstreams and members, managed by the programme manager."""

import pytest
from django.core import mail
from django.urls import reverse

from areas.models import Membership, Person, Workstream
from history.models import Change

pytestmark = pytest.mark.django_db


def test_a_programme_manager_adds_a_person_and_the_change_is_recorded(client, area, programme_manager):
    client.force_login(programme_manager)
    response = client.post(
        reverse("areas:person-create", kwargs={"area": "stockport"}),
        {"initials": "HW", "job_title": "Designated Clinical Officer", "organisation": "Stockport CCG"},
    )
    person = Person.objects.get(area=area, initials="HW")
    assert response["Location"] == person.get_absolute_url()
    assert person.organisation.name == "Stockport CCG"
    assert Change.objects.filter(subject="Person HW", by=programme_manager).exists()


def test_initials_already_used_in_the_area_are_refused(client, area, lead_person, programme_manager):
    client.force_login(programme_manager)
    response = client.post(reverse("areas:person-create", kwargs={"area": "stockport"}), {"initials": "cl"})
    assert "already has the initials cl" in response.content.decode()
    assert Person.objects.filter(area=area).count() == 1


def test_the_same_initials_may_be_used_in_another_area(client, other_area, lead_person, other_area_user):
    client.force_login(other_area_user)
    client.post(reverse("areas:person-create", kwargs={"area": other_area.slug}), {"initials": "CL"})
    assert Person.objects.filter(area=other_area, initials="CL").exists()


def test_two_managers_editing_a_person_at_once_do_not_lose_a_change(
    client, area, lead_person, programme_manager
):
    client.force_login(programme_manager)
    url = reverse("areas:person-edit", kwargs={"area": "stockport", "pk": lead_person.pk})
    base = {"initials": "CL", "version": lead_person.version}
    client.post(url, {**base, "job_title": "First title"})
    response = client.post(url, {**base, "job_title": "Second title"})
    assert "Someone else changed this" in response.content.decode()
    lead_person.refresh_from_db()
    assert lead_person.job_title == "First title"


def test_a_workstream_gets_a_lead_who_can_then_edit_its_items(client, area, lead_person, programme_manager):
    client.force_login(programme_manager)
    client.post(
        reverse("areas:workstream-create", kwargs={"area": "stockport"}),
        {"code": "CP", "name": "Co-production", "leads": [lead_person.pk]},
    )
    assert Workstream.objects.get(area=area, code="CP").ordered_leads() == [lead_person]


def test_adding_a_member_emails_them_an_invitation_and_adds_them_once_they_accept(
    client, area, owner_person, programme_manager
):
    """Members are invited (tests/areas/test_invitations.py): no account or membership until they accept."""
    client.force_login(programme_manager)
    response = client.post(
        reverse("areas:member-create", kwargs={"area": "stockport"}),
        {"email": "New.Owner@example.org", "role": "contributor", "person": owner_person.pk},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(area=area, user__email="new.owner@example.org").exists()
    assert len(mail.outbox) == 1
    assert "/invitation/" in mail.outbox[0].body and "Stockport" in mail.outbox[0].body
    assert "/password-reset/" not in mail.outbox[0].body


def test_the_last_programme_manager_cannot_be_removed(client, area, programme_manager):
    client.force_login(programme_manager)
    membership = programme_manager.memberships.get()
    response = client.post(reverse("areas:member-remove", kwargs={"area": "stockport", "pk": membership.pk}))
    assert "needs at least one programme manager" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_removed_member_can_no_longer_see_the_area(client, area, programme_manager, viewer):
    client.force_login(programme_manager)
    membership = viewer.memberships.get()
    client.post(reverse("areas:member-remove", kwargs={"area": "stockport", "pk": membership.pk}))
    client.force_login(viewer)
    assert client.get(reverse("plans:area-home", kwargs={"area": "stockport"})).status_code == 404


def test_people_and_workstream_pages_list_their_items(client, tree, owner_person, workstream, viewer):
    client.force_login(viewer)
    page = client.get(owner_person.get_absolute_url()).content.decode()
    assert "Board meets fortnightly" in page
    page = client.get(workstream.get_absolute_url()).content.decode()
    assert "Board meets fortnightly" in page and "Commissioning review" not in page


def test_a_persons_page_shows_the_address_reminders_go_to(
    client, owner_person, contributor, lead_person, viewer
):
    client.force_login(viewer)
    page = client.get(owner_person.get_absolute_url()).content.decode()
    assert "contributor@example.org" in page and "signs in with" in page
    lead_person.email = ""
    lead_person.save()
    lead_person.memberships.all().delete()
    page = client.get(lead_person.get_absolute_url()).content.decode()
    assert "No email address" in page
