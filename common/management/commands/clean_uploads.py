from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from common.uploads_cleanup import clean_uploads


class Command(BaseCommand):
    help = (
        "Remove uploaded files left waiting for a confirmation that never came: plan imports and files of "
        "figures not confirmed, and DfE files uploaded for import, older than --days (default 14). Run daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=14, help="Remove what is older than this many days")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be removed")

    def handle(self, *args: Any, days: int, dry_run: bool, **options: Any) -> None:
        if days < 1:
            raise CommandError("--days must be 1 or more: files uploaded today may still be in use")
        cleaned = clean_uploads(older_than=timedelta(days=days), dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {cleaned} older than {days} days")
