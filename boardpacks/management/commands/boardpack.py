"""python manage.py boardpack --area SLUG --period YYYY-MM [--template NAME] [--format pdf,docx,xlsx]
-o DIR [--meeting-date YYYY-MM-DD] [--matters TEXT]"""

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from areas.models import LocalArea
from boardpacks import rules
from boardpacks.formats import FORMATS
from boardpacks.models import Pack, PackTemplate
from boardpacks.services import pack_make, pack_problem
from progress.models import ReportingPeriod

HELP = """Make a board pack for a reported period, as the Board packs page does, and write its files to a
folder. The pack is stored as a new version (its history says it was made on the command line), so the
same files can be downloaded from the pack's page. Without --template, the area's default pack is made.
Without --meeting-date or --matters, those of the latest version for the same period are kept."""

MONTH = re.compile(r"(\d{4})-(\d{1,2})")
REPORTED = ReportingPeriod.State.REPORTED


def formats_chosen(text: str) -> list[str]:
    """The formats asked for ("pdf,docx,xlsx"), in order, each once; an unknown one is refused."""
    chosen = list(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        named = f'"{", ".join(unknown)}" is not a format' if unknown else "No format given"
        raise CommandError(f"{named}: use one or more of {', '.join(FORMATS)}, separated by commas")
    return chosen


def month_chosen(text: str) -> tuple[int, int]:
    """The year and month of --period ("2021-03")."""
    found = MONTH.fullmatch(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise CommandError(f'"{text}" is not a month: give the period as YYYY-MM, such as 2021-03')
    return int(found.group(1)), int(found.group(2))


def folder_ready(text: str) -> Path:
    """The output folder, made if it does not exist; refused if it cannot be written to."""
    folder = Path(text)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is a file, not a folder: give a folder to write the pack's files to")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise CommandError(f"The pack's files cannot be written to {folder}: {error.strerror}") from None
    return folder


def _names(templates: list[PackTemplate]) -> str:
    return ", ".join(f"“{template.name}”" for template in templates) or "none"


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, metavar="SLUG", help="the local area, e.g. stockport")
        parser.add_argument(
            "--period",
            required=True,
            metavar="YYYY-MM",
            help="the month the reporting period ends in, e.g. 2021-03; the period must be reported",
        )
        parser.add_argument(
            "--template", metavar="NAME", help='the pack\'s name, e.g. "Monthly SEND board pack"'
        )
        parser.add_argument(
            "--format",
            default=",".join(FORMATS),
            metavar="FORMATS",
            help=f"the files to make, separated by commas (default {','.join(FORMATS)})",
        )
        parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write to")
        parser.add_argument("--meeting-date", metavar="YYYY-MM-DD", help="the meeting's date")
        parser.add_argument("--matters", metavar="TEXT", help="the matters for the board's decision")

    def handle(self, *args: Any, **options: Any) -> None:
        formats = formats_chosen(options["format"])
        year, month = month_chosen(options["period"])
        meeting_date = self._meeting_date(options["meeting_date"])
        area = LocalArea.objects.filter(slug=options["area"]).first()
        if area is None:
            raise CommandError(f'There is no local area "{options["area"]}"')
        template = self._template(area, options["template"])
        period = self._period(template, year, month)
        problem = pack_problem(template=template, period=period)
        if problem:
            raise CommandError(problem)
        folder = folder_ready(options["output"])
        latest = Pack.objects.filter(template=template, period=period).order_by("-number").first()
        try:
            pack = pack_make(
                template=template,
                period=period,
                meeting_date=meeting_date or (latest.meeting_date if latest else None),
                matters=options["matters"]
                if options["matters"] is not None
                else (latest.matters if latest else ""),
                by=None,
                formats=formats,
                source="Command line",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Made version {pack.number} of {template.name} for {period.name}:")
        for record in pack.files.all():
            path = folder / rules.file_name(
                area_slug=area.slug,
                template_name=template.name,
                period_name=period.name,
                number=pack.number,
                extension=record.format,
            )
            with record.file.open("rb") as stored:
                path.write_bytes(stored.read())
            self.stdout.write(f"  {path} ({record.get_format_display()}, {record.size:,} bytes)")

    def _meeting_date(self, text: str | None) -> date | None:
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f'"{text}" is not a date: give the meeting date as YYYY-MM-DD') from None

    def _template(self, area: LocalArea, name: str | None) -> PackTemplate:
        templates = list(PackTemplate.objects.filter(area=area).select_related("area", "plan"))
        if not templates:
            raise CommandError(f"{area.name} has no board packs yet: set one up on the Board packs page")
        if name:
            chosen = next((t for t in templates if t.name.casefold() == name.strip().casefold()), None)
            if chosen is None:
                raise CommandError(
                    f"{area.name} has no board pack called “{name}”. Its packs: {_names(templates)}"
                )
            return chosen
        default = next((t for t in templates if t.is_default), None)
        if default is None:
            raise CommandError(
                f"{area.name} has no default board pack: name one with --template. "
                f"Its packs: {_names(templates)}"
            )
        return default

    def _period(self, template: PackTemplate, year: int, month: int) -> ReportingPeriod:
        periods = list(template.plan.periods.order_by("ends_on"))
        chosen = [p for p in periods if (p.ends_on.year, p.ends_on.month) == (year, month)]
        if not chosen:
            listed = ", ".join(
                f"{p.ends_on:%Y-%m} ({p.name}{'' if p.state == REPORTED else ', not reported'})"
                for p in periods
            )
            raise CommandError(
                f"{template.plan.reference} has no reporting period ending in {date(year, month, 1):%B %Y}. "
                f"Its periods: {listed or 'none'}"
            )
        return chosen[-1]
