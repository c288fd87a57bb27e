"""PDF finishing with pypdf.

* :class:`PdfOptions` – what the LibreOffice PDF export filter is asked for
  (:mod:`thongbao.render.libreoffice` turns it into ``FilterData``).
* :func:`finish_pdf` – pure ``bytes -> bytes``: document information dictionary, XMP packet
  kept consistent with it (so a PDF/A-2b export still declares and satisfies PDF/A after
  finishing), header version >= 1.4, appendix PDFs merged after the main document.

Reading a PDF (:func:`thongbao.pdfinfo.pdf_facts`) is the layer below, shared with the checker.

Dates are always written in Vietnam time (UTC+07:00): ``D:YYYYMMDDHHmmSS+07'00'`` in the
information dictionary and ``YYYY-MM-DDTHH:MM:SS+07:00`` in XMP. A naive :class:`datetime`
is taken to be Vietnam local time already.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from io import BytesIO
from typing import ClassVar, Final

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    IndirectObject,
    NameObject,
    PdfObject,
)

from thongbao.pdfinfo import (
    NS_DC,
    NS_PDF,
    NS_RDF,
    NS_XML,
    NS_XMP,
    NSMAP,
    metadata_stream,
    parse_pdf_date,
    parse_xmp,
    qname,
    version_tuple,
    xmp_pdfa,
)

__all__ = [
    "VN_TZ",
    "PdfAWarning",
    "PdfMetadata",
    "PdfOptions",
    "finish_pdf",
    "format_pdf_date",
    "format_xmp_date",
]

VN_TZ: Final = timezone(timedelta(hours=7), "ICT")
"""Indochina Time, UTC+07:00 (Vietnam has no daylight saving time)."""


class PdfAWarning(UserWarning):
    """Finishing may have produced a file that does not conform to the PDF/A level it declares."""


# --------------------------------------------------------------------------------------------
# Options and metadata
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfOptions:
    """Options for the LibreOffice PDF export.

    ``pdf_a``: export PDF/A-2b (``SelectPdfVersion=2``). ``tagged``: tagged (structured) PDF.
    Fonts are always embedded (``EmbedStandardFonts=True``; LibreOffice embeds all other
    fonts anyway), hence :attr:`embed_fonts` is a constant, not a field.
    """

    pdf_a: bool = False
    tagged: bool = False

    embed_fonts: ClassVar[bool] = True

    def filter_data(self) -> dict[str, bool | int]:
        """``FilterData`` for LibreOffice's ``writer_pdf_Export`` filter."""
        return {
            # 0 = PDF 1.x (1.6 in LibreOffice 7.x), 1 = PDF/A-1b, 2 = PDF/A-2b, 3 = PDF/A-3b
            "SelectPdfVersion": 2 if self.pdf_a else 0,
            "UseTaggedPDF": self.tagged,
            "EmbedStandardFonts": True,
            "ExportNotes": False,
            "ExportBookmarks": True,
            "ExportFormFields": False,
            "UseLosslessCompression": False,
            "Quality": 90,
            "ReduceImageResolution": False,
        }

    def filter_options_json(self) -> str:
        """The same filter data in the JSON syntax of ``soffice --convert-to`` (LibreOffice >= 7.4)."""
        import json

        out: dict[str, dict[str, str]] = {}
        for key, value in self.filter_data().items():
            if isinstance(value, bool):
                out[key] = {"type": "boolean", "value": "true" if value else "false"}
            else:
                out[key] = {"type": "long", "value": str(value)}
        return json.dumps(out, separators=(",", ":"))


@dataclass(frozen=True)
class PdfMetadata:
    """Document information written by :func:`finish_pdf`.

    ``creation_date`` of ``None`` keeps the date already in the PDF (rewritten in +07:00);
    ``modification_date`` of ``None`` means "same as the creation date". ``producer`` of
    ``None`` keeps the producer already in the PDF (e.g. ``LibreOffice 7.4``).
    """

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    creation_date: datetime | None = None
    modification_date: datetime | None = None
    creator: str = "thongbao"
    producer: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.keywords, str):  # a classic mistake: keywords="a, b"
            raise TypeError("PdfMetadata.keywords must be a tuple of strings, not a str")
        object.__setattr__(self, "keywords", tuple(self.keywords))


def to_vn_time(value: datetime) -> datetime:
    """``value`` in UTC+07:00; a naive datetime is taken to be Vietnam local time."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=VN_TZ, microsecond=0)
    return value.astimezone(VN_TZ).replace(microsecond=0)


def format_pdf_date(value: datetime) -> str:
    """``D:YYYYMMDDHHmmSS+07'00'``."""
    return to_vn_time(value).strftime("D:%Y%m%d%H%M%S+07'00'")


def format_xmp_date(value: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS+07:00``."""
    return to_vn_time(value).strftime("%Y-%m-%dT%H:%M:%S+07:00")


# --------------------------------------------------------------------------------------------
# XMP
# --------------------------------------------------------------------------------------------


