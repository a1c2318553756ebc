"""DfE open data CSVs are read by column name, keep suppressed figures missing, refuse bad files clearly."""

import csv
import io
import json
from decimal import Decimal

import pytest

from scorecard.dfe import (
    READY_MADE,
    ColumnMapping,
    MappingInvalid,
    mapping_from_dict,
    matches_area,
    read_dfe_csv,
    suggest_mapping,
)

STOCKPORT, MANCHESTER, NORTH_WEST, ENGLAND = (
    ("E08000007", "356"),
    ("E08000003", "352"),
    "E12000002",
    "E92000001",
)

TIMELINESS = READY_MADE["timeliness_20_weeks_excluding_exceptions"]


# Small files with the DfE's columns.

HEADER = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "breakdown_topic",
    "breakdown",
    "plans_issued_den_ex",
    "plans_issued_20_weeks_ex",
    "PC_plans_issued_20_weeks_ex",
]
ALL = {"breakdown_topic": "All EHC plans issued", "breakdown": "All EHC plans issued"}
ENGLAND_ROW = {"geographic_level": "National", "country_code": ENGLAND, "country_name": "England"}
NORTH_WEST_ROW = {
    **ENGLAND_ROW,
    "geographic_level": "Regional",
    "region_code": NORTH_WEST,
    "region_name": "North West",
}
STOCKPORT_ROW = {
    **NORTH_WEST_ROW,
    "geographic_level": "Local authority",
    "new_la_code": "E08000007",
    "old_la_code": "356",
    "la_name": "Stockport",
}


def row(area=STOCKPORT_ROW, period="2024", figures=("574", "45", "7.8"), **cells):
    """One row as a dict: the area, the period and (plans issued, within 20 weeks, %)."""
    issued, within, percent = figures
    return {
        "time_period": period,
        "time_identifier": "Calendar year",
        **ALL,
        **area,
        "plans_issued_den_ex": issued,
        "plans_issued_20_weeks_ex": within,
        "PC_plans_issued_20_weeks_ex": percent,
        **cells,
    }


def dfe_csv(rows, header=HEADER, *, encoding="utf-8-sig", newline="\r\n", rename=None) -> bytes:
    """A CSV file as the DfE writes one (byte-order mark, CRLF), its header optionally renamed."""
    rename = rename or {}
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator=newline)
    writer.writerow([rename.get(name, name) for name in header])
    writer.writerows([[cells.get(name, "") for name in header] for cells in rows])
    return stream.getvalue().encode(encoding)


THREE_AREAS = [
    row(ENGLAND_ROW, figures=("84866", "39407", "46.4")),
    row(NORTH_WEST_ROW, figures=("13808", "6977", "50.5")),
    row(),
]


def figures(reading):
    return [(row.code, row.period, row.value) for row in reading.rows]


EXPECTED = [
    (ENGLAND, "2024", Decimal("46.4")),
    (NORTH_WEST, "2024", Decimal("50.5")),
    ("E08000007", "2024", Decimal("7.8")),
]


def test_a_file_with_a_byte_order_mark_and_crlf_reads_as_one_without():
    with_mark = read_dfe_csv(dfe_csv(THREE_AREAS), TIMELINESS)
    plain = read_dfe_csv(dfe_csv(THREE_AREAS, encoding="utf-8", newline="\n"), TIMELINESS)
    assert with_mark.is_valid, with_mark.messages()
    assert figures(with_mark) == figures(plain) == EXPECTED


def test_a_windows_1252_file_is_read_and_one_in_neither_encoding_is_refused():
    named = [row(la_name="Stockport \u2013 test")]
    reading = read_dfe_csv(dfe_csv(named, encoding="cp1252"), TIMELINESS)
    assert (reading.encoding, reading.rows[0].area_name) == ("windows-1252", "Stockport \u2013 test")
    refused = read_dfe_csv(b"time_period\r\n\x81\x8d\r\n", TIMELINESS)
    assert refused.rows == []
    assert refused.messages() == [
        "The file is not text this service can read: it is neither UTF-8 nor Windows-1252. Download the CSV "
        'file again from explore-education-statistics, or in Excel save it as "CSV UTF-8 (Comma delimited)"'
    ]


def test_columns_are_found_by_name_when_reordered_and_renamed():
    """A new release moves and renames columns: a mapping naming the new columns reads the same figures."""
    reordered = list(reversed(HEADER))
    renamed = {"PC_plans_issued_20_weeks_ex": "pc_within_20_weeks_ex", "time_period": "Time Period"}
    data = dfe_csv(THREE_AREAS, reordered, rename=renamed)
    mapping = mapping_from_dict(
        {**TIMELINESS.to_dict(), "value": " PC_WITHIN_20_WEEKS_EX ", "period": "time period"}
    )
    assert figures(read_dfe_csv(data, mapping)) == EXPECTED


