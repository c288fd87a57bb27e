"""The small public API: load, render, check. Re-exported by ``thongbao``."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from thongbao.errors import ThongbaoError
from thongbao.findings import FindingSet, is_finding_set_data, load_finding_set, render_finding_set
from thongbao.models import AdministrativeDocument, load_data
from thongbao.models.types import Appendix, QuyetDinh, document_from_data
from thongbao.render.atomic import write_atomic
from thongbao.render.context import build_context
from thongbao.render.engine import TemplateEnvironment, default_environment

__all__ = ["layout_name", "load_document", "render_docx", "render_files"]


def load_document(path: str | Path) -> AdministrativeDocument:
    """Load a document data file (YAML or JSON); a thông báo comes back as :class:`Notice`.

    A finding set (a file with ``findings`` or ``findings_table``, see docs/findings.md) comes back
    as :class:`thongbao.findings.FindingSet`, which :func:`render_docx` renders through its layouts.
    """
    data: Any = load_data(path)
    if is_finding_set_data(data):
        return load_finding_set(path, data=data)
    # The model of the document's type (Notice, CongVan, QuyetDinh …; Appendix; copies).
    return document_from_data(data, source=str(path))


def layout_name(document: AdministrativeDocument) -> str:
    """The built-in layout of a document: its Phụ lục III sample, e.g. ``nd30/mau-1.4``.

    A quyết định with ``form: indirect`` is Mẫu 1.3; an appendix Mẫu 2.1 (2.2 when electronic). A
    copy uses the layout of its type: the copy elements (Mẫu 3.1, 3.2) belong to every layout.
    """
    if isinstance(document, Appendix):
        return "nd30/mau-2.2" if document.appendix.electronic else "nd30/mau-2.1"
    if isinstance(document, QuyetDinh) and document.form == "indirect":
        return "nd30/mau-1.3"
    return f"nd30/mau-{document.type_info.layout}"


def render_docx(
    document: AdministrativeDocument,
    *,
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
) -> bytes:
    """Render ``document`` to DOCX bytes. Pure: the same document and template give the same bytes."""
    if isinstance(document, FindingSet):
        return render_finding_set(document, layout=layout, environment=environment)
    env = environment or default_environment()
    return env.get_layout(layout or layout_name(document)).render(build_context(document))


def render_files(
    document: AdministrativeDocument,
    out_dir: str | Path,
    *,
    stem: str,
    formats: Collection[str] = ("docx",),
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
    pdf_a: bool = False,
) -> list[Path]:
    """Render to ``out_dir/<stem>.docx`` (and ``.pdf``), written atomically; returns the paths.

    Both are produced before anything is written, so a failure leaves no half-written output.
    """
    unknown = set(formats) - {"docx", "pdf"}
    if unknown:
        raise ThongbaoError(f"unknown output format(s): {', '.join(sorted(unknown))}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docx = render_docx(document, layout=layout, environment=environment)
    outputs: list[tuple[Path, bytes]] = []
    if "docx" in formats:
        outputs.append((out / f"{stem}.docx", docx))
    if "pdf" in formats:
        from thongbao.render.pdf_output import render_pdf

        outputs.append((out / f"{stem}.pdf", render_pdf(document, docx, pdf_a=pdf_a)))
    return [write_atomic(path, data) for path, data in outputs]
