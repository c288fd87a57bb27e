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


@pytest.mark.parametrize(
    "body",
    [
        ["Đoạn một.", {"kind": "table", "header": ["STT", "Đơn vị"], "rows": [["1", "UBND xã A"]]}],
        [{"kind": "table", "header": ["STT"], "rows": []}],
        ["Đoạn một {_{ x }_} & <y>;"],
    ],
    ids=["table-last", "table-only", "markers"],
)
def test_body_endings(body: list[Any]) -> None:
    assert_passes({**BASE, "body": body})
