"""The real 2025 DfE release is read with the figures the DfE published.

It is read from /work/shared/data/dfe/ehcp-2025 (set DFE_EHCP_DIR to read it elsewhere).
"""

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest

from scorecard.dfe import (
    READY_MADE,
    ColumnMapping,
    Level,
    fitting_mappings,
    read_dfe_csv,
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
