from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, database_restore


class Command(BaseCommand):
    # It works on the database as it is, whatever the code's own checks would say of it.
    requires_system_checks: list[str] = []
    help = (
        "Restore a backup made by backup_database into this installation's database (DATABASE_URL, or "
        "SQLite in SENDPLAN_VAR_DIR). Stop the web server and the worker first. The database must be "
        "empty unless --replace is given. Then run migrate (a backup of an older release) and restore the "
        "uploaded files folder (docs/deploy.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that already has tables: everything in it is lost",
        )

    def handle(self, *args: Any, file: Path, replace: bool, **options: Any) -> None:
        try:
            done = database_restore(source=file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {done}")
