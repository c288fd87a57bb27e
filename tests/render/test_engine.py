"""The DOCX template engine and the built-in Mẫu 1.4 layout, checked on the rendered output."""

from __future__ import annotations

import copy
import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from thongbao.fontmetrics import text_width_pt
from thongbao.render import geometry as g
from thongbao.render.engine import (
    Layout,
    TemplateEnvironment,
    TemplateError,
    TemplateNotFoundError,
    builtin_templates,
    default_environment,
)
from thongbao.rules import ND30

LAYOUT = "nd30/mau-1.4"
NASTY = "R&D <2026> \"x\" 'y'"
PROFILE = ND30.profile()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sample_context() -> dict[str, Any]:
    """A complete THÔNG BÁO following docs/architecture.md (hand-written, no models)."""
    return {
        "doc": {
            "profile": "13/14/14",
            "circulation": "LƯU HÀNH NỘI BỘ",
            "parent_agency_lines": ["UBND TỈNH HƯNG YÊN"],
            "agency_lines": ["SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"],
            "agency_rule": "_" * 12,
            "number_line": "Số: 05/TB-SKHCN",
            "subject_line": "",
            "secrecy": "",
            "urgency": "",
            "date_line": "Hưng Yên, ngày 05 tháng 01 năm 2023",
            "type_name": "THÔNG BÁO",
            "summary": f"Kết quả kiểm tra {NASTY}",
            "summary_rule": "_" * 14,
            "body": [
                {"kind": "basis", "text": "Căn cứ Quyết định số 12/QĐ-UBND ngày 02 tháng 01 năm 2023;"},
                {"kind": "heading", "level": 1, "text": "I. KẾT QUẢ KIỂM TRA"},
                {"kind": "heading", "level": 2, "text": "1. Về hồ sơ"},
                {"kind": "heading", "level": 3, "text": "a) Hồ sơ hành chính"},
                {"kind": "paragraph", "text": f"Đơn vị {NASTY} đã hoàn thành."},
                {
                    "kind": "table",
                    "header": ["STT", "Nội dung", "Ghi chú"],
                    "rows": [["1", NASTY, "Đạt"], ["2", "Báo cáo", "Chưa đạt"]],
                    "widths": [1000, 6000, 2355],
                },
                {"kind": "paragraph", "text": "Sở thông báo để các đơn vị biết, thực hiện./."},
            ],
            "recipients_label": "Nơi nhận:",
            "recipient_lines": ["- UBND tỉnh;", f"- Công ty {NASTY};", "- Các phòng;", "- Lưu: VT, VP."],
            "drafter_mark": "PL.(300)",
            "authority_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            "signer_name": "Nguyễn Văn A",
            "contact_lines": ["Địa chỉ: 01 Đường A, Hưng Yên", "ĐT: 0221 3 000 000; E-mail: skhcn@hungyen.gov.vn"],
            "properties": {
                "title": f"Kết quả {NASTY}",
                "author": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                "subject": "THÔNG BÁO 05/TB-SKHCN",
                "keywords": "kiểm tra, R&D",
            },
        }
    }


def with_doc(**changes: Any) -> dict[str, Any]:
    ctx = sample_context()
    ctx["doc"].update(changes)
    return ctx


@pytest.fixture(scope="module")
def layout() -> Layout:
    return TemplateEnvironment().get_layout(LAYOUT)


@pytest.fixture(scope="module")
def rendered(layout: Layout) -> bytes:
    return layout.render(sample_context())


@pytest.fixture(scope="module")
def document(rendered: bytes) -> Any:
    return docx.Document(io.BytesIO(rendered))


# --------------------------------------------------------------------------------------------
# Effective formatting: direct run/paragraph properties, then the style chain, then docDefaults.
# --------------------------------------------------------------------------------------------


def _defaults(doc: Any) -> dict[str, Any]:
    rpr = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    size = rpr.find(f"{W}sz")
    fonts = rpr.find(f"{W}rFonts")
    return {"size": int(size.get(f"{W}val")) / 2, "font": fonts.get(f"{W}ascii")}


