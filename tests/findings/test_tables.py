"""Tables of findings (CSV, Excel) + a shell → finding sets; errors name file, row and column."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from thongbao.api import load_document
from thongbao.errors import DocumentValidationError
from thongbao.findings import Category, FindingSet, load_finding_set, load_table, read_table

from .helpers import INSPECTION, INSPECTION_CSV

SHELL: dict[str, Any] = {
    "issuer": {"name": "Sở Nội vụ", "abbreviation": "SNV", "place": "Hưng Yên"},
    "date": "2026-03-20",
    "summary": "Kết quả kiểm tra",
    "signature": {"title": "Giám đốc", "name": "Nguyễn Văn A"},
    "recipients": {"to": ["Các xã"], "archive": ["VP"]},
}


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, sheet: str = "Kết quả", percent_col: int | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if percent_col is not None:
        for (cell,) in ws.iter_rows(min_row=2, min_col=percent_col, max_col=percent_col):
            cell.number_format = "0.0%"
    wb.save(path)
    return path


def problems(exc: pytest.ExceptionInfo[DocumentValidationError]) -> list[tuple[str, Any]]:
    return [(p.field, p.value) for p in exc.value.problems]


def test_the_inspection_example_loads_as_one_finding_set() -> None:
    fs = load_document(INSPECTION)
    assert isinstance(fs, FindingSet)
    assert [u.name for u in fs.units] == [
        "UBND xã Tân Hưng",
        "UBND phường Sơn Nam",
        "UBND xã Hoàng Hoa Thám",
        "UBND xã Nghĩa Trụ",
    ]
    assert fs.units[0].figures == {
        "Hồ sơ tiếp nhận": Decimal(1248),
        "Giải quyết đúng hạn": Decimal(1236),
        "Kinh phí CCHC (đồng)": Decimal(185500000),
    }
    assert [m.key for m in fs.all_metrics] == [
        "Hồ sơ tiếp nhận",
        "Giải quyết đúng hạn",
        "Tỷ lệ đúng hạn",
        "Kinh phí CCHC (đồng)",
    ]
    by_category = {c: len(fs.findings_of(c)) for c in Category}
    assert by_category == {
        Category.RESULTS: 2,
        Category.DIFFICULTIES: 1,
        Category.CAUSES: 2,
        Category.RECOMMENDATIONS: 2,
    }
    tan_hung = fs.units[0]
    assert [f.text[:20] for f in fs.findings_of(Category.RESULTS, tan_hung)] == ["Bộ phận Một cửa được"]
    # The same rows read from the CSV directly with the shell file.
    assert load_table(INSPECTION_CSV, INSPECTION) == fs


def test_excel_gives_the_same_finding_set(tmp_path: Path) -> None:
    rows = list(csv.reader(INSPECTION_CSV.open(encoding="utf-8-sig")))
    # Numbers as numbers in the workbook; one percentage-formatted column read as a percentage.
    converted: list[list[object]] = [rows[0]]
    for row in rows[1:]:
        converted.append([c if i < 3 else (int(c.replace(".", "")) if c else None) for i, c in enumerate(row)])
    xlsx = write_xlsx(tmp_path / "inspection.xlsx", converted)
    shell = yaml.safe_load(INSPECTION.read_text(encoding="utf-8"))
    shell["findings_table"] = {"path": "inspection.xlsx", "sheet": "Kết quả"}
    (tmp_path / "shell.yaml").write_text(yaml.safe_dump(shell, allow_unicode=True), encoding="utf-8")
    from_excel = load_document(tmp_path / "shell.yaml")
    assert from_excel == load_document(INSPECTION)
    assert load_table(xlsx, INSPECTION, sheet="Kết quả") == from_excel


def test_excel_percent_cells_and_missing_sheet(tmp_path: Path) -> None:
    xlsx = write_xlsx(
        tmp_path / "t.xlsx",
        [["unit", "category", "text", "Tỷ lệ hài lòng"], ["Xã A", "results", "Tốt.", 0.925], ["Xã B", None, None, 0.8]],
        percent_col=4,
    )
    fs = load_table(xlsx, SHELL)
    assert fs.units[0].figures == {"Tỷ lệ hài lòng": Decimal("92.5")}
    assert fs.all_metrics[0].format == "percent"
    with pytest.raises(DocumentValidationError, match="no sheet"):
        load_table(xlsx, SHELL, sheet="Khác")


def test_csv_semicolons_english_headers_and_vietnamese_numbers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [
            ["Unit", "Category", "Text", "Số mẫu", "Tỷ lệ đạt (%)", "Kinh phí"],
            ["Xã A", "Ket qua dat duoc", "Tốt.", "1.200", "98,5", "1.500.000"],
            ["Xã B", "KHÓ KHĂN, HẠN CHẾ", "Chậm.", "800", "90%", ""],
            ["", "", "", "", "", ""],
            ["", "giai phap", "Tăng cường.", "", "", ""],
        ],
        delimiter=";",
    )
    fs = load_table(path, SHELL)
    assert [(f.category, f.unit) for f in fs.findings] == [
        (Category.RESULTS, "Xã A"),
        (Category.DIFFICULTIES, "Xã B"),
        (Category.RECOMMENDATIONS, None),
    ]
    assert fs.units[1].figures == {"Số mẫu": Decimal(800), "Tỷ lệ đạt (%)": Decimal(90)}
    assert [m.format for m in fs.all_metrics] == ["number", "percent", "vnd"]


@pytest.mark.parametrize(
    ("row", "field", "en"),
    [
        (["Xã A", "khác", "Tốt.", "1"], "t.csv:row 3:column 'category'", "unknown category"),
        (["Xã A", "", "Tốt.", ""], "t.csv:row 3:column 'category'", "category is missing"),
        (["Xã A", "kết quả", "", ""], "t.csv:row 3:column 'text'", "text is missing"),
        (["Xã A", "kết quả", "Tốt.", "mười"], "t.csv:row 3:column 'Số mẫu'", "not a number"),
        (["", "kết quả", "Tốt.", "5"], "t.csv:row 3:column 'unit'", "figures need the unit"),
        (["Xã A", "", "", "7"], "t.csv:row 3:column 'Số mẫu'", "already given as 1 in row 2"),
        (["Xã A", "kết quả", "Có\x07chuông.", ""], "t.csv:row 3:column 'text'", "control character"),
        (["Xã A", "", "", ""], "t.csv:row 3:column 'text'", "no finding and no figures"),
    ],
)
def test_errors_point_at_file_row_and_column(tmp_path: Path, row: list[str], field: str, en: str) -> None:
    path = write_csv(
        tmp_path / "t.csv", [["unit", "category", "text", "Số mẫu"], ["Xã A", "kết quả", "Đạt.", "1"], row]
    )
    with pytest.raises(DocumentValidationError) as info:
        load_table(path, SHELL)
    (problem,) = info.value.problems
    assert problem.field == field
    assert en in problem.message_en
    assert problem.message_vi and problem.message_vi != problem.message_en
    assert info.value.source == str(path)
    assert field in str(info.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [["đơn vị", "loại", "nội dung"], ["A", "x", "y"], ["B", "kết quả", ""], ["C", "kết quả", "Tốt."]],
    )
    with pytest.raises(DocumentValidationError) as info:
        load_table(path, SHELL)
    assert problems(info) == [("t.csv:row 2:column 'loại'", "x"), ("t.csv:row 3:column 'nội dung'", "")]


def test_header_problems(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["unit", "text"], ["A", "x"]])
    with pytest.raises(DocumentValidationError, match="'category' column is missing"):
        load_table(path, SHELL)
    path = write_csv(tmp_path / "t.csv", [["unit", "category", "text", "Nội dung"], ["A", "kết quả", "x", "y"]])
    with pytest.raises(DocumentValidationError, match="second 'text' column") as info:
        load_table(path, SHELL)
    assert info.value.problems[0].field == "t.csv:row 1:column 'Nội dung'"
    path = write_csv(tmp_path / "t.csv", [["unit", "category", "text"], ["A", "kết quả", "x", "lạc"]])
    with pytest.raises(DocumentValidationError, match="without a header"):
        load_table(path, SHELL)


def test_file_problems(tmp_path: Path) -> None:
    with pytest.raises(DocumentValidationError, match="cannot read"):
        read_table(tmp_path / "missing.csv")
    (tmp_path / "t.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DocumentValidationError, match=r"\.csv or \.xlsx"):
        read_table(tmp_path / "t.txt")
    (tmp_path / "bad.csv").write_bytes(b"unit,category,text\n\xff\xfe,x,y\n")
    with pytest.raises(DocumentValidationError, match="not UTF-8"):
        read_table(tmp_path / "bad.csv")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(DocumentValidationError, match="cannot read the workbook"):
        read_table(tmp_path / "bad.xlsx")


def test_shell_problems_name_the_shell(tmp_path: Path) -> None:
    shutil.copy(INSPECTION_CSV, tmp_path / "inspection-2026.csv")
    shell = yaml.safe_load(INSPECTION.read_text(encoding="utf-8"))
    del shell["signature"]
    (tmp_path / "shell.yaml").write_text(yaml.safe_dump(shell, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DocumentValidationError) as info:
        load_finding_set(tmp_path / "shell.yaml")
    assert info.value.source == str(tmp_path / "shell.yaml")
    assert [p.field for p in info.value.problems] == ["signature"]


def test_shell_findings_come_first_and_units_are_matched(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [["unit", "category", "text"], ["tan hung", "kết quả", "Riêng."], ["Xã Mới", "kết quả", "Mới."]],
    )
    shell = {**SHELL, "units": [{"key": "TH", "name": "Tân Hưng"}], "findings": {"results": ["Chung."]}}
    fs = load_table(path, shell)
    assert [f.text for f in fs.findings] == ["Chung.", "Riêng.", "Mới."]
    assert [(u.key, u.name) for u in fs.units] == [("TH", "Tân Hưng"), ("Xã Mới", "Xã Mới")]
    assert fs.findings[1].unit == "TH"


def test_a_ratio_column_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["unit", "category", "text", "r"], ["A", "kết quả", "x", "5"]])
    shell = {**SHELL, "metrics": ["a", {"key": "r", "ratio_of": ["a", "a"]}]}
    with pytest.raises(DocumentValidationError, match="computed"):
        load_table(path, shell)


def test_csv_bom_and_quoted_newlines_count_rows_as_records(tmp_path: Path) -> None:
    raw = io.StringIO()
    csv.writer(raw).writerows([["unit", "category", "text"], ["A", "kết quả", "hai\ndòng"], ["A", "khác", "x"]])
    (tmp_path / "t.csv").write_bytes(b"\xef\xbb\xbf" + raw.getvalue().encode("utf-8"))
    with pytest.raises(DocumentValidationError) as info:
        load_table(tmp_path / "t.csv", SHELL)
    fields = [p.field for p in info.value.problems]
    # A finding is one paragraph: the line break is refused where it is, and row 3 is still row 3.
    assert fields == ["t.csv:row 2:column 'text'", "t.csv:row 3:column 'category'"]
