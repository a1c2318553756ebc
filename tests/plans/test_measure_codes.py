"""Measures named in items: an item cites scorecard measures by code (the Measures column and field);
unknown codes are refused with the closest code; the item's page and the measure's page list the cites."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from plans.models import Item
from plans.rules import measure_codes, unknown_codes_problem
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes
from tests.plans.test_items import edit_url, form_data
from tests.scorecard.factories import MeasureFactory


def test_measure_codes_are_split_at_commas_and_semicolons_each_once_as_first_written():
    assert measure_codes("S6, S7; E9\ns6, ,") == ["S6", "S7", "E9"]
    assert measure_codes("") == []


@given(st.lists(st.from_regex(r"[A-Z][0-9]{1,2}", fullmatch=True), max_size=6))
def test_codes_written_as_the_export_joins_them_read_back_the_same(codes):
    once = list(dict.fromkeys(codes))
    assert measure_codes(", ".join(once)) == once


def test_an_unknown_code_is_named_with_the_closest_known_code():
    assert unknown_codes_problem(["S6", "s7"], ["S6", "S7"]) is None
    assert unknown_codes_problem(["S6x"], ["S6", "E9"]) == (
        '"S6x" is not the code of a measure in this area: did you mean S6?'
    )
    assert unknown_codes_problem(["ZZZ99"], ["S6"]) == '"ZZZ99" is not the code of a measure in this area.'


@pytest.mark.django_db
def test_the_item_form_saves_cited_codes_as_the_scorecard_spells_them_and_refuses_unknown_ones(
    client, programme_manager, area, tree
):
    MeasureFactory(area=area, code="S6")
    MeasureFactory(area=area, code="E9")
    item = tree["mine"]
    client.force_login(programme_manager)
    response = client.post(edit_url(item), form_data(item, measures="S6x, E9"))
    assert "&quot;S6x&quot; is not the code of a measure in this area: did you mean S6?" in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.measure_codes == ""
    assert client.post(edit_url(item), form_data(item, measures="s6, e9")).status_code == 302
    item.refresh_from_db()
    assert item.measure_codes == "S6, E9"


@pytest.mark.django_db
def test_the_item_page_and_the_measure_page_list_the_cites(client, programme_manager, area, tree):
    cited = MeasureFactory(area=area, code="S6", name="Parents' confidence")
    MeasureFactory(area=area, code="S60", name="Not cited")
    item = tree["mine"]
    item.measure_codes = "S6"
    item.save()
    client.force_login(programme_manager)
    item_page = client.get(reverse("plans:item", kwargs={"area": area.slug, "pk": item.pk})).content.decode()
    assert "Parents&#x27; confidence" in item_page and "(Cited in its measures)" in item_page
    assert "Not cited" not in item_page
    measure_page = client.get(cited.get_absolute_url()).content.decode()
    assert f"{item.plan.reference} {item.number}</a>" in measure_page
    assert "Cites S6 in its measures" in measure_page


@pytest.mark.django_db
def test_the_measures_column_is_imported_exported_and_unknown_codes_are_problems_at_their_cell(area):
    MeasureFactory(area=area, code="S6")
    MeasureFactory(area=area, code="S7")
    sheets = valid_sheets()
    set_cell(sheets, "Items", 3, "Measures", "S6, S7")
    set_cell(sheets, "Items", 4, "Measures", "S6x")
    plan_file = read_plan_file(xlsx_bytes(sheets), name="plan.xlsx")
    assert not [u for u in plan_file.unused if u.name == "Measures"], "the column is the template's own"
    preview = preview_import(area=area, plan_file=plan_file)
    assert [str(p) for p in preview.problems] == [
        'Items, row 4, Measures: "S6x" is not the code of a measure in this area: did you mean S6? '
        "Check the codes"
    ]
    set_cell(sheets, "Items", 4, "Measures", "s7")
    plan = plan_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="plan.xlsx")).plan
    cites = dict(
        Item.objects.filter(plan=plan).exclude(measure_codes="").values_list("number", "measure_codes")
    )
    assert len(cites) == 2 and "S6, S7" in cites.values()
    again = preview_import(area=area, plan_file=read_plan_file(export_plan(plan, "xlsx"), name="plan.xlsx"))
    assert again.is_valid and not again.has_changes
