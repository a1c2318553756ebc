"""Importing a "You said, we did" file: all of it, through the services, or none."""

from django.db import transaction

from accounts.models import User
from areas.models import LocalArea
from common.conflicts import refusals_as
from plans.spreadsheet.book import Book
from plans.spreadsheet.problems import ImportRejected, Problem

from ..services import entry_create, entry_update
from .preview import VoicePreview, preview_voice_import


def _stopped(why: str) -> ImportRejected:
    return ImportRejected([Problem("", None, None, f"The import stopped and nothing was written: {why}")])


def voice_import(
    *, area: LocalArea, book: Book, by: User | None = None, source: str | None = None
) -> VoicePreview:
    """Import a read file into the area's "You said, we did", in one transaction; return what it did.

    Entries are matched by reference; entries missing from the file are left as they are. Raises
    ImportRejected, having written nothing, if the file shows any problem.
    """
    source = (source or f"Import of {book.name}")[:200]
    with transaction.atomic():
        preview = preview_voice_import(area=area, book=book)
        if not preview.is_valid:
            raise ImportRejected(preview.problems)
        with refusals_as(_stopped, thing="“You said, we did”"):
            for work in preview.work:
                if work.existing is None:
                    entry_create(area=area, content=work.content, by=by, source=source)
                elif work.changed:
                    entry_update(
                        entry=work.existing,
                        expected_version=work.existing.version,
                        content=work.content,
                        by=by,
                        source=source,
                    )
    return preview