def _styles(paragraph: Paragraph) -> Iterator[Any]:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def effective(doc: Any, paragraph: Paragraph) -> dict[str, Any]:
    """Size (pt), bold, italic, font name and alignment in effect for the paragraph's text runs."""
    defaults = _defaults(doc)
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs, f"no text runs in {paragraph.text!r}"

    def resolve(attr: str, run: Any) -> Any:
        value = getattr(run.font, attr)
        if value is not None:
            return value
        for style in _styles(paragraph):
            value = getattr(style.font, attr)
            if value is not None:
                return value
        return None

    result: dict[str, Any] = {}
    for key, attr in (("size", "size"), ("bold", "bold"), ("italic", "italic"), ("font", "name")):
        values = {resolve(attr, run) for run in runs}
        assert len(values) == 1, f"{key} differs between runs of {paragraph.text!r}: {values}"
        result[key] = values.pop()
    result["size"] = result["size"].pt if result["size"] is not None else defaults["size"]
    result["font"] = result["font"] or defaults["font"]
    result["bold"] = bool(result["bold"])
    result["italic"] = bool(result["italic"])
    align = paragraph.alignment
    if align is None:
        align = next(
            (s.paragraph_format.alignment for s in _styles(paragraph) if s.paragraph_format.alignment is not None),
            WD_ALIGN_PARAGRAPH.LEFT,
        )
    result["align"] = align
    return result


def all_paragraphs(doc: Any) -> Iterator[Paragraph]:
    def walk(container: Any) -> Iterator[Paragraph]:
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    section = doc.sections[0]
    for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
        yield from walk(part)


def style_name(paragraph: Paragraph) -> str:
    assert paragraph.style is not None
    return str(paragraph.style.name)


def width(node: Any) -> int:
    """``w:w`` of a grid column or width element, in twips."""
    return int(node.get(qn("w:w")) or 0)


def find(doc: Any, text: str) -> Paragraph:
    found = [p for p in all_paragraphs(doc) if p.text == text]
    assert found, f"no paragraph with text {text!r}"
    return found[0]


ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def expected(element: str, **override: Any) -> dict[str, Any]:
    el = ND30.elements[element]
    values = {
        "size": PROFILE[element],
        "bold": bool(el.bold),
        "italic": bool(el.italic),
        "font": ND30.font_family,
        "align": ALIGN[el.align or "left"],
    }
    values.update(override)
    return values


# --------------------------------------------------------------------------------------------
# Page setup, headers and footers
# --------------------------------------------------------------------------------------------


def test_page_setup(document: Any) -> None:
    section = document.sections[0]
    assert section.page_width.twips == 11906
    assert section.page_height.twips == 16838
    margins = {s: round(getattr(section, f"{s}_margin").twips) for s in ("top", "bottom", "left", "right")}
    assert margins == dict(g.MARGIN_TWIPS)
    assert section.header_distance.twips == g.mm_to_twips(ND30.page.header_distance_mm)
    assert section.footer_distance.twips == g.mm_to_twips(ND30.page.footer_distance_mm)
    assert section.different_first_page_header_footer  # w:titlePg


def _field_instructions(element: Any) -> list[str]:
    simple = [f.get(qn("w:instr")) for f in element.iter(qn("w:fldSimple"))]
    complex_ = [t.text for t in element.iter(qn("w:instrText"))]
    return [i.strip() for i in simple + complex_ if i]


def test_page_number_in_default_header_only(document: Any) -> None:
    section = document.sections[0]
    header = section.header
    assert not header.is_linked_to_previous
    assert _field_instructions(header._element) == ["PAGE"]
    paragraph = header.paragraphs[0]
    assert style_name(paragraph) == "ND30 Page Number"
    fmt = effective(document, paragraph)
    assert fmt == expected("page_number")
    first = section.first_page_header
    assert _field_instructions(first._element) == []
    assert not any(p.text.strip() for p in section.footer.paragraphs)


