"""python manage.py create_area --name NAME --slug SLUG --council "NAME" --pm-email EMAIL"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from areas.services import area_create

HELP = """Set up a new local area and invite its first programme manager.

The programme manager gets an email with a link, valid for 7 days, to choose their own
password; from then on they invite the area's other members from its members page. No
password is printed or asked for here.

Example:
  python manage.py create_area --name Stockport --slug stockport \\
      --council "Stockport Council" --pm-email pm@stockport.gov.uk
"""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the area's name, as people say it: Stockport")
        parser.add_argument(
            "--slug", required=True, help="its web address, /areas/SLUG/: lower case letters, digits, hyphens"
        )
        parser.add_argument("--council", default="", help='the council\'s name: "Stockport Council"')
        parser.add_argument("--pm-email", required=True, help="the first programme manager's email address")
        parser.add_argument(
            "--site-url", default="", help="the service's address for the link (default: settings.SITE_URL)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            invitation = area_create(
                name=options["name"],
                slug=options["slug"],
                council_name=options["council"],
                pm_email=options["pm_email"],
                site_url=options["site_url"] or None,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{invitation.area.name} is set up at /areas/{invitation.area.slug}/. "
            f"{invitation.email} has been emailed an invitation to be its programme manager."
        )
