"""Notices typed by hand in Word-like ways: the checker finds the elements wherever the author put
them and reports exactly what is wrong."""

from __future__ import annotations

import pytest

from thongbao.check import check_docx, read_docx
from thongbao.check.registry import CheckContext
from thongbao.rules import ND30

from . import handmade


def _findings(data: bytes) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.severity, f.element, f.found) for f in check_docx(data).findings}


@pytest.fixture(scope="module")
def tabs() -> bytes:
    return handmade.tabs_and_breaks()


@pytest.fixture(scope="module")
def styled() -> bytes:
    return handmade.styles_and_text_box()


@pytest.fixture(scope="module")
def mistakes() -> bytes:
    return handmade.typical_mistakes()


def test_tabs_and_line_breaks_header(tabs: bytes) -> None:
    assert _findings(tabs) == {
        ("ND30-DATE", "error", "date_line", '"Hưng Yên, ngày 7 tháng 3 năm 2024"'),
    }
    lay = CheckContext(read_docx(tabs), ND30).layout
    assert lay.national_title is not None and lay.national_title.first.col == 1
    assert lay.motto is not None and lay.motto.first.para is lay.national_title.first.para  # next line
    assert lay.parent_agency is not None and lay.parent_agency.text == "UBND TỈNH HƯNG YÊN"
    assert lay.agency is not None and lay.agency.text == "SỞ TÀI CHÍNH"
    assert lay.agency_rule is not None and lay.motto_rule is not None
    assert lay.agency_rule.kind == lay.motto_rule.kind == "underscores"
    assert lay.summary is not None and lay.summary.first.para is lay.type_name.first.para  # type: ignore[union-attr]
    assert lay.authority is not None and [it.text for it in lay.authority.items] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert lay.signer_name is not None and lay.signer_name.text == "Nguyễn Văn An"
    assert [it.text for it in lay.recipients] == ["- Như trên;", "- UBND tỉnh (để báo cáo);", "- Lưu: VT, TCHCSN."]
    assert len(lay.body) == 3


def test_styles_and_text_box(styled: bytes) -> None:
    assert _findings(styled) == {
        ("ND30-NN-ARCHIVE", "error", "recipients", '"- Lưu: VP."'),
    }
    lay = CheckContext(read_docx(styled), ND30).layout
    assert lay.national_title is not None and lay.national_title.first.para.location.in_text_box
    assert lay.motto_rule is not None and lay.motto_rule.para.location.in_text_box
    assert lay.parent_agency is not None and [it.text for it in lay.parent_agency.items] == [
        "ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"]
    assert lay.date_line is not None and lay.date_line.first.para.location.in_text_box
    assert lay.signer_name is not None and lay.signer_name.text == "Trần Thị Bình"


def test_typical_mistakes(mistakes: bytes) -> None:
    report = check_docx(mistakes)
    assert _findings(mistakes) == {
        ("ND30-TN", "error", "motto", '"Độc lập – Tự do – Hạnh phúc"'),
        ("ND30-DATE", "error", "date_line", '"Hưng Yên, ngày 05 tháng 03 năm 2024"'),
        ("ND30-FONT-THEME", "error", "body", "Calibri (minorHAnsi)"),
        ("ND30-NN-LABEL", "error", "recipients_label", "14 pt"),
        ("ND30-PNUM", "error", "page_number", "in the footer"),
        ("ND30-ENDING", "warning", "body", '"… hiện."'),
    }
    theme = next(f for f in report.findings if f.rule == "ND30-FONT-THEME")
    assert theme.count == 3  # the three body paragraphs, reported once
    motto = next(f for f in report.findings if f.rule == "ND30-TN")
    assert "–" in motto.message("en") and "gạch nối" in motto.message("vi")
    date = next(f for f in report.findings if f.rule == "ND30-DATE")
    assert "no leading zero" in date.message("en")
    assert date.location == "table 1, row 1, column 2, paragraph 4"
    assert date.location_in("vi") == "bảng 1, hàng 1, cột 2, đoạn 4"