_XMP_TEMPLATE: Final = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
    " </rdf:RDF>\n"
    "</x:xmpmeta>\n"
    '<?xpacket end="w"?>'
)

# (namespace, local name) of every property finish_pdf owns; they are removed from every
# rdf:Description (element or attribute form) and written anew.
_MANAGED: Final = (
    (NS_DC, "title"),
    (NS_DC, "creator"),
    (NS_DC, "description"),
    (NS_DC, "subject"),
    (NS_DC, "format"),
    (NS_PDF, "Keywords"),
    (NS_PDF, "Producer"),
    (NS_XMP, "CreateDate"),
    (NS_XMP, "ModifyDate"),
    (NS_XMP, "MetadataDate"),
    (NS_XMP, "CreatorTool"),
)


def _find_rdf(root: etree._Element) -> etree._Element:
    if root.tag == qname(NS_RDF, "RDF"):
        return root
    rdf = root.find(f".//{qname(NS_RDF, 'RDF')}")
    if rdf is None:
        rdf = etree.SubElement(root, qname(NS_RDF, "RDF"), nsmap={"rdf": NS_RDF})
    return rdf


def _lang_alt(parent: etree._Element, tag: str, text: str) -> None:
    el = etree.SubElement(parent, tag)
    alt = etree.SubElement(el, qname(NS_RDF, "Alt"))
    li = etree.SubElement(alt, qname(NS_RDF, "li"))
    li.set(qname(NS_XML, "lang"), "x-default")
    li.text = text


def _container(parent: etree._Element, tag: str, kind: str, items: Sequence[str]) -> None:
    el = etree.SubElement(parent, tag)
    seq = etree.SubElement(el, qname(NS_RDF, kind))
    for item in items:
        li = etree.SubElement(seq, qname(NS_RDF, "li"))
        li.text = item


def _text(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text


def _update_xmp(packet: bytes | None, info: Mapping[str, str], meta: _ResolvedMeta) -> bytes:
    """Return an XMP packet whose properties match ``info`` (PDF/A-2 §6.6.2.3.1)."""
    root = parse_xmp(packet if packet else _XMP_TEMPLATE.encode())
    rdf = _find_rdf(root)
    managed = {qname(ns, local) for ns, local in _MANAGED}
    for desc in list(rdf.iter(qname(NS_RDF, "Description"))):
        for child in list(desc):
            if child.tag in managed:
                desc.remove(child)
        for attr in list(desc.attrib):
            if attr in managed:
                del desc.attrib[attr]
        if len(desc) == 0 and all(a == qname(NS_RDF, "about") for a in desc.attrib):
            rdf.remove(desc)

    def description(ns_prefix: str) -> etree._Element:
        return etree.SubElement(
            rdf,
            qname(NS_RDF, "Description"),
            {qname(NS_RDF, "about"): ""},
            nsmap={ns_prefix: NSMAP[ns_prefix]},
        )

    dc = description("dc")
    _text(dc, qname(NS_DC, "format"), "application/pdf")
    if "/Title" in info:
        _lang_alt(dc, qname(NS_DC, "title"), info["/Title"])
    if "/Author" in info:
        _container(dc, qname(NS_DC, "creator"), "Seq", [info["/Author"]])
    if "/Subject" in info:
        _lang_alt(dc, qname(NS_DC, "description"), info["/Subject"])
    if meta.keywords:
        _container(dc, qname(NS_DC, "subject"), "Bag", list(meta.keywords))

    xmp = description("xmp")
    if "/Creator" in info:
        _text(xmp, qname(NS_XMP, "CreatorTool"), info["/Creator"])
    if meta.created is not None:
        _text(xmp, qname(NS_XMP, "CreateDate"), format_xmp_date(meta.created))
    if meta.modified is not None:
        _text(xmp, qname(NS_XMP, "ModifyDate"), format_xmp_date(meta.modified))
        _text(xmp, qname(NS_XMP, "MetadataDate"), format_xmp_date(meta.modified))

    pdf = description("pdf")
    if "/Keywords" in info:
        _text(pdf, qname(NS_PDF, "Keywords"), info["/Keywords"])
    if "/Producer" in info:
        _text(pdf, qname(NS_PDF, "Producer"), info["/Producer"])

    for desc in (dc, xmp, pdf):
        if len(desc) == 0:
            rdf.remove(desc)
    etree.indent(root, space=" ")
    body = etree.tostring(root, encoding="utf-8")
    # Re-wrap in a fresh xpacket (writable, with padding for in-place editing by other tools).
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + body
        + b"\n"
        + (b" " * 99 + b"\n") * 20
        + b'<?xpacket end="w"?>'
    )


# --------------------------------------------------------------------------------------------
# finish_pdf
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ResolvedMeta:
    keywords: tuple[str, ...]
    created: datetime | None
    modified: datetime | None


def _read(pdf: bytes, what: str) -> PdfReader:
    if not pdf.lstrip()[:5] == b"%PDF-":
        raise ValueError(f"{what} is not a PDF (no %PDF- header)")
    reader = PdfReader(BytesIO(pdf))
    if reader.is_encrypted:
        raise ValueError(f"{what} is encrypted")
    return reader


