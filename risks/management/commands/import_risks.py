"""python manage.py import_risks FILE --area SLUG --plan REF [--dry-run] [--user EMAIL]"""

from pathlib import Path
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from areas.models import LocalArea
from plans.models import Plan
from risks.spreadsheet import (
    ImportRejected,
    Problem,
    RiskPreview,
    preview_risk_import,
    read_book,
    risk_import,
)

HELP = """Import a plan's risk register from the risk register template (see docs/risk-template.md).
The whole file is checked first: if anything is wrong, every problem is listed with its sheet, row and
column, and nothing is imported. Otherwise the command lists what it will add and change, then
imports it all in one go."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the .xlsx file")
        parser.add_argument("--area", required=True, metavar="SLUG", help="the local area, e.g. stockport")
        parser.add_argument(
            "--plan", required=True, metavar="REF", help="the plan's reference, e.g. WSOA-2019"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and show the changes; write nothing"
        )
        parser.add_argument(
            "--user", metavar="EMAIL", help="who to record in the history as making the changes"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = LocalArea.objects.filter(slug=options["area"]).first()
        if area is None:
            raise CommandError(f'There is no local area "{options["area"]}"')
        plan = Plan.objects.filter(area=area, reference__iexact=options["plan"]).first()
        if plan is None:
            references = ", ".join(Plan.objects.filter(area=area).values_list("reference", flat=True))
            raise CommandError(
                f'{area.name} has no plan "{options["plan"]}". Its plans: {references or "none"}'
            )
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user with the email address {options['user']}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file called {path}")
        book = read_book(path, name=path.name)
        preview = preview_risk_import(plan=plan, book=book)
        if not preview.is_valid:
            self._fail(preview.problems)
        self.stdout.write(describe(preview))
        if options["dry_run"]:
            self.stdout.write("This was a dry run: nothing was written.")
            return
        if not preview.has_changes:
            self.stdout.write("Nothing to import: the register already matches the file.")
            return
        try:
            done = risk_import(plan=plan, book=book, by=user, source=f"Import of {path.name}")
        except ImportRejected as rejected:
            self._fail(rejected.problems)
        counts = done.counts
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {counts['added']} added, {counts['changed']} changed.")
        )

    def _fail(self, problems: list[Problem]) -> NoReturn:
        for problem in problems:
            self.stderr.write(str(problem))
        count = len(problems)
        raise CommandError(f"The file has {count} problem{'' if count == 1 else 's'}. Nothing was imported.")


def describe(preview: RiskPreview) -> str:
    lines = []
    for section in preview.sections:
        lines.append(
            f"{section.title}: {len(section.added)} to add, {len(section.changed)} to change, "
            f"{section.unchanged} unchanged"
        )
        lines += [f"  + {e.subject}  {_one_line(e.summary)}".rstrip() for e in section.added]
        for entry in section.changed:
            lines.append(f"  ~ {entry.subject}")
            lines += [f'      {c.label}: "{_one_line(c.old)}" -> "{_one_line(c.new)}"' for c in entry.changes]
    return "\n".join(lines)


def _one_line(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
