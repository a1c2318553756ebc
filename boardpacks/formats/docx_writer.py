"""The Word pack's writer: an A4 document in British English with the area and title in the header and
"Page X of Y" in the footer; headings in Word's own styles; tables and figures with numbered captions
(SEQ fields) in the built-in Caption style; wide parts on landscape pages."""

from datetime import UTC, datetime
from io import BytesIO
from typing import Any, cast

from cairosvg.parser import Tree  # type: ignore[import-untyped]
from cairosvg.surface import PNGSurface  # type: ignore[import-untyped]
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from PIL import Image

from ..charts import chart_caption, chart_svg, chart_table
from .docx_parts import (
    Cell,
    clean,
    field_xml,
    least_widths,
    run_xml,
    runs_element_xml,
    svg_description,
    svg_size,
    table_xml,
    widths_of,
)

LANGUAGE = "en-GB"
FONT = "Arial"
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)  # dark blue: 12:1 on white
A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGIN = Cm(2)
TWIPS_PER_EMU = 1 / 635
PICTURE_WIDTH = Cm(16)
PICTURE_HEIGHT = {False: Cm(20), True: Cm(12)}  # the most a chart may take, portrait and landscape
RASTER_WIDTH = 960  # pixels: about 150 dots an inch at 16 cm, sharp when printed
RASTER_MOST = 4000  # pixels on the longer side at most, so a very tall chart stays a small file


def _twips(length: int) -> int:
    """A length in EMU (python-docx's unit) as twentieths of a point."""
    return round(length * TWIPS_PER_EMU)


def rasterise(svg: str, *, width: int) -> bytes:
    """The SVG drawn by CairoSVG at `width` pixels, as a PNG written by Pillow at its fastest compression
    (Cairo's own PNG writer compresses hard: most of a large pack's time went there)."""
    surface = PNGSurface(Tree(bytestring=svg.encode("utf-8")), None, 96, output_width=width)
    drawn = surface.cairo
    drawn.flush()
    image = Image.frombuffer(
        "RGBA",
        (drawn.get_width(), drawn.get_height()),
        bytes(drawn.get_data()),
        "raw",
        "BGRA",
        drawn.get_stride(),
        1,
    )
    out = BytesIO()
    image.convert("RGB").save(out, "PNG", compress_level=1)
    surface.finish()
    return out.getvalue()


