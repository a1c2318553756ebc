"""Two managers changing the same person, workstream or member at once: the second sees what the first
saved beside what they typed, keeps their typing, and saving again is their choice."""

import pytest
from django.urls import reverse

from areas.models import Membership, Person, Workstream

pytestmark = pytest.mark.django_db


def url(name: str, pk: int) -> str:
    return reverse(f"areas:{name}", kwargs={"area": "stockport", "pk": pk})


def theirs_beside_yours(page: str, theirs: str, yours: str) -> bool:
    return f"<strong>Theirs:</strong> {theirs}" in page and f"<strong>Yours:</strong> {yours}" in page


def test_a_person_changed_meanwhile_shows_their_job_title_beside_yours(
    client, lead_person, programme_manager
):
    client.force_login(programme_manager)
    base = {"initials": "CL", "version": lead_person.version}
    client.post(url("person-edit", lead_person.pk), {**base, "job_title": "Head of SEND"})

    page = client.post(url("person-edit", lead_person.pk), {**base, "job_title": "Director"}).content.decode()

    assert "Someone else changed this person while you were editing it" in page
    assert theirs_beside_yours(page, "Head of SEND", "Director")
    assert 'value="Director"' in page
    lead_person.refresh_from_db()
    assert lead_person.job_title == "Head of SEND"
    again = client.post(url("person-edit", lead_person.pk), {**base, "job_title": "Director", "version": 2})
    assert again.status_code == 302
    assert Person.objects.get(pk=lead_person.pk).job_title == "Director"


def test_a_workstream_changed_meanwhile_shows_their_name_beside_yours(client, workstream, programme_manager):
    client.force_login(programme_manager)
    base = {
        "code": workstream.code,
        "leads": [lead.pk for lead in workstream.ordered_leads()],
        "version": workstream.version,
    }
    client.post(url("workstream-edit", workstream.pk), {**base, "name": "EHC plans"})

    page = client.post(
        url("workstream-edit", workstream.pk), {**base, "name": "SEN support"}
    ).content.decode()

    assert "Someone else changed this workstream while you were editing it" in page
    assert theirs_beside_yours(page, "EHC plans", "SEN support")
    assert 'value="SEN support"' in page
    assert Workstream.objects.get(pk=workstream.pk).name == "EHC plans"


def test_a_member_changed_meanwhile_shows_their_role_beside_yours(client, area, viewer, programme_manager):
    membership = Membership.objects.get(user=viewer, area=area)
    client.force_login(programme_manager)
    base = {"email": viewer.email, "person": "", "version": membership.version}
    client.post(url("member-edit", membership.pk), {**base, "role": Membership.Role.CONTRIBUTOR})

    page = client.post(url("member-edit", membership.pk), {**base, "role": Membership.Role.WORKSTREAM_LEAD})

    content = page.content.decode()
    assert "Someone else changed this member while you were editing it" in content
    assert theirs_beside_yours(content, "Contributor", "Workstream lead")
    assert page.context["form"]["role"].value() == Membership.Role.WORKSTREAM_LEAD
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.CONTRIBUTOR
