"""Finding set → template context: the usual ``doc`` plus ``findings``, plain data only.

``findings`` (see docs/findings.md for the full contract)::

    issuer        str    the issuing agency as the text names it ("Sở Khoa học và Công nghệ")
    basis         list   {"cited": "Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của …", "summary": str}
    activity      dict | None   {"description", "preposition", "period": "18-27/4/2023" | "",
                                 "single_day": bool}
    units         list   {"key", "name"} of every unit concerned
    units_phrase, domain, request_to, closing      str ("" when not given)
    results, difficulties, causes, recommendations
                  dict   {"general": [text, …], "by_unit": [{"unit": name, "texts": [text, …]}, …]}
    table         dict | None   {"header": [label, …], "rows": [{"unit": name, "cells": [cell, …]}],
                                 "totals": [cell, …] | None, "widths": [twips, …]}
                  cell = {"value": int | Decimal | None, "format": "number" | "vnd" | "percent",
                          "decimals": int | None}; percent values are ratios (0.985 → 98,5%).

No wording is decided here: every connective phrase is in the templates.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thongbao.findings.filters import number, percent, vnd
from thongbao.findings.model import Category, FindingSet, Metric, Unit
from thongbao.fontmetrics import text_width_pt
from thongbao.render import geometry
from thongbao.render.context import build_context

__all__ = ["build_findings_context", "findings_context"]

# Least widths of the table's columns (twips): STT, a figure, the unit's name (Đơn vị).
_MIN_STT_TWIPS, _MIN_FIGURE_TWIPS, _MIN_UNIT_TWIPS = 600, 1000, 2400


def _texts(fs: FindingSet, category: Category) -> dict[str, Any]:
    by_unit = []
    for unit in fs.all_units:
        texts = [f.text for f in fs.findings_of(category, unit)]
        if texts:
            by_unit.append({"unit": unit.name, "texts": texts})
    return {"general": [f.text for f in fs.findings_of(category)], "by_unit": by_unit}


def _plain(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def _figure(fs: FindingSet, unit: Unit, metric: Metric) -> Decimal | None:
    for name, value in unit.figures.items():
        found = fs.find_metric(name)
        if found is not None and found.key == metric.key:
            return value
    return None


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _cell(metric: Metric, value: Decimal | None) -> dict[str, Any]:
    return {"value": None if value is None else _plain(value), "format": metric.format, "decimals": metric.decimals}


def _table(fs: FindingSet) -> dict[str, Any] | None:
    metrics = fs.all_metrics
    units = [u for u in fs.all_units if u.figures]
    if not metrics or not units:
        return None
    grid: list[list[dict[str, Any]]] = []
    totals: list[dict[str, Any]] = []
    for unit in units:
        cells: list[dict[str, Any]] = []
        for metric in metrics:
            if metric.ratio_of is not None:
                num, den = (fs.find_metric(k) for k in metric.ratio_of)
                assert num is not None and den is not None
                value = _ratio(_figure(fs, unit, num), _figure(fs, unit, den))
            else:
                value = _figure(fs, unit, metric)
                if value is not None and metric.format == "percent":
                    value = value / 100
            cells.append(_cell(metric, value))
        grid.append(cells)
    for metric in metrics:
        total: Decimal | None = None
        if metric.totalled:
            if metric.ratio_of is not None:
                num, den = (fs.find_metric(k) for k in metric.ratio_of)
                assert num is not None and den is not None
                pairs = [(_figure(fs, u, num), _figure(fs, u, den)) for u in units]
                complete = [(a, b) for a, b in pairs if a is not None and b is not None]
                if complete:
                    total = _ratio(sum((a for a, _ in complete), Decimal(0)), sum((b for _, b in complete), Decimal(0)))
            else:
                given = [v for v in (_figure(fs, u, metric) for u in units) if v is not None]
                if given:
                    total = sum(given, Decimal(0))
        totals.append(_cell(metric, total))
    shown_totals = totals if len(grid) > 1 and any(m.totalled for m in metrics) else None
    names = [u.name for u in units]
    return {
        "header": [m.label for m in metrics],
        "rows": [{"unit": name, "cells": cells} for name, cells in zip(names, grid, strict=True)],
        "totals": shown_totals,
        "widths": _widths(metrics, names, grid, shown_totals),
    }


def _shown(cell: dict[str, Any]) -> str:
    """Roughly the text a template prints for a cell (only to size the columns)."""
    value = cell["value"]
    if value is None:
        return "-"
    if cell["format"] == "vnd":
        return vnd(value, suffix=False)
    if cell["format"] == "percent":
        return percent(value, cell["decimals"])
    return number(value, cell["decimals"])


def _twips(text: str, *, bold: bool = False) -> int:
    """Width of a cell holding ``text`` on one line (cell margins included)."""
    return (
        round(text_width_pt(text, geometry.TABLE_TEXT_PT, bold=bold) * 20) + 2 * geometry.TABLE_CELL_MARGIN_TWIPS + 40
    )


def _widest_word(text: str, *, bold: bool = False) -> int:
    return max((_twips(w, bold=bold) for w in text.split()), default=0)


def _widths(
    metrics: tuple[Metric, ...],
    unit_names: list[str],
    rows: list[list[dict[str, Any]]],
    totals: list[dict[str, Any]] | None,
) -> list[int]:
    """Column widths (twips): STT, figures as wide as their widest value, the unit column the rest."""
    full = geometry.BODY_TABLE_TWIPS
    stt = max(_twips("STT", bold=True), _MIN_STT_TWIPS)
    figures = []
    for i, metric in enumerate(metrics):
        need = max(_twips(_shown(cells[i])) for cells in rows)
        if totals is not None:
            need = max(need, _twips(_shown(totals[i]), bold=True))
        figures.append(max(need, _widest_word(metric.label, bold=True), _MIN_FIGURE_TWIPS))
    room = full - stt - _MIN_UNIT_TWIPS
    if sum(figures) > room:  # too many columns: figures shrink (and wrap) alike
        figures = [w * room // sum(figures) for w in figures]
    else:  # the unit names on one line if they fit, then what is left shared by all columns
        unit = min(max(_MIN_UNIT_TWIPS, *(_twips(name) for name in unit_names)), full - stt - sum(figures))
        share = (full - stt - unit - sum(figures)) // (len(figures) + 1)
        figures = [w + share for w in figures]
    return [stt, full - stt - sum(figures), *figures]


def findings_context(fs: FindingSet) -> dict[str, Any]:
    """The ``findings`` part of the context (plain data; texts exactly as given)."""
    activity = fs.activity
    return {
        "issuer": fs.issuer.name,
        "basis": [{"cited": r.cited, "summary": r.summary or ""} for r in fs.basis],
        "activity": None
        if activity is None
        else {
            "description": activity.description,
            "preposition": activity.preposition,
            "period": activity.period or "",
            "single_day": activity.single_day,
        },
        "units": [{"key": u.key, "name": u.name} for u in fs.all_units],
        "units_phrase": fs.units_phrase or "",
        "domain": fs.domain or "",
        "request_to": fs.request_to or "",
        "closing": fs.closing or "",
        "results": _texts(fs, Category.RESULTS),
        "difficulties": _texts(fs, Category.DIFFICULTIES),
        "causes": _texts(fs, Category.CAUSES),
        "recommendations": _texts(fs, Category.RECOMMENDATIONS),
        "table": _table(fs),
    }


def build_findings_context(fs: FindingSet) -> dict[str, Any]:
    """``{"doc": …, "findings": …}``: the document shell's context and the findings."""
    context = build_context(fs)
    context["findings"] = findings_context(fs)
    return context