def test_first_page_header_circulation_mark(document: Any, layout: Layout) -> None:
    first = document.sections[0].first_page_header
    texts = [p.text for p in first.paragraphs if p.text]
    assert texts == ["LƯU HÀNH NỘI BỘ"]
    mark = first.paragraphs[0]
    assert effective(document, mark) == expected("stamp", align=WD_ALIGN_PARAGRAPH.CENTER)
    assert mark._p.find(f"{W}pPr/{W}pBdr") is not None or mark.style.element.find(f"{W}pPr/{W}pBdr") is not None
    # without a mark the first-page header is empty (no page number on page 1 either)
    empty = docx.Document(io.BytesIO(layout.render(with_doc(circulation=""))))
    first = empty.sections[0].first_page_header
    assert [p.text for p in first.paragraphs] == [""]
    assert _field_instructions(first._element) == []


def test_contact_block_in_first_page_footer(document: Any, layout: Layout) -> None:
    footer = document.sections[0].first_page_footer
    lines = sample_context()["doc"]["contact_lines"]
    assert [p.text for p in footer.paragraphs] == lines
    for paragraph in footer.paragraphs:
        assert style_name(paragraph) == "ND30 Contact"
        assert effective(document, paragraph) == expected("contact", align=WD_ALIGN_PARAGRAPH.LEFT)
    border = document.styles["ND30 Contact"].element.find(f"{W}pPr/{W}pBdr/{W}top")
    assert border is not None and border.get(qn("w:val")) == "single"
    bare = docx.Document(io.BytesIO(layout.render(with_doc(contact_lines=[]))))
    assert [p.text for p in bare.sections[0].first_page_footer.paragraphs] == [""]


# --------------------------------------------------------------------------------------------
# Elements: text and effective formatting
# --------------------------------------------------------------------------------------------

ELEMENTS = [
    # (text, style, ND30 element, overrides)
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ND30 National Title", "national_title", {}),
    ("Độc lập - Tự do - Hạnh phúc", "ND30 Motto", "motto", {}),
    ("UBND TỈNH HƯNG YÊN", "ND30 Parent Agency", "parent_agency", {}),
    ("SỞ KHOA HỌC", "ND30 Agency", "agency", {}),
    ("VÀ CÔNG NGHỆ", "ND30 Agency", "agency", {}),
    ("Số: 05/TB-SKHCN", "ND30 Number", "number_line", {}),
    ("Hưng Yên, ngày 05 tháng 01 năm 2023", "ND30 Date", "date_line", {}),
    ("THÔNG BÁO", "ND30 Type Name", "type_name", {}),
    (f"Kết quả kiểm tra {NASTY}", "ND30 Summary", "summary", {}),
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 02 tháng 01 năm 2023;", "ND30 Basis", "basis", {}),
    ("I. KẾT QUẢ KIỂM TRA", "ND30 Heading 1", "heading", {}),
    ("1. Về hồ sơ", "ND30 Heading 2", "heading", {}),
    ("a) Hồ sơ hành chính", "ND30 Heading 3", "point_heading", {}),
    (f"Đơn vị {NASTY} đã hoàn thành.", "ND30 Body", "body", {}),
    ("Sở thông báo để các đơn vị biết, thực hiện./.", "ND30 Body", "body", {}),
    ("Nơi nhận:", "ND30 Recipients Label", "recipients_label", {}),
    ("- UBND tỉnh;", "ND30 Recipients", "recipients", {}),
    (f"- Công ty {NASTY};", "ND30 Recipients", "recipients", {}),
    ("- Lưu: VT, VP.", "ND30 Recipients", "recipients", {}),
    ("PL.(300)", "ND30 Drafter Mark", "drafter_mark", {"align": WD_ALIGN_PARAGRAPH.LEFT}),
    ("KT. GIÁM ĐỐC", "ND30 Authority", "authority", {}),
    ("PHÓ GIÁM ĐỐC", "ND30 Authority", "authority", {}),
    ("Nguyễn Văn A", "ND30 Signer", "signer_name", {}),
]


