"""The :class:`Document` and :func:`read_docx`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from thongbao.check.reader.builder import StoryBuilder
from thongbao.check.reader.model import (
    Drawing,
    Field,
    HeaderFooter,
    Note,
    Paragraph,
    Section,
    Settings,
    Story,
    Table,
    nfc,
)
from thongbao.check.reader.numbering import Numbering
from thongbao.check.reader.oxml import T, local, on_off, qn, to_int, twips, wattr
from thongbao.check.reader.styles import StyleSheet
from thongbao.check.reader.theme import Theme
from thongbao.check.safety import Limits, Package, UnreadableDocument, open_docx_package

__all__ = ["Document", "read_docx"]

_R_ID = qn("r:id")
_HF_TYPES = ("default", "first", "even")


class Document:
    """A DOCX read with Word's effective formatting (văn bản đã đọc, định dạng thực tế).

    ``paragraphs`` are the body paragraphs in reading order, table cells and text boxes
    included (each knows its :class:`~thongbao.check.reader.model.Location`); ``tables`` every
    body table (nested ones too); ``sections`` page setup with headers/footers.
    """

    def __init__(self, package: Package) -> None:
        self.package = package
        main = package.main_part
        root = package.xml(main)
        if root is None or root.tag != T.document:
            raise UnreadableDocument(
                "The main part is not a WordprocessingML document.",
                "Phần nội dung chính không phải văn bản WordprocessingML.",
                code="not-docx",
            )
        self.part_name = main
        self.theme = Theme.from_xml(self._related_xml(main, "theme"))
        self.styles = self._stylesheet(main)
        self.numbering = Numbering(self._related_xml(main, "numbering"), self._style_num_id)
        self.settings = self._settings(self._related_xml(main, "settings"))
        self.core_properties = self._core_properties()

        builder = StoryBuilder(self.styles, self.numbering)
        self._builder = builder
        body_el = root.find(T.body)
        self.body = Story("body", main)
        if body_el is not None:
            builder.build(self.body, body_el)
        breaks = list(builder.section_breaks)
        final = body_el.find(T.sectPr) if body_el is not None else None
        sect_els: list[etree._Element | None] = [*breaks, final]
        if final is None and breaks and body_el is not None:
            # Content after the last section break belongs to a section with defaults.
            sect_els = [*breaks, None]
        self._parts: dict[str, HeaderFooter] = {}
        self.sections: list[Section] = [self._section(i, el) for i, el in enumerate(sect_els)]
        self._inherit_headers()
        for p in self.body.paragraphs:
            idx = min(p.section_index, len(self.sections) - 1)
            p.section_index = idx
            p.section = self.sections[idx]
        self.footnotes: list[Note] = self._notes("footnotes", "footnote")
        self.endnotes: list[Note] = self._notes("endnotes", "endnote")

    # -- parts ---------------------------------------------------------------------------------
    def _related_xml(self, part: str, kind: str) -> etree._Element | None:
        for target in self.package.related(part, kind):
            if self.package.has(target):
                return self.package.xml(target)
        return None

    def _stylesheet(self, part: str) -> StyleSheet:
        for target in self.package.related(part, "styles"):
            if self.package.has(target):
                return StyleSheet.from_bytes(self.package.read_bytes(target), self.theme, target)
        return StyleSheet(None, self.theme)

    def _style_num_id(self, style_id: str) -> int | None:
        num = self.styles.style_ppr(style_id).get("numId")
        return int(num) if num is not None else None

    @staticmethod
    def _settings(root: etree._Element | None) -> Settings:
        if root is None:
            return Settings()
        eo = root.find(qn("w:evenAndOddHeaders"))
        tab = root.find(qn("w:defaultTabStop"))
        mode = None
        for cs in root.iter(qn("w:compatSetting")):
            if wattr(cs, "name") == "compatibilityMode":
                mode = to_int(wattr(cs, "val"))
        return Settings(
            even_and_odd_headers=eo is not None and on_off(eo),
            default_tab_stop=(twips(wattr(tab, "val")) or 720) if tab is not None else 720,
            compatibility_mode=mode,
        )

    def _core_properties(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for target in self.package.related("", "core-properties"):
            if not self.package.has(target):
                continue
            root = self.package.xml(target)
            if root is None:
                continue
            for el in root:
                if isinstance(el.tag, str) and el.text and el.text.strip():
                    out[local(el.tag)] = nfc(el.text.strip())
        return out

    # -- sections ------------------------------------------------------------------------------
    def _section(self, index: int, el: etree._Element | None) -> Section:
        sec = Section(index=index, element=el)
        if el is None:
            return sec
        pg = el.find(qn("w:pgSz"))
        if pg is not None:
            sec.page_width = twips(wattr(pg, "w")) or sec.page_width
            sec.page_height = twips(wattr(pg, "h")) or sec.page_height
            orient = wattr(pg, "orient")
            if orient == "landscape" or (orient is None and sec.page_width > sec.page_height):
                sec.orientation = "landscape"
        mar = el.find(qn("w:pgMar"))
        if mar is not None:
            for attr, name in (("top", "margin_top"), ("bottom", "margin_bottom"), ("left", "margin_left"),
                               ("right", "margin_right"), ("header", "header_distance"),
                               ("footer", "footer_distance"), ("gutter", "gutter")):
                v = twips(wattr(mar, attr))
                if v is not None:
                    setattr(sec, name, abs(v) if attr in ("top", "bottom") else v)
        tp = el.find(qn("w:titlePg"))
        sec.title_page = tp is not None and on_off(tp)
        st = el.find(qn("w:type"))
        if st is not None:
            sec.start_type = wattr(st, "val") or "nextPage"
        pn = el.find(qn("w:pgNumType"))
        if pn is not None:
            sec.page_number_start = to_int(wattr(pn, "start"))
            sec.page_number_format = wattr(pn, "fmt")
        cols = el.find(qn("w:cols"))
        if cols is not None:
            sec.columns = to_int(wattr(cols, "num")) or 1
        rels = self.package.rels(self.part_name)
        for tag, refs, parts, kind in (
            ("w:headerReference", sec.header_refs, sec.headers, "header"),
            ("w:footerReference", sec.footer_refs, sec.footers, "footer"),
        ):
            for ref in el.iter(qn(tag)):
                htype = wattr(ref, "type") or "default"
                rel = rels.get(ref.get(_R_ID) or "")
                if rel is None or rel.external or not self.package.has(rel.target):
                    continue
                refs[htype] = rel.target
                part = self._header_footer(rel.target, kind)
                if part is not None:
                    parts[htype] = part
                    for par in part.paragraphs:
                        if par.section is None:  # width of the first section using the part
                            par.section = sec
        return sec

    def _header_footer(self, part_name: str, kind: str) -> HeaderFooter | None:
        if part_name in self._parts:
            return self._parts[part_name]
        root = self.package.xml(part_name)
        if root is None or root.tag not in (T.hdr, T.ftr):
            return None
        story = HeaderFooter("header" if root.tag == T.hdr else "footer", part_name)
        self._builder.build(story, root)
        self._parts[part_name] = story
        return story

    def _inherit_headers(self) -> None:
        prev: Section | None = None
        for sec in self.sections:
            if prev is not None:
                for t in _HF_TYPES:
                    if t not in sec.headers and t in prev.headers:
                        sec.headers[t] = prev.headers[t]
                    if t not in sec.footers and t in prev.footers:
                        sec.footers[t] = prev.footers[t]
            prev = sec

    def _notes(self, rel_kind: str, kind: str) -> list[Note]:
        root = self._related_xml(self.part_name, rel_kind)
        out: list[Note] = []
        if root is None:
            return out
        tag = T.footnote if kind == "footnote" else T.endnote
        part = self.package.related(self.part_name, rel_kind)[0]
        for el in root.iter(tag):
            if (wattr(el, "type") or "normal") != "normal":
                continue
            note = Note(kind, part, id=wattr(el, "id") or "")  # type: ignore[arg-type]
            self._builder.build(note, el)
            out.append(note)
        return out

    # -- content -------------------------------------------------------------------------------
    @property
    def paragraphs(self) -> list[Paragraph]:
        """Body paragraphs in reading order (tables and text boxes included)."""
        return self.body.paragraphs

    @property
    def tables(self) -> list[Table]:
        return self.body.tables

    @property
    def drawings(self) -> list[Drawing]:
        return self.body.drawings

    @property
    def fields(self) -> list[Field]:
        return self.body.fields

    @property
    def headers(self) -> list[HeaderFooter]:
        return [p for p in self._parts.values() if p.kind == "header"]

    @property
    def footers(self) -> list[HeaderFooter]:
        return [p for p in self._parts.values() if p.kind == "footer"]

    def stories(self) -> Iterator[Story]:
        """The body, then every header/footer part, then footnotes and endnotes."""
        yield self.body
        yield from self._parts.values()
        yield from self.footnotes
        yield from self.endnotes

    def all_paragraphs(self) -> Iterator[Paragraph]:
        for story in self.stories():
            yield from story.paragraphs

    def find(self, text: str, *, everywhere: bool = False) -> list[Paragraph]:
        """Paragraphs whose NFC text contains ``text`` (NFC-normalised); body only unless
        ``everywhere``."""
        needle = nfc(text)
        source = self.all_paragraphs() if everywhere else iter(self.body.paragraphs)
        return [p for p in source if needle in p.text]

    @property
    def text(self) -> str:
        return self.body.text

    def __repr__(self) -> str:
        return (f"Document({self.part_name!r}, paragraphs={len(self.paragraphs)}, "
                f"tables={len(self.tables)}, sections={len(self.sections)})")


def read_docx(source: Path | str | bytes | BinaryIO, *, limits: Limits | None = None) -> Document:
    """Open (safely) and read a DOCX. Raises :class:`UnreadableDocument` for unreadable input."""
    return Document(open_docx_package(source, limits=limits))
