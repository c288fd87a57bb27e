"""The seed notice and any valid notice, rendered through the built-in Mẫu 1.4 layout."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import HealthCheck, given, settings

from docx_props import iter_paragraphs, open_docx, para_format, run_font
from strategies import expected_texts, notice_data
from thongbao.api import load_document, render_docx
from thongbao.check import check_docx
from thongbao.models import Notice
from thongbao.rules import ND30
from thongbao.vietnamese import collapse_spaces

ROOT = Path(__file__).resolve().parents[2]
SEED_DATA = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
SEED_TEXT = ROOT.parent / "shared" / "examples" / "hung-yen-skhcn-2023-notice.txt"
PROFILE = ND30.profile()


@pytest.fixture(scope="module")
def seed_doc():
    return open_docx(render_docx(load_document(SEED_DATA)))


def texts(doc) -> list[str]:
    return [p.text for p in iter_paragraphs(doc)]


def find(doc, predicate):
    for p in iter_paragraphs(doc):
        if predicate(p.text):
            return p
    raise AssertionError("paragraph not found")


def is_rule(text: str) -> bool:
    return bool(text) and set(text) == {"_"}


def test_seed_text_equals_the_original_paragraph_for_paragraph(seed_doc):
    if not SEED_TEXT.exists():
        pytest.skip("shared/examples is not beside the checkout")
    # Paragraphs, and the lines the original breaks inside one (Nơi nhận, signing block).
    original = [line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The header (agency names, Quốc hiệu, Tiêu ngữ) was lost in the original's text extraction.
    rendered = [
        t for t in texts(seed_doc)
        if t.strip() and not is_rule(t)
        and t not in {"UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                      ND30.elements["national_title"].text, ND30.elements["motto"].text}
    ]
    # The original's signing block is one bold paragraph "KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; it lacks
    # the space ND30 writes after the prefix (Phụ lục I II.7: "KT. BỘ TRƯỞNG"), the one deliberate
    # difference.
    signing = original.index("**KT.GIÁM ĐỐC")
    assert original[signing : signing + 2] == ["**KT.GIÁM ĐỐC", "PHÓ GIÁM ĐỐC**"]
    original[signing : signing + 2] = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    # The extraction collapsed the blanks left for the number and the day.
    assert [collapse_spaces(t) for t in rendered] == [collapse_spaces(t) for t in original]


def test_seed_number_and_date_lines_keep_their_blanks(seed_doc):
    number = find(seed_doc, lambda t: t.startswith("Số:"))
    assert number.text == "Số:      /TB-SKHCN"
    date = find(seed_doc, lambda t: t.startswith("Hưng Yên, ngày"))
    assert date.text == "Hưng Yên, ngày     tháng 5 năm 2023"
    assert ND30.patterns["number_typed"].match(number.text)
    assert ND30.patterns["date_line"].match(date.text)


CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

# (how to find the paragraph, element key, alignment)
ELEMENTS = [
    (lambda t: t == "UBND TỈNH HƯNG YÊN", "parent_agency", CENTER),
    (lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "agency", CENTER),
    (lambda t: t == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "national_title", CENTER),
    (lambda t: t == "Độc lập - Tự do - Hạnh phúc", "motto", CENTER),
    (lambda t: t.startswith("Số:"), "number_line", CENTER),
    (lambda t: t.startswith("Hưng Yên, ngày"), "date_line", CENTER),
    (lambda t: t == "THÔNG BÁO", "type_name", CENTER),
    (lambda t: t.startswith("Kết quả làm việc với Hội đồng"), "summary", CENTER),
    (lambda t: t.startswith("Thực hiện Kế hoạch số 50"), "body", JUSTIFY),
    (lambda t: t.startswith("Ba là, "), "body", JUSTIFY),
    (lambda t: t == "Nơi nhận:", "recipients_label", LEFT),
    (lambda t: t == "- Lưu: VT, QLKH.", "recipients", LEFT),
    (lambda t: t == "- Lãnh đạo Sở;", "recipients", LEFT),
    (lambda t: t == "KT. GIÁM ĐỐC", "authority", CENTER),
    (lambda t: t == "PHÓ GIÁM ĐỐC", "authority", CENTER),
    (lambda t: t == "Nguyễn Thái Kiều Ngân", "signer_name", CENTER),
]


@pytest.mark.parametrize(("match", "element", "alignment"), ELEMENTS)
def test_effective_formatting_of_every_element(seed_doc, match, element, alignment):
    para = find(seed_doc, match)
    rule = ND30.elements[element]
    assert para_format(para, "alignment") == alignment
    for run in para.runs:
        if not run.text.strip():
            continue
        assert run_font(seed_doc, para, run, "name") == ND30.font_family
        assert run_font(seed_doc, para, run, "size") == PROFILE[element]
        assert rule.size_ok(run_font(seed_doc, para, run, "size"))
        if rule.bold is not None:
            assert bool(run_font(seed_doc, para, run, "bold")) is rule.bold, element
        if rule.italic is not None:
            assert bool(run_font(seed_doc, para, run, "italic")) is rule.italic, element


def test_body_indent_and_spacing(seed_doc):
    for para in iter_paragraphs(seed_doc):
        if para.text.startswith(("Thực hiện Kế hoạch", "Một là, ", "Sở Khoa học và Công nghệ đề nghị")):
            assert para_format(para, "first_line_indent") in (1.0, 1.27)
            assert para_format(para, "space_before") >= ND30.body_space_between_min_pt


def test_page_setup_and_header_page_field(seed_doc):
    section = seed_doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.2)
    for side in ("top", "bottom", "left", "right"):
        lo, hi = ND30.page.margins_mm[side]
        assert lo <= getattr(section, f"{side}_margin").mm <= hi
    assert section.different_first_page_header_footer
    default_xml = section.header._element.xml
    assert "PAGE" in default_xml
    assert "fldSimple" in default_xml or "instrText" in default_xml
    first_text = "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert first_text == ""


def test_no_theme_fonts_anywhere(seed_doc):
    styles_xml = seed_doc.styles.element.xml
    assert "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles_xml, flags=re.S)


def test_escaping_of_xml_specials():
    value = "R&D <2026> \"x\" 'y'"
    data = Notice.model_validate(
        {
            "issuer": {"name": "Sở A&B", "abbreviation": "SAB", "place": "Hà Nội"},
            "number": 3,
            "date": "2026-02-09",
            "summary": value,
            "body": [value, {"kind": "table", "header": [value], "rows": [[value]]}],
            "signature": {"title": "Giám đốc", "name": value},
            "recipients": {"to": [value], "archive": ["VP"]},
        }
    )
    doc = open_docx(render_docx(data))
    all_text = "\n".join(texts(doc))
    assert all_text.count(value) >= 4
    assert f"- {value};" in texts(doc)
    assert "SỞ A&B" in texts(doc)


def _notice(body: list[object]) -> Notice:
    return Notice.model_validate(
        {
            "issuer": {"name": "Sở A", "abbreviation": "SA", "place": "Hà Nội"},
            "number": 3,
            "date": "2026-02-09",
            "summary": "Kết quả kiểm tra",
            "body": body,
            "signature": {"title": "Giám đốc", "name": "Nguyễn Văn A"},
            "recipients": {"to": ["UBND tỉnh"], "archive": ["VP"]},
        }
    )


def _story(doc) -> list[tuple[str, str]]:
    """The main story in order: ("p", text) per paragraph, ("table", first cell) per table."""
    from docx.table import Table

    out = []
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            out.append(("table", item.rows[0].cells[0].text))
        elif item.text:
            out.append((item.style.name, item.text))
    return out


def test_a_body_ending_with_a_table_is_closed_after_the_table():
    table = {"kind": "table", "header": ["STT", "Đơn vị"], "rows": [["1", "UBND xã A"]]}
    data = render_docx(_notice(["Đoạn một.", table]))
    story = _story(open_docx(data))
    start = story.index(("ND30 Body", "Đoạn một."))  # the paragraph before the table is left alone
    assert story[start : start + 3] == [("ND30 Body", "Đoạn một."), ("table", "STT"), ("ND30 Body", "./.")]
    assert not any(text.endswith("./.") for _, text in story[: start + 2])
    report = check_docx(data)
    assert report.errors == () and "ND30-ENDING" not in report.rule_ids(), report.format_text("en")


def test_a_body_ending_with_text_ends_in_that_text():
    table = {"kind": "table", "header": ["STT"], "rows": [["1"]]}
    story = _story(open_docx(render_docx(_notice([table, "Đề nghị các đơn vị thực hiện;"]))))
    assert ("ND30 Body", "Đề nghị các đơn vị thực hiện./.") in story
    assert ("ND30 Body", "./.") not in story


def all_texts(doc) -> list[str]:
    """Every paragraph of the main story (table cells included), then of the headers and footers."""
    out = texts(doc)
    for section in doc.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer, section.footer):
            out += [p.text for p in part.paragraphs]
    return out


BODY_STYLES = {"ND30 Body", "ND30 Basis", "ND30 Heading 1", "ND30 Heading 2", "ND30 Heading 3"}


def body_story(doc) -> list[tuple[str, str]]:
    """The body (ô 6) in order: (style, text) per body paragraph, ("table", "") per body table."""
    from docx.table import Table

    out: list[tuple[str, str]] = []
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            if item.style is not None and item.style.name.startswith("ND30 Table"):
                out.append(("table", ""))
        elif item.style is not None and item.style.name in BODY_STYLES:
            out.append((item.style.name, item.text))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(notice_data())
def test_any_valid_notice_renders_with_every_user_string_verbatim(data):
    notice = Notice.model_validate(data)
    doc = open_docx(render_docx(notice))
    paragraphs = all_texts(doc)
    joined = "\n".join(paragraphs)
    flat = " ".join(paragraphs)
    assert unicodedata.is_normalized("NFC", joined)  # NFD input comes out NFC
    for text, may_wrap in expected_texts(data):
        assert text in (flat if may_wrap else joined), text
    numbers = [t for t in paragraphs if t.startswith("Số:")]
    dates = [t for t in paragraphs if ", ngày " in t]
    assert numbers and ND30.patterns["number_typed"].match(numbers[0])
    assert dates and ND30.patterns["date_line"].match(dates[0])
    # The body ends with ./. (spec §4.5): its last words, or a paragraph of its own after a table.
    story = body_story(doc)
    assert story and story[-1][0] != "table" and story[-1][1].endswith(ND30.body_ending), story[-3:]
    last = data["body"][-1]
    # after a final table or heading there are no last words: ./. stands in a paragraph of its own
    closes_alone = isinstance(last, dict) and last["kind"] in ("table", "heading")
    assert (story[-1] == ("ND30 Body", ND30.body_ending)) is closes_alone, story[-3:]
    if closes_alone:
        assert story[-2][0] == ("table" if last["kind"] == "table" else f"ND30 Heading {last['level']}")
    assert not any(text.endswith(ND30.body_ending) for _, text in story[:-1]), story
