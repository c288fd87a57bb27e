"""API objects of the reader: document, sections, stories, paragraphs, runs, lines, tables, fields
and drawings. They are plain data produced by :mod:`thongbao.check.reader.builder`."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from thongbao.check.reader.numbering import ListLabel
from thongbao.check.reader.oxml import twips_to_mm
from thongbao.check.reader.props import Border, FontRef, FontSlot, ParagraphProps, RunProps

__all__ = [
    "Cell",
    "CellRef",
    "ContainerKind",
    "Drawing",
    "Field",
    "HeaderFooter",
    "Line",
    "Location",
    "Note",
    "Paragraph",
    "ParagraphRule",
    "PartKind",
    "Row",
    "Run",
    "Section",
    "Settings",
    "Story",
    "Table",
    "TextBoxRef",
    "char_font_slot",
    "nfc",
]

PartKind = Literal["body", "header", "footer", "footnote", "endnote"]
ContainerKind = Literal["body", "table", "textbox", "header", "footer", "footnote", "endnote"]


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------
# Character → font slot (which of ascii/hAnsi/eastAsia/cs Word uses for a character)
# ---------------------------------------------------------------------------------------------

_CS_RANGES = ((0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0EFF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_EA_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FFF), (0x3000, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FFFF),
)


def char_font_slot(ch: str, *, hint: str | None = None, complex_script: bool = False) -> FontSlot:
    """The ``w:rFonts`` slot Word uses for ``ch``: ASCII → ``ascii``; Latin beyond ASCII
    (Vietnamese letters, Latin-1 …) → ``hAnsi``; CJK → ``eastAsia``; Arabic, Hebrew, Thai, Indic
    or a run marked ``w:cs``/``w:rtl`` → ``cs``. With ``w:hint="eastAsia"`` general punctuation
    and Latin-1 symbols use ``eastAsia`` (a simplification of ECMA-376 §17.3.2.26)."""
    if complex_script:
        return "cs"
    o = ord(ch)
    if o < 0x80:
        return "ascii"
    for lo, hi in _CS_RANGES:
        if lo <= o <= hi:
            return "cs"
    for lo, hi in _EA_RANGES:
        if lo <= o <= hi:
            return "eastAsia"
    if hint == "eastAsia" and (0x2000 <= o <= 0x206F or (0xA1 <= o <= 0xBF) or o in (0xD7, 0xF7)):
        return "eastAsia"
    return "hAnsi"


# ---------------------------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class CellRef:
    """A step of a paragraph's location: table cell (``row``, grid column ``col``)."""

    table: Table = field(repr=False)
    row: int
    col: int
    cell_index: int

    @property
    def table_index(self) -> int:
        return self.table.index

    @property
    def cell(self) -> Cell:
        return self.table.rows[self.row].cells[self.cell_index]

    def __repr__(self) -> str:
        return f"CellRef(table={self.table.index}, row={self.row}, col={self.col})"


@dataclass(frozen=True, slots=True, eq=False)
class TextBoxRef:
    """A step of a paragraph's location: the content of a text box (shape) ``drawing``."""

    drawing: Drawing = field(repr=False)

    def __repr__(self) -> str:
        return f"TextBoxRef({self.drawing.name!r})"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a paragraph or table lives: its part and the path of cells/text boxes, outermost
    first. ``container`` is the innermost one."""

    part: PartKind = "body"
    part_name: str = "word/document.xml"
    path: tuple[CellRef | TextBoxRef, ...] = ()

    def child(self, step: CellRef | TextBoxRef) -> Location:
        return Location(self.part, self.part_name, (*self.path, step))

    @property
    def container(self) -> ContainerKind:
        if self.path:
            return "table" if isinstance(self.path[-1], CellRef) else "textbox"
        return self.part

    @property
    def cell(self) -> CellRef | None:
        """The innermost table cell around this location (also through a text box)."""
        for step in reversed(self.path):
            if isinstance(step, CellRef):
                return step
        return None

    @property
    def text_box(self) -> TextBoxRef | None:
        for step in reversed(self.path):
            if isinstance(step, TextBoxRef):
                return step
        return None

    @property
    def in_table(self) -> bool:
        return any(isinstance(s, CellRef) for s in self.path)

    @property
    def in_text_box(self) -> bool:
        return any(isinstance(s, TextBoxRef) for s in self.path)

    @property
    def table_nesting(self) -> int:
        """How many tables enclose this location (0 = none)."""
        return sum(1 for s in self.path if isinstance(s, CellRef))


# ---------------------------------------------------------------------------------------------
# Inline content
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Field:
    """A field (``w:fldSimple`` or complex ``w:fldChar`` begin/instrText/separate/end).

    ``instruction`` is the field code (``PAGE \\* MERGEFORMAT``), ``result`` the displayed text
    Word last computed (may be empty).
    """

    instruction: str
    result: str = ""
    simple: bool = False
    paragraph: Paragraph | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The field type in upper case: ``PAGE``, ``NUMPAGES``, ``DATE`` …"""
        parts = self.instruction.split()
        return parts[0].upper() if parts else ""

    @property
    def is_page(self) -> bool:
        return self.name == "PAGE"

    @property
    def is_num_pages(self) -> bool:
        return self.name in ("NUMPAGES", "SECTIONPAGES")


