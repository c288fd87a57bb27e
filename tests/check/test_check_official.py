"""The official Mẫu 1.4 sample (Phụ lục III of Decree 30/2020) passes the formatting rules.

The sample, cut out of Phuluc3.docx with the annex's own page setup, styles and headers, is
checked twice: as published (only its placeholders "……" fail — the number, the date, the type
name, the Lưu line), and with the placeholders filled in with real text, keeping every run's
formatting (then nothing is reported).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from thongbao.check import Report, check_docx

from .mutate import DocxEdit, w

REF = Path(__file__).resolve().parents[3] / "shared" / "reference" / "nd30-2020" / "Phuluc3.docx"

pytestmark = pytest.mark.skipif(not REF.exists(), reason="shared/reference not available")

#: Rules about formatting, as opposed to the placeholder text of the sample.
FORMATTING = {
    "ND30-PAGE-SIZE", "ND30-PAGE-MARGIN", "ND30-FONT-FAMILY", "ND30-FONT-THEME", "ND30-FONT-COLOR",
    "ND30-TEXT-UNICODE", "ND30-TEXT-NFC", "ND30-PNUM", "ND30-QH", "ND30-TN", "ND30-PROFILE", "ND30-CQ-PARENT",
    "ND30-NN-LABEL", "ND30-NN-LIST", "ND30-SIGN", "ND30-SIGN-NAME",
}


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


def extract_sample(start: str, stop: str, *, drop_rows: str | None = None) -> bytes:
    """The body between the paragraph starting ``start`` and the block containing ``stop`` (the
    sample's notes), in the annex's own package (styles, headers, section). ``drop_rows``: table
    rows starting with this text are removed (Mẫu 1.6 keeps its notes in the signature table)."""
    with zipfile.ZipFile(REF) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(w("body"))
    assert body is not None
    kids = list(body)
    first = next(i for i, k in enumerate(kids) if _text(k).startswith(start))
    last = next(i for i, k in enumerate(kids) if i > first and stop in _text(k))
    sect = body.find(w("sectPr"))
    assert sect is not None
    for k in kids:
        body.remove(k)
    for k in kids[first + 1:last]:
        body.append(k)
    body.append(sect)
    for tr in list(body.iter(w("tr"))) if drop_rows else ():
        if _text(tr).lstrip().startswith(drop_rows):
            parent = tr.getparent()
            assert parent is not None
            parent.remove(tr)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def sample() -> bytes:
    return extract_sample("Mẫu 1.4 - Văn bản có tên loại", "Ghi chú:")


def _report(data: bytes) -> str:
    return check_docx(data).format_text("en")


def test_sample_as_published_fails_only_on_placeholders(sample: bytes) -> None:
    report: Report = check_docx(sample)
    assert not report.rule_ids() & FORMATTING, report.format_text("en")
    placeholders = {f.excerpt for f in report.findings if f.element in ("number_line", "date_line", "recipients")}
    assert placeholders == {"Số: /…3...-...4...", "....... 5 ......., ngày …… tháng …… năm ……",
                            "- Lưu: VT, ...9. … 10."}
    # "TÊN LOẠI VĂN BẢN" is a placeholder, not one of the 29 type names.
    assert any(f.rule == "ND30-STRUCTURE" and f.element == "type_name" for f in report.findings)
    # The agency rule is sized for the placeholder; only its length is reported, not its formatting.
    assert {f.found.endswith("of the text") for f in report.findings if f.rule == "ND30-CQ"} <= {True}


def test_sample_filled_in_has_no_findings(sample: bytes) -> None:
    e = DocxEdit(sample)
    fills = {
        "TÊN CQ, TC CHỦ QUẢN": "UBND TỈNH HƯNG YÊN",
        "TÊN CƠ QUAN, TỔ CHỨC": "SỞ TÀI CHÍNH",
        "Số:": "Số: 05/TB-STC",
        "....... 5": "Hưng Yên, ngày 05 tháng 01 năm 2024",
        "TÊN LOẠI VĂN BẢN": "THÔNG BÁO",
        "......... 7": "Về công tác văn thư",
        "- ...............;": "- Các phòng thuộc Sở;",
        "- ................;": "- Văn phòng UBND tỉnh;",
        "- Lưu: VT,": "- Lưu: VT, VP.",
        "QUYỀN HẠN, CHỨC VỤ": "KT. GIÁM ĐỐC",
        "Họ và tên": "Nguyễn Văn An",
    }
    for start, text in fills.items():
        e.set_text(e.para(start), text)
    # The sample sets its ô 5a dots in regular weight; the trích yếu itself is bold (Phụ lục I II.5.b).
    e.set_run(e.para("Về công tác văn thư"), "b", val="1")
    body = e.para("......")
    e.set_text(body, "Sở Tài chính thông báo kết quả công tác văn thư, lưu trữ năm 2023 như sau: các phòng đã "
                     "thực hiện đúng quy định về thể thức và kỹ thuật trình bày văn bản./.")
    # The sample continues the body placeholder on three lines of tabs ending "./.": drop them.
    nxt = body.getnext()
    while nxt is not None and nxt.find(".//" + w("tab")) is not None and _text(nxt).strip() in ("", "./."):
        following = nxt.getnext()
        e.remove(nxt)
        nxt = following
    report = check_docx(e.save())
    assert report.findings == (), report.format_text("en")


def test_sample_rules_are_superscript_underscores(sample: bytes) -> None:
    """The official rules are superscript underscores: measured at the superscript scale of the
    rule data, the one under the Tiêu ngữ is as long as the Tiêu ngữ."""
    from thongbao.check import read_docx
    from thongbao.check.registry import CheckContext
    from thongbao.rules import ND30

    lay = CheckContext(read_docx(sample), ND30).layout
    assert lay.motto_rule is not None and lay.motto_rule.kind == "underscores"
    assert lay.motto_rule.width_pt == pytest.approx(40 * 7 * ND30.raw["checker"]["superscript_scale"])
