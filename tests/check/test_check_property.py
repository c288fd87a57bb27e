"""Every notice the library renders passes the checker with zero errors."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from strategies import notice_data
from thongbao.api import render_docx
from thongbao.check import check_docx
from thongbao.models import Notice


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(notice_data())
def test_rendered_notices_have_no_errors(data: dict[str, object]) -> None:
    report = check_docx(render_docx(Notice.model_validate(data)))
    assert report.errors == (), report.format_text("en")
    # The elements were found, not skipped: no "missing element" finding of any kind.
    assert "ND30-STRUCTURE" not in report.rule_ids()
