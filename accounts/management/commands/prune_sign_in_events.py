"""python manage.py prune_sign_in_events"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.events import events_prune
from accounts.sessions import sessions_prune


class Command(BaseCommand):
    help = (
        "Remove sign-in events older than --months (default 12), the list of signed-in browsers whose "
        "sessions have ended, and sign-in counters of windows long past. Run daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--months", type=int, default=12, help="Keep this many months (of 30 days)")

    def handle(self, *args: Any, months: int, **options: Any) -> None:
        if months < 1:
            raise CommandError("--months must be 1 or more")
        events = events_prune(months=months)
        sessions = sessions_prune()
        self.stdout.write(
            f"Removed {events} sign-in event{'s' if events != 1 else ''} older than {months} months "
            f"and {sessions} ended session{'s' if sessions != 1 else ''}"
        )
