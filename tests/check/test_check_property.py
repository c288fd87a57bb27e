"""Every notice the library renders passes the checker with zero errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from strategies import notice_data
from thongbao.api import render_docx
from thongbao.check import check_docx
from thongbao.models import Notice


def assert_passes(data: dict[str, Any]) -> None:
    report = check_docx(render_docx(Notice.model_validate(data)))
    assert report.errors == (), report.format_text("en")
    # The elements were found, not skipped: no "missing element" finding of any kind.
    assert "ND30-STRUCTURE" not in report.rule_ids()
    # The body ends with ./. (spec §4.5), a table at its end included (a warning, so asked here).
    assert "ND30-ENDING" not in report.rule_ids(), report.format_text("en")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(notice_data())
def test_rendered_notices_have_no_errors(data: dict[str, Any]) -> None:
    assert_passes(data)


BASE: dict[str, Any] = {
    "issuer": {"name": "Sở A", "abbreviation": "SA", "place": "Hà Nội"},
    "number": 3,
    "date": "2026-02-09",
    "summary": "Kết quả kiểm tra",
    "body": ["Nội dung."],
    "signature": {"title": "Giám đốc", "name": "Nguyễn Văn A"},
    "recipients": {"to": ["UBND tỉnh"], "archive": ["VP"]},
}

# Minimal inputs the property above found: valid models the checker used to refuse.
FOUND = {
    # ô 12 without the count ("(nếu cần)"): "PL." after the Lưu line.
    "drafter-without-copies": {"drafter": {"code": "PL"}},
    # Initials that are a signing prefix (Trần Minh: "TM.(20)") were taken for the signing block.
    "drafter-code-like-a-signing-prefix": {"drafter": {"code": "TM", "copies": 20}},
    # A recipient whose name starts with "Lưu" (the provincial archives) was taken for the
    # "- Lưu: VT, …" line, so the real one came "after the Lưu line".
    "recipient-named-luu": {"recipients": {"to": ["Lưu trữ lịch sử tỉnh"], "archive": ["VP"]}},
}


def test_a_drafter_code_with_tone_marks_is_refused_by_the_model() -> None:
    """The ô 12 code is capitals without tone marks (patterns.drafter_code), as the checker reads it."""
    with pytest.raises(ValueError, match=r"'ÂN' is not a drafter code.*\[ND30-DRAFTER\]"):
        Notice.model_validate({**BASE, "drafter": {"code": "Ân", "copies": 3}})


@pytest.mark.parametrize("changes", list(FOUND.values()), ids=list(FOUND))
def test_inputs_the_property_found(changes: dict[str, Any]) -> None:
    assert_passes({**BASE, **changes})


BODY_WITH_TABLE = ["Đoạn một.", {"kind": "table", "header": ["STT", "Đơn vị"], "rows": [["1", "UBND xã A"]]}]


@pytest.mark.parametrize(
    "body",
    [
        BODY_WITH_TABLE,
        [{"kind": "table", "header": ["STT"], "rows": []}],
        ["Đoạn một {_{ x }_} & <y>;"],
    ],
    ids=["table-last", "table-only", "markers"],
)
def test_body_endings(body: list[Any]) -> None:
    assert_passes({**BASE, "body": body})


def test_an_ending_before_a_final_table_is_reported() -> None:
    """'./.' closes the content: on the paragraph before a final table it comes too early."""
    import io
    import re
    import zipfile

    data = render_docx(Notice.model_validate({**BASE, "body": BODY_WITH_TABLE}))
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    lone = re.findall(r"<w:p\b(?:(?!<w:p\b).)*?<w:t[^>]*>\./\.</w:t>.*?</w:p>", xml, flags=re.S)
    assert len(lone) == 1
    early = xml.replace(lone[0], "").replace(">Đoạn một.<", ">Đoạn một./.<")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, early.encode("utf-8") if item.filename == "word/document.xml" else src.read(item))
    report = check_docx(out.getvalue())
    assert [(f.rule, f.found) for f in report.findings] == [("ND30-ENDING", "a table after the ending")], (
        report.format_text("en")
    )


def test_a_body_ending_with_a_heading_closes_with_a_lone_ending() -> None:
    from docx_props import iter_paragraphs, open_docx

    body = ["Đoạn một.", {"kind": "heading", "level": 1, "title": "Kết quả"}]
    assert_passes({**BASE, "body": body})
    texts = [p.text for p in iter_paragraphs(open_docx(render_docx(Notice.model_validate({**BASE, "body": body}))))]
    assert "I. KẾT QUẢ" in texts and texts[texts.index("I. KẾT QUẢ") + 1] == "./."