def test_a_mapped_column_the_file_lacks_is_named_with_the_columns_it_has():
    data = dfe_csv(THREE_AREAS, rename={"PC_plans_issued_20_weeks_ex": "pc_within_20_weeks_ex"})
    reading = read_dfe_csv(data, TIMELINESS)
    assert reading.rows == []
    [problem] = reading.problems
    assert problem.row == 1
    assert problem.message.startswith(
        'The file has no column called "PC_plans_issued_20_weeks_ex" (the published figure). '
        "Its columns are: time_period, time_identifier,"
    )
    assert "plans_issued_20_weeks_ex, pc_within_20_weeks_ex. Upload the file the mapping was made for" in (
        problem.message
    )


def test_a_suggested_mapping_takes_the_files_spelling_and_lists_what_it_could_not_find():
    header = [name.upper() for name in HEADER if name != "plans_issued_den_ex"]
    mapping, unmatched = suggest_mapping(header, "timeliness_20_weeks_excluding_exceptions")
    assert (mapping.value, mapping.period, mapping.denominator) == (
        "PC_PLANS_ISSUED_20_WEEKS_EX",
        "TIME_PERIOD",
        "",
    )
    assert unmatched == ["the denominator"]
    assert "Choose both a numerator and a denominator column, or neither" in mapping.problems()


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("x", "x: suppressed or not available"),
        (" X ", "x: suppressed or not available"),
        ("z", "z: not applicable"),
        ("c", "c: confidential"),
        (":", ": not available"),
        ("", "blank: no figure published"),
    ],
)
def test_suppressed_and_blank_figures_are_missing_with_their_reason_never_zero(cell, reason):
    reading = read_dfe_csv(dfe_csv([row(figures=(cell, cell, cell))]), TIMELINESS)
    assert reading.is_valid, reading.messages()
    [stockport] = reading.rows
    assert (stockport.value, stockport.missing_reason, stockport.numerator, stockport.denominator) == (
        None,
        reason,
        None,
        None,
    )


def test_every_non_numeric_figure_is_reported_by_row_and_column():
    rows = [row(figures=("574", "45", "7.8%")), row(ENGLAND_ROW, figures=("84866", "lots", "46.4"))]
    reading = read_dfe_csv(dfe_csv(rows), TIMELINESS)
    assert reading.rows == []
    assert reading.messages() == [
        'Row 2, PC_plans_issued_20_weeks_ex: "7.8%" is not a number. Figures must be numbers, '
        "or x, z, c or : where there is no figure. Check the file is as the DfE published it",
        'Row 3, plans_issued_20_weeks_ex: "lots" is not a number. Figures must be numbers, '
        "or x, z, c or : where there is no figure. Check the file is as the DfE published it",
    ]


def test_a_second_row_for_one_area_and_period_is_reported():
    reading = read_dfe_csv(
        dfe_csv([row(), row(period="2023"), row(figures=("575", "45", "7.8"))]), TIMELINESS
    )
    assert reading.messages() == [
        "Row 4: The row repeats the figures for Stockport (E08000007) in 2024 given in row 2. "
        "Remove one of the rows, or choose a breakdown in the mapping so that each area has one row a period"
    ]


def test_an_authority_under_a_changed_code_is_still_the_same_authority_for_repeats():
    old = {**STOCKPORT_ROW, "new_la_code": "E10000002", "old_la_code": "825", "la_name": "Buckinghamshire"}
    new = {**old, "new_la_code": "E06000060"}
    reading = read_dfe_csv(dfe_csv([row(old), row(new)]), TIMELINESS)
    assert [problem.row for problem in reading.problems] == [3]


def test_a_published_percentage_more_than_0_1_from_its_counts_is_reported_with_both_numbers():
    rows = [row(figures=("3", "1", "33.3")), row(NORTH_WEST_ROW, figures=("3", "1", "33.2"))]
    reading = read_dfe_csv(dfe_csv(rows), TIMELINESS)
    assert reading.messages() == [
        "Row 3, PC_plans_issued_20_weeks_ex: The published percentage is 33.2 but 1 out of 3 is 33.33. "
        "They should agree to within 0.1: check the file is as the DfE published it, or that the mapping "
        "names the right numerator and denominator"
    ]


def test_a_percentage_with_no_denominator_is_reported_not_read_as_zero():
    reading = read_dfe_csv(dfe_csv([row(figures=("0", "0", "0"))]), TIMELINESS)
    assert reading.problems[0].message.startswith("The percentage is given as 0 but the denominator is 0")


