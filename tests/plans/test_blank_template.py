"""The import page offers a blank template: every sheet of the plan template, headed as the export heads
them, the Plan sheet's fields listed (the required ones marked), and a first Guidance sheet saying what
each sheet and column is for. Importing it unfilled lists what is missing; its Guidance is never read."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plans.spreadsheet import preview_import, read_plan_file
from plans.spreadsheet import template as t
from plans.spreadsheet.blank import blank_template
from tests.plans.test_import_pages import UPLOAD, previewed

pytestmark = pytest.mark.django_db
URL = reverse("plans:import-template", kwargs={"area": "stockport"})


def test_the_import_page_links_the_blank_template(client, area, programme_manager):
    client.force_login(programme_manager)
    page = client.get(UPLOAD).content.decode()
    assert f'href="{URL}" download>Download a blank template (Excel)</a>' in page


def test_every_member_may_download_it_as_an_excel_workbook(client, area, viewer):
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan-template.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Guidance", *(s.name for s in t.SHEETS)]


def test_its_sheets_are_headed_and_its_plan_fields_listed_with_the_required_ones_marked():
    book = load_workbook(io.BytesIO(blank_template()))
    for sheet in t.SHEETS:
        headings = [cell.value for cell in book[sheet.name][1]]
        assert headings == list(sheet.columns)
        assert all(cell.font.bold for cell in book[sheet.name][1])
        assert book[sheet.name].freeze_panes == "A2"
        for cell in book[sheet.name][1]:
            assert (cell.comment is not None) == (cell.value in sheet.required_columns)
    plan = book["Plan"]
    fields = [row[0].value for row in plan.iter_rows(min_row=2)]
    assert fields == list(t.PLAN_FIELDS)
    assert {row[0].value for row in plan.iter_rows(min_row=2) if row[0].font.bold} == set(
        t.REQUIRED_PLAN_FIELDS
    )
    assert all(row[1].value is None for row in plan.iter_rows(min_row=2))
    assert book["Items"].max_row == 1, "no rows to delete before filling it in"


def test_the_guidance_says_what_every_sheet_column_and_field_is_for():
    rows = list(
        load_workbook(io.BytesIO(blank_template()))["Guidance"].iter_rows(min_row=2, values_only=True)
    )
    said = {(sheet, column): (required, words) for sheet, column, required, words in rows}
    for sheet in t.SHEETS:
        assert said[(sheet.name, None)][1] and "guide" not in said[(sheet.name, None)][1]
        names = [f"Field: {f}" for f in t.PLAN_FIELDS] if sheet is t.PLAN else list(sheet.columns)
        for name in names:
            required, words = said[(sheet.name, name)]
            assert words and words != "See the plan template's guide.", (sheet.name, name)
            assert required in {"Yes", "No"}
    assert said[("Items", "Number")][0] == "Yes" and said[("Items", "Notes")][0] == "No"
    assert said[("Plan", "Field: Level 4 plural")][1].startswith("Each level's name in the plural")
    general = {column: words for sheet, column, _required, words in rows if sheet == "All sheets"}
    assert "31-Oct-17" in general["Dates"] and '"/"' in general["Owners"]


def test_importing_it_unfilled_lists_what_is_missing_and_not_its_guidance(area):
    plan_file = read_plan_file(blank_template(), name="plan-template.xlsx")
    preview = preview_import(area=area, plan_file=plan_file)
    assert not preview.is_valid
    assert "Plan, row 2, Value: Enter the plan's reference, a short code such as WSOA-2019" in map(
        str, preview.problems
    )
    assert preview.unused == []


def test_uploading_it_unfilled_shows_its_problems(client, area, programme_manager):
    client.force_login(programme_manager)
    page = client.get(previewed(client, blank_template(), name="plan-template.xlsx")).content.decode()
    assert "The file cannot be imported" in page
    assert "Enter the plan&#x27;s title" in page
    assert "Guidance" not in page
