"""Safe opening of untrusted DOCX files (mở tệp DOCX không tin cậy một cách an toàn).

Everything the checker reads goes through :func:`open_docx_package`. It rejects, fast and with a
bilingual message, whatever is not a plain WordprocessingML package, and it bounds time and
memory on hostile input:

* the input is read once into memory (at most :attr:`Limits.max_file_bytes`) and never written;
* the ZIP directory is checked before any entry is inflated: entry count, encryption, compression
  method, declared sizes (per entry and in total) and declared compression ratio;
* entries are inflated in chunks and the same limits are enforced again on the bytes actually
  produced, so a lying header cannot get past them;
* XML is parsed with entity resolution, DTD loading and network access off, without
  ``huge_tree``, and any ``<!DOCTYPE`` is refused outright (XXE, billion laughs).

Nothing is ever extracted to disk, so entry names (``../../etc/passwd`` …) are only looked up.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from lxml import etree

__all__ = [
    "MAIN_DOCUMENT_TYPES",
    "Limits",
    "Package",
    "Relationship",
    "UnreadableDocument",
    "open_docx_package",
    "parse_xml",
    "prepare_xml",
]

MiB = 1024 * 1024

#: Content types of a WordprocessingML main part (document, macro document, templates).
MAIN_DOCUMENT_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)

_OFFICE_DOCUMENT_RELS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

# ISO/IEC 29500 Strict uses other namespace URIs for the same vocabulary. They are mapped to the
# Transitional ones before parsing so the reader sees a single vocabulary.
_STRICT_TO_TRANSITIONAL: tuple[tuple[bytes, bytes], ...] = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/drawingml/main",
     b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/picture",
     b"http://schemas.openxmlformats.org/drawingml/2006/picture"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math",
     b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 64 * 1024


class UnreadableDocument(Exception):
    """The input cannot be read as a DOCX (tệp không đọc được dưới dạng DOCX).

    ``reason_en`` and ``reason_vi`` say why, in English and Vietnamese; ``code`` is a stable
    machine-readable key (``not-zip``, ``zip-bomb``, ``xml-doctype`` …).
    """

    def __init__(self, reason_en: str, reason_vi: str, *, code: str = "unreadable") -> None:
        super().__init__(f"{reason_en} / {reason_vi}")
        self.reason_en = reason_en
        self.reason_vi = reason_vi
        self.code = code

    def message(self, lang: str = "vi") -> str:
        """The reason in Vietnamese (default) or English."""
        return self.reason_vi if lang == "vi" else self.reason_en


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits applied to an untrusted package (giới hạn tài nguyên)."""

    #: Size of the DOCX file itself.
    max_file_bytes: int = 100 * MiB
    #: Number of ZIP entries.
    max_entries: int = 2000
    #: Uncompressed size of any one entry.
    max_part_bytes: int = 50 * MiB
    #: Uncompressed size of all entries together (declared), and of everything actually read.
    max_total_bytes: int = 200 * MiB
    #: Largest uncompressed/compressed ratio of an entry …
    max_ratio: float = 200.0
    #: … checked once the entry inflates past this many bytes (tiny entries legitimately reach
    #: high ratios and cannot hurt).
    ratio_min_bytes: int = 1 * MiB
    #: Uncompressed size of an XML part that is parsed. A parsed tree takes tens of times its
    #: size in memory; the document.xml of a 300-page report is a few MiB.
    max_xml_part_bytes: int = 16 * MiB
    #: Paragraphs in one part (about 1,000 pages), so that reading stays within seconds.
    max_paragraphs: int = 30_000


_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _vi_int(n: int) -> str:
    """``31.000``: Vietnamese groups thousands with a dot."""
    return f"{n:,}".replace(",", ".")


def _fmt_bytes(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} B"


# --------------------------------------------------------------------------------------------
# XML
# --------------------------------------------------------------------------------------------


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


_PARSER = _new_parser()

_DOCTYPE_NEEDLES = (
    b"<!DOCTYPE",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
    b"<!ENTITY",
    "<!ENTITY".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-be"),
)