@pytest.mark.parametrize(
    ("text", "style", "element", "override"), ELEMENTS, ids=[e[1] + ":" + e[0][:20] for e in ELEMENTS]
)
def test_element_text_and_formatting(
    document: Any, text: str, style: str, element: str, override: dict[str, Any]
) -> None:
    paragraph = find(document, text)
    assert style_name(paragraph) == style
    assert effective(document, paragraph) == expected(element, **override)


def test_body_paragraph_layout(document: Any) -> None:
    for name in ("ND30 Body", "ND30 Basis", "ND30 Heading 1", "ND30 Heading 2", "ND30 Heading 3"):
        fmt = document.styles[name].paragraph_format
        assert fmt.first_line_indent.twips == g.BODY_FIRST_LINE_INDENT_TWIPS == 567
        assert fmt.space_before.pt == ND30.body_space_between_min_pt
        assert fmt.line_spacing == 1.0
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    for name in ("ND30 National Title", "ND30 Motto"):  # single-spaced, nothing between (spec §3 row 2b)
        fmt = document.styles[name].paragraph_format
        assert (fmt.space_before.pt, fmt.space_after.pt, fmt.line_spacing) == (0, 0, 1.0)
    recipients = document.styles["ND30 Recipients"].paragraph_format
    assert (recipients.first_line_indent.twips, recipients.left_indent.twips) == (0, 0)
    assert (recipients.space_before.pt, recipients.space_after.pt) == (0, 0)


def test_header_table_geometry(document: Any) -> None:
    table = document.tables[0]
    tbl = table._tbl
    grid = [width(c) for c in tbl.iter(qn("w:gridCol"))]
    assert grid == [g.HEADER_LEFT_TWIPS, g.HEADER_RIGHT_TWIPS]
    assert 9400 <= sum(grid) <= 9800
    indent = int(tbl.tblPr.find(qn("w:tblInd")).get(qn("w:w")))
    assert abs((indent + sum(grid) / 2) - g.TEXT_WIDTH_TWIPS / 2) <= 1  # centred on the text area
    margins = tbl.tblPr.find(qn("w:tblCellMar"))
    assert {int(m.get(qn("w:w"))) for m in margins} == {0}
    assert {b.get(qn("w:val")) for b in tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}
    # Số and date on the same row; Quốc hiệu fits the right column on one line
    row2 = table.rows[1].cells
    assert row2[0].paragraphs[0].text.startswith("Số:")
    assert row2[1].paragraphs[0].text.startswith("Hưng Yên, ngày")
    title_width = text_width_pt(ND30.elements["national_title"].text or "", PROFILE["national_title"], bold=True)
    assert title_width < g.HEADER_RIGHT_TEXT_PT


def test_signature_table(document: Any) -> None:
    table = document.tables[-1]
    grid = [width(c) for c in table._tbl.iter(qn("w:gridCol"))]
    assert grid == [g.SIGNATURE_LEFT_TWIPS, g.SIGNATURE_RIGHT_TWIPS]
    assert abs(grid[0] / sum(grid) - 0.4) < 0.01
    left, right = table.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"  # level with the first authority line
    assert right.paragraphs[0].text == "KT. GIÁM ĐỐC"
    assert [p.text for p in right.paragraphs[2:]] == [""] * g.SIGNATURE_SPACE_LINES + ["Nguyễn Văn A"]
    assert {c.get(qn("w:val")) for c in table._tbl.iter(qn("w:vAlign"))} == {"top"}
    # ~12 pt between the body and the table, and the tables are kept apart by a paragraph
    spacer = table._tbl.getprevious()
    assert spacer.tag == qn("w:p")
    spacing = spacer.find(f"{W}pPr/{W}spacing")
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert int(spacing.get(qn("w:line"))) == g.pt_to_twips(g.SIGNATURE_SPACE_BEFORE_PT)


