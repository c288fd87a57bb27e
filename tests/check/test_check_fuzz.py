"""The checker never fails on odd documents: random paragraphs, tables, tabs, breaks, text boxes and
fragments of the format in any order give a report, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thongbao.check import Report, check_docx

from .docx_factory import A4_SECT, docx, p, r, table, wps_line, wps_textbox

FRAGMENTS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH HƯNG YÊN",
    "SỞ TÀI CHÍNH", "Số: 05/TB-STC", "Số:", "Hưng Yên, ngày 05 tháng 01 năm 2024", "THÔNG BÁO", "CÔNG VĂN",
    "V/v góp ý", "Kính gửi:", "Căn cứ Luật;", "Nơi nhận:", "- Lưu: VT, VP.", "- Như trên;", "KT. GIÁM ĐỐC",
    "K.T GIÁM ĐỐC", "Q.", "TM.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A", "____", "*", "-----", "KHẨN", "PL.(300)",
    "(Chữ ký", "ký)", "./.", "Chương 1", "Điều I", "", " ", "\t",
]
RPRS = ["", "<w:b/>", "<w:i/>", "<w:sz w:val='26'/>", "<w:sz w:val='22'/><w:b/><w:i/>",
        "<w:rFonts w:ascii='Arial' w:hAnsi='Arial'/>", "<w:color w:val='FF0000'/>",
        "<w:vertAlign w:val='superscript'/>", "<w:u w:val='single'/>", "<w:caps/>"]
PPRS = ["", "<w:jc w:val='center'/>", "<w:jc w:val='both'/><w:ind w:firstLine='567'/>", "<w:jc w:val='right'/>",
        "<w:ind w:left='5000'/>", "<w:pBdr><w:bottom w:val='single' w:sz='6' w:space='1' w:color='000000'/></w:pBdr>",
        "<w:tabs><w:tab w:val='center' w:pos='2000'/><w:tab w:val='center' w:pos='7000'/></w:tabs>"]

texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map(lambda xs: "\t".join(xs))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    runs = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(texts)
        rpr = draw(st.sampled_from(RPRS))
        runs.append(r(text, rpr))
        if draw(st.booleans()):
            runs.append(r(inner="<w:br/>"))
    if draw(st.integers(0, 9)) == 0:
        runs.append(r(inner=wps_line(draw(st.integers(0, 3_000_000)))))
    return p(runs="".join(runs), ppr=draw(st.sampled_from(PPRS)))


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind < 6:
        return str(draw(paragraph()))
    if kind < 9:
        rows = draw(st.integers(1, 3))
        cols = draw(st.integers(1, 3))
        return table([["".join(draw(st.lists(paragraph(), min_size=1, max_size=3))) for _ in range(cols)]
                      for _ in range(rows)])
    inner = "".join(draw(st.lists(paragraph(), min_size=1, max_size=3)))
    return p(runs=r(inner=wps_textbox(inner, 2_500_000, 900_000)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(block(), min_size=0, max_size=25))
def test_any_document_gives_a_report(blocks: list[str]) -> None:
    report = check_docx(docx("".join(blocks), sect_pr=A4_SECT))
    assert isinstance(report, Report)
    for f in report.findings:
        assert f.rule and f.severity in ("error", "warning") and len(f.excerpt) <= 60
        assert f.message("vi") and f.message("en") and f.location
    report.to_json()
    report.format_text("en")
