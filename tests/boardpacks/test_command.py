"""`python manage.py boardpack`: makes a stored version of a pack on the command line and writes its files."""

import datetime
import hashlib
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from boardpacks.management.commands.boardpack import formats_chosen, month_chosen
from boardpacks.models import Pack
from history.models import Change
from progress.models import ReportingPeriod
from tests.areas.factories import LocalAreaFactory
from tests.boardpacks.factories import PackFactory, PackTemplateFactory
from tests.plans.factories import PlanFactory
from tests.progress.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db
XLSX_NAME = "stockport-monthly-send-board-pack-march-2021-v{}.xlsx"


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    """The stored files of each test's packs go in its own folder, removed afterwards."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"


@pytest.fixture
def stockport():
    return LocalAreaFactory(slug="stockport", name="Stockport")


@pytest.fixture
def plan(stockport):
    return PlanFactory(area=stockport, reference="WSOA-2019")


@pytest.fixture
def march(plan):
    return ReportingPeriodFactory(
        plan=plan, state=ReportingPeriod.State.REPORTED, reported_at=datetime.datetime.now(datetime.UTC)
    )


@pytest.fixture
def april(plan):
    return ReportingPeriodFactory(
        plan=plan,
        name="April 2021",
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
        deadline=datetime.date(2021, 4, 26),
    )


@pytest.fixture
def monthly(plan):
    return PackTemplateFactory(plan=plan, name="Monthly SEND board pack", is_default=True)


@pytest.fixture
def quarterly(plan):
    return PackTemplateFactory(
        plan=plan,
        name="Health and Wellbeing Board: quarterly",
        frequency="quarterly",
        sections=["cover", "summary", "scorecard", "matters"],
    )


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("boardpack", *args, stdout=out)
    return out.getvalue()


def test_makes_the_default_pack_and_writes_its_workbook(tmp_path, monthly, quarterly, march):
    output = _run("--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(tmp_path))
    pack = Pack.objects.get()
    assert pack.template == monthly and pack.period == march and pack.number == 1
    assert pack.made_by is None
    written = tmp_path / XLSX_NAME.format(1)
    assert written.is_file()
    assert "Made version 1 of Monthly SEND board pack for March 2021" in output
    assert str(written) in output
    stored = pack.files.get()
    assert stored.format == "xlsx"
    assert hashlib.sha256(written.read_bytes()).hexdigest() == stored.sha256
    book = openpyxl.load_workbook(written)
    assert "Highlight reports" in book.sheetnames


def test_the_pack_is_recorded_as_made_on_the_command_line(tmp_path, monthly, march):
    _run("--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(tmp_path))
    change = Change.objects.get(subject__startswith="Board pack: Monthly SEND board pack, March 2021")
    assert change.source == "Command line"
    assert change.by is None


def test_a_named_template_is_made_whatever_the_case(tmp_path, monthly, quarterly, march):
    _run(
        "--area", "stockport", "--period", "2021-03", "--template", "health and wellbeing board: QUARTERLY",
        "--format", "xlsx", "-o", str(tmp_path),
    )  # fmt: skip
    pack = Pack.objects.get()
    assert pack.template == quarterly
    written = tmp_path / "stockport-health-and-wellbeing-board-quarterly-march-2021-v1.xlsx"
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == [
        "Contents",
        "Summary",
        "Scorecard",
        "Scorecard figures",
        "Matters for decision",
    ]


def test_running_again_makes_the_next_version_keeping_the_meeting_and_matters(tmp_path, monthly, march):
    first = PackFactory(template=monthly, period=march, matters="Agree the revised date for 2.3.")
    _run("--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(tmp_path))
    second = Pack.objects.exclude(pk=first.pk).get()
    assert second.number == 2
    assert second.matters == "Agree the revised date for 2.3."
    assert second.meeting_date == first.meeting_date
    assert (tmp_path / XLSX_NAME.format(2)).is_file()


def test_meeting_date_and_matters_can_be_given(tmp_path, monthly, march):
    _run(
        "--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(tmp_path),
        "--meeting-date", "2021-04-20", "--matters", "Note progress.",
    )  # fmt: skip
    pack = Pack.objects.get()
    assert pack.meeting_date == datetime.date(2021, 4, 20)
    assert pack.matters == "Note progress."


def test_the_output_folder_is_made_if_missing(tmp_path, monthly, march):
    folder = tmp_path / "packs" / "march"
    _run("--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(folder))
    assert (folder / XLSX_NAME.format(1)).is_file()


def _refused(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        _run(*args)
    return str(refused.value)


def test_an_unknown_area_is_refused(tmp_path):
    message = _refused("--area", "nowhere", "--period", "2021-03", "-o", str(tmp_path))
    assert message == 'There is no local area "nowhere"'


def test_an_unknown_template_is_refused_naming_the_areas_packs(tmp_path, monthly, quarterly, march):
    message = _refused(
        "--area", "stockport", "--period", "2021-03", "--template", "Cabinet", "-o", str(tmp_path)
    )
    assert message == (
        "Stockport has no board pack called “Cabinet”. Its packs: “Health and Wellbeing Board: quarterly”, "
        "“Monthly SEND board pack”"
    )


def test_an_area_without_a_default_pack_must_name_one(tmp_path, monthly, quarterly, march):
    monthly.is_default = False
    monthly.save()
    message = _refused("--area", "stockport", "--period", "2021-03", "-o", str(tmp_path))
    assert message.startswith("Stockport has no default board pack: name one with --template.")
    assert "“Monthly SEND board pack”" in message


def test_an_area_without_packs_is_told_to_set_one_up(tmp_path, stockport):
    message = _refused("--area", "stockport", "--period", "2021-03", "-o", str(tmp_path))
    assert message == "Stockport has no board packs yet: set one up on the Board packs page"


def test_a_month_without_a_period_is_refused_listing_the_periods(tmp_path, monthly, march, april):
    message = _refused("--area", "stockport", "--period", "2021-05", "-o", str(tmp_path))
    assert message == (
        "WSOA-2019 has no reporting period ending in May 2021. "
        "Its periods: 2021-03 (March 2021), 2021-04 (April 2021, not reported)"
    )
    assert not Pack.objects.exists()


def test_a_period_not_yet_reported_is_refused(tmp_path, monthly, april):
    message = _refused("--area", "stockport", "--period", "2021-04", "-o", str(tmp_path))
    assert message.startswith("April 2021 has not been reported yet")
    assert not Pack.objects.exists()
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("period", ["March 2021", "2021-13", "03/2021", "2021"])
def test_a_period_that_is_not_a_month_is_refused(tmp_path, period):
    message = _refused("--area", "stockport", "--period", period, "-o", str(tmp_path))
    assert message == f'"{period}" is not a month: give the period as YYYY-MM, such as 2021-03'


def test_an_unknown_format_is_refused(tmp_path, monthly, march):
    message = _refused(
        "--area", "stockport", "--period", "2021-03", "--format", "xlsx,odt", "-o", str(tmp_path)
    )
    assert message == '"odt" is not a format: use one or more of pdf, docx, xlsx, separated by commas'
    assert not Pack.objects.exists()


def test_a_meeting_date_that_is_not_a_date_is_refused(tmp_path):
    message = _refused(
        "--area", "stockport", "--period", "2021-03", "--meeting-date", "20/04/2021", "-o", str(tmp_path)
    )
    assert message == '"20/04/2021" is not a date: give the meeting date as YYYY-MM-DD'


def test_an_output_that_is_a_file_is_refused_before_anything_is_made(tmp_path, monthly, march):
    afile = tmp_path / "pack.txt"
    afile.write_text("not a folder")
    message = _refused("--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(afile))
    assert message == f"{afile} is a file, not a folder: give a folder to write the pack's files to"
    assert not Pack.objects.exists()


def test_an_output_folder_that_cannot_be_made_is_refused(tmp_path, monthly, march):
    afile = tmp_path / "pack.txt"
    afile.write_text("not a folder")
    message = _refused(
        "--area", "stockport", "--period", "2021-03", "--format", "xlsx", "-o", str(afile / "packs")
    )
    assert message.startswith(f"The pack's files cannot be written to {afile / 'packs'}: ")
    assert not Pack.objects.exists()


def test_every_format_is_accepted_by_name_in_order_and_once():
    assert formats_chosen("pdf,docx,xlsx") == ["pdf", "docx", "xlsx"]
    assert formats_chosen(" PDF, docx ,pdf") == ["pdf", "docx"]


def test_no_format_is_refused():
    with pytest.raises(CommandError, match="No format given: use one or more of pdf, docx, xlsx"):
        formats_chosen(" , ")


def test_the_period_is_read_as_a_year_and_month():
    assert month_chosen("2021-03") == (2021, 3)
    assert month_chosen("2021-3") == (2021, 3)


def test_the_help_says_how_to_use_it(capsys):
    with pytest.raises(SystemExit):
        call_command("boardpack", "--help")
    shown = capsys.readouterr().out
    assert "--period YYYY-MM" in shown
    assert "the area's default pack is made" in " ".join(shown.split())