class Writer:
    """Writes one pack's Word document in order, numbering its tables and figures."""

    def __init__(self, content: dict[str, Any]) -> None:
        self.content = content
        self.doc = Document()
        self.tables = 0
        self.figures = 0
        self.landscape = False
        self.sections_started = 0
        self.cover_page = False  # whether the cover has a page of its own
        self._sect_pr: CT_SectPr | None = None
        self._style_ids: dict[str, str] = {}  # looked up once: python-docx finds a style slowly
        self._table_style_id = self.style_id("Table Grid")
        self._page_setup()
        self._look()
        self._header_footer()
        self._language()
        self._properties()

    # The document as a whole

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = A4_SHORT, A4_LONG
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)

    def _look(self) -> None:
        """Arial throughout (a council's usual font; Liberation Sans has its measures where Arial is
        missing); headings and captions dark enough to read (the template's light blue fails WCAG AA for
        text of their size); tables at 10 point."""
        styles = self.doc.styles
        for fonts in styles.element.iter(qn("w:rFonts")):
            for name in [name for name in fonts.attrib if name.lower().endswith("theme")]:
                del fonts.attrib[name]
            for name in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(name), FONT)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Caption"):
            styles[name].font.color.rgb = HEADING_COLOUR
        styles["Caption"].font.size = Pt(10)
        styles["Table Grid"].font.size = Pt(10)

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        area, title = self.content["area"]["name"], self.content["pack"]["title"]
        section.header.paragraphs[0].text = clean(f"{area}: {title}")
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._append_runs(
            footer,
            run_xml("Page ") + field_xml("PAGE", "1") + run_xml(" of ") + field_xml("NUMPAGES", "1"),
        )

    def _language(self) -> None:
        """British English as every style's language, so spelling and screen readers use it."""
        rpr = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        theme_lang = self.doc.settings.element.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), LANGUAGE)

    def _properties(self) -> None:
        pack, period, area = self.content["pack"], self.content["period"], self.content["area"]
        properties = self.doc.core_properties
        properties.title = _short(pack["title"])
        properties.subject = _short(f"{period['name']}: {period['covers_words']}")
        properties.author = _short(area["name"])
        properties.last_modified_by = _short(area["name"])
        properties.keywords = "board pack"
        properties.category = "Board pack"
        properties.comments = _short(f"{pack['template']}, for {pack['meeting']}")
        properties.language = LANGUAGE
        properties.revision = 1
        made = _moment(pack.get("made_at"))
        if made:
            properties.created = properties.modified = made

    def save(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # Pages

    @property
    def text_width(self) -> int:
        """The width between the margins, in twentieths of a point."""
        return _twips((A4_LONG if self.landscape else A4_SHORT) - 2 * MARGIN)

    def start_section(self, title: str, *, landscape: bool = False) -> None:
        """A section of the pack: a new page (landscape for wide tables) headed in Heading 1."""
        started = self.sections_started
        self.sections_started += 1
        turned = self.orient(landscape=landscape)
        heading = self.heading(title, 1)
        if not turned:
            heading.paragraph_format.page_break_before = started > 0 or self.cover_page

    def orient(self, *, landscape: bool) -> bool:
        """Carry on in landscape or portrait, starting a section on a new page if it turns; whether it did."""
        if landscape == self.landscape:
            return False
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        self.landscape = landscape
        return True

    # Words

    def style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def _add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """A paragraph at the end, put straight before the closing section properties and its style set
        by id (python-docx looks for both along the whole document each time: slow in a long pack)."""
        element = cast(CT_P, OxmlElement("w:p"))
        self._end.addprevious(element)
        paragraph = Paragraph(element, self.doc._body)
        if style:
            element.style = self.style_id(style)
        if text:
            paragraph.add_run(text)
        return paragraph

    @property
    def _end(self) -> CT_SectPr:
        """The document's last section properties: everything is added before them. The same element
        stays last when a section is added (python-docx copies it into the new break)."""
        if self._sect_pr is None:
            self._sect_pr = self.doc.element.body.get_or_add_sectPr()
        return self._sect_pr

    def heading(self, text: str, level: int) -> Paragraph:
        """A heading in Word's own style: Title for level 0, else "Heading <level>"."""
        return self.heading_styled(text, "Title" if level == 0 else f"Heading {level}")

    def heading_styled(self, text: str, style: str) -> Paragraph:
        return self._add_paragraph(clean(text), style)

    def paragraph(
        self, text: str = "", *, label: str = "", style: str | None = None, bold: bool = False
    ) -> Paragraph:
        """A paragraph, its label (if any) in bold before the words."""
        paragraph = self._add_paragraph(style=style)
        if label:
            paragraph.add_run(clean(label) + ": ").bold = True
        if text:
            run = paragraph.add_run(clean(text))
            if bold:
                run.bold = True
        return paragraph

    def paragraphs(self, text: str, *, empty: str = "") -> None:
        """Text as it was written: a paragraph per line, blank lines left out."""
        lines = [line.strip() for line in clean(text).split("\n") if line.strip()]
        for line in lines or ([empty] if empty else []):
            self.paragraph(line)

    def field_paragraph(self, instruction: str, shown: str) -> Paragraph:
        paragraph = self._add_paragraph()
        self._append_runs(paragraph, field_xml(instruction, shown))
        return paragraph

    def _append_runs(self, paragraph: Paragraph, runs: str) -> None:
        holder = parse_xml(runs_element_xml(runs))
        for run in list(holder):
            paragraph._p.append(run)

    def caption(self, kind: str, text: str, number: int) -> Paragraph:
        """ "Table 3: ..." in the Caption style, its number a SEQ field, so Word can list them."""
        paragraph = self._add_paragraph(style="Caption")
        paragraph.paragraph_format.keep_with_next = True
        self._append_runs(
            paragraph,
            run_xml(f"{kind} ") + field_xml(f"SEQ {kind} \\* ARABIC", str(number)) + run_xml(f": {text}"),
        )
        return paragraph

    # Tables and figures

    def table(self, caption: str, headings: list[str], rows: list[list[Cell]], weights: list[int]) -> None:
        """A numbered table with its caption above it."""
        self.tables += 1
        self.caption("Table", caption, self.tables)
        element = parse_xml(
            table_xml(
                headings=headings,
                rows=rows,
                widths=widths_of(weights, self.text_width, least_widths(headings, rows)),
                caption=f"Table {self.tables}: {caption}",
                style_id=self._table_style_id,
            )
        )
        self._end.addprevious(element)

    def figure(self, name: str, *, content: dict[str, Any] | None = None, part: str = "") -> None:
        """A chart as a picture (rasterised from its SVG) with its caption and description as the
        alternative text, a numbered caption, then its data as a table. `content` draws the chart from
        part of the pack's content (a page's worth of a long chart), `part` says which in the caption."""
        content = content or self.content
        svg = chart_svg(content, name)
        if svg is None:
            return
        caption = clean(chart_caption(content, name) + part)
        width, height = svg_size(svg)
        shown_width: int = PICTURE_WIDTH
        shown_height = int(shown_width * height / width)
        if shown_height > PICTURE_HEIGHT[self.landscape]:
            shown_height = PICTURE_HEIGHT[self.landscape]
            shown_width = int(shown_height * width / height)
        pixels = max(1, min(RASTER_WIDTH, int(RASTER_MOST * width / height)))
        png = rasterise(svg, width=pixels)
        self.figures += 1
        holder = self._add_paragraph()
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.keep_with_next = True
        picture = holder.add_run().add_picture(BytesIO(png), width=Emu(shown_width), height=Emu(shown_height))
        description = svg_description(svg)
        doc_pr = picture._inline.docPr
        doc_pr.set("name", f"Figure {self.figures}")
        doc_pr.set("title", caption)
        doc_pr.set("descr", f"{caption}. {description}" if description else caption)
        self.caption("Figure", caption, self.figures)
        headings, rows = chart_table(content, name)
        if headings:
            weights = [3] + [2] * (len(headings) - 1)
            cells: list[list[Cell]] = [list(row) for row in rows]
            self.table(f"The data of figure {self.figures}: {caption}", headings, cells, weights)


def _short(text: str) -> str:
    """A document property's words: Word keeps at most 255 characters."""
    words = clean(text)
    return words if len(words) <= 255 else words[:254] + "…"


def _moment(iso: str | None) -> datetime | None:
    """An ISO date and time as UTC without a zone, as the document's properties store it."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
