"""PDF finishing and inspection with pypdf.

* :class:`PdfOptions` – what the LibreOffice PDF export filter is asked for
  (:mod:`thongbao.render.libreoffice` turns it into ``FilterData``).
* :func:`finish_pdf` – pure ``bytes -> bytes``: document information dictionary, XMP packet
  kept consistent with it (so a PDF/A-2b export still declares and satisfies PDF/A after
  finishing), header version >= 1.4, appendix PDFs merged after the main document.
* :func:`pdf_facts` – everything a checker needs to know about a PDF (version, pages, sizes,
  orientation, fonts and whether they are embedded, text, metadata, PDF/A declaration).

Dates are always written in Vietnam time (UTC+07:00): ``D:YYYYMMDDHHmmSS+07'00'`` in the
information dictionary and ``YYYY-MM-DDTHH:MM:SS+07:00`` in XMP. A naive :class:`datetime`
is taken to be Vietnam local time already.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from types import MappingProxyType
from typing import ClassVar, Final, Literal

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

__all__ = [
    "VN_TZ",
    "FontFacts",
    "PageFacts",
    "PdfAWarning",
    "PdfFacts",
    "PdfMetadata",
    "PdfOptions",
    "finish_pdf",
    "format_pdf_date",
    "format_xmp_date",
    "parse_pdf_date",
    "pdf_facts",
]

VN_TZ: Final = timezone(timedelta(hours=7), "ICT")
"""Indochina Time, UTC+07:00 (Vietnam has no daylight saving time)."""

MM_PER_PT: Final = 25.4 / 72.0

# XMP namespaces
NS_X: Final = "adobe:ns:meta/"
NS_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_DC: Final = "http://purl.org/dc/elements/1.1/"
NS_XMP: Final = "http://ns.adobe.com/xap/1.0/"
NS_PDF: Final = "http://ns.adobe.com/pdf/1.3/"
NS_PDFAID: Final = "http://www.aiim.org/pdfa/ns/id/"
NS_XML: Final = "http://www.w3.org/XML/1998/namespace"
_NSMAP: Final = {"x": NS_X, "rdf": NS_RDF, "dc": NS_DC, "xmp": NS_XMP, "pdf": NS_PDF, "pdfaid": NS_PDFAID}


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


_PDF_DATE_RE: Final = re.compile(
    r"^D:(?P<Y>\d{4})(?P<m>\d{2})?(?P<d>\d{2})?(?P<H>\d{2})?(?P<M>\d{2})?(?P<S>\d{2})?"
    r"(?:(?P<z>[Zz])'?|(?P<sign>[+-])(?P<oh>\d{2})'?(?P<om>\d{2})?'?)?\s*$"
)


def parse_pdf_date(text: str) -> datetime | None:
    """Parse a PDF date string (``D:YYYYMMDDHHmmSSOHH'mm'``); ``None`` if it isn't one.

    A date without a UTC offset is returned naive.
    """
    m = _PDF_DATE_RE.match(text.strip())
    if not m:
        return None

    def part(name: str, default: int) -> int:
        value = m.group(name)
        return int(value) if value else default

    tz: timezone | None = None
    if m.group("z"):
        tz = UTC
    elif m.group("sign"):
        delta = timedelta(hours=part("oh", 0), minutes=part("om", 0))
        tz = timezone(-delta if m.group("sign") == "-" else delta)
    try:
        return datetime(part("Y", 1), part("m", 1), part("d", 1), part("H", 0), part("M", 0), part("S", 0), tzinfo=tz)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# XMP
# --------------------------------------------------------------------------------------------


def _q(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


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


def _parse_xmp(packet: bytes) -> etree._Element:
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(packet.strip(b"\x00 \t\r\n"), parser)
    return root


def _find_rdf(root: etree._Element) -> etree._Element:
    if root.tag == _q(NS_RDF, "RDF"):
        return root
    rdf = root.find(f".//{_q(NS_RDF, 'RDF')}")
    if rdf is None:
        rdf = etree.SubElement(root, _q(NS_RDF, "RDF"), nsmap={"rdf": NS_RDF})
    return rdf


def _xmp_pdfa(root: etree._Element) -> tuple[int, str] | None:
    """(part, conformance) from pdfaid, element or attribute form."""
    part: str | None = None
    conformance: str | None = None
    for desc in root.iter(_q(NS_RDF, "Description")):
        part = part or desc.get(_q(NS_PDFAID, "part"))
        conformance = conformance or desc.get(_q(NS_PDFAID, "conformance"))
        for child in desc:
            if child.tag == _q(NS_PDFAID, "part") and child.text:
                part = child.text.strip()
            elif child.tag == _q(NS_PDFAID, "conformance") and child.text:
                conformance = child.text.strip()
    if part is None or not part.isdigit():
        return None
    return int(part), (conformance or "").upper()


def _lang_alt(parent: etree._Element, tag: str, text: str) -> None:
    el = etree.SubElement(parent, tag)
    alt = etree.SubElement(el, _q(NS_RDF, "Alt"))
    li = etree.SubElement(alt, _q(NS_RDF, "li"))
    li.set(_q(NS_XML, "lang"), "x-default")
    li.text = text


def _container(parent: etree._Element, tag: str, kind: str, items: Sequence[str]) -> None:
    el = etree.SubElement(parent, tag)
    seq = etree.SubElement(el, _q(NS_RDF, kind))
    for item in items:
        li = etree.SubElement(seq, _q(NS_RDF, "li"))
        li.text = item


def _text(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text


def _update_xmp(packet: bytes | None, info: Mapping[str, str], meta: _ResolvedMeta) -> bytes:
    """Return an XMP packet whose properties match ``info`` (PDF/A-2 §6.6.2.3.1)."""
    root = _parse_xmp(packet if packet else _XMP_TEMPLATE.encode())
    rdf = _find_rdf(root)
    managed = {_q(ns, local) for ns, local in _MANAGED}
    for desc in list(rdf.iter(_q(NS_RDF, "Description"))):
        for child in list(desc):
            if child.tag in managed:
                desc.remove(child)
        for attr in list(desc.attrib):
            if attr in managed:
                del desc.attrib[attr]
        if len(desc) == 0 and all(a == _q(NS_RDF, "about") for a in desc.attrib):
            rdf.remove(desc)

    def description(ns_prefix: str) -> etree._Element:
        return etree.SubElement(
            rdf,
            _q(NS_RDF, "Description"),
            {_q(NS_RDF, "about"): ""},
            nsmap={ns_prefix: _NSMAP[ns_prefix]},
        )

    dc = description("dc")
    _text(dc, _q(NS_DC, "format"), "application/pdf")
    if "/Title" in info:
        _lang_alt(dc, _q(NS_DC, "title"), info["/Title"])
    if "/Author" in info:
        _container(dc, _q(NS_DC, "creator"), "Seq", [info["/Author"]])
    if "/Subject" in info:
        _lang_alt(dc, _q(NS_DC, "description"), info["/Subject"])
    if meta.keywords:
        _container(dc, _q(NS_DC, "subject"), "Bag", list(meta.keywords))

    xmp = description("xmp")
    if "/Creator" in info:
        _text(xmp, _q(NS_XMP, "CreatorTool"), info["/Creator"])
    if meta.created is not None:
        _text(xmp, _q(NS_XMP, "CreateDate"), format_xmp_date(meta.created))
    if meta.modified is not None:
        _text(xmp, _q(NS_XMP, "ModifyDate"), format_xmp_date(meta.modified))
        _text(xmp, _q(NS_XMP, "MetadataDate"), format_xmp_date(meta.modified))

    pdf = description("pdf")
    if "/Keywords" in info:
        _text(pdf, _q(NS_PDF, "Keywords"), info["/Keywords"])
    if "/Producer" in info:
        _text(pdf, _q(NS_PDF, "Producer"), info["/Producer"])

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


def _version_tuple(header: str) -> tuple[int, int]:
    m = re.match(r"%PDF-(\d+)\.(\d+)", header)
    return (int(m.group(1)), int(m.group(2))) if m else (1, 3)


def _read(pdf: bytes, what: str) -> PdfReader:
    if not pdf.lstrip()[:5] == b"%PDF-":
        raise ValueError(f"{what} is not a PDF (no %PDF- header)")
    reader = PdfReader(BytesIO(pdf))
    if reader.is_encrypted:
        raise ValueError(f"{what} is encrypted")
    return reader


def _catalog(reader: PdfReader) -> DictionaryObject:
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject):
        raise ValueError("the PDF has no document catalog")
    return root


def _metadata_stream(reader: PdfReader) -> bytes | None:
    ref = _catalog(reader).get("/Metadata")
    if ref is None:
        return None
    stream = ref.get_object()
    if not isinstance(stream, StreamObject):
        return None
    data: bytes = stream.get_data()
    return data


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
    old_xmp = _metadata_stream(reader)
    old_root = _parse_xmp(old_xmp) if old_xmp else None
    declared = _xmp_pdfa(old_root) if old_root is not None else None
    if pdf_a and (declared is None or declared[0] != 2):
        raise ValueError(
            "pdf_a=True but the PDF does not declare PDF/A-2 in its XMP metadata "
            f"(found {declared!r}); export it with PdfOptions(pdf_a=True)"
        )

    writer = PdfWriter(clone_from=reader)
    version = max(_version_tuple(reader.pdf_header), (1, 4))
    for index, appendix in enumerate(appendices, start=1):
        app_reader = _read(appendix, f"appendix {index}")
        version = max(version, _version_tuple(app_reader.pdf_header))
        if declared is not None:
            app_xmp = _metadata_stream(app_reader)
            app_declared = _xmp_pdfa(_parse_xmp(app_xmp)) if app_xmp else None
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


# --------------------------------------------------------------------------------------------
# pdf_facts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontFacts:
    """A font resource used on a page."""

    name: str
    """Base font name without the subset prefix, e.g. ``LiberationSerif-Bold``."""
    base_font: str
    """The /BaseFont as written, e.g. ``BAAAAA+LiberationSerif-Bold``."""
    subtype: str
    """``TrueType``, ``Type0``, ``Type1``, ``Type3``, ``MMType1``…"""
    embedded: bool
    subset: bool
    font_file: str | None
    """``FontFile`` (Type 1), ``FontFile2`` (TrueType), ``FontFile3`` (CFF/OpenType), or None."""


@dataclass(frozen=True)
class PageFacts:
    number: int
    """1-based."""
    width_mm: float
    height_mm: float
    """As displayed: /MediaBox with /Rotate applied."""
    orientation: Literal["portrait", "landscape", "square"]
    rotation: int
    fonts: tuple[FontFacts, ...]
    text: str
    """``extract_text()``, NFC-normalised."""

    def is_size(self, width_mm: float, height_mm: float, tolerance_mm: float = 1.0) -> bool:
        """Same paper size in either orientation, within ``tolerance_mm``."""
        w, h = sorted((self.width_mm, self.height_mm))
        a, b = sorted((width_mm, height_mm))
        return abs(w - a) <= tolerance_mm and abs(h - b) <= tolerance_mm

    @property
    def is_a4(self) -> bool:
        return self.is_size(210.0, 297.0)


@dataclass(frozen=True)
class PdfFacts:
    version: str
    """From the header, e.g. ``1.6``; the catalog's /Version wins if higher."""
    page_count: int
    pages: tuple[PageFacts, ...]
    info: Mapping[str, str]
    """The raw document information dictionary (keys with the slash, e.g. ``/Title``)."""
    title: str | None
    author: str | None
    subject: str | None
    keywords: str | None
    creator: str | None
    producer: str | None
    creation_date_raw: str | None
    """As written, e.g. ``D:20230105083000+07'00'``."""
    creation_date: datetime | None
    modification_date_raw: str | None
    modification_date: datetime | None
    xmp: str | None
    pdf_a: tuple[int, str] | None
    """(part, conformance) declared in XMP, e.g. ``(2, "B")``; None if not declared."""
    encrypted: bool = False
    xmp_properties: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Simple XMP properties as ``prefix:Name`` -> text (first ``rdf:li`` for containers)."""

    @property
    def pdf_a_declared(self) -> bool:
        return self.pdf_a is not None

    @property
    def version_tuple(self) -> tuple[int, int]:
        return _version_tuple(f"%PDF-{self.version}")

    @property
    def fonts(self) -> tuple[FontFacts, ...]:
        """Distinct fonts over all pages (by base font, subtype and embedding)."""
        seen: dict[tuple[str, str, bool], FontFacts] = {}
        for page in self.pages:
            for font in page.fonts:
                seen.setdefault((font.base_font, font.subtype, font.embedded), font)
        return tuple(seen.values())

    @property
    def all_fonts_embedded(self) -> bool:
        return all(f.embedded for f in self.fonts)

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)


def _name(obj: object) -> str:
    text = str(obj)
    return text[1:] if text.startswith("/") else text


def _font_facts(font: DictionaryObject) -> FontFacts:
    subtype = _name(font.get("/Subtype", "/Unknown"))
    base_font = _name(font.get("/BaseFont", font.get("/Name", "")))
    descriptor_holder: DictionaryObject = font
    if subtype == "Type0":
        descendants = font.get("/DescendantFonts")
        if descendants is not None:
            descendants = descendants.get_object()
            if isinstance(descendants, ArrayObject) and descendants:
                descendant = descendants[0].get_object()
                if isinstance(descendant, DictionaryObject):
                    descriptor_holder = descendant
    font_file: str | None = None
    descriptor = descriptor_holder.get("/FontDescriptor")
    if descriptor is not None:
        descriptor = descriptor.get_object()
        if isinstance(descriptor, DictionaryObject):
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if descriptor.get(key) is not None:
                    font_file = key[1:]
                    break
    subset = bool(re.match(r"^[A-Z]{6}\+", base_font))
    return FontFacts(
        name=base_font[7:] if subset else base_font,
        base_font=base_font,
        subtype=subtype,
        embedded=font_file is not None or subtype == "Type3",
        subset=subset,
        font_file=font_file,
    )


def _iter_fonts(resources: object, seen: set[int]) -> Iterator[DictionaryObject]:
    """Fonts in a resource dictionary, recursing into form XObjects and tiling patterns."""
    if isinstance(resources, IndirectObject):
        if resources.idnum in seen:
            return
        seen.add(resources.idnum)
    res = resources.get_object() if isinstance(resources, PdfObject) else None
    if not isinstance(res, DictionaryObject):
        return
    fonts = res.get("/Font")
    fonts = fonts.get_object() if fonts is not None else None
    if isinstance(fonts, DictionaryObject):
        for ref in fonts.values():
            if isinstance(ref, IndirectObject):
                if ref.idnum in seen:
                    continue
                seen.add(ref.idnum)
            font = ref.get_object()
            if isinstance(font, DictionaryObject):
                yield font
    for key in ("/XObject", "/Pattern"):
        group = res.get(key)
        group = group.get_object() if group is not None else None
        if not isinstance(group, DictionaryObject):
            continue
        for ref in group.values():
            if isinstance(ref, IndirectObject):
                if ref.idnum in seen:
                    continue
                seen.add(ref.idnum)
            obj = ref.get_object()
            if isinstance(obj, DictionaryObject) and obj.get("/Resources") is not None:
                if key == "/XObject" and obj.get("/Subtype") != "/Form":
                    continue
                yield from _iter_fonts(obj["/Resources"], seen)


def _xmp_properties(root: etree._Element) -> dict[str, str]:
    prefixes = {ns: prefix for prefix, ns in _NSMAP.items()}
    props: dict[str, str] = {}
    for desc in root.iter(_q(NS_RDF, "Description")):
        for attr, value in desc.attrib.items():
            qn = etree.QName(attr)
            if qn.namespace in prefixes and qn.namespace != NS_RDF:
                props.setdefault(f"{prefixes[qn.namespace]}:{qn.localname}", str(value))
        for child in desc:
            if not isinstance(child.tag, str):
                continue
            qn = etree.QName(child)
            key = f"{prefixes.get(qn.namespace or '', qn.namespace)}:{qn.localname}"
            li = child.find(f".//{_q(NS_RDF, 'li')}")
            text = li.text if li is not None else child.text
            props.setdefault(key, (text or "").strip())
    return props


def pdf_facts(pdf: bytes) -> PdfFacts:
    """Inspect a PDF. Raises :class:`ValueError` if it is not a readable PDF."""
    if pdf.lstrip()[:5] != b"%PDF-":
        raise ValueError("not a PDF (no %PDF- header)")
    reader = PdfReader(BytesIO(pdf))
    encrypted = bool(reader.is_encrypted)
    if encrypted:
        reader.decrypt("")
    version = reader.pdf_header.removeprefix("%PDF-").strip()
    catalog_version = _catalog(reader).get("/Version")
    if catalog_version is not None:
        cv = _name(catalog_version)
        if _version_tuple(f"%PDF-{cv}") > _version_tuple(f"%PDF-{version}"):
            version = cv

    pages: list[PageFacts] = []
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        width_pt, height_pt = float(box.width), float(box.height)
        rotation = int(page.get("/Rotate", 0) or 0) % 360
        if rotation in (90, 270):
            width_pt, height_pt = height_pt, width_pt
        width_mm = round(abs(width_pt) * MM_PER_PT, 2)
        height_mm = round(abs(height_pt) * MM_PER_PT, 2)
        orientation: Literal["portrait", "landscape", "square"] = (
            "square" if abs(width_mm - height_mm) < 0.5 else ("portrait" if height_mm > width_mm else "landscape")
        )
        fonts = tuple(_font_facts(f) for f in _iter_fonts(page.get("/Resources"), set()))
        try:
            text = page.extract_text() or ""
        except Exception:  # pragma: no cover - pypdf text extraction is best effort
            text = ""
        pages.append(
            PageFacts(
                number=number,
                width_mm=width_mm,
                height_mm=height_mm,
                orientation=orientation,
                rotation=rotation,
                fonts=fonts,
                text=unicodedata.normalize("NFC", text),
            )
        )

    info: dict[str, str] = {}
    if reader.metadata is not None:
        for key, value in reader.metadata.items():
            obj = value.get_object() if isinstance(value, PdfObject) else value
            info[str(key)] = str(obj)

    xmp_bytes = _metadata_stream(reader)
    xmp_text: str | None = None
    pdf_a: tuple[int, str] | None = None
    props: dict[str, str] = {}
    if xmp_bytes:
        xmp_text = xmp_bytes.decode("utf-8", errors="replace")
        try:
            root = _parse_xmp(xmp_bytes)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            pdf_a = _xmp_pdfa(root)
            props = _xmp_properties(root)

    created_raw = info.get("/CreationDate")
    modified_raw = info.get("/ModDate")
    return PdfFacts(
        version=version,
        page_count=len(pages),
        pages=tuple(pages),
        info=MappingProxyType(info),
        title=info.get("/Title"),
        author=info.get("/Author"),
        subject=info.get("/Subject"),
        keywords=info.get("/Keywords"),
        creator=info.get("/Creator"),
        producer=info.get("/Producer"),
        creation_date_raw=created_raw,
        creation_date=parse_pdf_date(created_raw) if created_raw else None,
        modification_date_raw=modified_raw,
        modification_date=parse_pdf_date(modified_raw) if modified_raw else None,
        xmp=xmp_text,
        pdf_a=pdf_a,
        encrypted=encrypted,
        xmp_properties=MappingProxyType(props),
    )