def test_body_table(document: Any) -> None:
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Ghi chú"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["1", NASTY, "Đạt"],
        ["2", "Báo cáo", "Chưa đạt"],
    ]
    grid = [width(c) for c in table._tbl.iter(qn("w:gridCol"))]
    assert grid == [1000, 6000, 2355]  # b.widths applied
    widths = {width(tc) for tc in table._tbl.iter(qn("w:tcW"))}
    assert widths == {1000, 6000, 2355}
    assert table._tbl.xpath("./w:tr[1]/w:trPr/w:tblHeader")
    for cell in table.rows[0].cells:
        fmt = effective(document, cell.paragraphs[0])
        assert (fmt["size"], fmt["bold"], fmt["font"]) == (g.TABLE_TEXT_PT, True, ND30.font_family)
    fmt = effective(document, table.rows[1].cells[1].paragraphs[0])
    assert (fmt["size"], fmt["bold"], fmt["italic"]) == (g.TABLE_TEXT_PT, False, False)
    assert style_name(table.rows[1].cells[1].paragraphs[0]) == "ND30 Table"
    assert not list(table._tbl.iter(etree.PI))


def test_table_with_more_columns_and_no_widths(layout: Layout) -> None:
    block = {"kind": "table", "header": list("ABCDE"), "rows": [list("12345")], "widths": []}
    doc = docx.Document(io.BytesIO(layout.render(with_doc(body=[block, {"kind": "paragraph", "text": "./."}]))))
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells] == list("ABCDE")
    grid = [width(c) for c in table._tbl.iter(qn("w:gridCol"))]
    assert len(grid) == 5 and max(grid) - min(grid) <= 1  # fix_tables: even columns


def test_unknown_body_kind_fails(layout: Layout) -> None:
    with pytest.raises(TemplateError) as info:
        layout.render(with_doc(body=[{"kind": "chart", "text": "x"}]))
    assert "unknown body block kind: chart" in str(info.value)
    assert info.value.template == "nd30/blocks/body.docx"


def test_optional_header_lines(layout: Layout) -> None:
    ctx = with_doc(subject_line="V/v kiểm tra", secrecy="MẬT", urgency="THƯỢNG KHẨN", parent_agency_lines=[])
    doc = docx.Document(io.BytesIO(layout.render(ctx)))
    left = doc.tables[0].rows[1].cells[0]
    assert [p.text for p in left.paragraphs] == ["Số: 05/TB-SKHCN", "V/v kiểm tra", "MẬT", "THƯỢNG KHẨN"]
    subject = left.paragraphs[1]
    assert style_name(subject) == "ND30 Subject"
    assert subject.style.paragraph_format.space_before.pt == ND30.elements["subject_line"].space_before_pt
    for mark in left.paragraphs[2:]:
        assert style_name(mark) == "ND30 Stamp"
        assert effective(doc, mark) == expected("stamp", align=WD_ALIGN_PARAGRAPH.CENTER)
    urgent = left.paragraphs[3].paragraph_format
    box = g.HEADER_LEFT_TWIPS - urgent.left_indent.twips - urgent.right_indent.twips
    assert abs(box - g.mm_to_twips(ND30.urgency_boxes_mm["THƯỢNG KHẨN"][0])) <= 2
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "SỞ KHOA HỌC"  # no parent line
    # the default context has none of these: no empty paragraphs are left behind
    default = docx.Document(io.BytesIO(layout.render(sample_context())))
    assert [p.text for p in default.tables[0].rows[1].cells[0].paragraphs] == ["Số: 05/TB-SKHCN"]


def test_rules(document: Any) -> None:
    right = document.tables[0].rows[0].cells[1].paragraphs
    motto_rule = right[2]
    assert motto_rule.text == "_" * g.MOTTO_RULE_UNDERSCORES
    motto = ND30.elements["motto"]
    motto_width = text_width_pt(motto.text or "", PROFILE["motto"], bold=True)
    rule_width = text_width_pt(motto_rule.text, g.MOTTO_RULE_PT)
    assert abs(rule_width / motto_width - 1) <= motto.rule_tolerance
    left = document.tables[0].rows[0].cells[0].paragraphs
    assert left[-1].text == "_" * 12  # doc.agency_rule as given
    assert style_name(find(document, "_" * 14)) == "ND30 Rule"  # doc.summary_rule
    for rule in (motto_rule, left[-1], find(document, "_" * 14)):
        fmt = effective(document, rule)
        assert (fmt["size"], fmt["bold"], fmt["align"]) == (g.RULE_SIZE_PT, False, WD_ALIGN_PARAGRAPH.CENTER)
        direct = rule.paragraph_format.space_before
        assert rule.style is not None
        before = direct if direct is not None else rule.style.paragraph_format.space_before
        assert before is not None and before.pt == 0


