"""Checks on uploaded files before anything reads them, and safe text for spreadsheets we write.

Everything here is plain Python (openpyxl is only asked whether it parses XML safely).
Each check raises `UploadProblem` with a message a user can act on.
"""

import io
import re
import zipfile
from pathlib import PurePosixPath, PureWindowsPath
from typing import BinaryIO

import openpyxl.xml
from openpyxl.cell.cell import Cell

MIB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
KIND_NAMES = {
    "xlsx": "an Excel workbook (.xlsx)",
    "zip": "a zip file of CSV files (.zip)",
    "csv": "a CSV file (.csv)",
}

# Text that a spreadsheet program could take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UploadProblem(ValueError):
    """A file that will not be read; the message says why and what to do."""


def describe_size(size: int) -> str:
    """A size as people say it: 512 bytes, 300 KB, 10 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < MIB:
        return f"{size // 1024} KB"
    megabytes = size / MIB
    return f"{megabytes:.0f} MB" if megabytes >= 10 or megabytes.is_integer() else f"{megabytes:.1f} MB"


def size_of(file: bytes | BinaryIO) -> int:
    """The size of bytes, an uploaded file (which knows its size) or a seekable file."""
    if isinstance(file, bytes | bytearray | memoryview):
        return len(file)
    known = getattr(file, "size", None)
    if isinstance(known, int):
        return known
    position = file.tell()
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def check_size(file: bytes | BinaryIO, limit: int) -> int:
    """Refuse a file bigger than `limit` bytes; return its size."""
    size = size_of(file)
    if size > limit:
        raise UploadProblem(
            f"The file is {describe_size(size)}. Choose a file smaller than {describe_size(limit)}"
        )
    return size


def _unsafe_member_name(name: str) -> bool:
    if not name or "\x00" in name:
        return True
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive:
        return True
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts


def check_zip(
    file: bytes | BinaryIO,
    *,
    max_members: int = 200,
    max_total_uncompressed: int = 100 * MIB,
    max_ratio: int = 100,
    ratio_applies_above: int = MIB,
) -> zipfile.ZipFile:
    """Open a zip (an .xlsx is one) and refuse it, before unpacking anything, if it is unsafe.

    Looks only at the zip's table of contents: too many files, files that would unpack
    to more than `max_total_uncompressed` bytes in all, a file that unpacks to more
    than `max_ratio` times its packed size (once bigger than `ratio_applies_above`),
    or names that point outside the zip (absolute paths or ".."). Python's zip reader
    never unpacks more than the size the table of contents declares, so these limits hold.
    Returns the open ZipFile.
    """
    stream = io.BytesIO(bytes(file)) if isinstance(file, bytes | bytearray | memoryview) else file
    try:
        archive = zipfile.ZipFile(stream)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise UploadProblem(
            "The file is not a real spreadsheet: it is damaged or is not a zip. "
            "Save it again from Excel and upload the new file"
        ) from error
    if len(members) > max_members:
        raise UploadProblem(
            f"The file is not a real spreadsheet: it holds {len(members)} files, more than {max_members}"
        )
    total = 0
    for member in members:
        if _unsafe_member_name(member.filename):
            raise UploadProblem(
                f'The file is not a real spreadsheet: it holds a file named "{member.filename}" '
                "that points outside the zip"
            )
        total += member.file_size
        if total > max_total_uncompressed:
            raise UploadProblem(
                "The file is not a real spreadsheet: it unpacks to more than "
                f"{describe_size(max_total_uncompressed)}"
            )
        packed = max(member.compress_size, 1)
        if member.file_size > ratio_applies_above and member.file_size / packed > max_ratio:
            raise UploadProblem(
                f'The file is not a real spreadsheet: "{member.filename}" unpacks to '
                f"{member.file_size // packed} times its size"
            )
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """One member's bytes, refusing more than `limit` (a second guard behind check_zip)."""
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise UploadProblem(f'The file is not a real spreadsheet: "{info.filename}" is too big to unpack')
    return data


def _decodes_as_utf8(first_bytes: bytes) -> bool:
    try:
        first_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The sample may end part-way through a character.
        return error.reason == "unexpected end of data" and error.start >= len(first_bytes) - 3
    return True


def sniff_kind(name: str, first_bytes: bytes, accepted: tuple[str, ...] = ("xlsx", "zip", "csv")) -> str:
    """The kind of an uploaded file, "xlsx", "zip" or "csv", from its name and checked by its first bytes.

    An .xlsx or .zip must start as a zip does; a .csv must be UTF-8 text.
    Anything else is refused with a message naming the kinds accepted.
    """
    suffix = PurePosixPath((name or "").replace("\\", "/").lower()).suffix.lstrip(".")
    choose = "Choose " + " or ".join(KIND_NAMES[kind] for kind in accepted)
    if suffix not in accepted:
        if suffix in {"xls", "xlsm", "ods", "numbers"}:
            raise UploadProblem(
                f'"{name}" is not a file this service reads. Save it as an Excel workbook (.xlsx)'
            )
        raise UploadProblem(f'"{name}" is not a file this service reads. {choose}')
    if suffix in {"xlsx", "zip"} and not first_bytes.startswith(ZIP_MAGIC):
        what = "an Excel workbook" if suffix == "xlsx" else "a zip file"
        raise UploadProblem(f'"{name}" is not really {what}: it may have been renamed. {choose}')
    if suffix == "csv" and (first_bytes.startswith(ZIP_MAGIC) or not _decodes_as_utf8(first_bytes)):
        raise UploadProblem(
            f'"{name}" is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)" '
            "and upload it again"
        )
    return suffix


def require_defused_xml() -> None:
    """Refuse to read spreadsheets if openpyxl would parse their XML without defusedxml."""
    if not openpyxl.xml.DEFUSEDXML:
        raise UploadProblem(
            "Spreadsheets cannot be read on this server because defusedxml is not installed. "
            "Ask the service's administrator to install it"
        )


def _formula_like(text: str) -> bool:
    if not text or (text[0] != "'" and text[0] not in FORMULA_STARTS):  # most cells: one look
        return False
    return text.lstrip("'").startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """Text for a CSV cell that a spreadsheet program will not run as a formula.

    Text that begins with = + - @ (or a tab or carriage return), even after apostrophes,
    gets one more apostrophe in front; `csv_unescape` takes exactly that one away.
    """
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def csv_unescape(text: str) -> str:
    """Undo `csv_safe`: drop one leading apostrophe from text that would otherwise be formula-like."""
    if text.startswith("'") and _formula_like(text):
        return text[1:]
    return text


def xlsx_text_cell(cell: Cell, value: str) -> None:
    """Put text in an openpyxl cell so that Excel shows it as text and never evaluates it."""
    cell.value = value
    if value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(text: str) -> str:
    """Text without the control characters that XML (and so an .xlsx) cannot hold."""
    return CONTROL_CHARACTERS.sub("", text)