@dataclass(slots=True, eq=False)
class Run:
    """A stretch of displayed text with one effective formatting (one ``w:r`` or a part of it).

    ``raw_text`` is the text as stored (tabs ``\\t``, line breaks ``\\n``); ``text`` is its NFC
    form. ``field`` is the field whose result this text is, if any. ``note_ref`` is
    ``("footnote" | "endnote", id)`` for a note reference mark (whose text is empty).
    """

    raw_text: str
    props: RunProps
    element: etree._Element | None = field(default=None, repr=False)
    field: Field | None = field(default=None, repr=False)
    note_ref: tuple[str, str] | None = None
    symbol_font: str | None = None

    @property
    def text(self) -> str:
        return nfc(self.raw_text)

    @property
    def display_text(self) -> str:
        """NFC text as displayed: upper-cased when ``caps`` is on."""
        t = self.text
        return t.upper() if self.props.caps else t

    @property
    def is_nfc(self) -> bool:
        return self.raw_text.isascii() or unicodedata.is_normalized("NFC", self.raw_text)

    @property
    def hidden(self) -> bool:
        return self.props.hidden

    # Convenience accessors for the usual checks.
    @property
    def bold(self) -> bool:
        return self.props.bold_cs if self._cs else self.props.bold

    @property
    def italic(self) -> bool:
        return self.props.italic_cs if self._cs else self.props.italic

    @property
    def size_pt(self) -> float:
        return self.props.size_cs_pt if self._cs else self.props.size_pt

    @property
    def color(self) -> str:
        return self.props.color

    @property
    def _cs(self) -> bool:
        return self.props.complex_script or self.props.rtl

    def font_segments(self) -> list[tuple[str, FontSlot, FontRef]]:
        """The text cut where the font slot changes: ``[(text, slot, font), …]``."""
        fonts = self.props.fonts
        hint = fonts.hint
        cs = self._cs
        out: list[tuple[str, FontSlot, FontRef]] = []
        if self.symbol_font:
            return [(self.raw_text, "ascii", FontRef(self.symbol_font, None, "direct"))]
        start = 0
        current: FontSlot | None = None
        text = self.raw_text
        for i, ch in enumerate(text):
            slot = char_font_slot(ch, hint=hint, complex_script=cs)
            if slot != current:
                if current is not None:
                    out.append((text[start:i], current, fonts.slot(current)))
                start, current = i, slot
        if current is not None:
            out.append((text[start:], current, fonts.slot(current)))
        return out

    @property
    def fonts_used(self) -> frozenset[str]:
        """Every font name the characters of this run are displayed in (whitespace ignored)."""
        return frozenset(
            ref.name for text, _, ref in self.font_segments() if text.strip()
        )

    @property
    def font(self) -> str:
        """The font most of the run's (non-space) characters use; for Vietnamese text the
        ``ascii`` font for plain letters and ``hAnsi`` for accented ones (see :meth:`font_segments`)."""
        counts: dict[str, int] = {}
        for text, _, ref in self.font_segments():
            n = sum(1 for ch in text if not ch.isspace())
            if n:
                counts[ref.name] = counts.get(ref.name, 0) + n
        if not counts:
            return self.props.fonts.ascii.name
        return max(counts.items(), key=lambda kv: kv[1])[0]


