"""The pack as a Word document (DOCX), from its content alone (boardpacks/content/schema.py).

The pack's title is in Word's Title style and each section a Heading 1 in the template's order, so the
navigation pane and a committee system's contents work; the cover carries a TOC field and the sections in
plain words. Tables repeat their header row on each page and have numbered captions above them; charts
are pictures with alternative text, a numbered caption and their data as a table; wide tables are on
landscape pages. The parts are in docx_writer (the document), docx_parts (the XML), docx_sections and
docx_registers (the sections).
"""

from collections.abc import Callable
from typing import Any

from .docx_registers import write_matters, write_risks, write_scorecard, write_voice
from .docx_sections import (
    write_cover,
    write_exceptions,
    write_highlights,
    write_rag_overview,
    write_summary,
    write_title,
)
from .docx_writer import Writer

WRITERS: dict[str, Callable[[Writer, dict[str, Any], dict[str, Any]], None]] = {
    "summary": write_summary,
    "rag_overview": write_rag_overview,
    "exceptions": write_exceptions,
    "highlights": write_highlights,
    "scorecard": write_scorecard,
    "risks": write_risks,
    "voice": write_voice,
    "matters": write_matters,
}


def render(content: dict[str, Any]) -> bytes:
    """The pack's Word document as bytes."""
    writer = Writer(content)
    write_title(writer, content)
    sections = content["sections"]
    for key in content["pack"]["sections"]:
        if key == "cover":
            write_cover(writer, content)
        elif key in WRITERS and key in sections:
            WRITERS[key](writer, content, sections[key])
    return writer.save()
