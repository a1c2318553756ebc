"""Telling owners that their proposed status was changed in challenge, by email, once.

`update_confirm` calls `owners_tell_later` when the confirmed status differs from the proposed one:
the email goes after the transaction commits (`transaction.on_commit`), so a confirmation that is
rolled back tells nobody. `owners_tell` claims the update first (`owners_told_at` set where it was
empty, in one UPDATE), so however often it runs, each update's owners are emailed once; rewriting
the update (`update_save`) clears it, since a new proposal may be changed again.

Each owner's address is the email of the member linked to them, else the person's own
(`areas.selectors.emails_of`, the one place deciding a person's address); an owner with neither
is not emailed, and `owners_told` says so, in words the challenge page shows.
"""

from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from areas.selectors import emails_of
from plans.models import ItemOwner

from .models import Update

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def owners_tell_later(*, update: Update) -> None:
    """Email the owners once the current transaction commits, unless they have been told already."""
    if update.owners_told_at is None and update.was_changed_in_challenge:
        update_id = update.pk
        transaction.on_commit(lambda: owners_tell(update_id=update_id))


def owner_addresses(*, item_id: int, area_id: int) -> list[tuple[str, str]]:
    """(the owner as people read them, their address or "") for each owner of the item, in order."""
    owners = list(
        ItemOwner.objects.filter(item_id=item_id)
        .order_by("position", "pk")
        .values_list("person_id", "person__initials", "person__name")
    )
    addresses = emails_of(area_id=area_id, person_ids=[person_id for person_id, _, _ in owners])
    return [
        (name or initials, addresses[person_id].email if person_id in addresses else "")
        for person_id, initials, name in owners
    ]


def owners_tell(*, update_id: int, site_url: str | None = None) -> str:
    """Email the owners of a rating changed in challenge, once; returns what `owners_told` records."""
    claimed = Update.objects.filter(pk=update_id, owners_told_at__isnull=True).update(
        owners_told_at=timezone.now()
    )
    if not claimed:
        return ""
    update = Update.objects.select_related(
        "period__plan__area", "item", "proposed_status", "confirmed_status", "confirmed_by"
    ).get(pk=update_id)
    area = update.period.plan.area
    addresses = owner_addresses(item_id=update.item_id, area_id=area.pk)
    item_url = (site_url or getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/") + reverse(
        "plans:item", kwargs={"area": area.slug, "pk": update.item_id}
    )
    context = {"update": update, "period": update.period, "item": update.item, "area": area, "url": item_url}
    subject = " ".join(render_to_string("progress/email/rating_changed_subject.txt", context).split())
    body = render_to_string("progress/email/rating_changed.txt", context).strip() + "\n"
    told = []
    for who, address in addresses:
        if not address:
            told.append(f"{who}: not emailed, no email address known")
            continue
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except (SMTPException, OSError) as error:
            told.append(f"{who}: the email to {address} failed ({error})")
        else:
            told.append(f"{who}: emailed {address}")
    words = "; ".join(told) or "The item has no owner to tell"
    Update.objects.filter(pk=update_id).update(owners_told=words)
    return words