@dataclass(frozen=True, slots=True, eq=False)
class Line:
    """One visual line of a paragraph as authored: text between ``w:br``/``w:cr`` breaks.

    ``runs`` are the (visible) runs on this line; a run that spans a break appears on both lines
    as fragments (new :class:`Run` objects with the same ``props``/``element``).
    """

    index: int
    runs: tuple[Run, ...]

    @property
    def raw_text(self) -> str:
        return "".join(r.raw_text for r in self.runs)

    @property
    def text(self) -> str:
        return nfc(self.raw_text)

    @property
    def display_text(self) -> str:
        return "".join(r.display_text for r in self.runs)

    @property
    def stripped(self) -> str:
        """NFC text without surrounding whitespace (tabs included)."""
        return self.text.strip()


@dataclass(slots=True, eq=False)
class Drawing:
    """A drawing object anchored in a paragraph: picture, shape, line, text box, group …

    Sizes in pt. For lines ``length_pt`` is the longer side. ``stroke_pt`` is the outline width
    (``None`` when unknown), ``stroked`` false when the outline is switched off.
    """

    kind: Literal["line", "shape", "textbox", "picture", "group", "chart", "other"]
    source: Literal["dml", "vml"]
    width_pt: float = 0.0
    height_pt: float = 0.0
    stroke_pt: float | None = None
    stroke_color: str | None = None
    stroked: bool = True
    geometry: str | None = None
    floating: bool = False
    name: str | None = None
    anchor: Paragraph | None = field(default=None, repr=False)
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)
    element: etree._Element | None = field(default=None, repr=False)

    @property
    def is_line(self) -> bool:
        return self.kind == "line"

    @property
    def length_pt(self) -> float:
        return max(self.width_pt, self.height_pt)

    @property
    def horizontal(self) -> bool:
        return self.width_pt >= self.height_pt


@dataclass(frozen=True, slots=True)
class ParagraphRule:
    """A horizontal rule drawn as a paragraph border. ``width_twips`` is the border's extent
    (the paragraph's width between its indents) when the container width is known."""

    side: Literal["top", "bottom"]
    border: Border
    left_twips: int
    width_twips: int | None


@dataclass(slots=True, eq=False)
class Paragraph:
    """A paragraph with its effective formatting, runs, lines, fields and drawings.

    ``runs`` include hidden runs (``run.hidden``); ``text``/``lines`` only show visible ones.
    ``label`` is the automatic list label (``1.``, ``a)``) Word shows before the text.
    """

    index: int
    location: Location
    props: ParagraphProps
    mark: RunProps
    style_id: str | None
    style_name: str | None
    runs: list[Run] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list, repr=False)
    drawings: list[Drawing] = field(default_factory=list, repr=False)
    label: ListLabel | None = None
    section_index: int = 0
    has_page_break: bool = False
    element: etree._Element | None = field(default=None, repr=False)
    section: Section | None = field(default=None, repr=False)
    _lines: tuple[Line, ...] | None = field(default=None, repr=False)

    # -- text ----------------------------------------------------------------------------------
    @property
    def visible_runs(self) -> list[Run]:
        return [r for r in self.runs if not r.props.hidden]

    @property
    def raw_text(self) -> str:
        return "".join(r.raw_text for r in self.runs if not r.props.hidden)

    @property
    def text(self) -> str:
        """Visible text, NFC; tabs as ``\\t``, line breaks as ``\\n``; no list label."""
        return nfc(self.raw_text)

    @property
    def display_text(self) -> str:
        return "".join(r.display_text for r in self.runs if not r.props.hidden)

    @property
    def text_with_label(self) -> str:
        if self.label is None or not self.label.text:
            return self.text
        return self.label.text + self.label.suffix + self.text

    @property
    def is_nfc(self) -> bool:
        return all(r.is_nfc for r in self.runs)

    @property
    def is_empty(self) -> bool:
        return not self.raw_text.strip()

    @property
    def lines(self) -> tuple[Line, ...]:
        """The text split at line breaks (``w:br`` text wrapping, ``w:cr``), with runs."""
        if self._lines is None:
            self._lines = _split_lines(self.visible_runs)
        return self._lines

    # -- formatting ----------------------------------------------------------------------------
    @property
    def alignment(self) -> str:
        return self.props.alignment

    @property
    def container(self) -> ContainerKind:
        return self.location.container

    @property
    def cell(self) -> CellRef | None:
        return self.location.cell

    @property
    def line_shapes(self) -> list[Drawing]:
        """Drawing objects anchored here that are lines (straight connectors, thin shapes)."""
        return [d for d in self.drawings if d.is_line]

    @property
    def container_width_twips(self) -> int | None:
        """Width available to the paragraph before its indents: the cell (minus cell margins),
        the text box, or the section's text column; ``None`` when unknown."""
        loc = self.location
        if loc.path:
            step = loc.path[-1]
            if isinstance(step, CellRef):
                cell = step.cell
                return max(cell.width_twips - cell.margins.get("left", 0) - cell.margins.get("right", 0), 0)
            return round(step.drawing.width_pt * 20) - 288 if step.drawing.width_pt else None
        if self.section is not None:
            return self.section.text_width_twips
        return None

    @property
    def width_twips(self) -> int | None:
        """Width of the paragraph's text area (container minus left/right indents)."""
        container = self.container_width_twips
        if container is None:
            return None
        ind = self.props.indent
        return container - ind.left - ind.right

    @property
    def border_rules(self) -> list[ParagraphRule]:
        """Visible top/bottom paragraph borders, as horizontal rules with their extents."""
        out: list[ParagraphRule] = []
        sides: tuple[Literal["top", "bottom"], ...] = ("top", "bottom")
        for side in sides:
            border = self.props.borders.get(side)
            if border is not None and border.visible:
                out.append(ParagraphRule(side, border, self.props.indent.left, self.width_twips))
        return out

    def __repr__(self) -> str:
        return f"Paragraph({self.index}, {self.location.container}, {self.text[:40]!r})"


