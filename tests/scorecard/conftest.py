"""Fixtures shared by the DfE import tests: the real 2025 timeliness file and Stockport's settings."""

import csv
import io
import os
from pathlib import Path

import pytest

from tests.scorecard.factories import MeasureFactory, ScorecardSettingsFactory

DFE_DIR = Path(os.environ.get("DFE_EHCP_DIR", "/work/shared/data/dfe/ehcp-2025"))
TIMELINESS_FILE = DFE_DIR / "timeliness_20_week.csv"
# Stockport's neighbours here: Trafford by its 9-character code, Bury by its 3-digit code, Cheshire East.
NEIGHBOURS = "E08000009, 351, E06000049"


@pytest.fixture
def private_uploads(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"


@pytest.fixture(scope="module")
def real_file() -> bytes:
    return TIMELINESS_FILE.read_bytes()


@pytest.fixture(scope="module")
def real_table(real_file) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(real_file.decode("utf-8-sig"), newline="")))
    return rows[0], rows[1:]


@pytest.fixture
def stockport(area):
    return ScorecardSettingsFactory(
        area=area,
        la_code="E08000007",
        old_la_code="356",
        region_code="E12000002",
        region_name="North West",
        neighbour_codes=NEIGHBOURS,
    )


@pytest.fixture
def measure(area):
    return MeasureFactory(area=area, code="E1", name="EHC plans issued within 20 weeks", unit="percent")
