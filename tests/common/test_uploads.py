"""Uploaded files are checked before anything reads them; text we write to spreadsheets is never run."""

import io
import struct
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.uploads import (
    MIB,
    UploadProblem,
    check_size,
    check_zip,
    csv_safe,
    csv_unescape,
    require_defused_xml,
    sniff_kind,
    xlsx_text_cell,
)


def zip_of(members: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return stream.getvalue()


def zeros_zip(megabytes: int) -> bytes:
    """A zip holding one member of `megabytes` MB of zeros, written a megabyte at a time."""
    stream = io.BytesIO()
    with (
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        chunk = bytes(MIB)
        for _ in range(megabytes):
            member.write(chunk)
    return stream.getvalue()


def with_declared_size(data: bytes, size: int) -> bytes:
    """The zip with its table of contents claiming its first member unpacks to `size` bytes."""
    at = data.rindex(b"PK\x01\x02")  # the (only) central directory entry
    return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]


def test_a_file_over_the_size_limit_is_refused_with_both_sizes():
    with pytest.raises(UploadProblem, match=r"The file is 2 MB\. Choose a file smaller than 1 MB"):
        check_size(bytes(2 * MIB), MIB)
    assert check_size(io.BytesIO(bytes(100)), MIB) == 100


def test_a_zip_that_unpacks_to_200_mb_of_zeros_is_refused():
    bomb = zeros_zip(200)
    assert len(bomb) < 1 * MIB
    with pytest.raises(UploadProblem, match="it unpacks to more than 100 MB"):
        check_zip(bomb)


def test_a_zip_whose_contents_claim_a_huge_size_is_refused_before_anything_is_unpacked():
    """Only the table of contents is read: unpacking this member would fail its checksum instead."""
    lying = with_declared_size(zip_of({"items.csv": b"Number,Text\r\n1,One\r\n"}), 300 * MIB)
    with pytest.raises(UploadProblem, match="unpacks to more than 100 MB"):
        check_zip(lying)


def test_a_member_packed_more_than_100_times_is_refused_even_under_the_total_limit():
    with pytest.raises(UploadProblem, match=r"unpacks to \d+ times its size"):
        check_zip(zeros_zip(5))


def test_a_zip_with_too_many_files_is_refused():
    with pytest.raises(UploadProblem, match="it holds 201 files, more than 200"):
        check_zip(zip_of({f"f{n}.csv": b"x" for n in range(201)}))


@pytest.mark.parametrize("name", ["../items.csv", "/etc/passwd", "plans/../../items.csv", "C:/items.csv"])
def test_a_zip_holding_a_path_outside_itself_is_refused(name):
    with pytest.raises(UploadProblem, match="points outside the zip"):
        check_zip(zip_of({name: b"x"}))


def test_a_damaged_zip_is_refused():
    with pytest.raises(UploadProblem, match="it is damaged or is not a zip"):
        check_zip(b"PK\x03\x04" + bytes(100))


def test_a_sound_zip_is_opened():
    archive = check_zip(zip_of({"items.csv": b"Number,Text\r\n"}))
    assert archive.namelist() == ["items.csv"]


def test_a_text_file_renamed_xlsx_is_refused():
    with pytest.raises(UploadProblem, match=r'"plan\.xlsx" is not really an Excel workbook'):
        sniff_kind("plan.xlsx", b"Number,Text\n1,Hello\n")


def test_an_old_excel_file_is_refused_with_what_to_save_it_as():
    with pytest.raises(UploadProblem, match=r"Save it as an Excel workbook \(\.xlsx\)"):
        sniff_kind("plan.xls", b"\xd0\xcf\x11\xe0")


def test_an_unknown_kind_of_file_is_refused_naming_the_kinds_accepted():
    with pytest.raises(
        UploadProblem, match=r"Choose an Excel workbook \(\.xlsx\) or a zip file of CSV files"
    ):
        sniff_kind("plan.pdf", b"%PDF", accepted=("xlsx", "zip"))


def test_a_csv_that_is_not_utf8_is_refused():
    with pytest.raises(UploadProblem, match="is not UTF-8 text"):
        sniff_kind("items.csv", "Caf\xe9,na\xefve".encode("cp1252"))


def test_kinds_are_recognised_by_name_and_first_bytes():
    assert sniff_kind("Plan.XLSX", b"PK\x03\x04rest") == "xlsx"
    assert sniff_kind("plan.zip", b"PK\x03\x04rest") == "zip"
    assert sniff_kind("items.csv", "\ufeffNumber,Text\r\n1,Café".encode()) == "csv"
    assert sniff_kind("items.csv", "Caf\u00e9".encode()[:-1]) == "csv"  # a sample may end mid-character


@pytest.mark.parametrize("text", ["=SUM(A1:A2)", "+44 161 000", "-5", "@risk", "\tindented", "\rreturn"])
def test_formula_like_text_gets_one_apostrophe_in_a_csv(text):
    assert csv_safe(text) == "'" + text
    assert csv_unescape(csv_safe(text)) == text


def test_ordinary_text_is_written_to_a_csv_as_it_is():
    assert csv_safe("Board meets fortnightly") == "Board meets fortnightly"
    assert csv_safe("'quoted'") == "'quoted'"
    assert csv_unescape("'quoted'") == "'quoted'"


@given(st.text())
def test_any_text_comes_back_unchanged_from_a_csv_and_never_starts_a_formula(text):
    written = csv_safe(text)
    assert csv_unescape(written) == text
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_formula_like_text_in_an_xlsx_is_a_string_cell_that_excel_shows_as_text():
    workbook = openpyxl.Workbook()
    cell = workbook.active["A1"]
    xlsx_text_cell(cell, '=HYPERLINK("http://example.org","click")')
    stream = io.BytesIO()
    workbook.save(stream)
    sheet_xml = zipfile.ZipFile(stream).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    assert b"HYPERLINK" in sheet_xml
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    reread = openpyxl.load_workbook(io.BytesIO(stream.getvalue()), read_only=True).active
    assert next(reread.values)[0] == '=HYPERLINK("http://example.org","click")'


def test_spreadsheets_are_not_read_without_defusedxml(monkeypatch):
    require_defused_xml()
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(UploadProblem, match="defusedxml is not installed"):
        require_defused_xml()