def _split_lines(runs: list[Run]) -> tuple[Line, ...]:
    lines: list[Line] = []
    current: list[Run] = []
    for run in runs:
        if "\n" not in run.raw_text:
            current.append(run)
            continue
        pieces = run.raw_text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append(Line(len(lines), tuple(current)))
                current = []
            if piece:
                current.append(Run(piece, run.props, run.element, run.field, run.note_ref, run.symbol_font))
    lines.append(Line(len(lines), tuple(current)))
    return tuple(lines)


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Cell:
    """A table cell: grid position, width, effective borders and margins (twips), paragraphs.

    ``paragraphs`` are every paragraph inside the cell, nested tables and text boxes included.
    ``v_merge`` is ``"restart"``/``"continue"`` for vertically merged cells.
    """

    row: int
    col: int
    index: int
    span: int = 1
    v_merge: str | None = None
    width_twips: int = 0
    width_type: str = "dxa"
    margins: Mapping[str, int] = field(default_factory=dict)
    borders: Mapping[str, Border] = field(default_factory=dict)
    v_align: str | None = None
    shading: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)
    tables: list[Table] = field(default_factory=list, repr=False)
    element: etree._Element | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def width_mm(self) -> float:
        return twips_to_mm(self.width_twips)

    @property
    def has_visible_borders(self) -> bool:
        return any(b.visible for b in self.borders.values())


@dataclass(slots=True, eq=False)
class Row:
    index: int
    cells: list[Cell] = field(default_factory=list)
    height_twips: int | None = None
    height_rule: str | None = None
    is_header: bool = False
    grid_before: int = 0


