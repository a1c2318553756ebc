"""Evidence, and small real files of each type the evidence bank takes (and some it refuses)."""

import io
import zipfile
from datetime import date

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import MIB
from evidence.files import content_type_for
from evidence.models import Evidence
from tests.areas.factories import LocalAreaFactory

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(24)
GIF = b"GIF89a" + bytes(24)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(48)


def zip_of(members: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return stream.getvalue()


def office(folder: str, *extra: str) -> bytes:
    """A minimal Office Open XML file (.docx "word", .xlsx "xl", .pptx "ppt")."""
    members = {"[Content_Types].xml": b"<Types/>", f"{folder}/main.xml": b"<doc/>"}
    members.update(dict.fromkeys(extra, b"x"))
    return zip_of(members)


def opendocument(kind: str) -> bytes:
    return zip_of({"mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(), "content.xml": b"<x/>"})


def docx_bomb(megabytes: int = 20) -> bytes:
    """A .docx whose document unpacks to `megabytes` MB of zeros, from well under a megabyte."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(bytes(MIB))
    return stream.getvalue()


SAMPLES = {
    "report.pdf": PDF,
    "report.docx": office("word"),
    "figures.xlsx": office("xl"),
    "slides.pptx": office("ppt"),
    "report.odt": opendocument("text"),
    "figures.ods": opendocument("spreadsheet"),
    "old report.doc": OLE + bytes(56),
    "old figures.xls": OLE + bytes(56),
    "figures.csv": "Measure,Value\nEHC plans in 20 weeks,61%\nCafé visits,12\n".encode(),
    "notes.txt": "Parents\u2019 forum \u2013 notes\n".encode("cp1252"),
    "photo.png": PNG,
    "photo.jpg": JPEG,
    "photo.jpeg": JPEG,
    "chart.gif": GIF,
}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


class EvidenceFactory(factory.django.DjangoModelFactory):
    """Evidence; pass `content=b"..."` (and a `file_name`) to give it a stored file."""

    class Meta:
        model = Evidence
        skip_postgeneration_save = True

    area = factory.SubFactory(LocalAreaFactory)
    title = factory.Sequence(lambda n: f"Evidence {n}")
    kind = Evidence.Kind.DOCUMENT
    dated = date(2019, 7, 31)

    @factory.post_generation
    def content(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            obj.file_name = obj.file_name or "evidence.txt"
            obj.file.save(obj.file_name, ContentFile(extracted), save=False)
            obj.file_size = len(extracted)
            obj.content_type = content_type_for(obj.file_name)
            obj.save()
