"""Checking a file before it joins the evidence bank, and the name it is downloaded as.

A file is accepted only when its name ends in an accepted type AND its first bytes
(or, for Office and OpenDocument files, the zip's contents) show it really is that type.
Everything else is refused with `UploadProblem`, whose message says what to do.
Plain functions: nothing here touches the database or the settings.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from common.uploads import UploadProblem, check_size, check_zip, read_member

OCTET_STREAM = "application/octet-stream"
OOXML = "application/vnd.openxmlformats-officedocument."
OPENDOCUMENT = "application/vnd.oasis.opendocument."

# The only content types downloads are ever served as, by extension.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": OOXML + "wordprocessingml.document",
    "xlsx": OOXML + "spreadsheetml.sheet",
    "pptx": OOXML + "presentationml.presentation",
    "odt": OPENDOCUMENT + "text",
    "ods": OPENDOCUMENT + "spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "csv": "text/csv",
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}
ACCEPTED_EXTENSIONS = tuple(CONTENT_TYPES)
ACCEPT_ATTRIBUTE = ",".join("." + extension for extension in ACCEPTED_EXTENSIONS)
ACCEPTED_TYPES = (
    "a PDF, Word (.docx or .doc), Excel (.xlsx or .xls), PowerPoint (.pptx), "
    "OpenDocument (.odt or .ods), CSV, text (.txt), PNG, JPEG or GIF file"
)
TYPE_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "doc": "a Word document",
    "xlsx": "an Excel workbook",
    "xls": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "odt": "an OpenDocument text document",
    "ods": "an OpenDocument spreadsheet",
    "csv": "a CSV file",
    "txt": "a text file",
    "png": "a PNG image",
    "jpg": "a JPEG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
}

MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
}
# The folder every Office file of that type keeps its main part in.
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
TEXT_TYPES = ("csv", "txt")

MAX_NAME_LENGTH = 150
FALLBACK_NAME = "evidence"
NAME_PUNCTUATION = frozenset(" .-_()[]")


@dataclass(frozen=True)
class CheckedFile:
    """An uploaded file that passed every check: its safe name, size, extension and content type."""

    name: str
    size: int
    extension: str
    content_type: str


def safe_file_name(name: str) -> str:
    """The name a file is downloaded as: its base name, in letters, digits and plain punctuation.

    Any folders (written with / or \\) are dropped, control characters and other symbols
    removed, runs of spaces and dots collapsed, leading dots and trailing dots or spaces
    removed, and the name shortened to 150 characters keeping its extension. Never empty.
    """
    base = unicodedata.normalize("NFKC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(ch for ch in base if ch.isalnum() or ch in NAME_PUNCTUATION)
    kept = re.sub(r"\s+", " ", kept)
    kept = re.sub(r"\.{2,}", ".", kept)
    kept = kept.strip(" .")
    if len(kept) > MAX_NAME_LENGTH:
        stem, dot, extension = kept.rpartition(".")
        if dot and stem and len(extension) < 20:
            stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(". ")
            kept = f"{stem}.{extension}" if stem else extension
        else:
            kept = kept[:MAX_NAME_LENGTH].rstrip(". ")
    return kept or FALLBACK_NAME


def extension_of(name: str) -> str:
    """A file name's extension, lower case and without the dot ("" if it has none)."""
    stem, dot, extension = safe_file_name(name).rpartition(".")
    return extension.lower() if dot and stem else ""


def content_type_for(name: str) -> str:
    """The content type a file of this name is served as: from a fixed list, never from the browser."""
    return CONTENT_TYPES.get(extension_of(name), OCTET_STREAM)


def check_evidence_file(file: BinaryIO, *, limit: int) -> CheckedFile:
    """Refuse a file that is too big, empty, of a type not accepted, or not what its name says.

    The size is checked first, from the size the upload declares, before anything is read.
    """
    size = check_size(file, limit)
    name = safe_file_name(getattr(file, "name", "") or "")
    if size == 0:
        raise UploadProblem("The selected file is empty. Choose a file with something in it")
    extension = extension_of(name)
    if extension not in CONTENT_TYPES:
        raise UploadProblem(
            f'"{name}" is not a type of file the evidence bank takes. Choose {ACCEPTED_TYPES}'
        )
    file.seek(0)
    first_bytes = file.read(64)
    file.seek(0)
    if extension in TEXT_TYPES:
        _check_text(name, extension, file.read())
    else:
        if not first_bytes.startswith(MAGIC[extension]):
            raise _not_really(name, extension)
        if extension in OOXML_FOLDERS:
            _check_office(name, extension, file)
        elif extension in ("odt", "ods"):
            _check_opendocument(name, extension, file)
    file.seek(0)
    return CheckedFile(name=name, size=size, extension=extension, content_type=CONTENT_TYPES[extension])


def _not_really(name: str, extension: str) -> UploadProblem:
    return UploadProblem(
        f'"{name}" is not really {TYPE_NAMES[extension]}: its contents do not match its name. '
        f"Choose {ACCEPTED_TYPES}"
    )


def _check_text(name: str, extension: str, data: bytes) -> None:
    """Text must be UTF-8 or Windows (cp1252) text, with no NUL bytes: not a program or a zip renamed."""
    if b"\x00" in data:
        raise _not_really(name, extension)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return
    raise _not_really(name, extension)


def _open_zip(name: str, file: BinaryIO) -> zipfile.ZipFile:
    try:
        return check_zip(file)
    except UploadProblem as problem:
        raise UploadProblem(
            f'"{name}" cannot be opened safely: it is damaged, or unpacks to far more than its size. '
            "Save it again and upload the new file"
        ) from problem


def _check_office(name: str, extension: str, file: BinaryIO) -> None:
    """A .docx, .xlsx or .pptx is a safe zip with a [Content_Types].xml and its own main folder."""
    with _open_zip(name, file) as archive:
        names = archive.namelist()
    folder = OOXML_FOLDERS[extension]
    if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
        raise _not_really(name, extension)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UploadProblem(
            f'"{name}" contains macros, which the evidence bank does not take. '
            "Save it without macros and upload the new file"
        )


def _check_opendocument(name: str, extension: str, file: BinaryIO) -> None:
    """An .odt or .ods is a safe zip whose "mimetype" file names its type."""
    with _open_zip(name, file) as archive:
        try:
            declared = read_member(archive, archive.getinfo("mimetype"), 200)
        except (KeyError, UploadProblem, zipfile.BadZipFile, OSError, EOFError) as problem:
            raise _not_really(name, extension) from problem
    if declared.strip() != CONTENT_TYPES[extension].encode():
        raise _not_really(name, extension)
