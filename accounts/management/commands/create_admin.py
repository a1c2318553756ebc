"""python manage.py create_admin EMAIL"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import admin_make

HELP = """Make someone an installation administrator: they set up local areas on the
"Local areas" page and see each area's members. They read no area's plan by being one.

Someone without an account gets one, and an email with a link to choose their password.
No password is printed or accepted here.

Example:
  python manage.py create_admin it.admin@stockport.gov.uk
"""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="their email address")
        parser.add_argument(
            "--site-url", default="", help="the service's address for the link (default: settings.SITE_URL)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, created = admin_make(email=options["email"], site_url=options["site_url"] or None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if created:
            self.stdout.write(
                f"{user.email} is an administrator, and has been emailed a link to choose a password."
            )
        else:
            self.stdout.write(f"{user.email} is now an administrator.")
