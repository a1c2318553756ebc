"""Importing and exporting "You said, we did" as the spreadsheet template in docs/voice-template.md.

book = read_book(upload, name=upload.name)             # read and check the file; writes nothing
preview = preview_voice_import(area=area, book=book)    # compare with the area; writes nothing
voice_import(area=area, book=book, by=user)             # on confirm: all or nothing

export_entries(area)                                    # .xlsx bytes; importing them changes nothing
"""

from plans.spreadsheet.book import Book, read_book
from plans.spreadsheet.problems import ImportRejected, Problem

from .apply import voice_import
from .export import CONTENT_TYPE, export_entries, export_file_name
from .preview import VoicePreview, preview_voice_import

__all__ = [
    "CONTENT_TYPE",
    "Book",
    "ImportRejected",
    "Problem",
    "VoicePreview",
    "export_entries",
    "export_file_name",
    "preview_voice_import",
    "read_book",
    "voice_import",
]
