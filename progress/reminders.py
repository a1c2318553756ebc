"""Reminder emails: to owners in the week before a period's deadline, to workstream leads after it.

`reminders_send` handles one period: it works out who has missing updates today, and emails
each of them once. The `Reminder` row is created before the email is sent, in the same
transaction, and the database allows one per period, person and kind: a reminder already
recorded is never sent again, and a failed email leaves no row, so the next run retries it.
`manage.py send_reminders` runs it for every period that takes updates; the outstanding page's
"Send reminders now" runs it for one period with `now=True` (`rules.reminder_kind_now`).

Each person is emailed at the address `areas.selectors.emails_of` gives (the linked member's
when there is one, else the person's own); someone with neither is listed with the reason.
"""

from dataclasses import dataclass, field
from datetime import date
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from . import rules
from .models import Reminder, ReportingPeriod
from .outstanding import Lead, MissingItem, Outstanding, WorkstreamProgress, missing_updates

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Recipient:
    """Someone to remind, and the missing updates the email lists."""

    person_id: int
    initials: str
    name: str
    label: str
    email: str
    items: tuple[MissingItem, ...]
    workstreams: tuple[str, ...] = ()
    problem: str = ""


@dataclass
class ReminderRun:
    """What `reminders_send` did (or, in a dry run, would do) for one period."""

    period: ReportingPeriod
    kind: str | None
    dry_run: bool = False
    sent: list[Recipient] = field(default_factory=list)
    already_sent: list[Recipient] = field(default_factory=list)
    no_email: list[Recipient] = field(default_factory=list)
    failed: list[tuple[Recipient, str]] = field(default_factory=list)
    without_lead: list[str] = field(default_factory=list)


def periods_taking_updates() -> QuerySet[ReportingPeriod]:
    """Every area's periods that are open or in challenge, ready for `reminders_send`."""
    return (
        ReportingPeriod.objects.filter(
            state__in=[ReportingPeriod.State.OPEN, ReportingPeriod.State.CHALLENGE]
        )
        .select_related("plan__area")
        .order_by("plan__area__slug", "plan__reference", "starts_on")
    )


def reminder_recipients(outstanding: Outstanding, kind: str) -> list[Recipient]:
    """Who to remind: each owner of a missing update, or each lead of a workstream with one.

    A lead of several workstreams gets one email listing the missing updates of them all.
    """
    if kind == rules.OWNER_REMINDER:
        return [
            Recipient(
                person_id=o.person_id,
                initials=o.initials,
                name=o.name,
                label=o.label,
                email=o.email,
                items=tuple(o.items),
                problem=o.email_problem,
            )
            for o in outstanding.by_owner
        ]
    leads: dict[int, list[WorkstreamProgress]] = {}
    who: dict[int, Lead] = {}
    for group in outstanding.by_workstream:
        if not group.missing_items:
            continue
        for lead in group.leads:  # each of a workstream's leads (co-leads too)
            leads.setdefault(lead.person_id, []).append(group)
            who.setdefault(lead.person_id, lead)
    order = {item.pk: position for position, item in enumerate(outstanding.missing_items)}
    recipients = []
    for lead_id, groups in leads.items():
        items: dict[int, MissingItem] = {}
        for group in groups:
            items.update((item.pk, item) for item in group.missing_items)
        lead = who[lead_id]
        recipients.append(
            Recipient(
                person_id=lead_id,
                initials=lead.initials,
                name=lead.name,
                label=lead.label,
                email=lead.email,
                items=tuple(sorted(items.values(), key=lambda item: order[item.pk])),
                workstreams=tuple(group.code for group in groups),
                problem=lead.email_problem,
            )
        )
    return sorted(recipients, key=lambda r: (r.initials.lower(), r.initials, r.person_id))


def reminders_send(
    *,
    period: ReportingPeriod,
    today: date,
    dry_run: bool = False,
    site_url: str | None = None,
    now: bool = False,
) -> ReminderRun:
    """Email today's reminders for `period`, each at most once; in a dry run, send and record nothing.

    Owners are reminded in the week up to the deadline, workstream leads after it. With `now`
    (the programme manager's "Send reminders now") owners are reminded at any time up to the
    deadline, not only in the week before. Either way each person gets each kind at most once
    per period. People with no email address are skipped and listed in the result, with why.
    """
    kind = None
    if period.takes_updates:
        kind = (
            rules.reminder_kind_now(period.deadline, today)
            if now
            else rules.reminder_kind(period.deadline, today)
        )
    run = ReminderRun(period=period, kind=kind, dry_run=dry_run)
    if kind is None:
        return run
    outstanding = missing_updates(period, today)
    if kind == rules.LEAD_REMINDER:
        run.without_lead = [
            group.code or group.name
            for group in outstanding.by_workstream
            if group.missing_items and group.lead_id is None
        ]
    recorded = set(Reminder.objects.filter(period=period, kind=kind).values_list("person_id", flat=True))
    period_url = _site_url(site_url) + reverse(
        "progress:period", kwargs={"area": period.plan.area.slug, "pk": period.pk}
    )
    for recipient in reminder_recipients(outstanding, kind):
        if not recipient.email:
            run.no_email.append(recipient)
        elif recipient.person_id in recorded:
            run.already_sent.append(recipient)
        elif dry_run:
            run.sent.append(recipient)
        else:
            _send_once(run, kind, recipient, period_url)
    return run


def _send_once(run: ReminderRun, kind: str, recipient: Recipient, period_url: str) -> None:
    """Record the reminder, then send it, in one transaction: never twice, and retried if it fails."""
    period = run.period
    context = {
        "period": period,
        "plan": period.plan,
        "area": period.plan.area,
        "recipient": recipient,
        "count": len(recipient.items),
        "period_url": period_url,
    }
    template = f"progress/email/{kind}_reminder"
    try:
        with transaction.atomic():
            Reminder.objects.create(
                period=period,
                person_id=recipient.person_id,
                kind=kind,
                sent_to=recipient.email,
                item_count=len(recipient.items),
            )
            send_mail(
                " ".join(render_to_string(f"{template}_subject.txt", context).split()),
                render_to_string(f"{template}.txt", context).strip() + "\n",
                settings.DEFAULT_FROM_EMAIL,
                [recipient.email],
            )
    except IntegrityError:
        run.already_sent.append(recipient)
    except (SMTPException, OSError) as error:
        run.failed.append((recipient, str(error)))
    else:
        run.sent.append(recipient)


def _site_url(site_url: str | None) -> str:
    return (site_url or getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")
