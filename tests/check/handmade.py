"""Notices typed "by hand" with python-docx, the ways people make them in Word.

* :func:`tabs_and_breaks` — the header typed with tabs and line breaks (no table), every run
  formatted directly, the signature block on tab stops; one real defect: the day is not
  zero-padded ("ngày 7").
* :func:`styles_and_text_box` — everything through named styles (Normal = Times New Roman 14),
  the Quốc hiệu and Tiêu ngữ in a floating text box, the signature in a borderless table; one real
  defect: the Lưu line has no "VT".
* :func:`typical_mistakes` — a 2-column header table, but the body left in Word's theme font
  (Calibri), "tháng 03", en dashes in the Tiêu ngữ, "Nơi nhận:" at 14 pt, the page number at the
  bottom, and no "./.".
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from thongbao.fontmetrics import text_width_pt

TNR = "Times New Roman"
QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY = [
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh, Sở Tài chính "
    "thông báo lịch nghỉ Tết Nguyên đán Giáp Thìn năm 2024 đối với cán bộ, công chức, viên chức như sau:",
    "Cán bộ, công chức, viên chức được nghỉ Tết từ ngày 08 tháng 02 năm 2024 đến hết ngày 14 tháng 02 năm "
    "2024. Các phòng bố trí lịch trực, bảo đảm an ninh, an toàn trụ sở trong thời gian nghỉ.",
    "Thủ trưởng các phòng, đơn vị thuộc Sở có trách nhiệm phổ biến thông báo này đến toàn thể cán bộ, công "
    "chức, viên chức và người lao động để thực hiện.",
]


def _ending(text: str, i: int) -> str:
    """The last body paragraph ends with "./." (Mẫu 1.4)."""
    return text.removesuffix(".") + "./." if i == len(BODY) - 1 else text


def underscores(text: str, size: float, share: float, rule_size: float = 13) -> str:
    """A rule of underscores ``share`` × the width of ``text`` (bold), as Word users type it."""
    width = text_width_pt(text, size, bold=True) * share
    return "_" * max(1, round(width / text_width_pt("_", rule_size)))


def _new() -> Document:
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = sec.bottom_margin = Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    sec.header_distance = sec.footer_distance = Mm(10)
    return d


def _run(p: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False,
         font: str | None = TNR) -> Run:
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold
    r.italic = italic
    if font is not None:
        r.font.name = font
    return r


def _page_number(p: Paragraph, size: float = 14, font: str | None = TNR) -> None:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/><w:sz w:val="{int(size * 2)}"/></w:rPr>' if font else ""
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r>{rpr}<w:t>2</w:t></w:r></w:fldSimple>'))


def _save(d: Document) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _compact(p: Paragraph) -> None:
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0


# ---------------------------------------------------------------------------------------------
# (a) tabs and line breaks, direct formatting
# ---------------------------------------------------------------------------------------------


def tabs_and_breaks() -> bytes:
    d = _new()
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    _page_number(sec.header.paragraphs[0])

    left, right = Cm(3.4), Cm(11.7)
    head = d.add_paragraph()
    _compact(head)
    for stop in (left, right):
        head.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.CENTER)
    _run(head, "\tUBND TỈNH HƯNG YÊN\t", 13)
    _run(head, QH, 13, bold=True)
    head.add_run().add_break(WD_BREAK.LINE)
    _run(head, "\t", 13)
    _run(head, "SỞ TÀI CHÍNH", 13, bold=True)
    _run(head, "\t", 13)
    _run(head, MOTTO, 14, bold=True)
    head.add_run().add_break(WD_BREAK.LINE)
    _run(head, "\t" + underscores("SỞ TÀI CHÍNH", 13, 0.42) + "\t" + underscores(MOTTO, 14, 1.0), 13)

    number = d.add_paragraph()
    _compact(number)
    number.paragraph_format.space_before = Pt(6)
    for stop in (left, right):
        number.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.CENTER)
    _run(number, "\tSố: 12/TB-STC\t", 13)
    _run(number, "Hưng Yên, ngày 7 tháng 3 năm 2024", 14, italic=True)  # defect: "ngày 07"

    summary = "Về việc nghỉ Tết Nguyên đán Giáp Thìn năm 2024"
    title = d.add_paragraph()
    _compact(title)
    title.paragraph_format.space_before = Pt(24)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "THÔNG BÁO", 14, bold=True)
    title.add_run().add_break(WD_BREAK.LINE)
    _run(title, summary, 14, bold=True)
    rule = d.add_paragraph()
    _compact(rule)
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(rule, underscores(summary, 14, 0.42), 13)

    for i, text in enumerate(BODY):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.15
        _run(p, _ending(text, i), 14)

    sign = Cm(12)
    lines = [
        ("Nơi nhận:", (12, True, True), "KT. GIÁM ĐỐC"),
        ("- Như trên;", (11, False, False), "PHÓ GIÁM ĐỐC"),
        ("- UBND tỉnh (để báo cáo);", (11, False, False), ""),
        ("- Lưu: VT, TCHCSN.", (11, False, False), ""),
    ]
    first = True
    for left_text, (sz, b, i), right_text in lines:
        p = d.add_paragraph()
        _compact(p)
        if first:
            p.paragraph_format.space_before = Pt(12)
            first = False
        p.paragraph_format.tab_stops.add_tab_stop(sign, WD_TAB_ALIGNMENT.CENTER)
        _run(p, left_text, sz, bold=b, italic=i)
        if right_text:
            _run(p, "\t", 14)
            _run(p, right_text, 14, bold=True)
    for _ in range(3):
        _compact(d.add_paragraph())
    name = d.add_paragraph()
    _compact(name)
    name.paragraph_format.tab_stops.add_tab_stop(sign, WD_TAB_ALIGNMENT.CENTER)
    _run(name, "\t", 14)
    _run(name, "Nguyễn Văn An", 14, bold=True)
    return _save(d)


# ---------------------------------------------------------------------------------------------
# (b) styles, a text box for the Quốc hiệu, a table for the signature
# ---------------------------------------------------------------------------------------------

_TEXT_BOX = (
    '<w:r {ns}><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
    'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="1" name="Quoc hieu"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
    "<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
    '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t">'
    "<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)
_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def _style(d: Document, name: str, size: float, *, bold: bool = False, italic: bool = False,
           align: WD_ALIGN_PARAGRAPH | None = None, base: str = "Normal") -> str:
    st = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = d.styles[base]
    st.font.size = Pt(size)
    st.font.bold = bold
    st.font.italic = italic
    if align is not None:
        st.paragraph_format.alignment = align
    return str(st.style_id)


def styles_and_text_box() -> bytes:
    d = _new()
    normal = d.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    c = WD_ALIGN_PARAGRAPH.CENTER
    ids = {
        "parent": _style(d, "Co quan chu quan", 13, align=c),
        "agency": _style(d, "Co quan ban hanh", 13, bold=True, align=c),
        "rule": _style(d, "Duong ke", 13, align=c),
        "number": _style(d, "So ky hieu", 13, align=c),
        "qh": _style(d, "Quoc hieu", 13, bold=True, align=c),
        "motto": _style(d, "Tieu ngu", 14, bold=True, align=c),
        "date": _style(d, "Dia danh ngay thang", 14, italic=True, align=c),
        "type": _style(d, "Ten loai", 14, bold=True, align=c),
        "summary": _style(d, "Trich yeu", 14, bold=True, align=c),
        "label": _style(d, "Noi nhan", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT),
        "list": _style(d, "Danh sach noi nhan", 11, align=WD_ALIGN_PARAGRAPH.LEFT),
        "authority": _style(d, "Chuc vu", 14, bold=True, align=c),
        "name": _style(d, "Ho ten", 14, bold=True, align=c),
        "pnum": _style(d, "So trang", 14, align=c),
    }
    body = d.styles.add_style("Noi dung", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)
    body.paragraph_format.space_before = Pt(6)

    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    hp = sec.header.paragraphs[0]
    hp.style = d.styles["So trang"]
    hp._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'))

    right_indent = Cm(16.5 - 7)
    left_lines = [("parent", "ỦY BAN NHÂN DÂN"), ("parent", "TỈNH HƯNG YÊN"), ("agency", "SỞ TÀI CHÍNH"),
                  ("rule", underscores("SỞ TÀI CHÍNH", 13, 0.42)), ("number", "Số: 12/TB-STC")]
    first_para: Paragraph | None = None
    for key, text in left_lines:
        p = d.add_paragraph(text, style=_by_id(d, ids[key]))
        p.paragraph_format.right_indent = right_indent
        first_para = first_para or p
    assert first_para is not None

    def para(style_key: str, text: str) -> str:
        return (f'<w:p><w:pPr><w:pStyle w:val="{ids[style_key]}"/></w:pPr>'
                f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')

    content = "".join([
        para("qh", QH),
        para("motto", MOTTO),
        para("rule", underscores(MOTTO, 14, 1.0)),
        para("date", "Hưng Yên, ngày 05 tháng 01 năm 2024"),
    ])
    box = _TEXT_BOX.format(ns=_NS, cx=round(Cm(10.5)), cy=round(Cm(3.0)), content=content)
    first_para._p.append(parse_xml(box))

    summary = "Về việc nghỉ Tết Nguyên đán Giáp Thìn năm 2024"
    t = d.add_paragraph("THÔNG BÁO", style=_by_id(d, ids["type"]))
    t.paragraph_format.space_before = Pt(24)
    d.add_paragraph(summary, style=_by_id(d, ids["summary"]))
    d.add_paragraph(underscores(summary, 14, 0.42), style=_by_id(d, ids["rule"]))
    for i, text in enumerate(BODY):
        d.add_paragraph(_ending(text, i), style=body)

    table = d.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(6.5), Cm(10))
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "Nơi nhận:"
    left.paragraphs[0].style = _by_id(d, ids["label"])
    for text in ("- Như trên;", "- UBND tỉnh (để báo cáo);", "- Lưu: VP."):  # defect: no "VT"
        left.add_paragraph(text, style=_by_id(d, ids["list"]))
    right.paragraphs[0].text = "TM. ỦY BAN NHÂN DÂN"
    right.paragraphs[0].style = _by_id(d, ids["authority"])
    right.add_paragraph("CHỦ TỊCH", style=_by_id(d, ids["authority"]))
    for _ in range(3):
        right.add_paragraph("", style=_by_id(d, ids["name"]))
    right.add_paragraph("Trần Thị Bình", style=_by_id(d, ids["name"]))
    return _save(d)


def _by_id(d: Document, style_id: str) -> object:
    for st in d.styles:
        if st.style_id == style_id:
            return st
    raise KeyError(style_id)


# ---------------------------------------------------------------------------------------------
# (c) typical mistakes
# ---------------------------------------------------------------------------------------------


def typical_mistakes() -> bytes:
    d = _new()
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    _page_number(sec.footer.paragraphs[0])  # defect: at the bottom of the page

    table = d.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.8), Cm(10)

    def cell_line(cell_p: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False) -> None:
        cell_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _compact(cell_p)
        _run(cell_p, text, size, bold=bold, italic=italic)

    cell_line(left.paragraphs[0], "UBND TỈNH HƯNG YÊN", 13)
    cell_line(left.add_paragraph(), "SỞ TÀI CHÍNH", 13, bold=True)
    cell_line(left.add_paragraph(), underscores("SỞ TÀI CHÍNH", 13, 0.42), 13)
    cell_line(left.add_paragraph(), "Số: 12/TB-STC", 13)
    cell_line(right.paragraphs[0], QH, 13, bold=True)
    cell_line(right.add_paragraph(), "Độc lập – Tự do – Hạnh phúc", 14, bold=True)  # defect: en dashes
    cell_line(right.add_paragraph(), underscores(MOTTO, 14, 1.0), 13)
    cell_line(right.add_paragraph(), "Hưng Yên, ngày 05 tháng 03 năm 2024", 14, italic=True)  # defect: "03"

    summary = "Về việc nghỉ Tết Nguyên đán Giáp Thìn năm 2024"
    for text, bold in (("THÔNG BÁO", True), (summary, True), (underscores(summary, 14, 0.42), False)):
        p = d.add_paragraph()
        _compact(p)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, text, 14 if bold else 13, bold=bold)
    for text in BODY:  # defects: Word's theme font (Calibri) left in the body; no "./." at the end
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.space_after = Pt(6)
        _run(p, text, 14, font=None)

    sig = d.add_table(rows=1, cols=2)
    sig.autofit = False
    left, right = sig.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    p = left.paragraphs[0]
    _compact(p)
    _run(p, "Nơi nhận:", 14, bold=True, italic=True)  # defect: 14 pt
    for text in ("- Như trên;", "- Lưu: VT, TCHCSN."):
        q = left.add_paragraph()
        _compact(q)
        _run(q, text, 11)
    for text, size in (("KT. GIÁM ĐỐC", 14), ("PHÓ GIÁM ĐỐC", 14), ("", 14), ("", 14), ("Lê Văn Cường", 14)):
        q = right.paragraphs[0] if text == "KT. GIÁM ĐỐC" else right.add_paragraph()
        _compact(q)
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            _run(q, text, size, bold=True)
    return _with_theme_font(_save(d), "Calibri")


def _with_theme_font(data: bytes, font: str) -> bytes:
    """Word's own theme (Office 2013-2019) has Calibri as the body font; python-docx's template
    has Cambria. Put Calibri in, as a document made in Word has it."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            part = src.read(name)
            if name.startswith("word/theme/"):
                text = part.decode("utf-8")
                start = text.index("<a:minorFont>")
                latin = re.compile(r'<a:latin typeface="[^"]*"')
                text = text[:start] + latin.sub(f'<a:latin typeface="{font}"', text[start:], count=1)
                part = text.encode("utf-8")
            dst.writestr(name, part)
    return out.getvalue()
