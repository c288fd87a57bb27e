"""Read-only facts about a PDF (pypdf): version, pages, paper size, fonts and their embedding, text,
document information, XMP and the PDF/A declaration.

The layer under both PDF finishing (:mod:`thongbao.render.pdf`) and the PDF checks
(:mod:`thongbao.check.pdf`), so that checking does not depend on rendering.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from types import MappingProxyType
from typing import Final, Literal

from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject

__all__ = [
    "NSMAP",
    "NS_DC",
    "NS_PDF",
    "NS_PDFAID",
    "NS_RDF",
    "NS_X",
    "NS_XML",
    "NS_XMP",
    "FontFacts",
    "PageFacts",
    "PdfFacts",
    "catalog",
    "metadata_stream",
    "parse_pdf_date",
    "parse_xmp",
    "pdf_facts",
    "qname",
    "version_tuple",
    "xmp_pdfa",
]

MM_PER_PT: Final = 25.4 / 72.0

# XMP namespaces
NS_X: Final = "adobe:ns:meta/"
NS_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_DC: Final = "http://purl.org/dc/elements/1.1/"
NS_XMP: Final = "http://ns.adobe.com/xap/1.0/"
NS_PDF: Final = "http://ns.adobe.com/pdf/1.3/"
NS_PDFAID: Final = "http://www.aiim.org/pdfa/ns/id/"
NS_XML: Final = "http://www.w3.org/XML/1998/namespace"
NSMAP: Final = {"x": NS_X, "rdf": NS_RDF, "dc": NS_DC, "xmp": NS_XMP, "pdf": NS_PDF, "pdfaid": NS_PDFAID}


def qname(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


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


def parse_xmp(packet: bytes) -> etree._Element:
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(packet.strip(b"\x00 \t\r\n"), parser)
    return root


def xmp_pdfa(root: etree._Element) -> tuple[int, str] | None:
    """(part, conformance) from pdfaid, element or attribute form."""
    part: str | None = None
    conformance: str | None = None
    for desc in root.iter(qname(NS_RDF, "Description")):
        part = part or desc.get(qname(NS_PDFAID, "part"))
        conformance = conformance or desc.get(qname(NS_PDFAID, "conformance"))
        for child in desc:
            if child.tag == qname(NS_PDFAID, "part") and child.text:
                part = child.text.strip()
            elif child.tag == qname(NS_PDFAID, "conformance") and child.text:
                conformance = child.text.strip()
    if part is None or not part.isdigit():
        return None
    return int(part), (conformance or "").upper()


def version_tuple(header: str) -> tuple[int, int]:
    m = re.match(r"%PDF-(\d+)\.(\d+)", header)
    return (int(m.group(1)), int(m.group(2))) if m else (1, 3)


def catalog(reader: PdfReader) -> DictionaryObject:
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject):
        raise ValueError("the PDF has no document catalog")
    return root


def metadata_stream(reader: PdfReader) -> bytes | None:
    ref = catalog(reader).get("/Metadata")
    if ref is None:
        return None
    stream = ref.get_object()
    if not isinstance(stream, StreamObject):
        return None
    data: bytes = stream.get_data()
    return data



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
        return version_tuple(f"%PDF-{self.version}")

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
    prefixes = {ns: prefix for prefix, ns in NSMAP.items()}
    props: dict[str, str] = {}
    for desc in root.iter(qname(NS_RDF, "Description")):
        for attr, value in desc.attrib.items():
            qn = etree.QName(attr)
            if qn.namespace in prefixes and qn.namespace != NS_RDF:
                props.setdefault(f"{prefixes[qn.namespace]}:{qn.localname}", str(value))
        for child in desc:
            if not isinstance(child.tag, str):
                continue
            qn = etree.QName(child)
            key = f"{prefixes.get(qn.namespace or '', qn.namespace)}:{qn.localname}"
            li = child.find(f".//{qname(NS_RDF, 'li')}")
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
    catalog_version = catalog(reader).get("/Version")
    if catalog_version is not None:
        cv = _name(catalog_version)
        if version_tuple(f"%PDF-{cv}") > version_tuple(f"%PDF-{version}"):
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

    xmp_bytes = metadata_stream(reader)
    xmp_text: str | None = None
    pdf_a: tuple[int, str] | None = None
    props: dict[str, str] = {}
    if xmp_bytes:
        xmp_text = xmp_bytes.decode("utf-8", errors="replace")
        try:
            root = parse_xmp(xmp_bytes)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            pdf_a = xmp_pdfa(root)
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
