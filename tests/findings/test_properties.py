"""Any valid finding set renders, as a THÔNG BÁO and as a BÁO CÁO, with every finding verbatim."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from strategies import codes, notice_data, sentences
from thongbao.api import render_docx
from thongbao.findings import Category, FindingSet, render_finding_set, split_by_unit
from thongbao.findings.filters import capfirst

from .helpers import body_texts, texts

try:  # the checker is built concurrently; its assertions run once it exists
    from thongbao.check import check_docx  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the checker's progress
    check_docx = None

CATEGORIES = [c.value for c in Category] + ["Kết quả đạt được", "kho khan, han che", "Nguyên nhân", "giải pháp"]
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def finding_set_data(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(notice_data())
    del data["body"]
    data["document_type"] = draw(st.sampled_from(["thong_bao", "bao_cao"]))
    units = [f"{name} {i}" for i, name in enumerate(draw(st.lists(sentences, max_size=4)))]
    metrics = draw(st.lists(codes, max_size=3, unique=True))
    ratio = len(metrics) >= 2 and draw(st.booleans())
    data["units"] = [
        {
            "name": name,
            "figures": {
                m: draw(st.one_of(st.integers(0, 10**12), st.decimals(0, 10**6, places=2)))
                for m in metrics
                if draw(st.booleans())
            },
        }
        for name in units
    ]
    data["metrics"] = [*metrics, *([{"key": "RATIO", "ratio_of": metrics[:2]}] if ratio else [])]
    data["findings"] = draw(
        st.lists(
            st.builds(
                lambda c, t, u: {"category": c, "text": t, "unit": u},
                st.sampled_from(CATEGORIES),
                sentences,
                st.sampled_from([None, *units]),
            ),
            min_size=1,
            max_size=8,
        )
    )
    if draw(st.booleans()):
        start = draw(dates)
        end = draw(st.one_of(st.none(), dates.filter(lambda d: d >= start)))
        data["activity"] = {"description": draw(sentences), "start": start, "end": end}
    data["basis"] = draw(
        st.lists(
            st.builds(
                lambda t, n, s, d, summary: {"document_type": t, "number": f"{n}/{s}", "date": d, "summary": summary},
                st.sampled_from(["Kế hoạch", "Quyết định", "Nghị định", "KH"]),
                st.integers(1, 999),
                codes,
                st.one_of(st.none(), dates),
                st.one_of(st.none(), sentences),
            ),
            max_size=3,
        )
    )
    for key in ("units_phrase", "domain", "request_to", "closing"):
        if draw(st.booleans()):
            data[key] = draw(sentences)
    return data


def assert_verbatim(fs: FindingSet, data: bytes) -> None:
    all_texts = "\n".join(texts(data))
    report = fs.document_type == "bao_cao"
    for finding in fs.findings:
        # A báo cáo capitalises a finding that starts a paragraph (all but its numbered "Một là, …").
        numbered = finding.category is Category.RECOMMENDATIONS and finding.unit is None
        expected = capfirst(finding.text) if report and not numbered else finding.text
        assert expected in all_texts, finding.text
    for unit in fs.all_units:
        if unit.figures or any(f.unit is not None and unit.matches(f.unit) for f in fs.findings):
            assert unit.name in all_texts, unit.name
    body = body_texts(data)
    assert body[-1].endswith("./.")
    assert sum(t.endswith("./.") for t in body) == 1
    if check_docx is not None:
        report_ = check_docx(data)
        assert not report_.errors, report_.errors


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(finding_set_data())
def test_any_valid_finding_set_renders_every_finding_verbatim(data: dict[str, Any]) -> None:
    fs = FindingSet.model_validate(data)
    rendered = render_docx(fs)
    assert_verbatim(fs, rendered)
    other = "bao_cao" if fs.document_type == "thong_bao" else "thong_bao"
    assert_verbatim(fs.with_type(other), render_finding_set(fs, document_type=other))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(finding_set_data())
def test_per_unit_documents_render(data: dict[str, Any]) -> None:
    fs = FindingSet.model_validate(data)
    general = any(f.unit is None for f in fs.findings)
    assume(
        general
        or all(u.figures or any(f.unit is not None and u.matches(f.unit) for f in fs.findings) for u in fs.all_units)
    )
    parts = split_by_unit(fs)
    assert len(parts) == max(1, len(fs.all_units))
    for part in parts:
        assert_verbatim(part, render_docx(part))