def test_an_authority_matches_its_3_digit_code_and_its_9_character_code_only():
    reading = read_dfe_csv(dfe_csv(THREE_AREAS), TIMELINESS)
    _, north_west, stockport = reading.rows
    assert matches_area(stockport, "356") and matches_area(stockport, " e08000007 ")
    assert not matches_area(stockport, NORTH_WEST) and not matches_area(stockport, ENGLAND)
    assert matches_area(north_west, NORTH_WEST) and not matches_area(north_west, "356")
    assert reading.figure("356", "2024") is stockport


def test_an_area_the_service_does_not_know_is_reported_when_codes_are_given():
    known = {ENGLAND, NORTH_WEST, "356"}
    unknown = {**STOCKPORT_ROW, "new_la_code": "E08000099", "old_la_code": "999", "la_name": "Nowhere"}
    reading = read_dfe_csv(dfe_csv([*THREE_AREAS, row(unknown)]), TIMELINESS, area_codes=known)
    assert reading.messages() == [
        'Row 5, new_la_code: "E08000099" (Nowhere) is not an area this service knows. Check the code, or ask '
        "the service's administrator to add the area"
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    data = dfe_csv(THREE_AREAS)
    reading = read_dfe_csv(data, TIMELINESS, size_limit=100)
    assert (reading.rows, reading.columns) == ([], [])
    assert reading.messages() == [f"The file is {len(data)} bytes. Choose a file smaller than 100 bytes"]


def test_problems_past_fifty_are_counted_not_listed():
    rows = [row(period=str(year), figures=("1", "1", "none")) for year in range(1900, 2020)]
    reading = read_dfe_csv(dfe_csv(rows), TIMELINESS)
    assert (len(reading.problems), reading.more_problems, reading.problem_count) == (50, 70, 120)
    assert reading.messages()[-1] == "And 70 more problems"


def test_rows_at_other_levels_and_in_other_breakdowns_are_left_out():
    rows = [
        *THREE_AREAS,
        row(geographic_level="Local authority district"),
        row(breakdown_topic="Sex", breakdown="Female"),
    ]
    reading = read_dfe_csv(dfe_csv(rows), TIMELINESS)
    assert (figures(reading), reading.skipped) == (EXPECTED, 2)


def test_a_breakdown_no_row_has_is_named_with_the_values_the_file_has():
    mapping = mapping_from_dict({**TIMELINESS.to_dict(), "filters": {"breakdown_topic": "Age"}})
    reading = read_dfe_csv(dfe_csv(THREE_AREAS), mapping)
    assert reading.messages() == [
        'No row has "Age" in breakdown_topic. In this file, breakdown_topic has All EHC plans issued. '
        "Change the breakdown in the mapping to one of these"
    ]


def test_an_academic_year_is_shown_as_people_write_it_and_a_wrong_period_is_reported():
    mapping = ColumnMapping(value="plans_issued_den_ex", period_format="academic_year")
    reading = read_dfe_csv(dfe_csv([row(period="201920"), row(ENGLAND_ROW, period="2019-20")]), mapping)
    assert reading.rows[0].period == "2019/20"
    assert reading.messages() == [
        'Row 3, time_period: "2019-20" is not a period the mapping expects. The period must be an academic '
        "year such as 201920"
    ]


def test_a_zip_or_a_short_row_is_refused_with_what_to_do():
    assert read_dfe_csv(b"PK\x03\x04rest", TIMELINESS).messages()[0].startswith("This is a zip file")
    short = dfe_csv([row()]) + b"2024,Calendar year,National\r\n"
    assert read_dfe_csv(short, TIMELINESS).messages() == [
        "Row 3: The row has 3 values but the header has 15 columns. The file may be cut short or damaged: "
        "download it again from the DfE"
    ]


def test_a_mapping_survives_saving_as_json_and_a_bad_one_is_refused():
    assert mapping_from_dict(json.loads(json.dumps(TIMELINESS.to_dict()))) == TIMELINESS
    with pytest.raises(MappingInvalid, match="settings this service does not know: colour"):
        mapping_from_dict({"value": "x", "colour": "red"})
    with pytest.raises(MappingInvalid, match="Choose both a numerator and a denominator column, or neither"):
        mapping_from_dict({"value": "pc", "unit": "percent", "numerator": "n"})


def test_a_figure_too_large_to_keep_is_reported_not_stored():
    reading = read_dfe_csv(dfe_csv([row(figures=("574", "45", "78000000000"))]), TIMELINESS)
    assert reading.rows == []
    assert reading.messages()[0].startswith(
        'Row 2, PC_plans_issued_20_weeks_ex: "78000000000" is far larger than any published figure'
    )