def _declares(data: bytes, needle: bytes) -> bool:
    """Whether ``"<" + needle`` occurs. The needle starts with the rare ``!`` so the scan stays
    fast on markup full of ``<`` (escaped text such as ``&lt;!DOCTYPE`` does not count)."""
    i = data.find(needle)
    while i != -1:
        if i and data[i - 1] == 0x3C:  # "<"
            return True
        i = data.find(needle, i + 1)
    return False


def prepare_xml(data: bytes, name: str = "XML") -> bytes:
    """Refuse any DTD (``<!DOCTYPE``/``<!ENTITY``) and map ISO 29500 Strict namespaces to
    Transitional ones. Raises :class:`UnreadableDocument`."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        suspicious = any(needle in data for needle in _DOCTYPE_NEEDLES)
    else:
        suspicious = _declares(data, b"!DOCTYPE") or _declares(data, b"!ENTITY")
    if suspicious:
        raise UnreadableDocument(
            f"{name} contains a DOCTYPE/ENTITY declaration, which a DOCX never has "
            "(possible XXE or entity-expansion attack); refused.",
            f"{name} chứa khai báo DOCTYPE/ENTITY, điều mà tệp DOCX không bao giờ có "
            "(có thể là tấn công XXE hoặc bom thực thể); từ chối đọc.",
            code="xml-doctype",
        )
    if b"purl.oclc.org/ooxml" in data:
        for strict, transitional in _STRICT_TO_TRANSITIONAL:
            data = data.replace(strict, transitional)
    return data


def parse_xml(data: bytes, name: str = "XML", *, prepared: bool = False) -> etree._Element:
    """Parse untrusted XML bytes; refuse any DTD (``<!DOCTYPE``/``<!ENTITY``).

    ``prepared`` skips :func:`prepare_xml` for bytes that already went through it (or are
    slices of such bytes). Raises :class:`UnreadableDocument` for a DTD or malformed XML.
    """
    if not prepared:
        data = prepare_xml(data, name)
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(
            f"{name} is not well-formed XML ({exc.msg}).",
            f"{name} không phải XML hợp lệ ({exc.msg}).",
            code="xml-malformed",
        ) from None
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # belt and braces
        raise UnreadableDocument(
            f"{name} contains a DOCTYPE declaration; refused.",
            f"{name} chứa khai báo DOCTYPE; từ chối đọc.",
            code="xml-doctype",
        )
    return root


# --------------------------------------------------------------------------------------------
# Package
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship of a part: ``rId`` → type and resolved target part name."""

    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the type URI: ``styles``, ``header``, ``theme`` …"""
        return self.type.rsplit("/", 1)[-1]


def _norm_name(name: str) -> str:
    name = name.replace("\\", "/").lstrip("/")
    return posixpath.normpath(name) if name else name


class Package:
    """A checked, read-only OPC package. Parts are inflated and parsed on demand, and cached.

    Obtain one with :func:`open_docx_package`.
    """

    def __init__(self, zf: zipfile.ZipFile, limits: Limits, main_part: str,
                 content_types: dict[str, str], defaults: dict[str, str]) -> None:
        self._zf = zf
        self.limits = limits
        self.main_part = main_part
        self._overrides = content_types
        self._defaults = defaults
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in zf.infolist():
            self._infos.setdefault(_norm_name(info.filename).lower(), info)
        self._xml: dict[str, etree._Element | None] = {}
        self._rels: dict[str, dict[str, Relationship]] = {}
        self._read_total = 0

    # -- entries -----------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """Every entry name, as stored."""
        return [info.filename for info in self._zf.infolist()]

    def has(self, name: str) -> bool:
        return _norm_name(name).lower() in self._infos

    def content_type(self, name: str) -> str | None:
        """The content type of a part per ``[Content_Types].xml``."""
        key = "/" + _norm_name(name).lower()
        if key in self._overrides:
            return self._overrides[key]
        ext = key.rsplit(".", 1)[-1] if "." in key.rsplit("/", 1)[-1] else ""
        return self._defaults.get(ext)

    def read_bytes(self, name: str, *, max_bytes: int | None = None) -> bytes:
        """The inflated bytes of an entry, with every limit enforced while inflating (``max_bytes``:
        a lower cap than the per-part limit)."""
        info = self._infos.get(_norm_name(name).lower())
        if info is None:
            raise KeyError(name)
        limits = self.limits
        cap = limits.max_part_bytes if max_bytes is None else min(max_bytes, limits.max_part_bytes)
        if info.file_size > cap:
            raise _too_big(info.filename, info.file_size, cap)
        try:
            with self._zf.open(info) as fh:
                data = read_limited(
                    fh,
                    name=info.filename,
                    max_bytes=cap,
                    compressed_size=info.compress_size,
                    max_ratio=limits.max_ratio,
                    ratio_min_bytes=limits.ratio_min_bytes,
                    already_read=self._read_total,
                    max_total=limits.max_total_bytes,
                )
        except UnreadableDocument:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError) as exc:
            raise _corrupt(f"entry {info.filename!r}: {exc}") from None
        self._read_total += len(data)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """The parsed root element of an XML part, or ``None`` if the part does not exist."""
        key = _norm_name(name).lower()
        if key in self._xml:
            return self._xml[key]
        root = None
        if key in self._infos:
            root = parse_xml(self.read_bytes(name, max_bytes=self.limits.max_xml_part_bytes), name)
            paragraphs = sum(1 for _ in root.iter(_W_P))
            if paragraphs > self.limits.max_paragraphs:
                limit = self.limits.max_paragraphs
                raise UnreadableDocument(
                    f"Part {name!r} has {paragraphs:,} paragraphs; the limit is {limit:,}.",
                    f"Thành phần {name!r} có {_vi_int(paragraphs)} đoạn; giới hạn là {_vi_int(limit)}.",
                    code="too-large",
                )
        self._xml[key] = root
        return root

    # -- relationships -----------------------------------------------------------------------
    def rels(self, part: str) -> dict[str, Relationship]:
        """Relationships of ``part`` (``""`` for the package), by id; targets resolved."""
        part = _norm_name(part)
        if part in self._rels:
            return self._rels[part]
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels") if part else "_rels/.rels"
        result: dict[str, Relationship] = {}
        root = self.xml(rels_name) if self.has(rels_name) else None
        if root is not None:
            for rel in root.iter(f"{{{_RELS_NS}}}Relationship"):
                rid = rel.get("Id") or ""
                target = rel.get("Target") or ""
                external = (rel.get("TargetMode") or "").lower() == "external"
                if not external:
                    target = (
                        _norm_name(target) if target.startswith("/")
                        else _norm_name(posixpath.join(folder, target))
                    )
                result[rid] = Relationship(rid, rel.get("Type") or "", target, external)
        self._rels[part] = result
        return result

    def related(self, part: str, kind: str) -> list[str]:
        """Target part names of ``part``'s internal relationships of a kind (``styles`` …)."""
        return [r.target for r in self.rels(part).values() if r.kind == kind and not r.external]

    def iter_infos(self) -> Iterator[zipfile.ZipInfo]:
        return iter(self._zf.infolist())


