"""Builds the API objects from the XML: one pass over each story, in reading order.

Block level: ``w:p``, ``w:tbl`` (rows → cells → blocks, recursively), ``w:sdt`` and
``w:customXml`` wrappers, ``mc:AlternateContent`` (one branch). Inline level: runs inside
hyperlinks, smart tags, content controls, insertions (deletions are skipped), simple fields.
Complex fields are tracked with a stack across runs (and paragraphs) of a story. Text boxes
found in a paragraph's drawings are read right after that paragraph, with a location step
:class:`TextBoxRef`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from thongbao.check.reader.model import (
    Cell,
    CellRef,
    Drawing,
    Field,
    Location,
    Paragraph,
    Row,
    Run,
    Story,
    Table,
    TextBoxRef,
)
from thongbao.check.reader.numbering import Numbering, NumberingCounter
from thongbao.check.reader.oxml import (
    T,
    children,
    choose_alternate,
    emu_to_pt,
    hex_color,
    local,
    on_off,
    qn,
    to_int,
    twips,
    wattr,
)
from thongbao.check.reader.props import Border, RunProps
from thongbao.check.reader.styles import StyleSheet, parse_border

__all__ = ["StoryBuilder"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
_WPC = "{http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"

#: Wrappers whose children are read as if they were in place.
_INLINE_WRAPPERS = frozenset({T.hyperlink, T.smartTag, T.customXml, T.ins, T.moveTo, T.dir, T.bdo})
_SKIPPED_INLINE = frozenset({T.dele, T.moveFrom, T.pPr})
_RPR = T.rPr
_T = T.t
_TAB = T.tab
_PTAB = T.ptab
_BR = T.br
_CR = T.cr
_NB_HYPHEN = T.noBreakHyphen
_ALTERNATE = T.alternateContent
_RUN_BREAKING = frozenset({T.fldChar, T.instrText, T.drawing, T.pict, T.footnoteReference,
                           T.endnoteReference})
_LINE_PRESETS = frozenset({"line", "straightConnector1", "lineInv"})
_THIN_PT = 3.0

_SIDE_ALIASES = {"start": "left", "end": "right"}


def _sides(el: etree._Element | None) -> dict[str, etree._Element]:
    out: dict[str, etree._Element] = {}
    if el is None:
        return out
    for child in el:
        if isinstance(child.tag, str):
            name = local(child.tag)
            out[_SIDE_ALIASES.get(name, name)] = child
    return out


@dataclass(slots=True)
class _OpenField:
    fld: Field
    state: Literal["instr", "result"]
    instr: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Deferred:
    drawing: Drawing
    content: etree._Element


@dataclass(slots=True)
class _ParaState:
    para: Paragraph
    style_id: str | None
    table_style: str | None
    deferred: list[_Deferred] = field(default_factory=list)


_VML_LEN = re.compile(r"^\s*(-?\d*\.?\d+)\s*([a-z%]*)\s*$")
_VML_UNIT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0,
             "pi": 12.0, "emu": 1 / 12700, "": 0.75}


def _vml_pt(value: str | None) -> float | None:
    if not value:
        return None
    m = _VML_LEN.match(value.lower())
    if not m or m.group(2) not in _VML_UNIT:
        return None
    return float(m.group(1)) * _VML_UNIT[m.group(2)]


def _vml_style(style: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in (style or "").split(";"):
        if ":" in item:
            k, v = item.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _vml_stroke_pt(value: str | None) -> float | None:
    if not value:
        return None
    if re.match(r"^\s*\d+\s*$", value):  # unitless: EMU when large (LibreOffice writes EMU)
        n = float(value)
        return n / 12700 if n > 50 else n
    return _vml_pt(value)


class StoryBuilder:
    """Reads one document's stories with shared styles and numbering."""

    def __init__(self, styles: StyleSheet, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.body_counter = NumberingCounter(numbering)
        self._story: Story = Story("body", "")
        self._counter = self.body_counter
        self._fields: list[_OpenField] = []
        self.section_index = 0
        self.section_breaks: list[etree._Element] = []

    # -- stories -------------------------------------------------------------------------------
    def build(self, story: Story, root: etree._Element, *, count_numbers: bool = True) -> Story:
        """Fill ``story`` from ``root`` (``w:body``, ``w:hdr``, ``w:ftr``, ``w:footnote`` …)."""
        prev = (self._story, self._counter, self._fields)
        self._story = story
        self._counter = self.body_counter if story.kind == "body" else NumberingCounter(self.numbering)
        if not count_numbers:
            self._counter = NumberingCounter(self.numbering)
        self._fields = []
        try:
            loc = Location(story.kind, story.part_name)
            self._blocks(root, loc, None, top=story.kind == "body")
        finally:
            self._story, self._counter, self._fields = prev
        return story

    # -- blocks --------------------------------------------------------------------------------
    def _blocks(self, el: etree._Element, loc: Location, table_style: str | None, *, top: bool) -> None:
        for child in children(el):
            tag = child.tag
            if tag == T.p:
                self._paragraph(child, loc, table_style, top=top)
            elif tag == T.tbl:
                self._table(child, loc)
            elif tag == T.sdt:
                content = child.find(T.sdtContent)
                if content is not None:
                    self._blocks(content, loc, table_style, top=top)
            elif tag in (T.customXml, T.ins, T.moveTo):
                self._blocks(child, loc, table_style, top=top)

    def _paragraph(self, p_el: etree._Element, loc: Location, table_style: str | None, *, top: bool) -> None:
        styles = self.styles
        ppr = p_el.find(T.pPr)
        raw_style: str | None = None
        mark_rpr = None
        sect = None
        if ppr is not None:
            ps = ppr.find(T.pStyle)
            if ps is not None:
                raw_style = wattr(ps, "val")
            mark_rpr = ppr.find(T.rPr)
            sect = ppr.find(T.sectPr)
        style_id = styles.paragraph_style_id(raw_style)
        props = styles.paragraph_props(ppr, paragraph_style=style_id, table_style=table_style,
                                       numbering=self.numbering)
        mark = styles.run_props(mark_rpr, paragraph_style=style_id, table_style=table_style)
        story = self._story
        para = Paragraph(
            index=len(story.paragraphs),
            location=loc,
            props=props,
            mark=mark,
            style_id=style_id,
            style_name=styles.name_of(style_id),
            section_index=self.section_index if story.kind == "body" else 0,
            element=p_el,
        )
        story.paragraphs.append(para)
        if props.num_id:
            para.label = self._counter.next(props.num_id, props.num_level)
        state = _ParaState(para, style_id, table_style)
        self._inline(p_el, state)
        for item in state.deferred:
            first = len(story.paragraphs)
            inner = _ParaFieldGuard(self)
            self._blocks(item.content, loc.child(TextBoxRef(item.drawing)), None, top=False)
            inner.restore()
            item.drawing.paragraphs = story.paragraphs[first:]
        if top and sect is not None:
            self.section_breaks.append(sect)
            self.section_index += 1

    # -- inline --------------------------------------------------------------------------------
    def _inline(self, el: etree._Element, state: _ParaState) -> None:
        for child in children(el):
            tag = child.tag
            if tag == T.r:
                self._run(child, state)
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, state)
            elif tag == T.sdt:
                content = child.find(T.sdtContent)
                if content is not None:
                    self._inline(content, state)
            elif tag == T.fldSimple:
                fld = Field(instruction=(wattr(child, "instr") or "").strip(), simple=True,
                            paragraph=state.para)
                open_field = _OpenField(fld, "result")
                self._fields.append(open_field)
                self._inline(child, state)
                self._fields.pop()
                self._finish_field(open_field)
            elif tag in _SKIPPED_INLINE:
                continue

    def _in_instruction(self) -> bool:
        return any(f.state == "instr" for f in self._fields)

    def _finish_field(self, open_field: _OpenField) -> None:
        fld = open_field.fld
        if not fld.simple:
            fld.instruction = "".join(open_field.instr).strip()
        fld.result = "".join(open_field.result)
        self._story.fields.append(fld)
        if fld.paragraph is not None:
            fld.paragraph.fields.append(fld)

    def _emit(self, text: str, props: RunProps, r_el: etree._Element, para: Paragraph,
              note_ref: tuple[str, str] | None = None, symbol_font: str | None = None) -> None:
        """Add displayed text as a :class:`Run` (or to the field code being collected)."""
        fields = self._fields
        if fields:
            if self._in_instruction():
                # Inside a field code: the result of a nested field becomes part of the code.
                for f in reversed(fields):
                    if f.state == "result":
                        f.result.append(text)
                    else:
                        f.instr.append(text)
                        break
                return
            if text and not props.hidden:
                for f in fields:
                    f.result.append(text)
            para.runs.append(Run(text, props, r_el, fields[-1].fld, note_ref, symbol_font))
        else:
            para.runs.append(Run(text, props, r_el, None, note_ref, symbol_font))

    def _run(self, r_el: etree._Element, state: _ParaState) -> None:
        items = list(r_el)
        if items and items[0].tag == _RPR:
            rpr: etree._Element | None = items[0]
            del items[0]
        else:
            rpr = None
        props = self.styles.run_props(rpr, paragraph_style=state.style_id, table_style=state.table_style)
        para = state.para
        # Fast path: a run of plain text.
        if len(items) == 1 and items[0].tag == _T:
            text = items[0].text
            if text:
                self._emit(text, props, r_el, para)
            return
        buf: list[str] = []
        i = 0
        while i < len(items):
            child = items[i]
            i += 1
            tag = child.tag
            if tag == _T:
                if child.text:
                    buf.append(child.text)
            elif tag in (_TAB, _PTAB):
                buf.append("\t")
            elif tag == _BR:
                kind = child.get(_W + "type")
                if kind is None or kind == "textWrapping":
                    buf.append("\n")
                elif kind == "page":
                    para.has_page_break = True
            elif tag == _CR:
                buf.append("\n")
            elif tag == _NB_HYPHEN:
                buf.append("\u2011")
            elif tag == _ALTERNATE:
                branch = choose_alternate(child)
                if branch is not None:
                    items[i:i] = list(branch)
            elif tag == T.sym:
                code = wattr(child, "char") or ""
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                if buf:
                    self._emit("".join(buf), props, r_el, para)
                    buf.clear()
                self._emit(ch, props, r_el, para, symbol_font=wattr(child, "font"))
            elif tag in _RUN_BREAKING:
                if buf:
                    self._emit("".join(buf), props, r_el, para)
                    buf.clear()
                if tag == T.fldChar:
                    self._fld_char(child, para)
                elif tag == T.instrText:
                    if self._fields and self._fields[-1].state == "instr":
                        self._fields[-1].instr.append(child.text or "")
                elif tag == T.drawing:
                    self._dml(child, state)
                elif tag == T.pict:
                    self._vml(child, state)
                else:
                    kind_note = "footnote" if tag == T.footnoteReference else "endnote"
                    self._emit("", props, r_el, para, note_ref=(kind_note, wattr(child, "id") or ""))
        if buf:
            self._emit("".join(buf), props, r_el, para)

    def _fld_char(self, el: etree._Element, para: Paragraph) -> None:
        kind = wattr(el, "fldCharType")
        if kind == "begin":
            self._fields.append(_OpenField(Field(instruction="", paragraph=para), "instr"))
        elif kind == "separate":
            if self._fields:
                self._fields[-1].state = "result"
        elif kind == "end" and self._fields:
            self._finish_field(self._fields.pop())

    # -- drawings ------------------------------------------------------------------------------
    def _add_drawing(self, drawing: Drawing, state: _ParaState, content: etree._Element | None) -> None:
        drawing.anchor = state.para
        state.para.drawings.append(drawing)
        self._story.drawings.append(drawing)
        if content is not None:
            state.deferred.append(_Deferred(drawing, content))

    def _dml(self, el: etree._Element, state: _ParaState) -> None:
        for holder in el:
            if holder.tag not in (_WP + "inline", _WP + "anchor"):
                continue
            floating = holder.tag == _WP + "anchor"
            ext = holder.find(_WP + "extent")
            cx = float(to_int(ext.get("cx")) or 0) if ext is not None else 0.0
            cy = float(to_int(ext.get("cy")) or 0) if ext is not None else 0.0
            doc_pr = holder.find(_WP + "docPr")
            name = doc_pr.get("name") if doc_pr is not None else None
            data = holder.find(_A + "graphic/" + _A + "graphicData")
            if data is None:
                continue
            for obj in children(data):
                self._dml_object(obj, state, cx, cy, 1.0, 1.0, floating, name, top=True)

    def _dml_object(self, obj: etree._Element, state: _ParaState, cx: float, cy: float,
                    sx: float, sy: float, floating: bool, name: str | None, *, top: bool) -> None:
        tag = obj.tag
        if tag == _WPS + "wsp":
            sppr = obj.find(_WPS + "spPr")
            w, h = self._xfrm(sppr, cx, cy, sx, sy, top)
            geom_el = sppr.find(_A + "prstGeom") if sppr is not None else None
            geometry = geom_el.get("prst") if geom_el is not None else (
                "custom" if sppr is not None and sppr.find(_A + "custGeom") is not None else None)
            stroke_pt, color, stroked = self._dml_line(sppr)
            txbx = obj.find(_WPS + "txbx")
            content = txbx.find(T.txbxContent) if txbx is not None else None
            thin = min(w, h) <= _THIN_PT and max(w, h) > 4 * max(min(w, h), 0.01)
            if content is not None:
                kind: Literal["line", "shape", "textbox"] = "textbox"
            elif geometry in _LINE_PRESETS or thin:
                kind = "line"
            else:
                kind = "shape"
            drawing = Drawing(kind, "dml", w, h, stroke_pt, color, stroked, geometry, floating, name,
                              element=obj)
            self._add_drawing(drawing, state, content)
        elif tag in (_WPG + "wgp", _WPG + "grpSp", _WPC + "wpc"):
            gpr = obj.find(_WPG + "grpSpPr")
            nsx, nsy = sx, sy
            gw, gh = cx, cy
            if gpr is not None:
                xfrm = gpr.find(_A + "xfrm")
                if xfrm is not None:
                    ext = xfrm.find(_A + "ext")
                    chext = xfrm.find(_A + "chExt")
                    if ext is not None and chext is not None:
                        ecx = float(to_int(ext.get("cx")) or 0)
                        ecy = float(to_int(ext.get("cy")) or 0)
                        ccx = float(to_int(chext.get("cx")) or 0)
                        ccy = float(to_int(chext.get("cy")) or 0)
                        outer_x = cx if top and cx else ecx * sx
                        outer_y = cy if top and cy else ecy * sy
                        nsx = outer_x / ccx if ccx else sx
                        nsy = outer_y / ccy if ccy else sy
                        gw, gh = outer_x, outer_y
            group = Drawing("group", "dml", emu_to_pt(gw), emu_to_pt(gh), floating=floating, name=name,
                            element=obj)
            self._add_drawing(group, state, None)
            for child in children(obj):
                if child.tag in (_WPS + "wsp", _WPG + "grpSp", _PIC + "pic"):
                    self._dml_object(child, state, 0.0, 0.0, nsx, nsy, floating, name, top=False)
        elif tag == _PIC + "pic":
            sppr = obj.find(_PIC + "spPr")
            w, h = self._xfrm(sppr, cx, cy, sx, sy, top)
            self._add_drawing(Drawing("picture", "dml", w, h, floating=floating, name=name, element=obj),
                              state, None)
        else:
            kind2: Literal["chart", "other"] = "chart" if local(tag) == "chart" else "other"
            self._add_drawing(Drawing(kind2, "dml", emu_to_pt(cx), emu_to_pt(cy), floating=floating,
                                      name=name, element=obj), state, None)

    @staticmethod
    def _xfrm(sppr: etree._Element | None, cx: float, cy: float, sx: float, sy: float,
              top: bool) -> tuple[float, float]:
        """Size in pt: ``wp:extent`` for a top-level object, the scaled ``a:xfrm`` extent inside a
        group; swapped when the shape is rotated by about 90°."""
        w, h = cx, cy
        xfrm = sppr.find(_A + "xfrm") if sppr is not None else None
        if xfrm is not None:
            ext = xfrm.find(_A + "ext")
            if ext is not None and (not top or not (cx or cy)):
                w = float(to_int(ext.get("cx")) or 0) * sx
                h = float(to_int(ext.get("cy")) or 0) * sy
            r = (to_int(xfrm.get("rot")) or 0) % 10800000
            if 2700000 <= r < 8100000:
                w, h = h, w
        return emu_to_pt(w), emu_to_pt(h)

    @staticmethod
    def _dml_line(sppr: etree._Element | None) -> tuple[float | None, str | None, bool]:
        if sppr is None:
            return None, None, True
        ln = sppr.find(_A + "ln")
        if ln is None:
            return None, None, True
        w = to_int(ln.get("w"))
        stroked = ln.find(_A + "noFill") is None
        color = None
        fill = ln.find(_A + "solidFill")
        if fill is not None:
            for c in fill:
                if isinstance(c.tag, str):
                    color = hex_color(c.get("lastClr") if local(c.tag) == "sysClr" else c.get("val"))
                    if color is None and local(c.tag) == "schemeClr":
                        color = c.get("val")
                    break
        return (emu_to_pt(w) if w is not None else None), color, stroked

    def _vml(self, el: etree._Element, state: _ParaState) -> None:
        for shape in el:
            self._vml_shape(shape, state, 1.0, 1.0)

    def _vml_shape(self, shape: etree._Element, state: _ParaState, sx: float, sy: float) -> None:
        tag = shape.tag
        if not isinstance(tag, str) or not tag.startswith(_V) or tag == _V + "shapetype":
            return
        kind_name = tag[len(_V):]
        style = _vml_style(shape.get("style"))
        floating = style.get("position") == "absolute"
        w = (_vml_pt(style.get("width")) or 0.0) * sx
        h = (_vml_pt(style.get("height")) or 0.0) * sy
        if kind_name == "group":
            coord = (shape.get("coordsize") or "").split(",")
            try:
                cw, ch = float(coord[0]), float(coord[1])
            except (ValueError, IndexError):
                cw = ch = 0.0
            nsx = w / cw if cw else sx
            nsy = h / ch if ch else sy
            self._add_drawing(Drawing("group", "vml", w, h, floating=floating, name=shape.get("id"),
                                      element=shape), state, None)
            for child in shape:
                self._vml_shape(child, state, nsx, nsy)
            return
        if kind_name == "line":
            p1 = [(_vml_pt(v.strip()) or 0.0) for v in (shape.get("from") or "0,0").split(",")[:2]]
            p2 = [(_vml_pt(v.strip()) or 0.0) for v in (shape.get("to") or "0,0").split(",")[:2]]
            if len(p1) == 2 and len(p2) == 2:
                w, h = abs(p2[0] - p1[0]) * sx, abs(p2[1] - p1[1]) * sy
        stroke = shape.find(_V + "stroke")
        stroke_pt = _vml_stroke_pt(shape.get("strokeweight"))
        color = hex_color(shape.get("strokecolor"))
        if stroke is not None:
            stroke_pt = _vml_stroke_pt(stroke.get("weight")) or stroke_pt
            color = hex_color(stroke.get("color")) or color
            if color is None and (stroke.get("color") or "").lower() == "black":
                color = "000000"
        stroked = (shape.get("stroked") or "t").lower() not in ("f", "false")
        textbox = shape.find(_V + "textbox")
        content = textbox.find(T.txbxContent) if textbox is not None else None
        stype = (shape.get("type") or "").lstrip("#")
        path = (shape.get("path") or "").replace(" ", "")
        is_hr = (shape.get(_O + "hr") or "").lower() in ("t", "true")
        thin = min(w, h) <= _THIN_PT and max(w, h) > 4 * max(min(w, h), 0.01)
        if content is not None:
            kind: Literal["line", "shape", "textbox", "picture"] = "textbox"
        elif kind_name == "line" or stype.endswith("_x0000_t32") or stype.endswith("_x0000_t20") or is_hr or (
            path.startswith("m") and path.count("l") == 1 and "c" not in path
        ) or (thin and kind_name in ("shape", "rect")):
            kind = "line"
        elif kind_name == "shape" and shape.find(_V + "imagedata") is not None:
            kind = "picture"
        else:
            kind = "shape"
        drawing = Drawing(kind, "vml", w, h, stroke_pt, color, stroked, stype or kind_name,
                          floating, shape.get("id"), element=shape)
        self._add_drawing(drawing, state, content)

    # -- tables --------------------------------------------------------------------------------
    def _table(self, tbl: etree._Element, loc: Location) -> None:
        styles = self.styles
        story = self._story
        tblpr = tbl.find(T.tblPr)
        raw_style = None
        if tblpr is not None:
            ts = tblpr.find(T.tblStyle)
            if ts is not None:
                raw_style = wattr(ts, "val")
        style_id = styles.table_style_id(raw_style)
        table = Table(index=len(story.tables), location=loc, style_id=style_id, element=tbl)
        story.tables.append(table)

        # Table properties: style chain first, then direct.
        border_els: dict[str, etree._Element] = {}
        margin_els: dict[str, etree._Element] = {}
        tprs = [s.tbl_pr() for s in styles.chain(style_id)] + [tblpr]
        for tpr in tprs:
            if tpr is None:
                continue
            border_els.update(_sides(tpr.find(qn("w:tblBorders"))))
            margin_els.update(_sides(tpr.find(qn("w:tblCellMar"))))
            ind = tpr.find(qn("w:tblInd"))
            if ind is not None and (wattr(ind, "type") or "dxa") == "dxa":
                table.indent_twips = twips(wattr(ind, "w")) or 0
            jc = tpr.find(qn("w:jc"))
            if jc is not None:
                table.alignment = wattr(jc, "val")
            tw = tpr.find(qn("w:tblW"))
            if tw is not None:
                table.width = to_int(wattr(tw, "w"))
                table.width_type = wattr(tw, "type") or "dxa"
            lay = tpr.find(qn("w:tblLayout"))
            if lay is not None:
                table.layout = wattr(lay, "type")
        table.borders = {k: parse_border(v) for k, v in border_els.items()}
        margins = {"top": 0, "bottom": 0, "left": 108, "right": 108}
        for side, el in margin_els.items():
            if side in margins and (wattr(el, "type") or "dxa") == "dxa":
                margins[side] = twips(wattr(el, "w")) or 0
        table.cell_margins = margins
        grid_el = tbl.find(T.tblGrid)
        if grid_el is not None:
            table.grid = [twips(wattr(g, "w")) or 0 for g in grid_el.iter(T.gridCol)]

        for tr in self._rows(tbl):
            self._row(tr, table, loc, style_id)
        self._cell_borders(table)

    def _rows(self, el: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in children(el):
            if child.tag == T.tr:
                out.append(child)
            elif child.tag in (T.sdt, T.customXml, T.ins, T.moveTo):
                inner = child.find(T.sdtContent) if child.tag == T.sdt else child
                if inner is not None:
                    out.extend(self._rows(inner))
        return out

    def _cells(self, el: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in children(el):
            if child.tag == T.tc:
                out.append(child)
            elif child.tag in (T.sdt, T.customXml, T.ins, T.moveTo):
                inner = child.find(T.sdtContent) if child.tag == T.sdt else child
                if inner is not None:
                    out.extend(self._cells(inner))
        return out

    def _row(self, tr: etree._Element, table: Table, loc: Location, style_id: str | None) -> None:
        row = Row(index=len(table.rows))
        table.rows.append(row)
        trpr = tr.find(T.trPr)
        if trpr is not None:
            gb = trpr.find(qn("w:gridBefore"))
            if gb is not None:
                row.grid_before = to_int(wattr(gb, "val")) or 0
            th = trpr.find(qn("w:trHeight"))
            if th is not None:
                row.height_twips = twips(wattr(th, "val"))
                row.height_rule = wattr(th, "hRule") or "atLeast"
            hdr = trpr.find(qn("w:tblHeader"))
            row.is_header = hdr is not None and on_off(hdr)
        col = row.grid_before
        story = self._story
        for ci, tc in enumerate(self._cells(tr)):
            cell = Cell(row=row.index, col=col, index=ci, element=tc)
            tcpr = tc.find(T.tcPr)
            tcw: tuple[int | None, str] = (None, "auto")
            own_borders: dict[str, etree._Element] = {}
            own_margins: dict[str, etree._Element] = {}
            if tcpr is not None:
                span = tcpr.find(qn("w:gridSpan"))
                if span is not None:
                    cell.span = max(to_int(wattr(span, "val")) or 1, 1)
                vm = tcpr.find(qn("w:vMerge"))
                if vm is not None:
                    cell.v_merge = wattr(vm, "val") or "continue"
                w_el = tcpr.find(qn("w:tcW"))
                if w_el is not None:
                    tcw = (twips(wattr(w_el, "w")), wattr(w_el, "type") or "dxa")
                own_borders = _sides(tcpr.find(qn("w:tcBorders")))
                own_margins = _sides(tcpr.find(qn("w:tcMar")))
                va = tcpr.find(qn("w:vAlign"))
                if va is not None:
                    cell.v_align = wattr(va, "val")
                shd = tcpr.find(qn("w:shd"))
                if shd is not None:
                    cell.shading = hex_color(wattr(shd, "fill"))
            grid_w = sum(table.grid[col:col + cell.span]) if table.grid else 0
            if tcw[0] is not None and tcw[1] == "dxa" and tcw[0] > 0:
                cell.width_twips, cell.width_type = tcw[0], "dxa"
            else:
                cell.width_twips, cell.width_type = grid_w, tcw[1]
            m = dict(table.cell_margins)
            for side, el in own_margins.items():
                if side in m and (wattr(el, "type") or "dxa") == "dxa":
                    m[side] = twips(wattr(el, "w")) or 0
            cell.margins = m
            cell.borders = {k: parse_border(v) for k, v in own_borders.items()}  # completed later
            row.cells.append(cell)
            first_p, first_t = len(story.paragraphs), len(story.tables)
            self._blocks(tc, loc.child(CellRef(table, row.index, col, ci)), style_id, top=False)
            cell.paragraphs = story.paragraphs[first_p:]
            cell.tables = [t for t in story.tables[first_t:] if t.nesting == table.nesting + 1]
            col += cell.span

    @staticmethod
    def _cell_borders(table: Table) -> None:
        tb = table.borders
        none = Border("none")
        last_row = len(table.rows) - 1
        ncols = len(table.grid) or max((c.col + c.span for c in table.cells), default=0)
        for row in table.rows:
            for cell in row.cells:
                own = dict(cell.borders)
                eff = {
                    "top": own.get("top") or (tb.get("top") if row.index == 0 else tb.get("insideH")),
                    "bottom": own.get("bottom") or (tb.get("bottom") if row.index == last_row else tb.get("insideH")),
                    "left": own.get("left") or (tb.get("left") if cell.col == 0 else tb.get("insideV")),
                    "right": own.get("right") or (
                        tb.get("right") if cell.col + cell.span >= ncols else tb.get("insideV")),
                }
                cell.borders = {k: (v if v is not None else none) for k, v in eff.items()}


class _ParaFieldGuard:
    """Runs text-box content with its own field stack (fields do not cross into text boxes)."""

    def __init__(self, builder: StoryBuilder) -> None:
        self.builder = builder
        self.saved = builder._fields
        builder._fields = []

    def restore(self) -> None:
        self.builder._fields = self.saved

