"""Document → PDF: the DOCX rendered by the engine, converted by a warm LibreOffice, finished by pypdf.

One converter is shared per process (started on first use, closed at exit), so a batch pays
LibreOffice's start-up once.
"""

from __future__ import annotations

import atexit
import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from thongbao.models import AdministrativeDocument
from thongbao.render.context import document_properties
from thongbao.render.libreoffice import LibreOfficeConverter
from thongbao.render.pdf import PdfMetadata, PdfOptions, finish_pdf

__all__ = ["pdf_metadata", "properties_metadata", "render_pdf", "shared_converter"]

VIETNAM = dt.timezone(dt.timedelta(hours=7))

_DOCX_MAGIC = b"PK\x03\x04"

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


def _issue_datetime(date: Any) -> dt.datetime | None:
    """Midnight +07:00 of an issue date (the first of the month or year when it is left blank)."""
    year = getattr(date, "year", None)
    if not isinstance(year, int):
        return None
    return dt.datetime(year, getattr(date, "month", None) or 1, getattr(date, "day", None) or 1, tzinfo=VIETNAM)


def pdf_metadata(document: AdministrativeDocument) -> PdfMetadata:
    """The PDF's document information, a pure function of ``document``: the words of its DOCX
    (:func:`thongbao.render.context.document_properties`).

    The creation date is the issue date (the first of the month or year in a draft), dated
    +07:00, so the same document always gives the same PDF.
    """
    created = _issue_datetime(document.date)
    words = document_properties(document)
    return PdfMetadata(
        title=words["title"],
        author=words["author"],
        subject=words["subject"],
        keywords=words["keywords"],
        creation_date=created,
        modification_date=created,
    )


def properties_metadata(properties: Mapping[str, Any], *, date: Any = None) -> PdfMetadata:
    """The PDF's document information from a template context's ``doc.properties`` (``title``,
    ``author``, ``subject``, ``keywords``: a list or a comma-separated string).

    For documents of a pack's own model, whose words its context builder chooses. ``date``
    (anything with ``year`` and optional ``month``/``day``, e.g. an ``IssueDate``) dates the PDF
    as :func:`pdf_metadata` does; without one the PDF keeps the date LibreOffice gave it.
    """
    raw = properties.get("keywords") or ()
    words = raw.split(",") if isinstance(raw, str) else [str(word) for word in raw]
    created = _issue_datetime(date)
    return PdfMetadata(
        title=str(properties.get("title") or ""),
        author=str(properties.get("author") or ""),
        subject=str(properties.get("subject") or ""),
        keywords=tuple(word.strip() for word in words if word.strip()),
        creation_date=created,
        modification_date=created,
    )


def render_pdf(
    document: AdministrativeDocument | None,
    docx: bytes,
    *,
    converter: LibreOfficeConverter | None = None,
    pdf_a: bool = False,
    appendices: Sequence[bytes] = (),
    metadata: PdfMetadata | None = None,
) -> bytes:
    """Convert the rendered ``docx`` of ``document`` and finish it (metadata, version, appendices).

    ``appendices`` are merged after the document, in order, each with its own page numbering: PDFs,
    or DOCX packages (a rendered Phụ lục), which are converted first with the same options.
    ``metadata`` replaces :func:`pdf_metadata` of ``document`` (which may then be ``None``).
    Raises :class:`~thongbao.render.libreoffice.LibreOfficeError` when LibreOffice is missing or
    fails.
    """
    if metadata is None:
        if document is None:
            raise ValueError("render_pdf needs the document or its metadata")
        metadata = pdf_metadata(document)
    options = PdfOptions(pdf_a=pdf_a)
    office = converter or shared_converter()
    pdf = office.convert(docx, pdf_options=options)
    merged = tuple(
        office.convert(data, pdf_options=options) if data.startswith(_DOCX_MAGIC) else data for data in appendices
    )
    return finish_pdf(pdf, metadata, appendices=merged, pdf_a=pdf_a)
