"""Document → PDF: the DOCX rendered by the engine, converted by a warm LibreOffice, finished by pypdf.

One converter is shared per process (started on first use, closed at exit), so a batch pays
LibreOffice's start-up once.
"""

from __future__ import annotations

import atexit
import datetime as dt
import threading

from thongbao.models import AdministrativeDocument
from thongbao.render.libreoffice import LibreOfficeConverter
from thongbao.render.pdf import PdfMetadata, PdfOptions, finish_pdf
from thongbao.vietnamese import upper

__all__ = ["pdf_metadata", "render_pdf", "shared_converter"]

VIETNAM = dt.timezone(dt.timedelta(hours=7))

_lock = threading.Lock()
_converter: LibreOfficeConverter | None = None


def shared_converter() -> LibreOfficeConverter:
    """The process-wide warm converter (thread-safe; closed at interpreter exit)."""
    global _converter
    with _lock:
        if _converter is None or _converter.closed:
            converter = LibreOfficeConverter()
            converter.start()
            atexit.register(converter.close)
            _converter = converter
        return _converter


def pdf_metadata(document: AdministrativeDocument) -> PdfMetadata:
    """Title = trích yếu, Author = issuing agency, Subject = type and số/ký hiệu, dated +07:00.

    The creation date is the issue date (the first of the month or year in a draft), so the same
    document always gives the same PDF.
    """
    date = document.date
    created = dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=VIETNAM)
    number = document.number_line.removeprefix("Số:").strip()
    return PdfMetadata(
        title=document.summary,
        author=upper(document.issuer.name),
        subject=f"{document.type_info.title} {number}".strip(),
        keywords=tuple(document.keywords),
        creation_date=created,
        modification_date=created,
    )


def render_pdf(
    document: AdministrativeDocument,
    docx: bytes,
    *,
    converter: LibreOfficeConverter | None = None,
    pdf_a: bool = False,
    appendices: tuple[bytes, ...] = (),
) -> bytes:
    """Convert the rendered ``docx`` of ``document`` and finish it (metadata, version, appendices)."""
    options = PdfOptions(pdf_a=pdf_a)
    pdf = (converter or shared_converter()).convert(docx, pdf_options=options)
    return finish_pdf(pdf, pdf_metadata(document), appendices=appendices, pdf_a=pdf_a)