def test_no_theme_fonts_or_colours(rendered: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "theme" not in name:
                xml = zf.read(name).decode("utf-8")
                assert "Theme=" not in xml and "cstheme" not in xml, name
                root = etree.fromstring(zf.read(name))
                colours = {
                    c.get(qn("w:val"))
                    for c in root.iter(qn("w:color"))
                    if (parent := c.getparent()) is not None and parent.tag == qn("w:rPr")
                }
                assert colours <= {"000000"}, (name, colours)


# --------------------------------------------------------------------------------------------
# Escaping, determinism, properties
# --------------------------------------------------------------------------------------------


def test_values_are_escaped(document: Any, rendered: bytes) -> None:
    texts = [p.text for p in all_paragraphs(document)]
    assert f"Kết quả kiểm tra {NASTY}" in texts  # summary
    assert f"Đơn vị {NASTY} đã hoàn thành." in texts  # body
    assert f"- Công ty {NASTY};" in texts  # recipient
    assert NASTY in texts  # table cell
    xml = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml").decode("utf-8")
    assert "R&amp;D &lt;2026&gt;" in xml
    assert "<2026>" not in xml


def test_markup_in_values_cannot_inject_xml(layout: Layout) -> None:
    evil = "</w:t></w:r></w:p><w:p><w:r><w:t>injected"
    doc = docx.Document(io.BytesIO(layout.render(with_doc(signer_name=evil))))
    assert style_name(find(doc, evil)) == "ND30 Signer"
    assert not any(p.text == "injected" for p in all_paragraphs(doc))


MARKERS = "{_{ x }_} {_% if y %_} {{ z }} {% w %} {# c #}"


def test_docxtpl_markers_in_values_are_kept_verbatim(layout: Layout) -> None:
    # docxtpl's {_{ }_} {_% %_} escapes belong to the template; a value holding them is text.
    ctx = with_doc(
        summary=MARKERS,
        signer_name=f"Nguyễn {MARKERS}",
        recipient_lines=[f"- {MARKERS};", "- Lưu: VT, VP."],
        body=[
            {"kind": "paragraph", "text": MARKERS},
            {"kind": "table", "header": [MARKERS], "rows": [[MARKERS]], "widths": [9354]},
            {"kind": "paragraph", "text": f"{MARKERS}./."},
        ],
        contact_lines=[MARKERS],
    )
    doc = docx.Document(io.BytesIO(layout.render(ctx)))
    texts = [p.text for p in all_paragraphs(doc)]
    assert texts.count(MARKERS) >= 5  # summary, body, table header and cell, contact
    assert f"Nguyễn {MARKERS}" in texts
    assert f"- {MARKERS};" in texts
    assert f"{MARKERS}./." in texts
    assert not any("{{ x }}" in t or "{% if y %}" in t for t in texts)


def test_docxtpl_markers_in_a_template_print_jinja_delimiters(tmp_path: Path) -> None:
    _make_docx(
        tmp_path / "lit.docx",
        [
            "Mẫu: {_{ doc.summary }_} và {_% if x %_}",
            "Giá trị: {{ doc.summary }}",
            "{% raw %}thô {_{ a }_}{% endraw %}",
        ],
        header=["Đầu {_{ trang }_}"],
    )
    env = TemplateEnvironment([tmp_path])
    doc = docx.Document(io.BytesIO(env.get_layout("lit").render({"doc": {"summary": "S {_{ v }_}", "properties": {}}})))
    texts = [p.text for p in doc.paragraphs]
    assert "Mẫu: {{ doc.summary }} và {% if x %}" in texts
    assert "Giá trị: S {_{ v }_}" in texts
    assert "thô {{ a }}" in texts
    assert [p.text for p in doc.sections[0].header.paragraphs] == ["Đầu {{ trang }}"]


def test_core_properties(document: Any) -> None:
    props = document.core_properties
    assert props.title == f"Kết quả {NASTY}"
    assert props.author == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert props.subject == "THÔNG BÁO 05/TB-SKHCN"
    assert props.keywords == "kiểm tra, R&D"
    assert props.created is None and props.modified is None  # no clock in the output


def test_render_is_deterministic(layout: Layout, rendered: bytes) -> None:
    assert layout.render(sample_context()) == rendered
    assert TemplateEnvironment().get_layout(LAYOUT).render(sample_context()) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.testzip() is None


def test_render_does_not_touch_the_input(layout: Layout) -> None:
    ctx = sample_context()
    before = copy.deepcopy(ctx)
    layout.render(ctx)
    assert ctx == before


def test_render_to_writes_atomically(layout: Layout, rendered: bytes, tmp_path: Path) -> None:
    target = tmp_path / "tb.docx"
    target.write_bytes(b"old")
    assert layout.render_to(target, sample_context()) == target
    assert target.read_bytes() == rendered
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tb.docx"]


def test_write_atomic_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thongbao.render import atomic

    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)

    def broken(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
    monkeypatch.undo()
    assert atomic.write_atomic(target, "mới") == target
    assert target.read_text(encoding="utf-8") == "mới"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept


# --------------------------------------------------------------------------------------------
# Environment: compile once, search path, include/extends, errors, variables
# --------------------------------------------------------------------------------------------


def test_compiles_each_template_once(monkeypatch: pytest.MonkeyPatch) -> None:
    env = TemplateEnvironment()
    compiled: list[str | None] = []
    original = env.jinja.compile

    def counting(source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return original(source, name, *args, **kwargs)

    monkeypatch.setattr(env.jinja, "compile", counting)
    layout = env.get_layout(LAYOUT)
    after_load = list(compiled)
    assert len(after_load) == len(set(after_load))  # nothing compiled twice
    assert "nd30/blocks/contact.docx" in after_load  # includes compiled at load, also from the footer
    assert len([n for n in after_load if n and n.startswith("nd30/mau-1.4.docx!")]) == 5
    for _ in range(3):
        layout.render(sample_context())
    assert env.get_layout(LAYOUT) is layout
    assert env.get_layout("nd30/mau-1.4.docx") is layout
    assert compiled == after_load  # rendering compiles nothing


def test_default_environment_is_shared() -> None:
    assert default_environment() is default_environment()
    assert default_environment().get_layout(LAYOUT) is default_environment().get_layout(LAYOUT)


def test_layout_metadata(layout: Layout) -> None:
    assert layout.name == LAYOUT
    assert Path(str(layout.source)).name == "mau-1.4.docx"
    assert "word/document.xml" in layout.parts
    assert layout.variables() == {"doc"}
    assert "nd30/mau-1.4.docx" in TemplateEnvironment().list_layouts()


def _make_docx(path: Path, paragraphs: list[str], header: list[str] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header is not None:
        section = document.sections[0]
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = header[0]
        for text in header[1:]:
            section.header.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_extends_overrides_a_block_and_keeps_the_rest(tmp_path: Path) -> None:
    _make_docx(
        tmp_path / "custom" / "notice.docx",
        [
            "ignored before",
            '{%p extends "nd30/mau-1.4.docx" %}',
            "{%p block body %}",
            "Nội dung riêng: {{ doc.summary }}",
            "{%p endblock %}",
            "ignored after",
        ],
    )
    env = TemplateEnvironment([tmp_path, builtin_templates()])
    layout = env.get_layout("custom/notice")
    assert Path(str(layout.package_source)).name == "mau-1.4.docx"
    doc = docx.Document(io.BytesIO(layout.render(sample_context())))
    texts = [p.text for p in all_paragraphs(doc)]
    assert f"Nội dung riêng: Kết quả kiểm tra {NASTY}" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts  # header block kept
    assert "Nguyễn Văn A" in texts  # signature block kept
    assert "I. KẾT QUẢ KIỂM TRA" not in texts  # body block replaced
    assert not any("ignored" in t for t in texts)
    # the root ancestor's package: page setup, styles, header/footer parts
    page_width = doc.sections[0].page_width
    assert page_width is not None and page_width.twips == 11906
    assert doc.sections[0].different_first_page_header_footer
    assert _field_instructions(doc.sections[0].header._element) == ["PAGE"]
    assert "ND30 Body" in [s.name for s in doc.styles]


def test_search_path_overrides_a_builtin_block(tmp_path: Path) -> None:
    _make_docx(tmp_path / "nd30" / "blocks" / "contact.docx", ["Liên hệ: {{ doc.contact_lines | join(' | ') }}"])
    env = TemplateEnvironment([tmp_path, builtin_templates()])
    doc = docx.Document(io.BytesIO(env.get_layout(LAYOUT).render(sample_context())))
    footer = [p.text for p in doc.sections[0].first_page_footer.paragraphs]
    assert footer == ["Liên hệ: " + " | ".join(sample_context()["doc"]["contact_lines"])]


def test_syntax_error_names_template_and_part(tmp_path: Path) -> None:
    _make_docx(tmp_path / "bad.docx", ["Body {{ doc.summary }}"], header=["ok", "Trang {{ doc.page ", "after"])
    env = TemplateEnvironment([tmp_path])
    with pytest.raises(TemplateError) as info:
        env.get_layout("bad")
    err = info.value
    assert err.template == "bad.docx"
    assert err.part == "word/header1.xml"
    assert "syntax error" in err.message
    assert "doc.page" in err.excerpt
    assert "word/header1.xml" in str(err)


def test_syntax_error_in_an_included_block(tmp_path: Path) -> None:
    _make_docx(tmp_path / "lay.docx", ['{%p include "blocks/broken.docx" %}'])
    _make_docx(tmp_path / "blocks" / "broken.docx", ["fine", "{%p for x in %}", "{%p endfor %}"])
    with pytest.raises(TemplateError) as info:
        TemplateEnvironment([tmp_path]).get_layout("lay")
    assert info.value.template == "blocks/broken.docx"
    assert info.value.part.startswith("word/document.xml")
    assert "for x in" in info.value.excerpt


def test_undefined_variable_names_the_block(layout: Layout) -> None:
    ctx = sample_context()
    del ctx["doc"]["summary_rule"]
    with pytest.raises(TemplateError) as info:
        layout.render(ctx)
    err = info.value
    assert err.template == "nd30/blocks/title.docx"
    assert err.part.startswith("word/document.xml")
    assert "summary_rule" in err.message
    assert "doc.summary_rule" in err.excerpt
    assert err.layout == "nd30/mau-1.4.docx"


def test_missing_layout_and_block(tmp_path: Path) -> None:
    with pytest.raises(TemplateNotFoundError):
        TemplateEnvironment().get_layout("nd30/mau-9.9")
    _make_docx(tmp_path / "lay.docx", ['{%p include "blocks/nope.docx" %}'])
    with pytest.raises(TemplateNotFoundError) as info:
        TemplateEnvironment([tmp_path]).get_layout("lay")
    assert "blocks/nope.docx" in str(info.value)


def test_extends_only_in_the_main_part(tmp_path: Path) -> None:
    _make_docx(tmp_path / "hx.docx", ["body"], header=['{%p extends "nd30/mau-1.4.docx" %}'])
    with pytest.raises(TemplateError) as info:
        TemplateEnvironment([tmp_path, builtin_templates()]).get_layout("hx")
    assert info.value.part == "word/header1.xml"


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_opens_the_output(rendered: bytes, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    from pypdf import PdfReader

    source = tmp_path / "tb.docx"
    source.write_bytes(rendered)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    text = PdfReader(str(tmp_path / "tb.pdf")).pages[0].extract_text()
    assert "THÔNG BÁO" in text
    assert "R&D <2026>" in text
