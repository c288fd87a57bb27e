"""The FindingSet model and its parts: categories, citations, periods, units, metrics, errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from thongbao.errors import DocumentValidationError
from thongbao.findings import (
    Activity,
    Category,
    Finding,
    FindingSet,
    Metric,
    Reference,
    Unit,
    parse_category,
    parse_figure,
    split_by_unit,
)
from thongbao.findings.filters import FILTERS, capfirst, ending, number, ordinal, percent, vnd

SHELL: dict[str, Any] = {
    "issuer": {"name": "Sở Nội vụ", "abbreviation": "SNV", "place": "Hưng Yên"},
    "date": "2026-03-20",
    "summary": "Kết quả kiểm tra",
    "signature": {"title": "Giám đốc", "name": "Nguyễn Văn A"},
    "recipients": {"to": ["Các xã được kiểm tra", "Lãnh đạo Sở"], "archive": ["VP"]},
}


def finding_set(**changes: Any) -> FindingSet:
    data = {**SHELL, "findings": {"results": ["Đạt yêu cầu."]}, **changes}
    return FindingSet.from_data(data)


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Kết quả đạt được", Category.RESULTS),
        ("ket qua dat duoc", Category.RESULTS),
        ("KẾT QUẢ", Category.RESULTS),
        ("results", Category.RESULTS),
        ("Khó khăn, hạn chế", Category.DIFFICULTIES),
        ("kho khan han che", Category.DIFFICULTIES),
        ("Hạn chế", Category.DIFFICULTIES),
        ("tồn tại, hạn chế", Category.DIFFICULTIES),
        ("Nguyên nhân", Category.CAUSES),
        ("nguyen nhan", Category.CAUSES),
        ("Kiến nghị / giải pháp / đề xuất", Category.RECOMMENDATIONS),
        ("kien nghi, de xuat", Category.RECOMMENDATIONS),
        ("Giải pháp", Category.RECOMMENDATIONS),
        ("recommendations", Category.RECOMMENDATIONS),
    ],
)
def test_categories_with_or_without_diacritics(name: str, category: Category) -> None:
    assert parse_category(name) is category
    assert Finding(category=name, text="x").category is category  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", "khác", "kết quả, hạn chế", "ghi chú"])
def test_unknown_or_mixed_categories_are_refused(name: str) -> None:
    assert parse_category(name) is None
    with pytest.raises(DocumentValidationError) as info:
        finding_set(findings=[{"category": name, "text": "x"}])
    problem = info.value.problems[0]
    assert problem.field == "findings[0].category"
    assert "results" in problem.message_en and "Kết quả đạt được" in problem.message_vi


def test_reference_is_cited_the_vietnamese_way() -> None:
    ref = Reference(
        document_type="KH",
        number="50/KH-SKHCN",  # type: ignore[arg-type]
        date="13/4/2023",  # type: ignore[arg-type]
        issuer="Sở Khoa học và Công nghệ",
        summary="làm việc với các huyện.",
    )
    assert ref.cited == "Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của Sở Khoa học và Công nghệ"
    assert ref.summary == "làm việc với các huyện"
    assert Reference(document_type="Nghị quyết", number="302/2022/NQ-HĐND", date=dt.date(2022, 12, 8)).cited == (
        "Nghị quyết số 302/2022/NQ-HĐND ngày 8/12/2022"
    )
    assert Reference(document_type="Công văn", number="5/SNV-VP").cited == "Công văn số 05/SNV-VP"
    assert Reference(document_type="Nghị định", summary="x").cited == "Nghị định"


@pytest.mark.parametrize("number", ["50", "KH-SKHCN", "số /KH", 50])
def test_reference_number_needs_a_symbol(number: object) -> None:
    with pytest.raises(DocumentValidationError) as info:
        finding_set(basis=[{"document_type": "Kế hoạch", "number": number}])
    assert info.value.problems[0].field.startswith("basis[0].number")


@pytest.mark.parametrize(
    ("start", "end", "period", "single"),
    [
        ("2023-04-18", "2023-04-27", "18-27/4/2023", False),
        ("2023-04-28", "2023-05-05", "28/4 đến ngày 05/5/2023", False),
        ("20/12/2022", "10/01/2023", "20/12/2022 đến ngày 10/1/2023", False),
        ("2023-04-18", None, "18/4/2023", True),
        ("2023-04-18", "2023-04-18", "18/4/2023", True),
    ],
)
def test_activity_period(start: str, end: str | None, period: str, single: bool) -> None:
    activity = Activity.model_validate({"description": "kiểm tra", "start": start, "end": end})
    assert activity.period == period
    assert activity.single_day is single


@pytest.mark.parametrize(("start", "end"), [("2023-04-27", "2023-04-18"), (None, "2023-04-18"), ("31/2/2023", None)])
def test_activity_period_errors(start: str | None, end: str | None) -> None:
    with pytest.raises(DocumentValidationError) as info:
        finding_set(activity={"description": "kiểm tra", "start": start, "end": end})
    assert info.value.problems[0].field.startswith("activity")


def test_findings_as_mapping_or_list_and_units_by_key_or_name() -> None:
    fs = finding_set(
        units=[{"key": "TH", "name": "UBND xã Tân Hưng"}, "UBND phường Sơn Nam"],
        findings=[
            {"category": "ket qua", "text": "A.", "unit": "th"},
            {"category": "hạn chế", "text": "B.", "unit": "ubnd phuong son nam"},
            {"category": "kiến nghị", "text": "C."},
        ],
    )
    first, second = fs.units
    assert fs.findings_of(Category.RESULTS, first)[0].text == "A."
    assert fs.findings_of(Category.DIFFICULTIES, second)[0].text == "B."
    assert fs.findings_of(Category.RECOMMENDATIONS)[0].text == "C."
    assert fs.findings_of(Category.RESULTS) == ()
    # Undeclared units are taken from the findings, in order.
    implicit = finding_set(
        findings=[{"category": "results", "text": "x", "unit": "B"}, {"category": "results", "text": "y", "unit": "A"}]
    )
    assert [u.name for u in implicit.all_units] == ["B", "A"]


def test_unknown_unit_duplicate_unit_and_empty_findings_are_refused() -> None:
    with pytest.raises(DocumentValidationError, match="not one of the units"):
        finding_set(units=["A"], findings=[{"category": "results", "text": "x", "unit": "B"}])
    with pytest.raises(DocumentValidationError, match="two units"):
        finding_set(units=["A", {"key": "a", "name": "Other"}])
    with pytest.raises(DocumentValidationError, match="at least one finding"):
        finding_set(findings=[])
    # Figures alone are something to write.
    assert finding_set(findings=[], units=[{"name": "A", "figures": {"n": 1}}]).findings == ()


def test_only_thong_bao_or_bao_cao() -> None:
    assert finding_set(document_type="BC").document_type == "bao_cao"
    assert finding_set(document_type="Báo cáo").symbol == "BC-SNV"
    with pytest.raises(DocumentValidationError) as info:
        finding_set(document_type="Quyết định")
    assert info.value.problems[0].rule == "ND30-INPUT-TYPE"
    with pytest.raises(DocumentValidationError):
        finding_set(body=["Không dùng body."])


def test_with_type_keeps_everything_else() -> None:
    fs = finding_set(units=["A"], findings={"results": [{"text": "x", "unit": "A"}]})
    report = fs.with_type("bao_cao")
    assert report.document_type == "bao_cao"
    assert report.model_dump(exclude={"document_type"}) == fs.model_dump(exclude={"document_type"})


def test_metrics_and_figures() -> None:
    fs = finding_set(
        units=[{"name": "A", "figures": {"Nhận": "1.234", "Đúng hạn": 1200, "Kinh phí": "1.500.000,5 đồng"}}],
        metrics=[
            {"key": "Nhận"},
            {"key": "Đúng hạn"},
            {"key": "Tỷ lệ", "ratio_of": ["Đúng hạn", "Nhận"]},
            {"key": "Kinh phí", "format": "vnd"},
        ],
    )
    assert fs.units[0].figures == {"Nhận": Decimal(1234), "Đúng hạn": Decimal(1200), "Kinh phí": Decimal("1500000.5")}
    ratio = fs.find_metric("tỷ lệ")
    assert ratio is not None and ratio.format == "percent" and ratio.totalled
    assert Metric(key="x", format="percent").totalled is False
    with pytest.raises(DocumentValidationError, match="cannot be added up"):
        finding_set(metrics=[{"key": "x", "format": "percent", "total": True}])
    with pytest.raises(DocumentValidationError, match="not one of the metrics"):
        finding_set(metrics=["Nhận"], units=[{"name": "A", "figures": {"Khác": 1}}])
    with pytest.raises(DocumentValidationError, match="computed"):
        finding_set(metrics=["a", {"key": "r", "ratio_of": ["a", "a"]}], units=[{"name": "A", "figures": {"r": 1}}])
    with pytest.raises(DocumentValidationError, match="not a metric"):
        finding_set(metrics=[{"key": "r", "ratio_of": ["a", "b"]}])
    with pytest.raises(DocumentValidationError, match="not a number"):
        finding_set(units=[{"name": "A", "figures": {"x": "mười"}}])
    # Without declared metrics, each figure key is a number column.
    implicit = finding_set(units=[{"name": "A", "figures": {"x": 1, "y": 2}}])
    assert [(m.key, m.format) for m in implicit.all_metrics] == [("x", "number"), ("y", "number")]


@pytest.mark.parametrize(
    ("raw", "value", "percent"),
    [
        ("1.234.567", Decimal(1234567), False),
        ("1.234", Decimal(1234), False),
        ("12,5", Decimal("12.5"), False),
        ("1.234.567,25", Decimal("1234567.25"), False),
        ("98,5%", Decimal("98.5"), True),
        (" 1 500 000 đồng ", Decimal(1500000), False),
        ("12.5", Decimal("12.5"), False),
        (7, Decimal(7), False),
        (0.1, Decimal("0.1"), False),
    ],
)
def test_parse_figure(raw: object, value: Decimal, percent: bool) -> None:
    assert parse_figure(raw) == (value, percent)


@pytest.mark.parametrize("raw", ["", "abc", "1,234,567", "1..2", True, float("nan"), None, "12%%"])
def test_parse_figure_refuses(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_figure(raw)


def test_filters() -> None:
    assert ordinal(1) == "Một là,"
    assert ordinal(10) == "Mười là,"
    assert number(1234567) == "1.234.567"
    assert number(Decimal("12.5")) == "12,5"
    assert number(Decimal("12.5"), 2) == "12,50"
    assert vnd(Decimal("1500000.4")) == "1.500.000 đồng"
    assert vnd(1500000, False) == "1.500.000"
    assert percent(Decimal("0.125")) == "12,5%"
    assert percent(1) == "100%"
    assert percent(Decimal("0.98766"), 2) == "98,77%"
    assert ending("bền vững.") == "bền vững./."
    assert ending("bền vững") == "bền vững./."
    assert ending("xong./.") == "xong./."
    assert capfirst("đề nghị") == "Đề nghị"
    assert capfirst("UBND xã") == "UBND xã"
    assert capfirst("") == ""
    assert FILTERS["roman"](4) == "IV"


def test_split_by_unit() -> None:
    fs = finding_set(
        number=7,
        units=[{"name": "UBND xã A", "figures": {"n": 1}}, {"name": "UBND xã B", "figures": {"n": 2}}],
        units_phrase="Các xã được kiểm tra",
        request_to="Các xã được kiểm tra",
        unit_summary="Kết quả kiểm tra tại {unit}",
        findings={
            "results": ["Chung.", {"text": "Riêng A.", "unit": "UBND xã A"}],
            "kiến nghị": [{"text": "Riêng B.", "unit": "UBND xã B"}],
        },
    )
    a, b = split_by_unit(fs)
    assert [u.name for u in a.units] == ["UBND xã A"]
    assert a.summary == "Kết quả kiểm tra tại UBND xã A"
    assert a.number is None and a.request_to == "UBND xã A" and a.units_phrase is None
    assert [(f.category, f.text, f.unit) for f in a.findings] == [
        (Category.RESULTS, "Chung.", None),
        (Category.RESULTS, "Riêng A.", None),
    ]
    assert [f.text for f in b.findings] == ["Chung.", "Riêng B."]
    assert a.recipients.to == ("UBND xã A", "Lãnh đạo Sở")
    assert b.units[0].figures == {"n": Decimal(2)}
    # Nothing per unit: the set itself.
    plain = finding_set()
    assert split_by_unit(plain) == [plain]
    # A unit with nothing to write is named.
    with pytest.raises(DocumentValidationError) as info:
        split_by_unit(finding_set(units=["A", "B"], findings=[{"category": "results", "text": "x", "unit": "A"}]))
    assert [(p.field, p.value) for p in info.value.problems] == [("units[1]", "B")]


def test_python_objects() -> None:
    fs = FindingSet.model_validate(
        {
            **SHELL,
            "activity": Activity(description="làm việc", start=dt.date(2026, 1, 5)),
            "units": (Unit(name="Xã A"),),
            "findings": (Finding(category=Category.RESULTS, text="Tốt.", unit="Xã A"),),
        }
    )
    assert fs.all_units[0].key == "Xã A"
    assert fs.activity is not None and fs.activity.period == "5/1/2026"
