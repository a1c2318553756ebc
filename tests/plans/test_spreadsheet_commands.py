"""The import_plan and export_plan commands: what they print, how they exit, what they write."""

import csv
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command, execute_from_command_line

from history.models import Change
from plans.models import Item, Plan
from tests.areas.factories import LocalAreaFactory
from tests.plans.spreadsheet_files import set_cell, valid_sheets, write_file

DEMO = settings.BASE_DIR / "demo" / "stockport-wsoa-2019"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["xlsx", "zip", "folder"])
def test_import_plan_shows_what_it_adds_and_imports_it(area, tmp_path, fmt):
    path = write_file(tmp_path, valid_sheets(), fmt)

    out, _ = run("import_plan", str(path), "--area", "stockport")

    assert 'Plan WSOA-2019 "Written Statement of Action": a new plan' in out
    assert "Items: 9 to add, 0 to change, 0 to remove, 0 unchanged" in out
    assert "  + Milestone 1.1.1.1  Board meets fortnightly" in out
    assert "Imported plan WSOA-2019: 20 added, 0 changed, 0 removed." in out
    assert Item.objects.filter(plan__area=area).count() == 9
    assert Change.objects.filter(source=f"Import of {path.name}").exists()


def test_import_plan_lists_changes_with_old_and_new_values(area, tmp_path):
    run("import_plan", str(write_file(tmp_path, valid_sheets())), "--area", "stockport")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "30/08/2019")

    out, _ = run("import_plan", str(write_file(tmp_path, sheets, name="edited")), "--area", "stockport")

    assert "updates the plan with this reference" in out
    assert "  ~ Milestone 1.1.1.1\n" in out
    assert '      Due date: "31/07/2019" -> "30/08/2019"' in out
    assert "Items: 0 to add, 1 to change, 0 to remove, 8 unchanged" in out


def test_at_verbosity_0_only_the_totals_are_listed(area, tmp_path):
    path = write_file(tmp_path, valid_sheets())
    out, _ = run("import_plan", str(path), "--area", "stockport", "--dry-run", "--verbosity", "0")
    assert "Items: 9 to add, 0 to change, 0 to remove, 0 unchanged" in out
    assert "Milestone 1.1.1.1" not in out


def test_a_dry_run_shows_the_changes_and_writes_nothing(area, tmp_path):
    out, _ = run("import_plan", str(write_file(tmp_path, valid_sheets())), "--area", "stockport", "--dry-run")

    assert "Items: 9 to add" in out
    assert "This was a dry run: nothing was written." in out
    assert Plan.objects.count() == 0 and Change.objects.count() == 0


def test_importing_an_unchanged_file_says_there_is_nothing_to_do(area, tmp_path):
    path = write_file(tmp_path, valid_sheets())
    run("import_plan", str(path), "--area", "stockport")
    changes = Change.objects.count()

    out, _ = run("import_plan", str(path), "--area", "stockport")

    assert "Nothing to import: the plan already matches the file." in out
    assert Change.objects.count() == changes


def test_a_bad_file_prints_each_problem_and_exits_non_zero_having_written_nothing(area, tmp_path, capsys):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/04/19")
    set_cell(sheets, "Items", 6, "Owners", "ZZ")
    path = write_file(tmp_path, sheets)

    # call_command, not execute_from_command_line: the latter closes the test's database connection.
    with pytest.raises(CommandError) as failure:
        call_command("import_plan", str(path), "--area", "stockport")

    assert failure.value.returncode == 1, "the shell sees a non-zero exit"
    err = capsys.readouterr().err + str(failure.value)
    assert 'Items, row 5, Due date: "31/04/19" is not a real date (April 2019 has 30 days).' in err
    assert 'Items, row 6, Owners: "ZZ" is not in the People sheet or among the area\'s people.' in err
    assert "The file has 2 problems. Nothing was imported." in err
    assert Plan.objects.count() == 0 and Change.objects.count() == 0


