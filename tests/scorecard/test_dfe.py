"""DfE open data CSVs are read by column name, keep suppressed figures missing, and refuse bad files clearly.

The first tests read the real 2025 release in /work/shared/data/dfe/ehcp-2025 (set DFE_EHCP_DIR
to read it elsewhere) and assert figures as the DfE published them; the rest use small files.
"""

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from scorecard.dfe import (
    READY_MADE,
    ColumnMapping,
    Level,
    MappingInvalid,
    fitting_mappings,
    mapping_from_dict,
    matches_area,
    read_dfe_csv,
    suggest_mapping,
)

DFE_DIR = Path(os.environ.get("DFE_EHCP_DIR", "/work/shared/data/dfe/ehcp-2025"))
TIMELINESS = READY_MADE["timeliness_20_weeks_excluding_exceptions"]
STOCKPORT, MANCHESTER, NORTH_WEST, ENGLAND = (
    ("E08000007", "356"),
    ("E08000003", "352"),
    "E12000002",
    "E92000001",
)

needs_real_files = pytest.mark.skipif(not DFE_DIR.is_dir(), reason=f"the DfE files are not in {DFE_DIR}")


@pytest.fixture(scope="module")
def real_file():
    """Each real file's bytes, read from disk once for the module."""
    cache: dict[str, bytes] = {}

    def read(name: str) -> bytes:
        if name not in cache:
            cache[name] = (DFE_DIR / name).read_bytes()
        return cache[name]

    return read


@pytest.fixture(scope="module")
def timeliness(real_file):
    return read_dfe_csv(real_file("timeliness_20_week.csv"), TIMELINESS)


@pytest.fixture(scope="module")
def caseload(real_file):
    return read_dfe_csv(real_file("caseload_ALL_EHC_PLANS_rows_only.csv"), READY_MADE["ehc_plans"])


def published(reading, code, period):
    row = reading.figure(code, period)
    assert row is not None, f"no row for {code} in {period}"
    return row.value, row.numerator, row.denominator


@needs_real_files
@pytest.mark.parametrize(
    ("code", "period", "percent", "within", "issued"),
    [
        (ENGLAND, "2019", "60.4", "29895", "49519"),
        (ENGLAND, "2024", "46.4", "39407", "84866"),
        (NORTH_WEST, "2019", "60.1", "4191", "6973"),
        (NORTH_WEST, "2024", "50.5", "6977", "13808"),
        (STOCKPORT[0], "2019", "45.6", "125", "274"),
        (STOCKPORT[1], "2024", "7.8", "45", "574"),
        (MANCHESTER[1], "2019", "66.7", "354", "531"),
        (MANCHESTER[0], "2024", "76.8", "1040", "1355"),
    ],
)
def test_real_timeliness_file_gives_the_published_20_week_figures(
    timeliness, code, period, percent, within, issued
):
    """Plans issued within 20 weeks excluding exceptions, as the DfE published them, for 2019 and 2024."""
    assert timeliness.is_valid, timeliness.messages()
    assert published(timeliness, code, period) == (Decimal(percent), Decimal(within), Decimal(issued))


@needs_real_files
def test_real_timeliness_file_gives_every_area_once_a_year_at_three_levels(timeliness):
    """Six years of England, nine regions and the authorities; other breakdowns are left out, not repeated."""
    assert {row.period for row in timeliness.rows} == {"2019", "2020", "2021", "2022", "2023", "2024"}
    levels = [row.level for row in timeliness.rows]
    assert levels.count(Level.NATIONAL) == 6
    assert levels.count(Level.REGIONAL) == 54
    assert len(timeliness.for_area("356")) == 6
    assert timeliness.skipped > 10_000


@needs_real_files
def test_stockport_is_found_by_either_code_in_the_real_file(timeliness):
    """356 and E08000007 find the same six rows, and the North West's code finds no authority's row."""
    assert timeliness.for_area("356") == timeliness.for_area("E08000007")
    assert {row.level for row in timeliness.for_area(NORTH_WEST)} == {Level.REGIONAL}


@needs_real_files
@pytest.mark.parametrize(
    ("code", "period", "plans"),
    [
        (ENGLAND, "2018/19", "353995"),
        (ENGLAND, "2024/25", "638745"),
        (NORTH_WEST, "2018/19", "47353"),
        (NORTH_WEST, "2024/25", "92839"),
        (STOCKPORT[1], "2018/19", "2195"),
        (STOCKPORT[0], "2024/25", "3506"),
        (MANCHESTER[0], "2018/19", "4163"),
        (MANCHESTER[1], "2024/25", "8875"),
    ],
)
def test_real_caseload_file_gives_the_published_number_of_plans(caseload, code, period, plans):
    """EHC plans in January, for the academic years 2018/19 and 2024/25."""
    assert caseload.is_valid, caseload.messages()
    assert published(caseload, code, period) == (Decimal(plans), None, None)


@needs_real_files
def test_an_authority_keeps_its_old_code_when_its_new_code_changes_in_the_real_file(caseload):
    """Buckinghamshire is E10000002, then E06000060, then E10000002 again; 825 finds all seven years."""
    assert len(caseload.for_area("825")) == 7
    assert [row.period for row in caseload.for_area("E06000060")] == ["2020/21", "2021/22", "2022/23"]


@needs_real_files
def test_real_requests_file_keeps_x_as_missing_with_its_reason(real_file):
    """Before 2023 the DfE gives no share of requests assessed: x, kept missing, never zero."""
    reading = read_dfe_csv(real_file("requests.csv"), READY_MADE["requests_assessed"])
    assert reading.is_valid, reading.messages()
    england_2019 = reading.figure(ENGLAND, "2019")
    assert (england_2019.value, england_2019.missing_reason) == (None, "x: suppressed or not available")
    assert published(reading, STOCKPORT[1], "2024") == (Decimal("66.4"), Decimal("570"), Decimal("859"))
    assert not [row for row in reading.rows if row.missing_reason and row.value is not None]


@needs_real_files
def test_real_caseload_percentages_that_disagree_with_their_counts_are_reported(real_file):
    """In 2023/24 England, the East of England and London give special school shares the counts do not."""
    mapping = ColumnMapping(
        value="special_total_pc", unit="percent", numerator="special_total", denominator="ehcplans"
    )
    reading = read_dfe_csv(real_file("caseload_ALL_EHC_PLANS_rows_only.csv"), mapping)
    assert [(problem.row, problem.column) for problem in reading.problems] == [
        (810, "special_total_pc"),
        (816, "special_total_pc"),
        (817, "special_total_pc"),
    ]
    assert "The published percentage is 32.3 but 184847 out of 576474 is 32.07" in reading.problems[0].message


@needs_real_files
def test_a_column_named_twice_in_the_real_file_cannot_be_mapped(real_file):
    """annual_reviews.csv has two review_meeting_prior_24 columns: the mapping must choose another."""
    mapping = ColumnMapping(
        value="review_meeting_prior_24", filters={"breakdown_topic": "All annual reviews"}
    )
    reading = read_dfe_csv(real_file("annual_reviews.csv"), mapping)
    assert reading.messages() == [
        'Row 1, review_meeting_prior_24: There are 2 columns called "review_meeting_prior_24" '
        "(columns R and S), so the mapping cannot tell which holds the published figure. "
        "Choose another column in the mapping"
    ]


@needs_real_files
def test_ready_made_mappings_are_offered_for_the_files_they_fit(real_file):
    header = next(csv.reader(io.StringIO(real_file("annual_reviews.csv").decode("utf-8-sig"))))
    assert fitting_mappings(header) == ["annual_reviews_within_4_weeks"]


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
