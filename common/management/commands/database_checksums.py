from typing import Any

from django.core.management.base import BaseCommand

from common.backup import table_checksums


class Command(BaseCommand):
    # It works on the database as it is, whatever the code's own checks would say of it.
    requires_system_checks: list[str] = []
    help = (
        "Print every table of the database with its number of rows and a SHA-256 of its rows in primary "
        "key order, one table a line. Two databases holding the same data print the same lines: compare a "
        "restored copy with its source (the restore drill in docs/deploy.md) with diff."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for checksum in table_checksums():
            self.stdout.write(str(checksum))
