"""DOCX reader with Word's effective formatting (bộ đọc DOCX, định dạng thực tế như Word).

Layers: :mod:`.oxml` (namespaces, value parsers) → :mod:`.theme`, :mod:`.styles`,
:mod:`.numbering` (resolution) → :mod:`.builder` (one pass over the XML) → :mod:`.model` and
:class:`Document` (API objects). Input always goes through :mod:`thongbao.check.safety`.

    doc = read_docx(path)
    for p in doc.paragraphs:
        p.location.container, p.props.alignment, p.lines[0].text, p.runs[0].props.size_pt
"""

from thongbao.check.reader.document import Document, read_docx
from thongbao.check.reader.model import (
    Cell,
    CellRef,
    ContainerKind,
    Drawing,
    Field,
    HeaderFooter,
    Line,
    Location,
    Note,
    Paragraph,
    ParagraphRule,
    PartKind,
    Row,
    Run,
    Section,
    Settings,
    Story,
    Table,
    TextBoxRef,
    char_font_slot,
)
from thongbao.check.reader.numbering import ListLabel
from thongbao.check.reader.props import (
    Border,
    FontRef,
    Indent,
    ParagraphProps,
    RunFonts,
    RunProps,
    Spacing,
    TabStop,
)
from thongbao.check.reader.styles import StyleSheet
from thongbao.check.reader.theme import Theme

__all__ = [
    "Border",
    "Cell",
    "CellRef",
    "ContainerKind",
    "Document",
    "Drawing",
    "Field",
    "FontRef",
    "HeaderFooter",
    "Indent",
    "Line",
    "ListLabel",
    "Location",
    "Note",
    "Paragraph",
    "ParagraphProps",
    "ParagraphRule",
    "PartKind",
    "Row",
    "Run",
    "RunFonts",
    "RunProps",
    "Section",
    "Settings",
    "Spacing",
    "Story",
    "StyleSheet",
    "TabStop",
    "Table",
    "TextBoxRef",
    "Theme",
    "char_font_slot",
    "read_docx",
]
