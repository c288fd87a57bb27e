"""Odd but well-formed markup is read without crashing; damaged files only raise
UnreadableDocument."""

from __future__ import annotations

import random

from thongbao.check import UnreadableDocument, read_docx

from .docx_factory import docx, docx_parts, p, r, style, table, zip_bytes

ODD_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="x"/><w:numFmt w:val="ordinalText"/>'
    '<w:lvlText w:val="%9.%1)"/><w:lvlRestart w:val="0"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="LinkedList"/></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
)


def test_odd_values_do_not_crash() -> None:
    styles = (style("A", based_on="B", rpr='<w:sz w:val="abc"/>') + style("B", based_on="A", rpr="<w:b/>")
              + style("LinkedList", "numbering", ppr='<w:numPr><w:numId w:val="2"/></w:numPr>')
              + style("Weird", ppr='<w:ind w:left="1.5cm" w:firstLine="zz"/><w:spacing w:line="x" '
                                   'w:lineRule="bogus"/><w:jc w:val="sideways"/>'))
    body = (
        p("cycle", style="A")
        + p("weird", style="Weird", rpr='<w:color w:val="zzz"/><w:rFonts w:asciiTheme="nonsense"/>')
        + p("num", ppr='<w:numPr><w:ilvl w:val="99"/><w:numId w:val="1"/></w:numPr>')
        + p("linked", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>')
        + p("missing list", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="42"/></w:numPr>')
        + p(runs=r(inner='<w:fldChar w:fldCharType="end"/>') + r(inner='<w:fldChar w:fldCharType="separate"/>')
            + r("after stray field chars") + r(inner='<w:fldChar w:fldCharType="begin"/>'))
        + p("next paragraph inside the unterminated field")
        + table([[p("x")]], cell_pr='<w:gridSpan w:val="-3"/><w:vMerge/>')
        + p(runs=r(inner='<w:sym w:char="zz"/><w:br w:type="column"/><w:t/>'))
    )
    doc = read_docx(docx(body, styles=styles, numbering=ODD_NUMBERING,
                         sect_pr='<w:headerReference w:type="default" r:id="rIdMissing"/><w:pgSz/>'))
    cycle, weird, num = doc.paragraphs[:3]
    assert cycle.runs[0].bold and cycle.runs[0].size_pt == 10.0
    assert weird.props.indent.left == 850 and weird.props.alignment == "left"
    assert weird.runs[0].props.color == "000000"
    assert num.label is None or isinstance(num.label.text, str)
    assert doc.sections[0].page_width == 12240 and doc.sections[0].headers == {}
    for par in doc.paragraphs:
        assert isinstance(par.text, str) and par.lines


def test_random_corruption_only_raises_unreadable_document() -> None:
    base = docx(
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rpr="<w:b/>") + table([[p("a"), p("b")]]) + p("x" * 200),
        styles=style("Normal", default=True, rpr='<w:sz w:val="26"/>'),
    )
    rng = random.Random(30)
    outcomes = {"ok": 0, "refused": 0}
    for _ in range(150):
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_docx(bytes(data))
            outcomes["ok"] += 1
        except UnreadableDocument:
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0


def test_random_xml_damage_inside_a_valid_zip() -> None:
    parts = docx_parts(docx(p("Độc lập - Tự do - Hạnh phúc", ppr='<w:jc w:val="center"/>') * 5))
    xml = parts["word/document.xml"]
    rng = random.Random(2020)
    for _ in range(150):
        damaged = bytearray(xml)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.choice(b'<>"=/&x0 ')
        try:
            read_docx(zip_bytes({**parts, "word/document.xml": bytes(damaged)}))
        except UnreadableDocument as exc:
            assert exc.code in ("xml-malformed", "not-docx")
