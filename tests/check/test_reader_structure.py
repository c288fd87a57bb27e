"""Document structure: lines, containers, tables, text boxes, headers, fields, sections,
numbering, drawings, text hygiene."""

from __future__ import annotations

import io
import unicodedata

import pytest

from thongbao.check import Document, read_docx

from .docx_factory import (
    alternate,
    docx,
    field_runs,
    p,
    r,
    simple_field,
    style,
    table,
    wps_line,
    wps_textbox,
)


def read(body: str, **kw: object) -> Document:
    return read_docx(docx(body, **kw))  # type: ignore[arg-type]


# -- lines ------------------------------------------------------------------------------------


def test_line_breaks_split_lines_with_their_runs() -> None:
    runs = (r("UBND TỈNH HƯNG YÊN", "<w:b/>") + r(inner="<w:br/>") + r("SỞ KHOA HỌC", "<w:b/>")
            + r(inner="<w:t>VÀ</w:t><w:cr/><w:t>CÔNG NGHỆ</w:t>") + r(inner='<w:br w:type="page"/>')
            + r("\u00a0tiếp", "<w:i/>"))
    par = read(p(runs=runs)).paragraphs[0]
    assert par.text == "UBND TỈNH HƯNG YÊN\nSỞ KHOA HỌCVÀ\nCÔNG NGHỆ\u00a0tiếp"
    assert [line.text for line in par.lines] == ["UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌCVÀ", "CÔNG NGHỆ\u00a0tiếp"]
    assert par.has_page_break  # a page break does not split lines
    second = par.lines[1]
    assert [run.text for run in second.runs] == ["SỞ KHOA HỌC", "VÀ"]
    assert second.runs[0].bold and not second.runs[1].bold
    third = par.lines[2]
    assert [run.text for run in third.runs] == ["CÔNG NGHỆ", "\u00a0tiếp"] and third.runs[1].italic
    assert third.runs[0].element is second.runs[1].element  # fragments of one w:r


def test_tabs_and_empty_lines() -> None:
    par = read(p(runs=r(inner="<w:t>Số: 05</w:t><w:tab/><w:t>Hà Nội</w:t><w:br/><w:br/><w:t>x</w:t>"))).paragraphs[0]
    assert [line.text for line in par.lines] == ["Số: 05\tHà Nội", "", "x"]
    assert par.lines[1].runs == ()
    assert read(p("")).paragraphs[0].lines[0].text == ""


def test_symbols_hyperlinks_and_no_break_hyphen() -> None:
    runs = (r(inner='<w:sym w:font="Symbol" w:char="F0B7"/>') + '<w:hyperlink r:id="rIdNope">' + r("link")
            + "</w:hyperlink>" + r(inner="<w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t>"))
    par = read(p(runs=runs)).paragraphs[0]
    assert par.text == "\uf0b7linka\u2011b"
    assert par.runs[0].symbol_font == "Symbol" and par.runs[0].fonts_used == {"Symbol"}


# -- text hygiene -----------------------------------------------------------------------------


def test_nfc_text_keeps_raw() -> None:
    decomposed = unicodedata.normalize("NFD", "Cộng hòa")
    par = read(p(decomposed)).paragraphs[0]
    assert par.raw_text == decomposed and par.text == "Cộng hòa"
    assert not par.is_nfc and not par.runs[0].is_nfc
    assert read(p("Cộng hòa")).paragraphs[0].is_nfc
    doc = read(p(decomposed))
    assert doc.find("Cộng hòa") == [doc.paragraphs[0]]


def test_hidden_deleted_and_inserted_text() -> None:
    runs = (r("shown ") + r("hidden ", "<w:vanish/>") + '<w:del w:id="1" w:author="a"><w:r><w:delText>gone'
            '</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">' + r("added") + "</w:ins>")
    par = read(p(runs=runs)).paragraphs[0]
    assert par.text == "shown added"
    assert [run.hidden for run in par.runs] == [False, True, False]
    assert [line.text for line in par.lines] == ["shown added"]


# -- containers -------------------------------------------------------------------------------


def test_paragraph_in_table_cell_knows_row_and_col() -> None:
    body = p("before") + table(
        [[p("A1"), p("B1")], [p("A2"), p("B2a") + p("B2b")]], widths=[3829, 5670]
    ) + p("after")
    doc = read(body)
    texts = [par.text for par in doc.paragraphs]
    assert texts == ["before", "A1", "B1", "A2", "B2a", "B2b", "after"]
    b2b = doc.paragraphs[5]
    assert b2b.container == "table" and b2b.location.in_table
    cell = b2b.cell
    assert cell is not None and (cell.table_index, cell.row, cell.col) == (0, 1, 1)
    assert doc.paragraphs[0].container == "body" and doc.paragraphs[0].cell is None
    tbl = doc.tables[0]
    assert tbl.column_widths_twips == [3829, 5670]
    assert [c.text for c in tbl.rows[1].cells] == ["A2", "B2a\nB2b"]
    assert tbl.cell(1, 1) is cell.cell and cell.cell.width_twips == 5670
    assert tbl.cell(0, 0) is not None and tbl.cell(0, 0).paragraphs[0].text == "A1"  # type: ignore[union-attr]


