"""The small parts of the Word pack, as WordprocessingML written directly: text made safe for XML, runs,
fields (SEQ, PAGE, NUMPAGES, TOC) and tables. Big tables are written as one XML string and parsed once,
which is many times faster than python-docx's cell by cell API.

Every word from the content goes through `clean` and `escape`: whatever the text says (a formula, markup,
a field's braces) it stays the text it is.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from xml.sax.saxutils import escape  # escaping the text we write, not parsing XML  # nosec B406

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'
# Characters XML 1.0 cannot hold at all (lxml refuses them): dropped, never the whole pack.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEX = re.compile(r"#?([0-9a-fA-F]{6})")
INK = "0B0C0C"
HEADER_SHADING = '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F3F2F1"/></w:tcPr>'  # light grey
CHAR_TWIPS = 135  # a bold letter of Arial at 10 point, on average, in twentieths of a point
CELL_MARGINS = 230  # a cell's left and right margins (Table Grid's 108 each) and a little room
WHITE = "FFFFFF"


@dataclass(frozen=True)
class Shaded:
    """A cell whose words are printed on a colour: a RAG status or a risk band. The words are always
    there; the colour is a help, never the only signal."""

    text: str
    colour: str


Cell = str | Shaded


def clean(text: object) -> str:
    """The text as words Word can hold: characters XML cannot carry removed, line ends made one kind."""
    if text is None:
        return ""
    return _NOT_XML.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def hex_colour(colour: str) -> str | None:
    """ "#d4351c" as "D4351C", or None when it is not a six-digit colour."""
    match = _HEX.fullmatch(colour.strip()) if colour else None
    return match.group(1).upper() if match else None


def text_colour(background: str) -> str:
    """Black or white, whichever has more contrast on the background (WCAG relative luminance)."""

    def channel(value: str) -> float:
        c = int(value, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i : i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else WHITE


def date_words(iso: str | date | None, *, empty: str = "") -> str:
    """ "2021-03-31" as "31 March 2021"; a date and time as "12 April 2021 at 10:30"."""
    if not iso:
        return empty
    if isinstance(iso, date):
        iso = iso.isoformat()
    try:
        if "T" in iso:
            moment = datetime.fromisoformat(iso)
            return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"
        day = date.fromisoformat(iso)
    except ValueError:
        return clean(iso)
    return f"{day.day} {day:%B %Y}"


def run_xml(text: str, *, bold: bool = False, colour: str | None = None) -> str:
    """One run of text, line breaks kept as breaks."""
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    lines = clean(text).split("\n")
    body = "<w:br/>".join(_t(line) for line in lines)
    return f"<w:r>{rpr}{body}</w:r>"


def _t(text: str) -> str:
    """A w:t, keeping spaces at its ends only when it has them (most text has not: a smaller file)."""
    if text[:1].isspace() or text[-1:].isspace():
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


def field_xml(instruction: str, shown: str, *, bold: bool = False) -> str:
    """A complex field (begin, instruction, separate, the result shown until Word updates it, end)."""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run_xml(shown, bold=bold)}"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def runs_element_xml(runs: str) -> str:
    """Runs wrapped so they parse as one element (a paragraph whose runs are moved elsewhere)."""
    return f"<w:p {NSDECL}>{runs}</w:p>"


def _cell_xml(cell: Cell, *, header: bool) -> str:
    """A table cell: a paragraph per line of its text (Table Grid's spacing), bold on light grey in the
    header row, a shaded cell's words in black or white, whichever reads better on its colour."""
    rpr, tcpr = ("<w:rPr><w:b/></w:rPr>", HEADER_SHADING) if header else ("", "")
    text = cell
    if isinstance(cell, Shaded):
        text = cell.text
        fill = hex_colour(cell.colour)
        if fill:
            tcpr = f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>'
            rpr = f'<w:rPr><w:b/><w:color w:val="{text_colour(fill)}"/></w:rPr>'
    words = clean(text)
    if "\n" not in words:
        return (
            f"<w:tc>{tcpr}<w:p><w:r>{rpr}{_t(words)}</w:r></w:p></w:tc>"
            if words
            else f"<w:tc>{tcpr}<w:p/></w:tc>"
        )
    paragraphs = "".join(
        f"<w:p><w:r>{rpr}{_t(line)}</w:r></w:p>" if line else "<w:p/>" for line in words.split("\n")
    )
    return f"<w:tc>{tcpr}{paragraphs}</w:tc>"


def table_xml(
    *, headings: list[str], rows: list[list[Cell]], widths: list[int], caption: str, style_id: str
) -> str:
    """A table of words: the header row repeats on every page, no row splits across pages, the columns
    have fixed widths (twentieths of a point) and the caption is the table's own title for screen
    readers too."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    if len(headings) != len(widths) or any(len(row) != len(widths) for row in rows):
        raise ValueError("Every row of a table needs a cell for each column")
    head = "".join(_cell_xml(text, header=True) for text in headings)
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(_cell_xml(cell, header=False) for cell in row)
        + "</w:tr>"
        for row in rows
    )
    return (
        f"<w:tbl {NSDECL}><w:tblPr>"
        f'<w:tblStyle w:val="{escape(style_id)}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/>'
        f'<w:tblCaption w:val="{escape(clean(caption), {chr(34): "&quot;"})}"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{body}</w:tbl>"
    )


def widths_of(weights: list[int], total: int, least: list[int] | None = None) -> list[int]:
    """Column widths in twentieths of a point, in proportion to the weights, adding up to the total,
    none narrower than its least width (so a short column's words are not broken) while they fit."""
    least = least or [0] * len(weights)
    if sum(least) > total:
        least = [int(width * total / sum(least)) for width in least]
    fixed: set[int] = set()
    while True:
        free = total - sum(least[i] for i in fixed)
        weight = sum(w for i, w in enumerate(weights) if i not in fixed) or 1
        widths = [least[i] if i in fixed else int(w * free / weight) for i, w in enumerate(weights)]
        narrow = {i for i, width in enumerate(widths) if i not in fixed and width < least[i]}
        if not narrow:
            break
        fixed |= narrow
    widths[-1] += total - sum(widths)
    return widths


def least_widths(headings: list[str], rows: list[list[Cell]], *, sample: int = 50) -> list[int]:
    """The least width of each column: its longest word (in the headings and the first rows, up to 14
    letters) at the tables' 10 point size, and the cell's margins."""
    longest = [0] * len(headings)
    table: list[list[Cell]] = [list(headings), *rows[:sample]]
    for row in table:
        for index, cell in enumerate(row):
            text = cell.text if isinstance(cell, Shaded) else cell
            words = str(text).split()
            if words:
                longest[index] = max(longest[index], min(14, max(len(word) for word in words)))
    return [length * CHAR_TWIPS + CELL_MARGINS for length in longest]


def svg_size(svg: str) -> tuple[float, float]:
    """An SVG's width and height from its root's attributes (or its viewBox)."""
    root = re.search(r"<svg\b[^>]*>", svg)
    tag = root.group(0) if root else ""
    width = re.search(r'\swidth="([\d.]+)', tag)
    height = re.search(r'\sheight="([\d.]+)', tag)
    if width and height:
        return float(width.group(1)), float(height.group(1))
    box = re.search(r'viewBox="[\d.\-]+ [\d.\-]+ ([\d.]+) ([\d.]+)"', tag)
    return (float(box.group(1)), float(box.group(2))) if box else (720.0, 400.0)


def svg_description(svg: str) -> str:
    """The words of an SVG's <desc>, for the picture's alternative text."""
    match = re.search(r"<desc\b[^>]*>(.*?)</desc>", svg, flags=re.DOTALL)
    return clean(unescape(match.group(1))).strip() if match else ""
