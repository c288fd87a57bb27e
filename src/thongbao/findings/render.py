"""Render a finding set through the findings layouts (``templates/findings/``)."""

from __future__ import annotations

from thongbao.findings.context import build_findings_context
from thongbao.findings.filters import install
from thongbao.findings.model import FindingSet
from thongbao.render.engine import TemplateEnvironment, default_environment

__all__ = ["LAYOUTS", "layout_name", "render_finding_set"]

LAYOUTS = {"thong_bao": "findings/thong-bao", "bao_cao": "findings/bao-cao"}
"""The built-in findings layout of each document type."""


def layout_name(fs: FindingSet) -> str:
    """``findings/thong-bao`` or ``findings/bao-cao``."""
    return LAYOUTS[fs.document_type]


def render_finding_set(
    fs: FindingSet,
    *,
    document_type: str | None = None,
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
) -> bytes:
    """DOCX bytes of ``fs`` as its own type, or as ``document_type`` (``bao_cao``, ``Báo cáo``…).

    The findings filters are registered on the environment (the default one unless given) before
    the layout is compiled.
    """
    if document_type is not None:
        fs = fs.with_type(document_type)
    env = install(environment or default_environment())
    return env.get_layout(layout or layout_name(fs)).render(build_findings_context(fs))
