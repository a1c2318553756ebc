from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, database_backup


class Command(BaseCommand):
    # It works on the database as it is, whatever the code's own checks would say of it.
    requires_system_checks: list[str] = []
    help = (
        "Back up the database to one file while the service runs: SQLite by its online backup, PostgreSQL "
        "by pg_dump (custom format). Run daily; keep the file away from this server, with a copy of the "
        "uploaded files folder (docs/deploy.md). Restore with restore_database."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            required=True,
            help="The backup file to write (replaced if it exists)",
        )

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        try:
            done = database_backup(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up {done}")
