"""The seed notice, rebuilt from structured findings + the findings THÔNG BÁO template."""

from __future__ import annotations

import pytest

from docx_props import open_docx, para_format, run_font
from thongbao.api import load_document, render_docx
from thongbao.findings import Category, FindingSet
from thongbao.rules import ND30
from thongbao.vietnamese import collapse_spaces

from .helpers import HEADER_FIXED, SEED_FINDINGS, SEED_NOTICE, SEED_TEXT, assert_checker_passes, body_paragraphs, texts


@pytest.fixture(scope="module")
def seed() -> FindingSet:
    fs = load_document(SEED_FINDINGS)
    assert isinstance(fs, FindingSet)
    return fs


@pytest.fixture(scope="module")
def seed_docx(seed: FindingSet) -> bytes:
    return render_docx(seed)


def is_rule(text: str) -> bool:
    return bool(text) and set(text) == {"_"}


def test_seed_text_equals_the_original_paragraph_for_paragraph(seed_docx: bytes) -> None:
    if not SEED_TEXT.exists():
        pytest.skip("shared/examples is not beside the checkout")
    # Paragraphs, and the lines the original breaks inside one (Nơi nhận, signing block).
    original = [line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The header (agency names, Quốc hiệu, Tiêu ngữ) was lost in the original's text extraction.
    rendered = [
        t
        for t in texts(seed_docx)
        if t.strip() and not is_rule(t) and t not in {"UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", *HEADER_FIXED}
    ]
    # The original's signing block is one bold paragraph "KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; it lacks the
    # space ND30 writes after the prefix (Phụ lục I II.7: "KT. BỘ TRƯỞNG"), the one deliberate difference.
    signing = original.index("**KT.GIÁM ĐỐC")
    assert original[signing : signing + 2] == ["**KT.GIÁM ĐỐC", "PHÓ GIÁM ĐỐC**"]
    original[signing : signing + 2] = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    # The extraction collapsed the blanks left for the number and the day.
    assert [collapse_spaces(t) for t in rendered] == [collapse_spaces(t) for t in original]


def test_seed_equals_the_hand_written_notice(seed_docx: bytes) -> None:
    """Same words as examples/hung-yen-skhcn-2023-notice.yaml, whose body is written out by hand."""
    assert texts(seed_docx) == texts(render_docx(load_document(SEED_NOTICE)))


def test_the_seed_body_is_data_not_prose(seed: FindingSet) -> None:
    """The connective sentences are not in the data: only findings and parameters are."""
    data = SEED_FINDINGS.read_text(encoding="utf-8")
    for template_words in ("kết quả cho thấy", "Bên cạnh những kết quả đạt được, trong", "Một là", "Để khắc phục"):
        assert template_words not in "\n".join(
            line for line in data.splitlines() if not line.lstrip().startswith("#")
        ), template_words
    counts = {c: len([f for f in seed.findings if f.category is c]) for c in Category}
    assert counts == {Category.RESULTS: 5, Category.DIFFICULTIES: 2, Category.CAUSES: 0, Category.RECOMMENDATIONS: 5}
    assert seed.basis[0].cited == "Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của Sở Khoa học và Công nghệ"
    assert seed.activity is not None and seed.activity.period == "18-27/4/2023"


def test_seed_number_and_date_lines_keep_their_blanks(seed_docx: bytes) -> None:
    all_texts = texts(seed_docx)
    assert "Số:      /TB-SKHCN" in all_texts
    assert "Hưng Yên, ngày     tháng 5 năm 2023" in all_texts


def test_seed_body_formatting(seed_docx: bytes) -> None:
    doc = open_docx(seed_docx)
    paragraphs = body_paragraphs(seed_docx)
    assert len(paragraphs) == 16
    profile = ND30.profile()
    for para in paragraphs:
        assert para.style.name == "ND30 Body"
        assert para_format(para, "first_line_indent") in (1.0, 1.27)
        assert para_format(para, "space_before") >= ND30.body_space_between_min_pt
        for run in para.runs:
            assert run_font(doc, para, run, "name") == ND30.font_family
            assert run_font(doc, para, run, "size") == profile["body"]
    assert paragraphs[-1].text.endswith("./.")
    assert [p.text.split(",")[0] for p in paragraphs[10:15]] == ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là"]


def test_seed_is_deterministic(seed: FindingSet, seed_docx: bytes) -> None:
    assert render_docx(seed) == seed_docx


def test_seed_passes_the_checker(seed_docx: bytes) -> None:
    assert_checker_passes(seed_docx)
