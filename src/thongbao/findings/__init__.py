"""Findings → documents: a :class:`FindingSet` (results of làm việc, kiểm tra… by category,
optionally per unit and with figures) rendered as a THÔNG BÁO or a BÁO CÁO through templates.

    from thongbao.findings import load_finding_set, render_finding_set, split_by_unit

    fs = load_finding_set("examples/findings/inspection-2026.yaml")   # YAML/JSON, maybe + CSV/XLSX
    notice = render_finding_set(fs)                                   # DOCX bytes (THÔNG BÁO)
    report = render_finding_set(fs, document_type="bao_cao")          # the same as a BÁO CÁO
    per_unit = [render_finding_set(one) for one in split_by_unit(fs)]

See docs/findings.md for the data, the table columns and the template context.
"""

from thongbao.findings.context import build_findings_context, findings_context
from thongbao.findings.figures import FigureError, parse_figure
from thongbao.findings.filters import FILTERS, install
from thongbao.findings.model import (
    CATEGORY_LABELS,
    Activity,
    Category,
    Finding,
    FindingSet,
    Metric,
    Reference,
    Unit,
    parse_category,
)
from thongbao.findings.render import LAYOUTS, layout_name, render_finding_set
from thongbao.findings.split import split_by_unit
from thongbao.findings.tables import is_finding_set_data, load_finding_set, load_table, read_table

__all__ = [
    "CATEGORY_LABELS",
    "FILTERS",
    "LAYOUTS",
    "Activity",
    "Category",
    "FigureError",
    "Finding",
    "FindingSet",
    "Metric",
    "Reference",
    "Unit",
    "build_findings_context",
    "findings_context",
    "install",
    "is_finding_set_data",
    "layout_name",
    "load_finding_set",
    "load_table",
    "parse_category",
    "parse_figure",
    "read_table",
    "render_finding_set",
    "split_by_unit",
]