def _info_str(reader: PdfReader, key: str) -> str | None:
    info = reader.metadata
    if info is None or key not in info:
        return None
    value: object = info[key]
    if isinstance(value, PdfObject):
        value = value.get_object()
    return str(value)


def finish_pdf(
    pdf: bytes,
    metadata: PdfMetadata,
    *,
    appendices: Sequence[bytes] = (),
    pdf_a: bool = False,
) -> bytes:
    """Set document information (and matching XMP), merge appendices, return the new PDF.

    Pure function: no I/O; the same inputs give the same bytes (the second file identifier is
    derived from the inputs, the first one kept).

    With ``pdf_a=True`` the main document must already declare PDF/A-2 (export it with
    ``PdfOptions(pdf_a=True)``), otherwise :class:`ValueError`; the declaration (pdfaid:part=2,
    conformance=B) is preserved. Appendices that do not themselves declare PDF/A raise a
    :class:`PdfAWarning`, since they may break conformance (fonts not embedded, transparency…).
    """
    reader = _read(pdf, "the main PDF")
    old_xmp = metadata_stream(reader)
    old_root = parse_xmp(old_xmp) if old_xmp else None
    declared = xmp_pdfa(old_root) if old_root is not None else None
    if pdf_a and (declared is None or declared[0] != 2):
        raise ValueError(
            "pdf_a=True but the PDF does not declare PDF/A-2 in its XMP metadata "
            f"(found {declared!r}); export it with PdfOptions(pdf_a=True)"
        )

    writer = PdfWriter(clone_from=reader)
    version = max(version_tuple(reader.pdf_header), (1, 4))
    for index, appendix in enumerate(appendices, start=1):
        app_reader = _read(appendix, f"appendix {index}")
        version = max(version, version_tuple(app_reader.pdf_header))
        if declared is not None:
            app_xmp = metadata_stream(app_reader)
            app_declared = xmp_pdfa(parse_xmp(app_xmp)) if app_xmp else None
            if app_declared is None:
                warnings.warn(
                    f"appendix {index} does not declare PDF/A; the merged file declares "
                    f"PDF/A-{declared[0]}{declared[1].lower()} but may not conform",
                    PdfAWarning,
                    stacklevel=2,
                )
        writer.append(app_reader, import_outline=True)
    if declared is not None and version > (1, 7):
        version = (1, 7)  # PDF/A-2 is based on ISO 32000-1 (PDF 1.7)
    writer.pdf_header = f"%PDF-{version[0]}.{version[1]}"

    # ---- document information dictionary
    created = metadata.creation_date
    if created is None:
        old = _info_str(reader, "/CreationDate")
        created = parse_pdf_date(old) if old else None
    modified = metadata.modification_date or created
    producer = metadata.producer
    if producer is None:
        producer = _info_str(reader, "/Producer") or "thongbao"
    info: dict[str, str] = {}
    if metadata.title:
        info["/Title"] = metadata.title
    if metadata.author:
        info["/Author"] = metadata.author
    if metadata.subject:
        info["/Subject"] = metadata.subject
    if metadata.keywords:
        info["/Keywords"] = ", ".join(metadata.keywords)
    if metadata.creator:
        info["/Creator"] = metadata.creator
    if producer:
        info["/Producer"] = producer
    if created is not None:
        info["/CreationDate"] = format_pdf_date(created)
    if modified is not None:
        info["/ModDate"] = format_pdf_date(modified)
    writer.metadata = None
    writer.add_metadata(info)

    # ---- XMP (always written: harmless for plain PDFs, required to match for PDF/A)
    resolved = _ResolvedMeta(tuple(metadata.keywords), created, modified)
    packet = _update_xmp(old_xmp, info, resolved)
    stream = DecodedStreamObject()
    stream.set_data(packet)  # unfiltered: PDF/A forbids /Filter on metadata streams
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    existing = writer.root_object.get("/Metadata")
    if isinstance(existing, IndirectObject) and existing.pdf is writer:
        # Replace the cloned stream in place so no orphan object is written.
        writer._objects[existing.idnum - 1] = stream
        stream.indirect_reference = existing
    else:
        writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)

    # ---- file identifier: keep the first, derive the second from the inputs (deterministic)
    digest = hashlib.md5(usedforsecurity=False)
    for chunk in (pdf, *appendices, repr(metadata).encode(), b"pdfa" if pdf_a else b""):
        digest.update(hashlib.sha256(chunk).digest())
    second = ByteStringObject(digest.digest())
    old_id = reader.trailer.get("/ID")
    first = (
        ByteStringObject(bytes(old_id[0].original_bytes))
        if isinstance(old_id, ArrayObject) and len(old_id) == 2 and hasattr(old_id[0], "original_bytes")
        else second
    )
    writer._ID = ArrayObject([first, second])

    out = BytesIO()
    writer.write(out)
    return out.getvalue()