def read_limited(
    stream: IO[bytes] | io.RawIOBase | io.BufferedIOBase,
    *,
    name: str,
    max_bytes: int,
    compressed_size: int,
    max_ratio: float,
    ratio_min_bytes: int,
    already_read: int = 0,
    max_total: int | None = None,
) -> bytes:
    """Read ``stream`` in chunks, stopping as soon as a limit is exceeded.

    The limits are checked on the bytes actually produced, not on what a header declares.
    """
    chunks: list[bytes] = []
    got = 0
    ratio_cap = max_ratio * max(compressed_size, 1)
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        got += len(chunk)
        if got > max_bytes:
            raise _too_big(name, got, max_bytes, during_read=True)
        if max_total is not None and already_read + got > max_total:
            raise _total_too_big(already_read + got, max_total)
        if got > ratio_min_bytes and got > ratio_cap:
            raise _bomb(name, got, compressed_size, max_ratio)
        chunks.append(chunk)
    return b"".join(chunks)


def _corrupt(detail: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"The file is damaged or truncated ({detail}).",
        f"Tệp bị hỏng hoặc không đầy đủ ({detail}).",
        code="corrupt",
    )


def _too_big(name: str, size: int, limit: int, *, during_read: bool = False) -> UnreadableDocument:
    how = "inflates to more than" if during_read else "declares"
    how_vi = "giải nén ra hơn" if during_read else "khai báo kích thước"
    return UnreadableDocument(
        f"Entry {name!r} {how} {_fmt_bytes(size)} uncompressed; the limit per part is "
        f"{_fmt_bytes(limit)}.",
        f"Thành phần {name!r} {how_vi} {_fmt_bytes(size)} khi giải nén; giới hạn mỗi thành phần là "
        f"{_fmt_bytes(limit)}.",
        code="too-large",
    )


