"""Effective formatting with python-docx, for tests: run → character style chain → paragraph style
chain → document defaults. Kept independent of thongbao's own reader so each checks the other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx import Document as load_docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def _defaults_rpr(doc: Document) -> Any:
    styles = doc.styles.element
    return styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style
        style = style.base_style


def run_font(doc: Document, para: Paragraph, run: Run, attr: str) -> Any:
    """Effective ``size`` (pt), ``bold``, ``italic`` or ``name`` of ``run``."""
    def get(font: Any) -> Any:
        if attr == "size":
            return font.size.pt if font.size is not None else None
        return getattr(font, attr)

    value = get(run.font)
    if value is not None:
        return value
    if run.style is not None and run.style.name != "Default Paragraph Font":
        for st in _style_chain(run.style):
            value = get(st.font)
            if value is not None:
                return value
    for st in _style_chain(para.style):
        value = get(st.font)
        if value is not None:
            return value
    rpr = _defaults_rpr(doc)
    if rpr is None:
        return None if attr == "name" else (10.0 if attr == "size" else False)
    if attr == "size":
        sz = rpr.find(qn("w:sz"))
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0
    if attr == "name":
        fonts = rpr.find(qn("w:rFonts"))
        return fonts.get(qn("w:ascii")) if fonts is not None else None
    el = rpr.find(qn("w:b" if attr == "bold" else "w:i"))
    return el is not None and el.get(qn("w:val")) not in ("0", "false")


def para_format(para: Paragraph, attr: str) -> Any:
    """Effective paragraph ``alignment``, ``first_line_indent`` (cm), ``space_before`` (pt)."""
    value = getattr(para.paragraph_format, attr)
    if value is None:
        for st in _style_chain(para.style):
            value = getattr(st.paragraph_format, attr)
            if value is not None:
                break
    if value is None:
        return WD_ALIGN_PARAGRAPH.LEFT if attr == "alignment" else 0.0
    if attr == "first_line_indent":
        return round(value.cm, 2)
    if attr == "space_before":
        return value.pt
    return value


def iter_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every paragraph of the body in reading order, descending into table cells."""
    def walk(container: Any) -> Iterator[Paragraph]:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                yield child
            elif isinstance(child, Table):
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)

    yield from walk(doc)


def open_docx(data: bytes) -> Document:
    import io

    return load_docx(io.BytesIO(data))