def test_grid_span_nested_tables_and_width() -> None:
    inner = table([[p("inner")]], widths=[2000])
    spanned = ('<w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr>'
               + p("wide") + "</w:tc>")
    body = ('<w:tbl><w:tblPr><w:tblInd w:w="-108" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/>'
            '<w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
            f"<w:tr>{spanned}<w:tc><w:tcPr/>{inner}{p('after inner')}</w:tc></w:tr></w:tbl>")
    doc = read(body)
    wide, inner_p, after = doc.paragraphs
    assert wide.cell is not None and wide.cell.col == 0 and wide.cell.cell.span == 2
    assert inner_p.location.table_nesting == 2 and inner_p.cell is not None
    assert inner_p.cell.table_index == 1 and inner_p.location.path[0].col == 2  # type: ignore[union-attr]
    assert after.cell is not None and after.cell.col == 2
    outer, nested = doc.tables
    assert nested.nesting == 1 and outer.rows[0].cells[1].tables == [nested]
    assert outer.indent_twips == -108
    assert outer.rows[0].cells[1].width_twips == 3000  # from the grid (no tcW)


def test_layout_table_is_borderless_and_grid_table_is_not() -> None:
    grid_style = style("TableGrid", "table", extra=(
        '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
        '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
        '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    nil = ('<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
           '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>')
    body = (table([[p("a"), p("b")]]) + table([[p("c"), p("d")]], tblpr='<w:tblStyle w:val="TableGrid"/>')
            + table([[p("e"), p("f")]], tblpr=f'<w:tblStyle w:val="TableGrid"/>{nil}'))
    plain, grid, cleared = read(body, styles=grid_style).tables
    assert plain.is_borderless and cleared.is_borderless
    assert not grid.is_borderless
    cell = grid.rows[0].cells[0]
    assert cell.borders["top"].visible and cell.borders["top"].width_pt == 0.5
    assert cell.margins["left"] == 57 and cell.margins["right"] == 108
    assert grid.borders["insideV"].style == "single"


def test_text_box_paragraphs_follow_their_anchor_and_are_not_duplicated() -> None:
    box = wps_textbox(p("Nơi nhận:", rpr="<w:b/><w:i/>") + p("- Như trên;"))
    vml = ('<w:pict><v:shape style="position:absolute;width:150pt;height:40pt"><v:textbox><w:txbxContent>'
           + p("Nơi nhận:") + p("- Như trên;") + "</w:txbxContent></v:textbox></v:shape></w:pict>")
    body = p("before") + p(runs=r("anchor") + r(inner=alternate(box, vml))) + p("after")
    doc = read(body)
    assert [par.text for par in doc.paragraphs] == ["before", "anchor", "Nơi nhận:", "- Như trên;", "after"]
    label = doc.paragraphs[2]
    assert label.container == "textbox" and label.location.in_text_box
    tb = label.location.text_box
    assert tb is not None and tb.drawing.anchor is doc.paragraphs[1]
    assert tb.drawing.kind == "textbox" and tb.drawing.paragraphs == doc.paragraphs[2:4]
    assert label.runs[0].bold and label.runs[0].italic


def test_vml_only_text_box_and_text_box_inside_table() -> None:
    vml = ('<w:pict><v:shape style="position:absolute;width:150pt;height:40pt"><v:textbox><w:txbxContent>'
           + p("vml box") + "</w:txbxContent></v:textbox></v:shape></w:pict>")
    doc = read(table([[p(runs=r(inner=vml))]]))
    box_p = doc.paragraphs[1]
    assert box_p.text == "vml box" and box_p.container == "textbox"
    assert box_p.location.in_table and box_p.cell is not None and box_p.cell.row == 0


# -- drawings ---------------------------------------------------------------------------------


def test_drawn_lines_dml_vml_and_paragraph_borders() -> None:
    emu_per_pt = 12700
    dml = p(runs=r(inner=wps_line(150 * emu_per_pt, weight_emu=12700)))
    connector = p(runs=r(inner=wps_line(80 * emu_per_pt, prst="straightConnector1")))
    vml_line = p(runs=r(inner='<w:pict><v:line from="0,0" to="120pt,0" strokeweight="1pt"/></w:pict>'))
    vml_shape = p(runs=r(inner='<w:pict><v:shape type="#_x0000_t32" style="position:absolute;width:90pt;'
                               'height:0" stroked="t"><v:stroke weight="0.75pt" color="black"/></v:shape></w:pict>'))
    bordered = p("Độc lập - Tự do - Hạnh phúc", ppr=(
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
        '<w:ind w:left="1000" w:right="1000"/>'))
    doc = read(dml + connector + vml_line + vml_shape + bordered)
    lines = [d for d in doc.drawings if d.is_line]
    assert [(d.source, round(d.width_pt), d.stroke_pt) for d in lines] == [
        ("dml", 150, 1.0), ("dml", 80, 0.75), ("vml", 120, 1.0), ("vml", 90, 0.75)]
    assert lines[0].anchor is doc.paragraphs[0] and doc.paragraphs[0].line_shapes == [lines[0]]
    assert lines[3].stroke_color == "000000"
    rules = doc.paragraphs[4].border_rules
    assert len(rules) == 1 and rules[0].side == "bottom" and rules[0].border.width_pt == 0.75
    text_width = 11906 - 1701 - 850
    assert rules[0].width_twips == text_width - 2000 and rules[0].left_twips == 1000


def test_line_shape_in_alternate_content_counted_once() -> None:
    choice = wps_line(100 * 12700)
    fallback = ('<w:pict><v:shape type="#_x0000_t32" style="position:absolute;width:100pt;height:0"/>'
                "</w:pict>")
    doc = read(p(runs=r(inner=alternate(choice, fallback))))
    assert [(d.source, d.kind) for d in doc.drawings] == [("dml", "line")]
    # A Choice requiring an unknown namespace falls back.
    doc = read(p(runs=r(inner=alternate(choice, fallback, requires="w14 foo").replace(
        'Requires="w14 foo"', 'xmlns:foo="urn:unknown" Requires="w14 foo"'))))
    assert [(d.source, d.kind) for d in doc.drawings] == [("vml", "line")]


# -- headers, footers, fields, sections -------------------------------------------------------

HDR_SECT = (
    '<w:headerReference w:type="default" r:id="rId_header1"/>'
    '<w:headerReference w:type="first" r:id="rId_header2"/>'
    '<w:footerReference w:type="default" r:id="rId_footer1"/>'
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" '
    'w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/>'
)


def test_header_with_complex_page_field_and_empty_first_page_header() -> None:
    header = p(runs=field_runs("PAGE   \\* MERGEFORMAT", "2", rpr='<w:sz w:val="28"/>'), ppr='<w:jc w:val="center"/>')
    doc = read(p("body"), sect_pr=HDR_SECT, headers={"header1": header, "header2": p("")},
               footers={"footer1": p(runs=simple_field("NUMPAGES", "3"))})
    sec = doc.sections[0]
    assert sec.title_page and sec.page_number_start == 1
    assert set(sec.headers) == {"default", "first"} and sec.header_refs["default"] == "word/header1.xml"
    default = sec.headers["default"]
    assert default.kind == "header" and default.text == "2"
    (fld,) = default.fields
    assert fld.is_page and fld.name == "PAGE" and fld.result == "2" and not fld.simple
    hp = default.paragraphs[0]
    assert hp.container == "header" and hp.alignment == "center" and hp.fields == [fld]
    assert hp.runs[0].field is fld and hp.runs[0].size_pt == 14.0
    assert default.page_fields == [fld]
    assert sec.first_page_header is sec.headers["first"] and sec.first_page_header.is_empty
    footer = sec.footers["default"]
    assert footer.fields[0].simple and footer.fields[0].is_num_pages and footer.text == "3"
    assert {h.part_name for h in doc.headers} == {"word/header1.xml", "word/header2.xml"}
    assert len(list(doc.all_paragraphs())) == 4


def test_simple_page_field_and_field_instruction_not_in_text() -> None:
    runs = r("Trang ") + simple_field("PAGE", "7") + r(" / ") + field_runs("NUMPAGES", "9")
    par = read(p(runs=runs)).paragraphs[0]
    assert par.text == "Trang 7 / 9"
    assert [(f.name, f.simple, f.result) for f in par.fields] == [("PAGE", True, "7"), ("NUMPAGES", False, "9")]


def test_nested_fields_and_field_without_result() -> None:
    runs = (r(inner='<w:fldChar w:fldCharType="begin"/>') + r(inner="<w:instrText>IF </w:instrText>")
            + field_runs("PAGE", "1") + r(inner='<w:instrText> = 1 "" "x"</w:instrText>')
            + r(inner='<w:fldChar w:fldCharType="separate"/>') + r("x")
            + r(inner='<w:fldChar w:fldCharType="end"/>')
            + r(inner='<w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText>'
                      '<w:fldChar w:fldCharType="end"/>'))
    par = read(p(runs=runs)).paragraphs[0]
    assert par.text == "x"
    names = sorted(f.name for f in par.fields)
    assert names == ["IF", "PAGE", "PAGE"]
    empty = [f for f in par.fields if f.name == "PAGE" and f.result == ""]
    assert len(empty) == 1
    (cond,) = [f for f in par.fields if f.name == "IF"]
    assert cond.instruction == 'IF 1 = 1 "" "x"' and cond.result == "x"


def test_letter_landscape_section_and_header_inheritance() -> None:
    first_sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId_header1"/>'
                  '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" '
                  'w:left="1080" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
    body = p("section 1", ppr=first_sect) + p("section 2")
    doc = read(body, sect_pr='<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
                             '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" '
                             'w:footer="0" w:gutter="0"/><w:pgNumType w:start="1"/>',
               headers={"header1": p("H")})
    s1, s2 = doc.sections
    assert (s1.page_width, s1.page_height, s1.orientation) == (12240, 15840, "portrait")
    assert s1.page_width_mm == pytest.approx(215.9) and s1.page_height_mm == pytest.approx(279.4)
    assert s1.margins_mm["left"] == pytest.approx(19.05) and s1.margins_mm["top"] == pytest.approx(25.4)
    assert s2.orientation == "landscape" and s2.page_width_mm == pytest.approx(297.0, abs=0.01)
    assert s2.headers["default"] is s1.headers["default"] and not s2.header_refs
    assert s2.page_number_start == 1
    assert [par.section_index for par in doc.paragraphs] == [0, 1]
    assert doc.paragraphs[0].section is s1


# -- numbering --------------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
    '<w:suff w:val="space"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/>'
    "</w:lvl></w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
    "</w:lvlOverride></w:num>"
)


