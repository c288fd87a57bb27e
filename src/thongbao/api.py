"""The small public API: load, render, check. Re-exported by ``thongbao``."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from thongbao.errors import ThongbaoError
from thongbao.models import AdministrativeDocument, Notice, load_data
from thongbao.render.atomic import write_atomic
from thongbao.render.context import build_context
from thongbao.render.engine import TemplateEnvironment, default_environment

__all__ = ["layout_name", "load_document", "render_docx", "render_files"]


def load_document(path: str | Path) -> AdministrativeDocument:
    """Load a document data file (YAML or JSON); a thông báo comes back as :class:`Notice`."""
    data: Any = load_data(path)
    model = AdministrativeDocument.from_data(data, source=str(path))
    if model.document_type == "thong_bao":
        return Notice.from_data(data, source=str(path))
    return model


def layout_name(document: AdministrativeDocument) -> str:
    """The built-in layout of a document's type: its Phụ lục III sample, e.g. ``nd30/mau-1.4``."""
    return f"nd30/mau-{document.type_info.layout}"


def render_docx(
    document: AdministrativeDocument,
    *,
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
) -> bytes:
    """Render ``document`` to DOCX bytes. Pure: the same document and template give the same bytes."""
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
) -> list[Path]:
    """Render to ``out_dir/<stem>.docx`` (and ``.pdf``), written atomically; returns the paths."""
    unknown = set(formats) - {"docx", "pdf"}
    if unknown:
        raise ThongbaoError(f"unknown output format(s): {', '.join(sorted(unknown))}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docx = render_docx(document, layout=layout, environment=environment)
    written: list[Path] = []
    if "docx" in formats:
        written.append(write_atomic(out / f"{stem}.docx", docx))
    if "pdf" in formats:
        from thongbao.render.pdf_output import render_pdf

        written.append(write_atomic(out / f"{stem}.pdf", render_pdf(document, docx)))
    return written
