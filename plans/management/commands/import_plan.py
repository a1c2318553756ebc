"""python manage.py import_plan FILE --area SLUG [--dry-run] [--ignore-columns] [--user EMAIL]"""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

from areas.models import LocalArea
from plans.spreadsheet import (
    ImportPreview,
    ImportRejected,
    Problem,
    grouped,
    plan_import,
    preview_import,
    read_plan_file,
)

HELP = """Import a plan from the plan template (see docs/plan-template.md).

FILE is an Excel workbook (.xlsx), a zip of the CSV files (.zip), or a folder holding
the CSV files (plan.csv, people.csv, workstreams.csv, rag_scheme.csv, items.csv,
findings.csv, plan_text.csv, groups.csv).

The whole file is checked first. If anything is wrong, every problem is listed with
its sheet, row and column, and nothing is imported. Otherwise the command lists what
it will add, change and remove, then imports it all in one go.

The plan is matched by its Reference: importing a file with the same Reference again
updates that plan, item by item, matched by number. Items missing from the file are
removed (they stay in the plan's history). Importing an unchanged file changes nothing.

Columns the template does not have (and rows of the Plan sheet that are not its
fields, and sheets that are not its sheets) are not imported. --dry-run lists them;
an import refuses while there are any, unless you add --ignore-columns to say you
have seen the list and want the rest imported without them.

Dates may be written 31/10/2017, 31/10/17, 31-Oct-17, 31 Oct 2017, 31 October 2017
or 2017-10-31. A month, term or range in the Due date column ("Sept 2019", "Autumn
Term 2018", "Sept 2018 - March 2019") is kept as written, due at its end where that
is certain. Owners may be initials, full names or job titles from the People sheet,
separated by /, ;, commas, & or "and".

Use -v 0 to list only the totals, not each thing added, changed or removed.

Examples:
  python manage.py import_plan wsoa-2019.xlsx --area stockport --dry-run
  python manage.py import_plan wsoa-2019.xlsx --area stockport --ignore-columns
  python manage.py import_plan demo/stockport-wsoa-2019 --area stockport --user pm@example.org
"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _RawHelp
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the .xlsx file, .zip file or folder of CSV files")
        parser.add_argument(
            "--area", required=True, metavar="SLUG", help="the local area's short name, e.g. stockport"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and show what would change, but write nothing",
        )
        parser.add_argument(
            "--ignore-columns",
            action="store_true",
            help="import even though some columns will not be imported (a dry run lists them)",
        )
        parser.add_argument(
            "--user", metavar="EMAIL", help="the person to record in the history as making the changes"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = LocalArea.objects.filter(slug=options["area"]).first()
        if area is None:
            slugs = ", ".join(LocalArea.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f'There is no local area "{options["area"]}". The areas are: {slugs}')
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user with the email address {options['user']}")
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"There is no file or folder called {path}")
        plan_file = read_plan_file(path)
        preview = preview_import(area=area, plan_file=plan_file)
        if not preview.is_valid:
            self._fail(preview.problems)
        self.stdout.write(describe(preview, details=options["verbosity"] >= 1))
        if options["dry_run"]:
            self.stdout.write("This was a dry run: nothing was written.")
            return
        if preview.unused and not options["ignore_columns"]:
            count = len(preview.unused)
            raise CommandError(
                f"{count} column{'' if count == 1 else 's'} will not be imported (listed above). "
                "Nothing was imported. Run again with --ignore-columns to import the rest without them."
            )
        if not preview.has_changes:
            self.stdout.write("Nothing to import: the plan already matches the file.")
            return
        try:
            done = plan_import(area=area, plan_file=plan_file, by=user, source=f"Import of {path.name}")
        except ImportRejected as rejected:
            self._fail(rejected.problems)
        counts = done.counts
        assert done.plan is not None  # an import leaves its plan in the area
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported plan {done.plan.reference}: {counts['added']} added, "
                f"{counts['changed']} changed, {counts['removed']} removed."
            )
        )

    def _fail(self, problems: list[Problem]) -> NoReturn:
        for group in grouped(problems):
            self.stderr.write(str(group))
            for detail in group.details:
                self.stderr.write(f"    row {detail.row}: {detail.message}")
        count = len(problems)
        raise CommandError(f"The file has {count} problem{'' if count == 1 else 's'}. Nothing was imported.")


def describe(preview: ImportPreview, *, details: bool = True) -> str:
    """The preview as lines of text: + added, ~ changed (old -> new), - removed; or only the totals."""
    lines = []
    state = "a new plan" if preview.is_new_plan else "updates the plan with this reference"
    lines.append(f'Plan {preview.reference} "{preview.title}": {state}')
    for change in preview.plan_changes if details else []:
        lines.append(f'  {change.label}: "{change.old}" -> "{change.new}"')
    for section in preview.sections:
        lines.append(
            f"{section.title}: {len(section.added)} to add, {len(section.changed)} to change, "
            f"{len(section.removed)} to remove, {section.unchanged} unchanged"
        )
        if not details:
            continue
        for entry in section.added:
            lines.append(f"  + {entry.subject}  {entry.summary}".rstrip())
        for entry in section.changed:
            lines.append(f"  ~ {entry.subject}")
            for change in entry.changes:
                lines.append(f'      {change.label}: "{_one_line(change.old)}" -> "{_one_line(change.new)}"')
        for entry in section.removed:
            lines.append(f"  - {entry.subject}  {entry.summary}".rstrip())
    if preview.unused:
        lines.append("These columns will not be imported:")
        lines += [f"  {unused.words}" for unused in preview.unused]
    for group in grouped(preview.notes) if details else []:
        lines.append(f"Read: {group}")
        lines += [f"    row {detail.row}: {detail.message}" for detail in group.details]
    return "\n".join(lines)


def _one_line(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _RawHelp(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's help layout, keeping the line breaks of the examples."""
