"""Importing and exporting a plan's risk register as the spreadsheet template in docs/risk-template.md.

book = read_book(upload, name=upload.name)          # read and check the file; writes nothing
preview = preview_risk_import(plan=plan, book=book)  # compare with the register; writes nothing
risk_import(plan=plan, book=book, by=user)           # on confirm: all or nothing

export_risks(plan)                                   # .xlsx bytes; importing them changes nothing
"""

from plans.spreadsheet.book import Book, read_book
from plans.spreadsheet.problems import ImportRejected, Problem

from .apply import risk_import
from .export import CONTENT_TYPE, export_file_name, export_risks
from .preview import RiskPreview, preview_risk_import

__all__ = [
    "CONTENT_TYPE",
    "Book",
    "ImportRejected",
    "Problem",
    "RiskPreview",
    "export_file_name",
    "export_risks",
    "preview_risk_import",
    "read_book",
    "risk_import",
]
