"""Typography the checker reports once, under the rule it breaks: "in thường" (normal case) of the
trích yếu, the signer's name and the Tiêu ngữ; an upright body; no type abbreviation in a công văn's
number; one finding per style that sets a wrong font or colour."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from thongbao.check import Finding, Report, check_docx
from thongbao.rules import ND30

from . import samples
from .mutate import DocxEdit, w

SUMMARY = "Kết quả làm việc với Hội đồng"
SIGNER = "Nguyễn Thái Kiều Ngân"
MOTTO = "Độc lập"
BODY = "Thực hiện Kế hoạch"


def _edit(base: bytes) -> DocxEdit:
    return DocxEdit(base)


def _only(report: Report, rule: str) -> Finding:
    """The single finding of the report, which must be under ``rule``."""
    assert len(report.findings) == 1, report.format_text("en")
    finding = report.findings[0]
    assert finding.rule == rule, report.format_text("en")
    return finding


def _caps(e: DocxEdit, start: str) -> bytes:
    e.set_run(e.para(start), "caps")
    return e.save()


def _typed(e: DocxEdit, start: str, text: str) -> bytes:
    e.set_text(e.para(start), text)
    return e.save()


# --- "in thường": trích yếu, signer's name, Tiêu ngữ (spec §3 rows 2, 8, 21) -------------------


def test_summary_typed_in_capitals_is_reported() -> None:
    data = _typed(_edit(samples.notice()), SUMMARY, "KẾT QUẢ LÀM VIỆC VỚI HỘI ĐỒNG KHOA HỌC VÀ CÔNG NGHỆ CẤP HUYỆN")
    f = _only(check_docx(data), "ND30-TY")
    assert (f.element, f.found, f.expected) == ("summary", "upper case", "normal case")
    assert f.found_in("vi") == "in hoa" and f.expected_in("vi") == "in thường"
    assert "typed in capitals" in f.message("en")


def test_summary_with_caps_is_reported() -> None:
    f = _only(check_docx(_caps(_edit(samples.notice()), SUMMARY)), "ND30-TY")
    assert (f.found, f.expected) == ("upper case", "normal case")
    assert "w:caps" in f.message("en")


def test_signer_name_in_capitals_is_reported() -> None:
    typed = _only(check_docx(_typed(_edit(samples.notice()), SIGNER, "NGUYỄN THÁI KIỀU NGÂN")), "ND30-SIGN-NAME")
    caps = _only(check_docx(_caps(_edit(samples.notice()), SIGNER)), "ND30-SIGN-NAME")
    for f in (typed, caps):
        assert (f.element, f.found, f.expected) == ("signer_name", "upper case", "normal case")


def _case_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.found == "upper case"]


def test_acronyms_and_short_capital_lines_stay_legal() -> None:
    """(A shorter trích yếu makes the sample's rule too long: only the case is looked at here.)"""
    for text in ("Kế hoạch KH&CN năm 2024 của UBND các huyện", "KH&CN", "UBND HĐND", "KH&CN NĂM 2024"):
        report = check_docx(_typed(_edit(samples.notice()), SUMMARY, text))
        assert _case_findings(report) == [], (text, report.format_text("en"))
    for name in ("Nguyễn Văn AN", "LÊ AN"):
        report = check_docx(_typed(_edit(samples.notice()), SIGNER, name))
        assert report.findings == (), report.format_text("en")


def test_motto_with_caps_is_a_case_error_not_a_rule_length() -> None:
    f = _only(check_docx(_caps(_edit(samples.notice()), MOTTO)), "ND30-TN")
    assert (f.element, f.found, f.expected) == ("motto", "upper case", "normal case")
    assert "of the text" not in f.found


def test_misspelt_motto_gives_one_finding() -> None:
    for text in ("Độc lập — Tự do — Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"):
        f = _only(check_docx(_typed(_edit(samples.notice()), MOTTO, text)), "ND30-TN")
        assert f.found == f'"{text}"' and f.expected == '"Độc lập - Tự do - Hạnh phúc"'


def test_motto_rule_still_measured_when_the_text_is_wrong() -> None:
    """A rule wrong for the right text as well is still its own finding, besides the text."""
    e = _edit(samples.notice())
    motto = e.para(MOTTO)
    e.set_text(motto, "Độc lập — Tự do — Hạnh phúc")
    e.set_text(_next(motto), "_" * 13)  # half the Tiêu ngữ
    found = sorted(f.found for f in check_docx(e.save()).findings if f.rule == "ND30-TN")
    assert len(found) == 2 and found[0] == '"Độc lập — Tự do — Hạnh phúc"' and found[1].endswith("of the text")


def _next(p: etree._Element) -> etree._Element:
    nxt = p.getnext()
    assert nxt is not None and nxt.tag == w("p")
    return nxt


# --- the body is upright (spec §3 row 11 "Đứng") ---------------------------------------------


def test_italic_body_style_is_reported_once() -> None:
    e = _edit(samples.notice())
    e.set_style_run("ND30Body", "i")
    e.set_style_run("ND30Body", "iCs")
    f = _only(check_docx(e.save()), "ND30-BODY")
    assert (f.element, f.found, f.expected) == ("body", "italic", "upright")
    assert f.count > 5


def test_direct_italic_on_a_body_paragraph_is_reported() -> None:
    e = _edit(samples.notice())
    e.set_run(e.para(BODY), "i")
    f = _only(check_docx(e.save()), "ND30-BODY")
    assert f.found == "italic" and f.excerpt.startswith(BODY)


def test_italic_words_inside_an_upright_paragraph_are_legal() -> None:
    e = _edit(samples.notice())
    p = e.para(BODY)
    run = e.runs(p)[0]
    quoted = etree.fromstring(etree.tostring(run))
    for t in quoted.iter(w("t")):
        t.text = " “Kế hoạch hoạt động KH&CN”"
    run.addnext(quoted)
    e.set_run(p, "i", runs=[quoted])
    report = check_docx(e.save())
    assert report.findings == (), report.format_text("en")


def test_italic_bases_are_not_body_errors() -> None:
    report = check_docx(samples.notice_with_bases())
    assert report.findings == (), report.format_text("en")


def test_a_paragraph_in_a_basis_style_is_a_basis_line() -> None:
    """``[checker] basis_styles``: a paragraph styled as a căn cứ line is one, whatever it says."""
    e = _edit(samples.notice())
    p = e.para(BODY)
    e.set_para(p, "pStyle", val="ND30Basis")
    report = check_docx(e.save())
    assert not [f for f in report.findings if f.found == "italic"], report.format_text("en")


# --- công văn: no type abbreviation in the number (spec §4.1, §10 SO-1) ------------------------


def test_cong_van_number_with_cv_is_reported() -> None:
    number = "Số: 12/CV-SKHCN"
    f = _only(check_docx(_typed(_edit(samples.cong_van()), "Số:", number)), "ND30-SO")
    assert f.found == f'"{number}"'
    assert "a công văn carries no type abbreviation" in f.message("en")
    assert "công văn không có chữ viết tắt tên loại" in f.message("vi")


def test_cong_van_numbers_without_a_type_abbreviation_pass() -> None:
    # Cục Thuế's own abbreviation reads like Chỉ thị's code: it is the agency's, not a type's.
    for number in ("Số: 12/UBND-VX", "Số: 125/SKHCN-QLKH", "Số: 07/TBXH-VP", "Số: 03/CTHN-TTHT",
                   "Số: 1234/CT-TTHT"):
        report = check_docx(_typed(_edit(samples.cong_van()), "Số:", number))
        assert report.findings == (), (number, report.format_text("en"))


def test_a_type_abbreviation_is_right_under_a_type_name() -> None:
    report = check_docx(_typed(_edit(samples.notice()), "Số:", "Số: 12/TB-SKHCN"))
    assert report.findings == (), report.format_text("en")


def test_number_patterns_and_the_rule_data_codes() -> None:
    """``number_typed`` lists exactly the Phụ lục III codes of the rule data; the công văn pattern
    refuses CV, the code a công văn does not have."""
    codes = {t.abbreviation for t in ND30.document_types.values() if t.abbreviation} | set(ND30.copy_types)
    typed = ND30.patterns["number_typed"].pattern
    types = re.search(r"\(\?P<type>([^)]*)\)", typed)
    assert types is not None and set(types.group(1).split("|")) == codes
    assert "(?!CV-)" in ND30.patterns["number_official_letter"].pattern


def test_what_the_models_write_for_an_agency_coded_like_a_type_passes() -> None:
    import yaml

    from thongbao.api import render_docx
    from thongbao.models import document_from_data

    data = yaml.safe_load((samples.ROOT / "examples" / "types" / "cong_van.yaml").read_text(encoding="utf-8"))
    data["issuer"]["abbreviation"] = "CT"
    document = document_from_data(data)
    assert document.number_line.startswith("Số: 125/CT-")
    assert check_docx(render_docx(document)).findings == ()


# --- fonts: one finding per style that causes it (spec §1) ------------------------------------


def _inherit_fonts_from_normal(e: DocxEdit) -> int:
    """Drop ``w:rFonts`` from every style but Normal, as in a document whose styles inherit the
    font; return how many styles had one."""
    n = 0
    for st in e.styles.iter(w("style")):
        if st.get(w("styleId")) == "Normal":
            continue
        for fonts in st.iter(w("rFonts")):
            parent = fonts.getparent()
            assert parent is not None
            parent.remove(fonts)
            n += 1
    return n


def test_arial_on_the_normal_style_is_one_finding() -> None:
    e = _edit(samples.notice())
    assert _inherit_fonts_from_normal(e) > 5
    e.set_style_run("Normal", "rFonts", ascii="Arial", hAnsi="Arial", cs="Arial", eastAsia="Arial")
    f = _only(check_docx(e.save()), "ND30-FONT-FAMILY")
    assert (f.element, f.found) == ("document", "Arial")
    assert f.count > 15 and len(f.locations) == f.count
    assert f'the style "Normal", which reaches {f.count} paragraphs' in f.message("en")
    assert f'kiểu (style) "Normal" quy định, áp dụng cho {f.count} đoạn' in f.message("vi")


def test_theme_font_on_the_normal_style_is_one_finding() -> None:
    e = _edit(samples.notice())
    _inherit_fonts_from_normal(e)
    e.set_style_run("Normal", "rFonts", asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi")
    f = _only(check_docx(e.save()), "ND30-FONT-THEME")
    assert f.found == "Cambria (minorHAnsi)" and f.count > 15
    assert 'the style "Normal"' in f.message("en")


def test_theme_font_resolving_to_times_new_roman_is_accepted() -> None:
    e = _edit(samples.notice())
    _inherit_fonts_from_normal(e)
    e.set_style_run("Normal", "rFonts", asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi")
    theme = e.xml("word/theme/theme1.xml")
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    minor = theme.find(f".//{a}minorFont/{a}latin")
    assert minor is not None
    minor.set("typeface", "Times New Roman")
    report = check_docx(e.save())
    assert report.findings == (), report.format_text("en")


def test_a_font_set_by_a_style_counts_where_it_is_set() -> None:
    """ND30 Body inheriting Arial from Normal, and ND30 Recipients setting its own: two causes,
    each named."""
    e = _edit(samples.notice())
    _inherit_fonts_from_normal(e)
    e.set_style_run("Normal", "rFonts", ascii="Arial", hAnsi="Arial")
    e.set_style_run("ND30Recipients", "rFonts", ascii="Verdana", hAnsi="Verdana")
    report = check_docx(e.save())
    found = {(f.rule, f.found): f for f in report.findings}
    assert set(found) == {("ND30-FONT-FAMILY", "Arial"), ("ND30-FONT-FAMILY", "Verdana")}
    verdana = found[("ND30-FONT-FAMILY", "Verdana")]
    assert verdana.element == "recipients" and 'the style "ND30 Recipients"' in verdana.message("en")


def test_direct_fonts_stay_at_their_paragraph() -> None:
    e = _edit(samples.notice())
    e.set_run(e.para(BODY), "rFonts", ascii="Arial", hAnsi="Arial", cs="Arial")
    f = _only(check_docx(e.save()), "ND30-FONT-FAMILY")
    assert (f.element, f.count) == ("body", 1) and "style" not in f.message("en")


def test_colour_on_the_normal_style_is_one_finding() -> None:
    e = _edit(samples.notice())
    for st in e.styles.iter(w("style")):
        if st.get(w("styleId")) != "Normal":
            for colour in st.iter(w("color")):
                parent = colour.getparent()
                assert parent is not None
                parent.remove(colour)
    e.set_style_run("Normal", "color", val="FF0000")
    f = _only(check_docx(e.save()), "ND30-FONT-COLOR")
    assert f.found == "FF0000" and f.count > 15 and 'the style "Normal"' in f.message("en")


def test_cong_van_subject_typed_in_capitals_is_reported() -> None:
    data = _typed(_edit(samples.cong_van()), "V/v", "V/V TRIỂN KHAI NHIỆM VỤ KHOA HỌC NĂM 2024")
    f = _only(check_docx(data), "ND30-VV")
    assert (f.found, f.expected) == ("upper case", "normal case")


def test_cong_van_subject_in_capitals_after_a_right_prefix_is_reported() -> None:
    data = _typed(_edit(samples.cong_van()), "V/v", "V/v TRIỂN KHAI NHIỆM VỤ KHOA HỌC NĂM 2024")
    f = _only(check_docx(data), "ND30-VV")
    assert (f.found, f.expected) == ("upper case", "normal case")


# --- TCVN3 text in a Unicode font (spec §1 "bộ mã ký tự Unicode", §10 FONT-2) ------------------


def test_tcvn3_text_in_times_new_roman_is_reported() -> None:
    tcvn3 = "Thùc hiÖn KÕ ho¹ch sè 50/KH-SKHCN ngµy 13/4/2023 cña Së Khoa häc vµ C«ng nghÖ./."
    f = _only(check_docx(_typed(_edit(samples.notice()), BODY, tcvn3)), "ND30-TEXT-UNICODE")
    assert (f.found, f.expected) == ("TCVN3 (ABC) encoded text", "Unicode text")
    assert f.found_in("vi") == "văn bản mã TCVN3 (ABC)"


def test_unicode_text_with_a_few_latin1_symbols_is_not_tcvn3() -> None:
    text = "Nhiệt độ 25°C, nhãn hiệu © và ® của Sở được bảo hộ; tỷ lệ ½ số đơn vị đạt./."
    report = check_docx(_typed(_edit(samples.notice()), BODY, text))
    assert "ND30-TEXT-UNICODE" not in report.rule_ids(), report.format_text("en")


# --- body text not bold (spec §3 row 11), headings may be ------------------------------------------


def test_a_body_paragraph_wholly_in_bold_is_reported() -> None:
    e = _edit(samples.notice())
    e.set_run(e.para(BODY), "b")
    f = _only(check_docx(e.save()), "ND30-BODY")
    assert (f.found, f.expected) == ("bold", "not bold") and f.excerpt.startswith(BODY)


@pytest.mark.parametrize(
    "text",
    [
        "I. KẾT QUẢ ĐẠT ĐƯỢC TRONG CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ KHOA HỌC VÀ CÔNG NGHỆ CẤP HUYỆN",
        "1. Về công tác xây dựng kế hoạch hoạt động khoa học và công nghệ cấp huyện năm 2023",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế tổ chức và hoạt động của Hội đồng",
        "Kết quả đạt được",
    ],
)
def test_bold_headings_are_not_body_text(text: str) -> None:
    e = _edit(samples.notice())
    p = e.para(BODY)
    e.set_text(p, text)
    e.set_run(p, "b")
    report = check_docx(e.save())
    assert not [f for f in report.findings if f.found == "bold"], report.format_text("en")
