"""python manage.py export_plan --area SLUG --plan ID -o FILE"""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

from areas.models import LocalArea
from plans.models import Plan
from plans.spreadsheet import export_plan

HELP = """Write a plan as the plan template (see docs/plan-template.md).

The file's name decides its form: .xlsx for an Excel workbook, .zip for a zip of CSV
files. Edit it and import it again with import_plan to update the plan: a file
exported and imported unchanged changes nothing.

Examples:
  python manage.py export_plan --area stockport --plan WSOA-2019 -o wsoa-2019.xlsx
  python manage.py export_plan --area stockport --plan 3 -o wsoa-2019.zip
"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _RawHelp
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--area", required=True, metavar="SLUG", help="the local area's short name, e.g. stockport"
        )
        parser.add_argument(
            "--plan", required=True, metavar="ID", help="the plan's Reference (e.g. WSOA-2019) or its number"
        )
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="the file to write, ending .xlsx or .zip"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = LocalArea.objects.filter(slug=options["area"]).first()
        if area is None:
            slugs = ", ".join(LocalArea.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f'There is no local area "{options["area"]}". The areas are: {slugs}')
        wanted = options["plan"].strip()
        plans = Plan.objects.filter(area=area).select_related("rag_scheme")
        plan = plans.filter(reference__iexact=wanted).first()
        if plan is None and wanted.isdigit():
            plan = plans.filter(pk=int(wanted)).first()
        if plan is None:
            known = ", ".join(plans.values_list("reference", flat=True)) or "none yet"
            raise CommandError(f'{area.name} has no plan "{wanted}". Its plans are: {known}')
        output = Path(options["output"])
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in {"xlsx", "zip"}:
            raise CommandError("End the file's name with .xlsx (Excel) or .zip (CSV files)")
        output.write_bytes(export_plan(plan, fmt))
        count = plan.items.current().count()
        self.stdout.write(self.style.SUCCESS(f"Wrote plan {plan.reference} ({count} items) to {output}"))


class _RawHelp(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's help layout, keeping the line breaks of the examples."""
