""" "Due as written" holds a timeframe of any reasonable length (500 characters), whole: from the file,
from a range in Due date, and on the item's form; a longer one is refused with what to do, never cut."""

import pytest

from plans.models import Item
from plans.spreadsheet import plan_import, read_plan_file
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes
from tests.plans.test_items import edit_url, form_data

pytestmark = pytest.mark.django_db

TIMEFRAME = (
    "From Sept 2018, reviewed each half term by the SEND Improvement Board, with the first phase in "
    "the Autumn Term 2018 and the second once the joint commissioning strategy is agreed; "
) * 3  # about 500 characters


def test_a_long_due_as_written_is_imported_whole(area):
    text = TIMEFRAME[:480].strip()
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Due as written", text)
    plan_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="p.xlsx"))
    assert Item.objects.get(number="1.1.1.2").due_text == text


def test_a_due_as_written_past_500_characters_is_refused_not_cut():
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Due as written", "x" * 501)
    problems = [str(p) for p in read_plan_file(xlsx_bytes(sheets), name="p.xlsx").problems]
    assert problems == [
        "Items, row 6, Due as written: This is 501 characters long. Shorten it to 500 characters or fewer"
    ]


def test_a_long_range_in_due_date_is_kept_whole_in_due_as_written(area):
    words = (
        "Phase one, "
        + "the review with the board and the parent carer forum, " * 3
        + "Sept 2018 - March 2019"
    )
    assert 120 < len(words) <= 500
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Due as written", "")
    set_cell(sheets, "Items", 6, "Due date", words)
    plan_file = read_plan_file(xlsx_bytes(sheets), name="p.xlsx")
    assert plan_file.is_valid, plan_file.problems
    plan_import(area=area, plan_file=plan_file)
    assert Item.objects.get(number="1.1.1.2").due_text == words


def test_a_range_too_long_to_keep_is_refused_with_what_to_do():
    words = "Phase one, " + "the review with the board, " * 20 + "Sept 2018 - March 2019"
    sheets = valid_sheets()
    set_cell(sheets, "Items", 6, "Due as written", "")
    set_cell(sheets, "Items", 6, "Due date", words)
    problems = [str(p) for p in read_plan_file(xlsx_bytes(sheets), name="p.xlsx").problems]
    assert problems == [
        f'Items, row 6, Due date: This is {len(words)} characters long, and "Due as written" '
        "keeps at most 500. Shorten it"
    ]


def test_the_item_form_keeps_500_characters_and_refuses_more(client, tree, programme_manager):
    item = tree["mine"]
    client.force_login(programme_manager)
    text = TIMEFRAME[:499].strip() + "."
    assert client.post(edit_url(item), form_data(item, due_text=text)).status_code == 302
    item.refresh_from_db()
    assert item.due_text == text
    response = client.post(edit_url(item), form_data(item, due_text="x" * 501))
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