@dataclass(slots=True, eq=False)
class Table:
    """A table: grid column widths (twips), indentation, borders, cell margins, rows.

    ``borders`` are the table-level borders after the table style (``top``, ``left``,
    ``bottom``, ``right``, ``insideH``, ``insideV``); each cell has its effective borders.
    ``nesting`` is 0 for a top-level table.
    """

    index: int
    location: Location
    style_id: str | None = None
    grid: list[int] = field(default_factory=list)
    width: int | None = None
    width_type: str | None = None
    indent_twips: int = 0
    alignment: str | None = None
    layout: str | None = None
    cell_margins: Mapping[str, int] = field(default_factory=dict)
    borders: Mapping[str, Border] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    element: etree._Element | None = field(default=None, repr=False)

    @property
    def nesting(self) -> int:
        return self.location.table_nesting

    @property
    def column_widths_twips(self) -> list[int]:
        return list(self.grid)

    @property
    def column_widths_mm(self) -> list[float]:
        return [twips_to_mm(w) for w in self.grid]

    @property
    def total_width_twips(self) -> int:
        return sum(self.grid)

    @property
    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row.cells

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (``row``, ``col``)."""
        if not 0 <= row < len(self.rows):
            return None
        for c in self.rows[row].cells:
            if c.col <= col < c.col + c.span:
                return c
        return None

    @property
    def is_borderless(self) -> bool:
        """No cell shows any border: a layout table (bảng trình bày không viền)."""
        return not any(c.has_visible_borders for c in self.cells)

    @property
    def paragraphs(self) -> list[Paragraph]:
        seen: set[int] = set()
        out: list[Paragraph] = []
        for c in self.cells:
            for p in c.paragraphs:
                if id(p) not in seen:
                    seen.add(id(p))
                    out.append(p)
        return out

    def __repr__(self) -> str:
        return f"Table({self.index}, rows={len(self.rows)}, grid={self.grid})"


# ---------------------------------------------------------------------------------------------
# Stories, sections, document
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Story:
    """A run of content in one part: the body, a header/footer, or a footnote/endnote."""

    kind: PartKind
    part_name: str
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)
    tables: list[Table] = field(default_factory=list, repr=False)
    drawings: list[Drawing] = field(default_factory=list, repr=False)
    fields: list[Field] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return all(p.is_empty for p in self.paragraphs) and not self.drawings

    @property
    def page_fields(self) -> list[Field]:
        return [f for f in self.fields if f.is_page]

    @property
    def line_shapes(self) -> list[Drawing]:
        return [d for d in self.drawings if d.is_line]


@dataclass(slots=True, eq=False)
class HeaderFooter(Story):
    """A header or footer part (``kind`` ``header``/``footer``)."""


@dataclass(slots=True, eq=False)
class Note(Story):
    """A footnote or endnote (``kind`` ``footnote``/``endnote``) with its id."""

    id: str = ""


@dataclass(slots=True, eq=False)
class Section:
    """Page setup of a section (twips; ``*_mm`` helpers) and its headers/footers.

    ``headers``/``footers`` map ``default``/``first``/``even`` to parts, inherited from the
    previous section where this one has no reference of that type (as Word does).
    """

    index: int
    page_width: int = 12240
    page_height: int = 15840
    orientation: Literal["portrait", "landscape"] = "portrait"
    margin_top: int = 1440
    margin_bottom: int = 1440
    margin_left: int = 1800
    margin_right: int = 1800
    header_distance: int = 720
    footer_distance: int = 720
    gutter: int = 0
    title_page: bool = False
    start_type: str = "nextPage"
    page_number_start: int | None = None
    page_number_format: str | None = None
    columns: int = 1
    header_refs: dict[str, str] = field(default_factory=dict)
    footer_refs: dict[str, str] = field(default_factory=dict)
    headers: dict[str, HeaderFooter] = field(default_factory=dict, repr=False)
    footers: dict[str, HeaderFooter] = field(default_factory=dict, repr=False)
    element: etree._Element | None = field(default=None, repr=False)

    @property
    def page_width_mm(self) -> float:
        return twips_to_mm(self.page_width)

    @property
    def page_height_mm(self) -> float:
        return twips_to_mm(self.page_height)

    @property
    def margins_mm(self) -> dict[str, float]:
        return {
            "top": twips_to_mm(self.margin_top),
            "bottom": twips_to_mm(self.margin_bottom),
            "left": twips_to_mm(self.margin_left),
            "right": twips_to_mm(self.margin_right),
            "header": twips_to_mm(self.header_distance),
            "footer": twips_to_mm(self.footer_distance),
            "gutter": twips_to_mm(self.gutter),
        }

    @property
    def text_width_twips(self) -> int:
        return self.page_width - self.margin_left - self.margin_right - self.gutter

    @property
    def first_page_header(self) -> HeaderFooter | None:
        """The header shown on the section's first page (``None`` = blank)."""
        return self.headers.get("first") if self.title_page else self.headers.get("default")

    @property
    def first_page_footer(self) -> HeaderFooter | None:
        return self.footers.get("first") if self.title_page else self.footers.get("default")

    @property
    def default_header(self) -> HeaderFooter | None:
        return self.headers.get("default")

    @property
    def default_footer(self) -> HeaderFooter | None:
        return self.footers.get("default")


@dataclass(frozen=True, slots=True)
class Settings:
    """A few ``word/settings.xml`` values."""

    even_and_odd_headers: bool = False
    default_tab_stop: int = 720
    compatibility_mode: int | None = None

