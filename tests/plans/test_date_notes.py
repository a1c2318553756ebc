"""The preview says how a day written in another form than 31/10/2017 was read, and which century a
two-digit year was taken in; many rows read alike are said once, with their rows."""

from datetime import date

import pytest

from common.dates import how_read
from plans.spreadsheet import preview_import, read_plan_file
from plans.spreadsheet.problems import grouped
from tests.plans.spreadsheet_files import plan_value, set_cell, valid_sheets, xlsx_bytes
from tests.plans.test_import_pages import previewed


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("31-Oct-17", "read as 31 October 2017 (the year 17 taken as 2017, not 1917)"),
        ("31 October 2017", "read as 31 October 2017"),
        ("31/10/17", "read as 31 October 2017 (the year 17 taken as 2017, not 1917)"),
        ("2017-10-31", "read as 31 October 2017"),
        ("1/4/2019", "read as 1 April 2019"),
        ("31/10/2017", None),
    ],
)
def test_how_read_says_how_each_form_was_read(written, said):
    assert how_read(written, date(2017, 10, 31) if "17" in written else date(2019, 4, 1)) == said


def _notes(sheets):
    return [str(n) for n in read_plan_file(xlsx_bytes(sheets), name="p.xlsx").notes]


def test_a_due_date_in_another_form_is_noted_and_one_in_the_usual_form_is_not():
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31-Oct-17")
    assert _notes(sheets) == [
        'Items, row 5, Due date: Due "31-Oct-17" read as 31 October 2017 '
        "(the year 17 taken as 2017, not 1917)"
    ], "row 9's 30/09/2019 needs no word"


def test_the_plan_sheets_dates_are_noted_too():
    sheets = valid_sheets()
    plan_value(sheets, "Start date", "1 April 2019")
    assert _notes(sheets) == ['Plan, row 6, Value: Start date "1 April 2019" read as 1 April 2019']


def test_many_rows_read_alike_are_said_once_with_their_rows():
    sheets = valid_sheets()
    for row, written in [(5, "31-Oct-17"), (9, "30-Sep-19"), (6, "01-Dec-18")]:
        set_cell(sheets, "Items", row, "Due date", written)
    set_cell(sheets, "Items", 6, "Due as written", "")
    plan_file = read_plan_file(xlsx_bytes(sheets), name="p.xlsx")
    groups = grouped(plan_file.notes)
    assert len(groups) == 1
    assert groups[0].place == "Items, rows 5, 6, 9, Due date"
    assert [d.message for d in groups[0].details][1] == (
        'Due "01-Dec-18" read as 1 December 2018 (the year 18 taken as 2018, not 1918)'
    )


@pytest.mark.django_db
def test_the_preview_page_says_how_the_dates_were_read(client, area, programme_manager):
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Due date", "31/07/19")
    client.force_login(programme_manager)
    page = client.get(previewed(client, xlsx_bytes(sheets))).content.decode()
    assert "How the file was read" in page
    assert "Due &quot;31/07/19&quot; read as 31 July 2019 (the year 19 taken as 2019, not 1919)" in page
    assert preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="p.xlsx")).is_valid