def test_import_plan_records_the_user_given(area, tmp_path, programme_manager):
    run(
        "import_plan",
        str(write_file(tmp_path, valid_sheets())),
        "--area",
        "stockport",
        "--user",
        "PM@example.org",
    )
    assert set(Change.objects.values_list("by", flat=True)) == {programme_manager.pk}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "nowhere"], 'There is no local area "nowhere". The areas are: stockport'),
        (["--area", "stockport", "--user", "nobody@example.org"], "no user with the email address"),
    ],
)
def test_import_plan_refuses_an_unknown_area_or_user(area, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_plan", str(write_file(tmp_path, valid_sheets())), *args)


def test_import_plan_refuses_a_file_that_is_not_there(area, tmp_path):
    with pytest.raises(CommandError, match="There is no file or folder called"):
        run("import_plan", str(tmp_path / "missing.xlsx"), "--area", "stockport")


def test_the_help_explains_the_forms_of_file_and_what_happens(capsys):
    with pytest.raises(SystemExit):
        execute_from_command_line(["manage.py", "import_plan", "--help"])
    out = capsys.readouterr().out
    assert "a folder holding\nthe CSV files" in out
    assert "nothing is imported" in out
    assert "--dry-run" in out


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_export_plan_writes_the_file_that_import_plan_reads_back_unchanged(area, tmp_path, fmt):
    run("import_plan", str(write_file(tmp_path, valid_sheets())), "--area", "stockport")
    changes = Change.objects.count()
    output = tmp_path / f"exported.{fmt}"

    out, _ = run("export_plan", "--area", "stockport", "--plan", "wsoa-2019", "-o", str(output))

    assert f"Wrote plan WSOA-2019 (9 items) to {output}" in out
    out, _ = run("import_plan", str(output), "--area", "stockport")
    assert "Nothing to import" in out
    assert Change.objects.count() == changes


def test_export_plan_finds_the_plan_by_its_number_too(area, tmp_path):
    run("import_plan", str(write_file(tmp_path, valid_sheets())), "--area", "stockport")
    plan = Plan.objects.get()
    run("export_plan", "--area", "stockport", "--plan", str(plan.pk), "-o", str(tmp_path / "by-id.xlsx"))
    assert (tmp_path / "by-id.xlsx").read_bytes().startswith(b"PK\x03\x04")


@pytest.mark.parametrize(
    ("plan", "output", "message"),
    [
        ("NOPE", "out.xlsx", 'Stockport has no plan "NOPE". Its plans are: WSOA-2019'),
        ("WSOA-2019", "out.pdf", r"End the file's name with \.xlsx \(Excel\) or \.zip \(CSV files\)"),
    ],
)
def test_export_plan_refuses_an_unknown_plan_or_format(area, tmp_path, plan, output, message):
    run("import_plan", str(write_file(tmp_path, valid_sheets())), "--area", "stockport")
    with pytest.raises(CommandError, match=message):
        run("export_plan", "--area", "stockport", "--plan", plan, "-o", str(tmp_path / output))


def test_the_stockport_demo_imports_from_its_folder_whole(db):
    """The demo transcription of Stockport's 2019 WSoA: 5 areas of weakness, every milestone dated."""
    fresh = LocalAreaFactory(slug="demo-stockport")
    with (DEMO / "items.csv").open(encoding="utf-8-sig", newline="") as handle:
        numbers = [row["Number"] for row in csv.DictReader(handle)]
    assert len(numbers) > 100

    out, _ = run("import_plan", str(DEMO), "--area", "demo-stockport")

    assert "Imported plan" in out
    plan = Plan.objects.get(area=fresh)
    items = plan.items.current()
    assert items.filter(level=1).count() == 5
    undated = list(items.filter(level=4, due_date__isnull=True, due_text="").values_list("number", flat=True))
    assert undated == [], f"milestones with neither a due date nor a date as written: {undated}"
    per_level = Counter(items.values_list("level", flat=True))
    assert per_level == Counter(number.count(".") + 1 for number in numbers)


def _with_a_column_left_out(tmp_path, fmt: str = "xlsx"):
    sheets = valid_sheets()
    for number, row in enumerate(sheets["Items"]):
        row.append("Success Criteria / Measures" if number == 0 else "Fewer complaints")
    return write_file(tmp_path, sheets, fmt)


@pytest.mark.parametrize("fmt", ["xlsx", "folder"])
def test_a_dry_run_lists_the_columns_that_will_not_be_imported(area, tmp_path, fmt):
    out, _ = run(
        "import_plan", str(_with_a_column_left_out(tmp_path, fmt)), "--area", "stockport", "--dry-run"
    )
    assert (
        'These columns will not be imported:\n  Items: "Success Criteria / Measures" (9 filled cells)' in out
    )
    assert Plan.objects.count() == 0


def test_an_import_with_columns_left_out_is_refused_without_ignore_columns(area, tmp_path):
    path = _with_a_column_left_out(tmp_path)
    with pytest.raises(CommandError) as refused:
        run("import_plan", str(path), "--area", "stockport")
    assert str(refused.value) == (
        "1 column will not be imported (listed above). Nothing was imported. "
        "Run again with --ignore-columns to import the rest without them."
    )
    assert Plan.objects.count() == 0 and Change.objects.count() == 0
    out, _ = run("import_plan", str(path), "--area", "stockport", "--ignore-columns")
    assert "Imported plan WSOA-2019" in out


def test_the_command_says_the_same_problem_in_many_rows_once_with_its_rows(area, tmp_path, capsys):
    sheets = valid_sheets()
    for row in (5, 6, 7, 9):
        set_cell(sheets, "Items", row, "Due date", "ongoing")
    with pytest.raises(CommandError) as failure:
        call_command("import_plan", str(write_file(tmp_path, sheets)), "--area", "stockport")
    err = capsys.readouterr().err
    assert err.count("is not a date, a month, a term or a range of them") == 1
    assert 'Items, rows 5-7, 9, Due date: "ongoing" is not a date' in err
    assert "The file has 4 problems" in str(failure.value)


def test_the_command_says_how_a_range_was_read(area, tmp_path):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "Sept 2018 - March 2019")
    out, _ = run("import_plan", str(write_file(tmp_path, sheets)), "--area", "stockport", "--dry-run")
    assert 'Read: Items, row 5, Due date: Due "Sept 2018 - March 2019" read as 31/03/2019' in out
