"""A programme manager resets a member's two-step sign-in from the member's page."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_step.services import recovery_codes_make
from areas.models import LocalArea, Membership
from history.models import Change
from tests.accounts.two_step import authenticator
from tests.areas.factories import MembershipFactory, UserFactory
from tests.conftest import PASSWORD


def _reset_url(area_slug, membership):
    return reverse("areas:member-two-step-reset", kwargs={"area": area_slug, "pk": membership.pk})


def test_a_programme_manager_resets_a_members_two_step_sign_in_recorded_in_the_history(
    client, programme_manager, area
):
    area.requires_two_step = True
    area.save()
    member = UserFactory(email="member@example.org")
    membership = MembershipFactory(user=member, area=area, role=Membership.Role.VIEWER)
    authenticator(member)
    recovery_codes_make(user=member)
    client.force_login(programme_manager)
    edit = client.get(reverse("areas:member-edit", kwargs={"area": area.slug, "pk": membership.pk}))
    assert "Reset two-step sign-in" in edit.content.decode()
    assert (
        "They have set up an authenticator app"
        in client.get(_reset_url(area.slug, membership)).content.decode()
    )
    response = client.post(_reset_url(area.slug, membership), follow=True)
    assert "two-step sign-in is reset" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=member).exists()
    change = Change.objects.get(area=area, subject="Member member@example.org")
    assert change.changes == {"Two-step sign-in": ["Set up", "Reset: to be set up at the next sign-in"]}
    assert change.by_id == programme_manager.pk
    # The member sets up again at their next sign-in.
    member_client = type(client)()
    signed_in = member_client.post(
        reverse("accounts:sign-in"), {"username": "member@example.org", "password": PASSWORD}, follow=True
    )
    assert signed_in.redirect_chain[-1][0].startswith(reverse("two_step:set-up"))


def test_a_programme_manager_cannot_reset_another_areas_member(client, programme_manager, other_area_user):
    authenticator(other_area_user)
    theirs = Membership.objects.get(user=other_area_user)
    client.force_login(programme_manager)
    assert client.post(_reset_url("stockport", theirs)).status_code == 404
    other = LocalArea.objects.get(slug="fenbridge")
    assert client.post(_reset_url(other.slug, theirs)).status_code == 404
    assert TOTPDevice.objects.filter(user=other_area_user, confirmed=True).exists()


def test_a_programme_manager_cannot_reset_their_own_here(client, programme_manager, area):
    client.force_login(programme_manager)
    mine = Membership.objects.get(user=programme_manager)
    response = client.post(_reset_url(area.slug, mine))
    assert "You cannot reset your own two-step sign-in here" in response.content.decode()
    assert TOTPDevice.objects.filter(user=programme_manager, confirmed=True).exists()


@pytest.mark.parametrize("role", ["workstream_lead", "contributor", "viewer"])
def test_only_the_programme_manager_resets(client, request, role, programme_manager, area):
    user = request.getfixturevalue({"workstream_lead": "workstream_lead"}.get(role, role))
    client.force_login(user)
    pm_membership = Membership.objects.get(user=programme_manager)
    assert client.post(_reset_url(area.slug, pm_membership)).status_code == 403


def test_an_installation_administrator_resets_a_programme_managers_from_local_areas(
    client, programme_manager, area
):
    authenticator(programme_manager)
    admin = UserFactory(email="admin@example.org", is_installation_admin=True)
    pm_membership = Membership.objects.get(user=programme_manager)
    client.force_login(admin)
    page = client.get(reverse("installation:area", kwargs={"slug": area.slug}))
    url = reverse("installation:member-two-step-reset", kwargs={"slug": area.slug, "pk": pm_membership.pk})
    assert url in page.content.decode()
    response = client.post(url)
    assert response.url == reverse("installation:area", kwargs={"slug": area.slug})
    assert not TOTPDevice.objects.filter(user=programme_manager).exists()
    change = Change.objects.get(area=area, subject="Member pm@example.org")
    assert (change.by_id, change.source) == (admin.pk, "Local areas")


def test_from_local_areas_only_a_programme_managers_can_be_reset(client, viewer, area):
    authenticator(viewer)
    admin = UserFactory(email="admin@example.org", is_installation_admin=True)
    client.force_login(admin)
    url = reverse(
        "installation:member-two-step-reset",
        kwargs={"slug": area.slug, "pk": Membership.objects.get(user=viewer).pk},
    )
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=viewer, confirmed=True).exists()