def _total_too_big(size: int, limit: int) -> UnreadableDocument:
    return UnreadableDocument(
        f"The package inflates to more than {_fmt_bytes(limit)} in total "
        f"({_fmt_bytes(size)}); refused.",
        f"Tổng dung lượng giải nén của tệp vượt quá {_fmt_bytes(limit)} ({_fmt_bytes(size)}); từ chối đọc.",
        code="too-large",
    )


def _bomb(name: str, size: int, compressed: int, max_ratio: float) -> UnreadableDocument:
    ratio = size / max(compressed, 1)
    return UnreadableDocument(
        f"Entry {name!r} has a compression ratio of {ratio:.0f}:1 (limit {max_ratio:.0f}:1): "
        "this looks like a zip bomb; refused.",
        f"Thành phần {name!r} có tỉ lệ nén {ratio:.0f}:1 (giới hạn {max_ratio:.0f}:1): "
        "có dấu hiệu bom nén (zip bomb); từ chối đọc.",
        code="zip-bomb",
    )


def _not_docx(what_en: str, what_vi: str, code: str = "not-docx") -> UnreadableDocument:
    return UnreadableDocument(
        f"This is not a Word .docx document: {what_en}.",
        f"Đây không phải tệp Word .docx: {what_vi}.",
        code=code,
    )


def _read_source(source: Path | str | bytes | bytearray | memoryview | BinaryIO, limits: Limits) -> bytes:
    cap = limits.max_file_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | Path):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > cap:
                raise _file_too_big(size, cap)
            with path.open("rb") as fh:
                data = fh.read(cap + 1)
        except OSError as exc:
            raise UnreadableDocument(
                f"Cannot open the file: {exc.strerror or exc}.",
                f"Không mở được tệp: {exc.strerror or exc}.",
                code="io-error",
            ) from None
    else:
        data = source.read(cap + 1)
        if not isinstance(data, bytes):
            raise TypeError("the stream must be opened in binary mode")
    if len(data) > cap:
        raise _file_too_big(len(data), cap)
    return data


def _file_too_big(size: int, cap: int) -> UnreadableDocument:
    return UnreadableDocument(
        f"The file is {_fmt_bytes(size)}; the limit is {_fmt_bytes(cap)}.",
        f"Tệp có dung lượng {_fmt_bytes(size)}; giới hạn là {_fmt_bytes(cap)}.",
        code="too-large",
    )


def _sniff_non_zip(data: bytes) -> UnreadableDocument:
    head = data[:1024].lstrip()
    if not data:
        return UnreadableDocument(
            "The file is empty.", "Tệp rỗng (không có nội dung).", code="empty"
        )
    if data.startswith(_OLE_MAGIC):
        # A password-protected .docx is stored as an OLE compound file with these streams.
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            return UnreadableDocument(
                "The document is password-protected (encrypted); remove the password and save again.",
                "Văn bản được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu và lưu lại.",
                code="encrypted",
            )
        return _not_docx(
            "it is an old binary Word (.doc) or other OLE file; open it in Word and "
            "save as .docx",
            "đây là tệp Word cũ (.doc) hoặc tệp OLE khác; hãy mở bằng Word và lưu lại dạng .docx",
            code="legacy-doc",
        )
    if head.startswith(b"%PDF"):
        return _not_docx("it is a PDF file", "đây là tệp PDF", code="pdf")
    if head.startswith(b"{\\rtf"):
        return _not_docx("it is an RTF file; save it as .docx", "đây là tệp RTF; hãy lưu lại dạng .docx",
                         code="rtf")
    if head[:5].lower() in (b"<html", b"<!doc") or head.startswith(b"<?xml"):
        return _not_docx("it is an HTML/XML text file", "đây là tệp văn bản HTML/XML")
    if data.startswith(b"PK"):
        return _corrupt("the ZIP structure is damaged or the file is truncated")
    return _not_docx("it is not a ZIP package", "tệp không phải gói ZIP", code="not-zip")


