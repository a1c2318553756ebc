"""python manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]"""

from argparse import RawDescriptionHelpFormatter
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter
from django.utils import timezone

from common.dates import DateProblem, parse_uk_date
from progress import rules
from progress.reminders import Recipient, ReminderRun, periods_taking_updates, reminders_send

HELP = """Email reminders about missing progress updates, for every period open for updates.

In the 7 days up to a period's deadline, each owner with an update still missing gets an
email listing their items, the deadline and a link to the period. After the deadline, each
workstream lead gets an email listing the missing updates of their workstreams.

Each person gets each kind of reminder at most once per period, so it is safe to run this
every day (for example from cron). Each person is emailed at their linked member's address
(the one they sign in with), or else at the email on their page. People with neither are
listed with the reason, not emailed: link them to a member or add their email on their page.

Use -v 0 to show only one line per period.

Examples:
  python manage.py send_reminders
  python manage.py send_reminders --dry-run
  python manage.py send_reminders --date 2021-03-20 --dry-run
"""

KIND_NAMES = {rules.OWNER_REMINDER: "owner", rules.LEAD_REMINDER: "lead"}


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _RawHelp
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="act as if today were this date (for demonstrations and tests)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="say what would be sent, but send and record nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = parse_uk_date(options["date"]) or today
            except DateProblem as problem:
                raise CommandError(str(problem)) from problem
        details = options["verbosity"] >= 1
        count = 0
        for period in periods_taking_updates():
            count += 1
            run = reminders_send(period=period, today=today, dry_run=options["dry_run"])
            self.stdout.write(summary(run))
            for line in describe(run, details=details):
                self.stdout.write(f"  {line}")
        if not count:
            self.stdout.write("No period is open for updates: there is nobody to remind.")
        if options["dry_run"]:
            self.stdout.write("This was a dry run: nothing was sent or recorded.")


def summary(run: ReminderRun) -> str:
    """One line: "March 2021 (Written statement of action, stockport): 3 owner reminders sent"."""
    plan = run.period.plan
    heading = f"{run.period.name} ({plan.get_kind_display()}, {plan.area.slug})"
    if run.kind is None:
        starts = run.period.deadline - timedelta(days=rules.REMINDER_DAYS_BEFORE_DEADLINE)
        deadline = run.period.deadline
        return f"{heading}: no reminders due until {starts:%d/%m/%Y} (updates due by {deadline:%d/%m/%Y})"
    sent = len(run.sent)
    noun = f"{KIND_NAMES[run.kind]} reminder{'' if sent == 1 else 's'}"
    verb = "would be sent" if run.dry_run else "sent"
    parts = [f"{sent} {noun} {verb}"]
    if run.no_email:
        parts.append(f"{len(run.no_email)} skipped (no email)")
    if run.already_sent:
        parts.append(f"{len(run.already_sent)} already sent")
    if run.failed:
        parts.append(f"{len(run.failed)} failed")
    return f"{heading}: {', '.join(parts)}"


def describe(run: ReminderRun, *, details: bool = True) -> list[str]:
    """Who was (or would be) emailed, and who was skipped and why. Problems are listed always."""
    lines = []
    if details:
        verb = "would email" if run.dry_run else "emailed"
        lines += [f"{verb} {_who(r)} <{r.email}> ({_items(r)})" for r in run.sent]
    lines += [f"skipped {_who(r)} ({_items(r)}): {r.problem or 'no email address'}" for r in run.no_email]
    lines += [f"failed {_who(r)} <{r.email}>: {error}" for r, error in run.failed]
    if run.without_lead:
        lines.append(f"no lead to remind for: {', '.join(run.without_lead)}")
    return lines


def _who(recipient: Recipient) -> str:
    if recipient.label and recipient.label != recipient.initials:
        return f"{recipient.initials} ({recipient.label})"
    return recipient.initials


def _items(recipient: Recipient) -> str:
    numbers = ", ".join(item.number for item in recipient.items)
    return f"{len(recipient.items)} item{'' if len(recipient.items) == 1 else 's'}: {numbers}"


class _RawHelp(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's help layout, keeping the line breaks of the examples."""