def num(text: str, num_id: int, ilvl: int = 0) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def test_numbering_labels_are_visible() -> None:
    body = (num("Kết quả", 2) + num("Một", 1) + num("điểm", 1, 1) + num("điểm", 1, 1) + num("Hai", 1)
            + num("điểm", 1, 1) + num("sâu", 1, 2) + num("Tồn tại", 2) + num("gạch", 3) + p("plain")
            + num("lại", 4) + p("no list", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>'))
    doc = read(body, numbering=NUMBERING)
    labels = [par.label.text if par.label else None for par in doc.paragraphs]
    assert labels == ["I.", "1.", "a)", "b)", "2.", "a)", "2.1.", "II.", "-", None, "I.", None]
    one = doc.paragraphs[1]
    assert one.text == "Kết quả" or one.text == "Một"
    assert one.text_with_label == "1.\tMột" and doc.paragraphs[2].text_with_label == "a) điểm"
    assert one.label is not None and one.label.format == "decimal" and one.label.level_text == "%1."
    assert one.props.indent.first_line == 567  # from the list level
    assert doc.paragraphs[8].label is not None and doc.paragraphs[8].label.is_bullet


def test_numbering_from_paragraph_style() -> None:
    styles = style("ListNum", ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="360"/>')
    doc = read(p("x", style="ListNum") + p("y", style="ListNum"), numbering=NUMBERING, styles=styles)
    assert [par.label.text for par in doc.paragraphs if par.label] == ["1.", "2."]
    assert doc.paragraphs[0].props.indent.left == 360  # the style's own indent wins over the list's


# -- notes, python-docx ---------------------------------------------------------------------------


def test_footnotes_are_a_container() -> None:
    notes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1">' + p("Ghi chú") + "</w:footnote>")
    body = p(runs=r("Văn bản") + r(inner='<w:footnoteReference w:id="1"/>', rpr='<w:vertAlign w:val="superscript"/>'))
    doc = read(body, footnotes=notes)
    par = doc.paragraphs[0]
    assert par.text == "Văn bản" and par.runs[1].note_ref == ("footnote", "1")
    (note,) = doc.footnotes
    assert note.id == "1" and note.text == "Ghi chú" and note.paragraphs[0].container == "footnote"


def test_reads_python_docx_output() -> None:
    docx_mod = pytest.importorskip("docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx_mod.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    par = d.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    par.paragraph_format.first_line_indent = Pt(28.35)
    run = par.add_run("Nội dung thông báo")
    run.bold = True
    tbl = d.add_table(rows=1, cols=2)
    tbl.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx(buf.getvalue())
    body = doc.paragraphs[0]
    assert body.runs[0].size_pt == 14.0 and body.runs[0].bold and body.runs[0].font == "Times New Roman"
    assert body.alignment == "justify" and abs(body.props.indent.first_line_cm - 1.0) < 0.01
    qh = doc.find("CỘNG HÒA")[0]
    assert qh.cell is not None and (qh.cell.row, qh.cell.col) == (0, 1)
    assert doc.sections[0].page_width == 12240  # python-docx's default template is Letter