def open_docx_package(
    source: Path | str | bytes | BinaryIO, *, limits: Limits | None = None
) -> Package:
    """Open an untrusted DOCX and check it (kiểm tra an toàn) before anything is inflated.

    ``source`` is a path, the file's bytes, or a binary stream (read from its current position;
    never written). Raises :class:`UnreadableDocument` with a bilingual reason.
    """
    limits = limits or Limits()
    data = _read_source(source, limits)
    if not data.startswith(b"PK"):
        raise _sniff_non_zip(data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError):
        raise _sniff_non_zip(data) from None

    if len(infos) > limits.max_entries:
        raise UnreadableDocument(
            f"The package has {len(infos)} entries; the limit is {limits.max_entries}.",
            f"Tệp có {len(infos)} thành phần; giới hạn là {limits.max_entries}.",
            code="too-many-entries",
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument(
                "The package is encrypted (password-protected ZIP entries).",
                "Tệp bị mã hóa (các thành phần ZIP có mật khẩu).",
                code="encrypted",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _corrupt(
                f"entry {info.filename!r} uses compression method {info.compress_type}, "
                "which DOCX does not use"
            )
        if info.file_size > limits.ratio_min_bytes and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise _bomb(info.filename, info.file_size, info.compress_size, limits.max_ratio)
        if info.file_size > limits.max_part_bytes:
            raise _too_big(info.filename, info.file_size, limits.max_part_bytes)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise _total_too_big(total, limits.max_total_bytes)

    names = {_norm_name(i.filename).lower(): i for i in infos}
    if "mimetype" in names and "content.xml" in names:
        raise _not_docx(
            "it is an OpenDocument (.odt) file; save it as .docx",
            "đây là tệp OpenDocument (.odt); hãy lưu lại dạng .docx",
            code="odt",
        )
    if "[content_types].xml" not in names:
        raise _not_docx("[Content_Types].xml is missing", "thiếu [Content_Types].xml")

    # Content types are needed to validate the main part; parsed with the same safe parser.
    probe = Package(zf, limits, "", {}, {})
    ct_root = probe.xml("[Content_Types].xml")
    overrides: dict[str, str] = {}
    defaults: dict[str, str] = {}
    if ct_root is not None:
        for el in ct_root:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag == f"{{{_CT_NS}}}Override":
                overrides["/" + _norm_name(el.get("PartName") or "").lower()] = (
                    el.get("ContentType") or ""
                ).strip()
            elif tag == f"{{{_CT_NS}}}Default":
                defaults[(el.get("Extension") or "").lower()] = (el.get("ContentType") or "").strip()

    main = ""
    for rel in probe.rels("").values():
        if rel.type in _OFFICE_DOCUMENT_RELS and not rel.external:
            main = rel.target
            break
    if not main:
        main = "word/document.xml"
    package = Package(zf, limits, main, overrides, defaults)
    package._xml.update(probe._xml)
    package._rels.update(probe._rels)
    package._read_total = probe._read_total

    if not package.has(main):
        if "xl/workbook.xml" in names:
            raise _not_docx("it is an Excel workbook (.xlsx)", "đây là bảng tính Excel (.xlsx)", code="xlsx")
        if "ppt/presentation.xml" in names:
            raise _not_docx("it is a PowerPoint file (.pptx)", "đây là tệp PowerPoint (.pptx)", code="pptx")
        raise _not_docx(f"the main part {main!r} is missing", f"thiếu phần nội dung chính {main!r}")
    ctype = package.content_type(main) or ""
    if ctype not in MAIN_DOCUMENT_TYPES:
        raise _not_docx(
            f"the main part {main!r} has content type {ctype or 'none'!r}, not a Word document",
            f"phần nội dung chính {main!r} có kiểu {ctype or 'không có'!r}, không phải văn bản Word",
        )
    return package
