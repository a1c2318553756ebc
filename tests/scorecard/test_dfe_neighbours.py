"""A statistical neighbours' figure says how many neighbours it averages and which had none; and the import's
preview and its result count figures the same way."""

from decimal import Decimal

import pytest

from scorecard.dfe.importing import import_dfe, neighbours_made_from, preview_dfe
from scorecard.dfe.rows import DfeRow
from scorecard.dfe.values import MISSING_REASONS, Level
from scorecard.models import Figure, Series
from tests.scorecard.conftest import DFE_DIR, TIMELINESS_FILE
from tests.scorecard.factories import headline
from tests.scorecard.test_dfe_import import TIMELINESS, mapping_post, subset, upload_file

pytestmark = [
    pytest.mark.skipif(not TIMELINESS_FILE.is_file(), reason=f"the DfE files are not in {DFE_DIR}"),
    pytest.mark.usefixtures("private_uploads"),
]
TRAFFORD = "E08000009"


def _row(name: str, code: str, value: str | None, symbol: str = "") -> DfeRow:
    return DfeRow(
        row=2,
        period="2024",
        level=Level.LOCAL_AUTHORITY,
        area_name=name,
        value=Decimal(value) if value is not None else None,
        missing_reason="" if value is not None else MISSING_REASONS[symbol],
        new_la_code=code,
    )


def test_the_mean_names_each_neighbour_without_a_figure_with_the_dfes_symbol():
    rows = [
        _row("Trafford", TRAFFORD, None, "x"),
        _row("Bury", "E08000002", "99"),
        _row("Wigan", "E08000010", "40"),
    ]

    assert (
        neighbours_made_from(rows, [TRAFFORD, "E08000002", "E08000010"])
        == "mean of 2 of 3 neighbours; Trafford: x"
    )
    assert neighbours_made_from(rows[1:], ["E08000002", "E08000010"]) == "mean of 2 of 2 neighbours"


def test_a_neighbour_with_no_row_in_the_file_is_named_too():
    rows = [_row("Bury", "E08000002", "99"), _row("Cheshire East", "E06000049", None, "c")]

    assert neighbours_made_from(rows, ["E08000002", "E06000049", "E08000099"]) == (
        "mean of 1 of 3 neighbours; Cheshire East: c, E08000099: no row"
    )


def _trafford_suppressed_in_2024(cells: dict) -> None:
    if cells["new_la_code"] == TRAFFORD and cells["time_period"] == "2024":
        cells["PC_plans_issued_20_weeks_ex"] = "x"


def test_the_preview_and_the_measure_page_say_how_many_neighbours_the_mean_averages(
    client, programme_manager, stockport, measure, real_table
):
    data = subset(real_table, change=_trafford_suppressed_in_2024)
    client.force_login(programme_manager)
    response = upload_file(client, stockport.area, data)

    checked = client.post(response.url, mapping_post(TIMELINESS, measure, "check"))
    assert "mean of 2 of 3 neighbours; Trafford: x" in checked.content.decode()

    preview = checked.context["preview"]
    client.post(response.url, mapping_post(TIMELINESS, measure, "import", fingerprint=preview.fingerprint()))
    neighbours = Figure.objects.get(breakdown=headline(measure), series=Series.NEIGHBOURS, period="2024")
    # Bury 99 and Cheshire East 47.9: Trafford's figure is suppressed.
    assert (neighbours.value, neighbours.made_from) == (
        Decimal("73.5"),
        "mean of 2 of 3 neighbours; Trafford: x",
    )
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "73.5% (mean of 2 of 3 neighbours; Trafford: x)" in page
    assert "(mean of 3 of 3 neighbours)" in page  # the other years average all three


def test_the_preview_and_the_result_count_new_replaced_and_unchanged_figures_alike(
    client, programme_manager, stockport, measure, real_table
):
    import_dfe(area=stockport.area, data=subset(real_table), mapping=TIMELINESS, breakdown=headline(measure))
    again = subset(real_table, change=_trafford_suppressed_in_2024)  # only the 2024 neighbours' mean changes

    preview = preview_dfe(area=stockport.area, data=again, mapping=TIMELINESS, breakdown=headline(measure))
    counts = preview.counts
    assert (counts.added, counts.replaced, counts.unchanged) == (0, 1, 23)
    assert preview.figure_count == 1
    client.force_login(programme_manager)
    response = upload_file(client, stockport.area, again)
    checked = client.post(response.url, mapping_post(TIMELINESS, measure, "check")).content.decode()
    said = "0 new figures and 1 replacing earlier one; 23 are unchanged"
    assert (
        f"Importing writes <strong>1 figure</strong> into E1 EHC plans issued within 20 weeks (All): {said}."
        in checked
    )

    imported = client.post(
        response.url,
        mapping_post(TIMELINESS, measure, "import", fingerprint=preview.fingerprint()),
        follow=True,
    )

    years = "2019, 2020, 2021, 2022, 2023, 2024"
    result = f"Imported 1 figure from timeliness_20_week.csv into E1 (All) for {years}: {said}."
    assert result in imported.content.decode().replace("\n", " ")
