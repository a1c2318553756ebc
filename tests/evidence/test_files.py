"""An uploaded file joins the evidence bank only if it is an accepted type, really, and small enough."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from common.uploads import MIB, UploadProblem
from evidence.files import (
    CONTENT_TYPES,
    MAX_NAME_LENGTH,
    check_evidence_file,
    content_type_for,
    safe_file_name,
)

from .factories import EXE, GIF, HTML, PDF, SAMPLES, SVG, docx_bomb, office, opendocument, upload, zip_of

LIMIT = 10 * MIB


def check(name: str, data: bytes, limit: int = LIMIT):
    return check_evidence_file(upload(name, data), limit=limit)


# The download name


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("C:\\Users\\sm\\Documents\\Board minutes.docx", "Board minutes.docx"),
        ("/var/www/report (final) [v2].pdf", "report (final) [v2].pdf"),
    ],
)
def test_a_file_name_keeps_only_its_last_part_whatever_the_folders(name, safe):
    assert safe_file_name(name) == safe


def test_control_characters_and_symbols_are_taken_out_of_a_file_name():
    assert safe_file_name('re\x00po\nrt<script>"quotes";.pdf') == "reportscriptquotes.pdf"


def test_a_right_to_left_override_cannot_disguise_a_file_name():
    assert safe_file_name("invoice\u202efdp.exe") == "invoicefdp.exe"


def test_runs_of_spaces_and_dots_collapse_and_leading_dots_go():
    assert safe_file_name("..hidden   report...pdf") == "hidden report.pdf"
    assert safe_file_name(".htaccess") == "htaccess"


def test_letters_of_other_alphabets_are_kept():
    assert safe_file_name("Adroddiad Gŵyl café.pdf") == "Adroddiad Gŵyl café.pdf"


@pytest.mark.parametrize("name", ["", "../", "..\\..", "<>?*", "...", None])
def test_a_file_name_with_nothing_usable_becomes_evidence(name):
    assert safe_file_name(name) == "evidence"


def test_a_long_file_name_is_shortened_to_150_characters_keeping_its_extension():
    safe = safe_file_name("a" * 300 + ".xlsx")
    assert len(safe) == MAX_NAME_LENGTH
    assert safe.endswith("a.xlsx")


@given(st.text())
def test_every_file_name_is_made_short_plain_and_never_empty(name):
    safe = safe_file_name(name)
    assert 0 < len(safe) <= MAX_NAME_LENGTH
    assert not safe.startswith(".")
    assert "/" not in safe and "\\" not in safe and ".." not in safe
    assert all(ch.isalnum() or ch in " .-_()[]" for ch in safe)
    assert safe_file_name(safe) == safe


# The types accepted


@pytest.mark.parametrize(("name", "data"), SAMPLES.items(), ids=list(SAMPLES))
def test_each_accepted_type_is_accepted_when_its_contents_match_its_name(name, data):
    checked = check(name, data)
    assert checked.name == name
    assert checked.size == len(data)
    assert checked.content_type == CONTENT_TYPES[checked.extension]


def test_an_extension_in_capitals_is_accepted():
    assert check("REPORT.PDF", PDF).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", EXE),
        ("page.html", HTML),
        ("page.htm", HTML),
        ("logo.svg", SVG),
        ("script.js", b"alert(1)"),
        ("report", PDF),
        ("report.pdf.exe", EXE),
        ("archive.zip", zip_of({"a.txt": b"a"})),
        ("macros.docm", office("word")),
    ],
)
def test_a_type_not_accepted_is_refused_naming_the_types_that_are(name, data):
    with pytest.raises(UploadProblem) as problem:
        check(name, data)
    message = str(problem.value)
    assert "is not a type of file the evidence bank takes" in message
    assert "Choose a PDF, Word (.docx or .doc), Excel (.xlsx or .xls)" in message


@pytest.mark.parametrize(
    ("name", "data", "really"),
    [
        ("report.pdf", HTML, "a PDF"),
        ("photo.png", GIF, "a PNG image"),
        ("photo.jpg", SVG, "a JPEG image"),
        ("report.doc", PDF, "a Word document"),
        ("report.docx", zip_of({"word/document.xml": b"<x/>"}), "a Word document"),
        ("report.docx", office("xl"), "a Word document"),
        ("figures.xlsx", EXE, "an Excel workbook"),
        ("report.odt", opendocument("spreadsheet"), "an OpenDocument text document"),
        ("report.odt", zip_of({"content.xml": b"<x/>"}), "an OpenDocument text document"),
        ("notes.txt", EXE, "a text file"),
        ("notes.txt", b"plain text\x00with a NUL", "a text file"),
        ("figures.csv", b"\x81\x8d\x8f\x90\x9d", "a CSV file"),
    ],
)
def test_a_file_whose_contents_do_not_match_its_name_is_refused(name, data, really):
    with pytest.raises(UploadProblem, match=f"is not really {really}: its contents do not match its name"):
        check(name, data)


def test_a_zip_bomb_named_docx_is_refused_before_it_is_unpacked():
    bomb = docx_bomb(20)
    assert len(bomb) < MIB
    with pytest.raises(UploadProblem, match="cannot be opened safely"):
        check("report.docx", bomb)


def test_an_office_file_with_macros_is_refused():
    with pytest.raises(UploadProblem, match="contains macros"):
        check("report.docx", office("word", "word/vbaProject.bin"))


def test_a_damaged_office_file_is_refused():
    with pytest.raises(UploadProblem, match="cannot be opened safely"):
        check("figures.xlsx", b"PK\x03\x04" + bytes(100))


def test_an_empty_file_is_refused():
    with pytest.raises(UploadProblem, match="The selected file is empty"):
        check("notes.txt", b"")


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    with pytest.raises(UploadProblem, match=r"The file is 2 MB\. Choose a file smaller than 1 MB"):
        check("report.pdf", PDF + bytes(2 * MIB - len(PDF)), limit=MIB)


class Unreadable(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the file was read")


def test_a_file_declared_too_big_is_refused_before_any_of_it_is_read():
    big = Unreadable("report.pdf", PDF)
    big.size = 11 * MIB
    with pytest.raises(UploadProblem, match=r"The file is 11 MB\. Choose a file smaller than 10 MB"):
        check_evidence_file(big, limit=LIMIT)


def test_a_checked_file_is_left_ready_to_be_read_from_the_start():
    file = upload("report.docx", SAMPLES["report.docx"])
    check_evidence_file(file, limit=LIMIT)
    assert file.read(4) == b"PK\x03\x04"


def test_a_plain_file_object_with_a_name_is_checked_too():
    file = io.BytesIO(PDF)
    file.name = "../../etc/passwd.pdf"
    assert check_evidence_file(file, limit=LIMIT).name == "passwd.pdf"


# What a download is served as


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("report.pdf", "application/pdf"),
        ("notes.TXT", "text/plain"),
        ("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("page.html", "application/octet-stream"),
        ("logo.svg", "application/octet-stream"),
        ("no extension", "application/octet-stream"),
    ],
)
def test_a_download_is_typed_from_a_fixed_list_never_anything_else(name, content_type):
    assert content_type_for(name) == content_type
