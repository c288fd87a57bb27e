"""Finding sets from files: YAML/JSON, and tables of findings (CSV, Excel) plus a shell.

A table has one row per finding (see docs/findings.md, "Tables"): the columns ``unit``,
``category`` and ``text`` (Vietnamese headers accepted: ``đơn vị``, ``loại``/``nhóm``, ``nội dung``)
and any number of figure columns, one per metric. Errors name the file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thongbao.errors import DocumentValidationError, InputProblem
from thongbao.findings.figures import FigureError, parse_figure
from thongbao.findings.model import (
    CATEGORY_LABELS,
    FindingSet,
    Metric,
    MetricFormat,
    Unit,
    coerce_findings,
    parse_category,
)
from thongbao.models.document import load_data
from thongbao.vietnamese import InvalidText, clean_text, fold

__all__ = ["TABLE_KEY", "is_finding_set_data", "load_finding_set", "load_table", "read_table"]

TABLE_KEY = "findings_table"
"""Key of a shell file naming its table: ``findings_table: inspection.csv`` (or ``{path:, sheet:}``)."""

_COLUMNS = {
    "unit": {"unit", "don vi", "ten don vi", "don vi duoc kiem tra", "co quan don vi", "dia phuong"},
    "category": {"category", "loai", "nhom", "phan loai", "nhom noi dung", "loai ket qua"},
    "text": {"text", "noi dung", "finding", "ket qua kiem tra", "noi dung ket qua", "y kien"},
}
_RULE = "schema"


def _header_key(header: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(header)))


def _guess_format(header: str, values: Sequence[object]) -> MetricFormat:
    low = header.lower()
    if "%" in header or "tỷ lệ" in low or "tỉ lệ" in low:
        return "percent"
    if any(isinstance(v, str) and v.strip().endswith("%") for v in values):
        return "percent"
    if "đồng" in low or "vnđ" in low or "vnd" in low or "kinh phí" in low:
        return "vnd"
    return "number"


@dataclass
class TableRow:
    """One data row: its spreadsheet row number and the raw value of each column."""

    number: int
    values: dict[str, object]
    percent_cells: set[str] = field(default_factory=set)  # Excel cells formatted as percentages


@dataclass
class Table:
    """A table of findings as read: the file, its column headers and its data rows."""

    path: Path
    headers: list[str]
    rows: list[TableRow]


def _problem(path: Path, row: int | None, column: str | None, value: object, en: str, vi: str) -> InputProblem:
    where = path.name
    if row is not None:
        where += f":row {row}"
    if column is not None:
        where += f":column {column!r}"
    return InputProblem(where, value, _RULE, en, vi)


def _read_csv(path: Path, raw: bytes) -> tuple[list[str], list[TableRow]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentValidationError.from_problems_text(
            str(path), "the file is not UTF-8 text", "tệp không phải văn bản UTF-8"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    if not records:
        return [], []
    headers = [h.strip() for h in records[0]]
    rows = []
    for i, record in enumerate(records[1:], start=2):
        values: dict[str, object] = {}
        for j, cell in enumerate(record):
            key = headers[j] if j < len(headers) else f"#{j + 1}"
            values[key] = cell
        rows.append(TableRow(i, values))
    return headers, rows


def _read_xlsx(path: Path, raw: bytes, sheet: str | None) -> tuple[list[str], list[TableRow]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # no stubs in the dev extras

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DocumentValidationError.from_problems_text(
            str(path), f"cannot read the workbook: {exc}", f"không đọc được bảng tính: {exc}"
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise DocumentValidationError.from_problems_text(
                str(path), f"there is no sheet {sheet!r}", f"không có trang tính {sheet!r}"
            )
        ws = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        headers: list[str] = []
        rows: list[TableRow] = []
        for i, cells in enumerate(ws.iter_rows(), start=1):
            if i == 1:
                headers = ["" if c.value is None else str(c.value).strip() for c in cells]
                continue
            values: dict[str, object] = {}
            percent: set[str] = set()
            for j, c in enumerate(cells):
                key = headers[j] if j < len(headers) else f"#{j + 1}"
                values[key] = c.value
                if isinstance(c.value, int | float) and "%" in str(getattr(c, "number_format", "") or ""):
                    percent.add(key)
            rows.append(TableRow(i, values, percent))
        return headers, rows
    finally:
        workbook.close()


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a ``.csv`` (UTF-8; ``,``, ``;`` or tab) or ``.xlsx`` table; row 1 holds the headers."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentValidationError.from_problems_text(
            str(path), f"cannot read the file: {exc.strerror}", f"không đọc được tệp: {exc.strerror}"
        ) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        headers, rows = _read_csv(path, raw)
    elif suffix in (".xlsx", ".xlsm"):
        headers, rows = _read_xlsx(path, raw, sheet)
    else:
        raise DocumentValidationError.from_problems_text(
            str(path), "a table of findings is a .csv or .xlsx file", "bảng kết quả phải là tệp .csv hoặc .xlsx"
        )
    return Table(path, headers, rows)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def _shell_data(shell: str | Path | Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    if isinstance(shell, Mapping):
        return dict(shell), None
    data = load_data(shell)
    if not isinstance(data, Mapping):
        raise DocumentValidationError.from_problems_text(
            str(shell), "the shell file must hold a mapping", "tệp khung văn bản phải là một ánh xạ (mapping)"
        )
    return dict(data), str(shell)


def _table_ref(value: Any, base: Path | None) -> tuple[Path, str | None]:
    path, sheet = (value.get("path"), value.get("sheet")) if isinstance(value, Mapping) else (value, None)
    if not isinstance(path, str | Path) or not str(path).strip():
        raise DocumentValidationError(
            [InputProblem(TABLE_KEY, value, _RULE, "must name a .csv or .xlsx file", "phải là tên tệp .csv hoặc .xlsx")]
        )
    resolved = Path(path)
    if not resolved.is_absolute() and base is not None:
        resolved = base / resolved
    return resolved, None if sheet is None else str(sheet)


def load_table(
    table: str | Path,
    shell: str | Path | Mapping[str, Any],
    *,
    sheet: str | None = None,
    source: str | None = None,
) -> FindingSet:
    """One finding set: the shell's document data (YAML/JSON file or mapping) plus the table's rows.

    The shell holds everything but the table (issuer, date, trích yếu, signature, recipients,
    activity, basis…, optionally ``units`` and ``metrics`` to name and format them, and findings
    that come before the table's). Table rows add findings, units (matched to the shell's by key
    or name, else new) and figures. Problems are reported together, each as
    ``file.csv:row 7:column 'category'``.
    """
    data, shell_source = _shell_data(shell)
    source = source or shell_source
    data.pop(TABLE_KEY, None)
    parsed = read_table(table, sheet=sheet)
    path = parsed.path
    problems: list[InputProblem] = []

    columns: dict[str, str] = {}
    figure_columns: list[str] = []
    for header in parsed.headers:
        key = _header_key(header)
        role = next((r for r, names in _COLUMNS.items() if key in names), None)
        if not header:
            continue
        if role is not None and role not in columns:
            columns[role] = header
        elif role is not None:
            problems.append(_problem(path, 1, header, header, f"a second {role!r} column", f"cột {role!r} thứ hai"))
        else:
            figure_columns.append(header)
    for role in ("category", "text"):
        if role not in columns:
            problems.append(
                _problem(path, 1, None, parsed.headers, f"the {role!r} column is missing", f"thiếu cột {role!r}")
            )
    if problems:
        raise DocumentValidationError(problems, source=str(path))

    # Units and metrics of the shell, validated so that rows can refer to them.
    try:
        units = [Unit.model_validate(u) for u in _as_list(data.get("units"))]
        metrics = [Metric.model_validate(m) for m in _as_list(data.get("metrics"))]
    except ValidationError as exc:
        raise DocumentValidationError.from_pydantic(exc, source=source) from None
    metric_of: dict[str, Metric] = {}
    for header in figure_columns:
        found = next((m for m in metrics if m.matches(header)), None)
        if found is None:
            cells = [r.values.get(header) for r in parsed.rows]
            found = Metric(key=header, label=header, format=_guess_format(header, cells))
            metrics.append(found)
        elif found.ratio_of is not None:
            problems.append(
                _problem(
                    path,
                    1,
                    header,
                    header,
                    "this metric is computed (ratio_of); remove the column",
                    "chỉ tiêu này được tính tự động (ratio_of); bỏ cột này",
                )
            )
        metric_of[header] = found

    findings: list[Any] = list(_findings_list(data.get("findings")))
    figures: dict[str, dict[str, tuple[Decimal, int]]] = {}
    unit_col, category_col, text_col = columns.get("unit"), columns["category"], columns["text"]
    for row in parsed.rows:
        values = row.values
        extra = [k for k, v in values.items() if k.startswith("#") and not _blank(v)]
        for k in extra:
            problems.append(
                _problem(
                    path,
                    row.number,
                    k,
                    values[k],
                    "a value in a column without a header",
                    "có giá trị trong cột không có tiêu đề",
                )
            )
        if all(_blank(v) for v in values.values()):
            continue
        unit_name: str | None = None
        if unit_col is not None and not _blank(values.get(unit_col)):
            try:
                unit_name = _text(values[unit_col])
            except InvalidText as exc:
                problems.append(
                    _problem(
                        path,
                        row.number,
                        unit_col,
                        values[unit_col],
                        f"the text {exc.reason_en}",
                        f"văn bản {exc.reason_vi}",
                    )
                )
                continue
            unit = next((u for u in units if u.matches(unit_name)), None)
            if unit is None:
                unit = Unit(name=unit_name)
                units.append(unit)
            unit_name = unit.key
        raw_category, raw_text = values.get(category_col), values.get(text_col)
        row_figures: dict[str, Decimal] = {}
        for header in figure_columns:
            raw = values.get(header)
            if _blank(raw):
                continue
            try:
                number, _ = parse_figure(raw)
            except FigureError as exc:
                problems.append(_problem(path, row.number, header, raw, exc.message_en, exc.message_vi))
                continue
            if header in row.percent_cells:
                number *= 100
            row_figures[header] = number
        if row_figures and unit_name is None:
            column = unit_col or "unit"
            problems.append(
                _problem(
                    path,
                    row.number,
                    column,
                    None,
                    "figures need the unit they belong to",
                    "số liệu phải ghi kèm đơn vị",
                )
            )
        elif unit_name is not None:
            given = figures.setdefault(unit_name, {})
            for header, number in row_figures.items():
                key = metric_of[header].key
                if key in given and given[key][0] != number:
                    earlier = given[key][1]
                    problems.append(
                        _problem(
                            path,
                            row.number,
                            header,
                            values[header],
                            f"this unit's figure was already given as {given[key][0]} in row {earlier}",
                            f"số liệu này của đơn vị đã ghi là {given[key][0]} ở hàng {earlier}",
                        )
                    )
                else:
                    given[key] = (number, row.number)
        if _blank(raw_category) and _blank(raw_text):
            if not row_figures:
                problems.append(
                    _problem(
                        path,
                        row.number,
                        text_col,
                        None,
                        "the row has no finding and no figures",
                        "hàng không có nội dung và không có số liệu",
                    )
                )
            continue
        if _blank(raw_category):
            problems.append(
                _problem(
                    path, row.number, category_col, raw_category, "the category is missing", "thiếu nhóm (loại) kết quả"
                )
            )
            continue
        category = parse_category(str(raw_category))
        if category is None:
            accepted = "; ".join(f"{c.value} ({label})" for c, label in CATEGORY_LABELS.items())
            problems.append(
                _problem(
                    path,
                    row.number,
                    category_col,
                    raw_category,
                    f"unknown category; use one of: {accepted}",
                    f"không có nhóm này; dùng một trong: {accepted}",
                )
            )
            continue
        if _blank(raw_text):
            problems.append(
                _problem(
                    path, row.number, text_col, raw_text, "the finding's text is missing", "thiếu nội dung kết quả"
                )
            )
            continue
        try:
            text = _text(raw_text)
        except InvalidText as exc:
            problems.append(
                _problem(path, row.number, text_col, raw_text, f"the text {exc.reason_en}", f"văn bản {exc.reason_vi}")
            )
            continue
        findings.append({"category": category, "text": text, "unit": unit_name})
    if problems:
        raise DocumentValidationError(problems, source=str(path))

    merged_units = []
    for unit in units:
        extra_figures = {k: v for k, (v, _) in figures.get(unit.key, {}).items()}
        merged_units.append(unit.model_copy(update={"figures": {**unit.figures, **extra_figures}}))
    data["units"] = merged_units
    data["metrics"] = metrics
    data["findings"] = findings
    return FindingSet.from_data(data, source=source or str(path))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [{"key": k, **v} if isinstance(v, Mapping) else {"key": k, "name": v} for k, v in value.items()]
    return list(value)


def _findings_list(value: Any) -> Iterator[Any]:
    if value is not None:
        yield from coerce_findings(value)


def is_finding_set_data(data: object) -> bool:
    """Whether loaded data is a finding set: a mapping with ``findings`` or ``findings_table``."""
    return isinstance(data, Mapping) and ("findings" in data or TABLE_KEY in data)


def load_finding_set(path: str | Path, *, data: Any = None) -> FindingSet:
    """A finding set from a YAML/JSON file; a ``findings_table`` in it is read relative to the file."""
    path = Path(path)
    if data is None:
        data = load_data(path)
    if isinstance(data, Mapping) and TABLE_KEY in data:
        table, sheet = _table_ref(data[TABLE_KEY], path.parent)
        shell = {k: v for k, v in data.items() if k != TABLE_KEY}
        return load_table(table, shell, sheet=sheet, source=str(path))
    return FindingSet.from_data(data, source=str(path))
