"""Owners are told when their proposed status is changed in challenge: on My items, on their next
update form, and by email, once, with a link to the item."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from areas.models import Membership
from progress import notices, services
from progress.models import ReportingPeriod, Update
from tests.progress.factories import update_saved

pytestmark = pytest.mark.django_db

REASON = "The audit does not show plans written within 20 weeks yet"


def _challenge(client, period, item, update, status, reason=REASON):
    url = reverse("progress:challenge", kwargs={"area": "stockport", "pk": period.pk, "item_pk": item.pk})
    return client.post(
        url, {"status": status.pk, "reason": reason, "mitigation": "", "version": update.version}
    )


@pytest.fixture
def changed(client, workstream_lead, contributor, period, tree, statuses, django_capture_on_commit_callbacks):
    """The owner proposed Completed; the lead changed it to Progressing, with a reason."""
    update = update_saved(period, tree["mine"], statuses[3])
    client.force_login(workstream_lead)
    with django_capture_on_commit_callbacks(execute=True):
        assert _challenge(client, period, tree["mine"], update, statuses[2]).status_code == 302
    update.refresh_from_db()
    return update


def test_the_owner_is_emailed_once_with_the_reason_and_a_link(changed, tree, workstream_lead):
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["contributor@example.org"]  # the linked member's address
    assert "1.1.1.1" in email.subject
    assert 'was "Completed". It was changed to "Progressing"' in email.body
    assert REASON in email.body
    assert f"/areas/stockport/items/{tree['mine'].pk}/" in email.body
    assert changed.owners_told_at is not None
    assert "emailed contributor@example.org" in changed.owners_told


def test_changing_it_again_does_not_email_twice(
    client, changed, period, tree, statuses, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _challenge(client, period, tree["mine"], changed, statuses[1], reason="Worse than we thought")
    notices.owners_tell(update_id=changed.pk)  # however often it runs
    assert len(mail.outbox) == 1


def test_a_confirmed_rating_as_proposed_tells_nobody(
    client, workstream_lead, contributor, period, tree, statuses, django_capture_on_commit_callbacks
):
    update = update_saved(period, tree["mine"], statuses[2])
    client.force_login(workstream_lead)
    with django_capture_on_commit_callbacks(execute=True):
        _challenge(client, period, tree["mine"], update, statuses[2], reason="")
    assert mail.outbox == []


def test_a_rewritten_update_changed_again_is_told_again(
    client, changed, period, tree, statuses, django_capture_on_commit_callbacks
):
    rewritten = services.update_save(
        period=period,
        item=tree["mine"],
        content=services.UpdateContent(commentary="Now with the audit", proposed_status=statuses[3]),
        expected_version=changed.version,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _challenge(client, period, tree["mine"], rewritten, statuses[2], reason="Still not there")
    assert len(mail.outbox) == 2


def test_the_persons_own_email_when_no_member_is_linked(
    period, tree, statuses, owner_person, contributor, django_capture_on_commit_callbacks
):
    Membership.objects.filter(person=owner_person).update(person=None)
    owner_person.email = "sm@council.example"
    owner_person.save()
    update = update_saved(period, tree["mine"], statuses[3])
    with django_capture_on_commit_callbacks(execute=True):
        services.update_confirm(
            update=update, status=statuses[2], reason=REASON, expected_version=update.version
        )
    assert [m.to for m in mail.outbox] == [["sm@council.example"]]


def test_no_address_sends_nothing_and_says_so(
    period, tree, statuses, owner_person, contributor, django_capture_on_commit_callbacks
):
    Membership.objects.filter(person=owner_person).update(person=None)
    update = update_saved(period, tree["mine"], statuses[3])
    with django_capture_on_commit_callbacks(execute=True):
        services.update_confirm(
            update=update, status=statuses[2], reason=REASON, expected_version=update.version
        )
    assert mail.outbox == []
    update.refresh_from_db()
    assert update.owners_told_at is not None
    assert update.owners_told == "SM: not emailed, no email address known"


def test_a_rolled_back_confirmation_tells_nobody(
    period, tree, statuses, contributor, django_capture_on_commit_callbacks
):
    update = update_saved(period, tree["mine"], statuses[3])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        from django.db import transaction

        with transaction.atomic():
            services.update_confirm(
                update=update, status=statuses[2], reason=REASON, expected_version=update.version
            )
            raise RuntimeError("rolled back")
    assert mail.outbox == []


def test_the_owner_sees_it_on_my_items(client, changed, contributor, workstream_lead):
    client.force_login(contributor)
    page = client.get(reverse("plans:my-items", kwargs={"area": "stockport"})).content.decode()
    assert "Ratings changed in challenge" in page
    assert "In March 2021 your proposed" in page
    assert f"by {workstream_lead}" in page and REASON in page


def test_the_owner_sees_it_on_their_next_update_form(client, changed, contributor, period, plan, tree):
    period.state = ReportingPeriod.State.REPORTED
    period.save()
    april = ReportingPeriod.objects.create(
        plan=plan,
        name="April 2021",
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
        deadline=datetime.date(2021, 4, 23),
    )
    client.force_login(contributor)
    url = reverse("progress:update", kwargs={"area": "stockport", "pk": april.pk, "item_pk": tree["mine"].pk})
    page = client.get(url).content.decode()
    assert "In March 2021 your proposed" in page
    assert "Completed</span> was changed to" in page
    assert REASON in page


def test_a_later_rating_confirmed_as_proposed_is_not_shown_as_changed(changed, tree, statuses, plan, period):
    from progress.selectors import rating_change_for

    period.state = ReportingPeriod.State.REPORTED
    period.save()
    april = ReportingPeriod.objects.create(
        plan=plan,
        name="April 2021",
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
        deadline=datetime.date(2021, 4, 23),
    )
    update = update_saved(april, tree["mine"], statuses[2])
    services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
    assert rating_change_for(item=tree["mine"], period=april) is None
    assert Update.objects.filter(item=tree["mine"]).count() == 2


def test_the_challenge_page_says_who_could_not_be_told(
    client, programme_manager, period, tree, statuses, owner_person, django_capture_on_commit_callbacks
):
    update = update_saved(period, tree["mine"], statuses[3])
    with django_capture_on_commit_callbacks(execute=True):
        services.update_confirm(
            update=update, status=statuses[2], reason=REASON, expected_version=update.version
        )
    client.force_login(programme_manager)
    url = reverse(
        "progress:challenge", kwargs={"area": "stockport", "pk": period.pk, "item_pk": tree["mine"].pk}
    )
    page = client.get(url).content.decode()
    assert "SM: not emailed, no email address known" in page
