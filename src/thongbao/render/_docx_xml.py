"""Private DOCX package helpers for the engine: reading a template package, locating its parts,
post-processing rendered part XML, core properties and deterministic zip output."""

from __future__ import annotations

import html
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

__all__ = [
    "CORE_PART",
    "PackageData",
    "ZipEntry",
    "apply_table_widths",
    "ensure_block_content",
    "renumber_docpr",
    "set_core_properties",
    "text_excerpt",
    "write_zip",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"

RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
RT_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"

CORE_PART = "docProps/core.xml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
WIDTHS_PI = "thongbao-widths"

W_BODY = f"{{{W_NS}}}body"
W_SECTPR = f"{{{W_NS}}}sectPr"
W_P = f"{{{W_NS}}}p"
W_TBL = f"{{{W_NS}}}tbl"
W_TR = f"{{{W_NS}}}tr"
W_TC = f"{{{W_NS}}}tc"
W_TCPR = f"{{{W_NS}}}tcPr"
W_TCW = f"{{{W_NS}}}tcW"
W_TBLPR = f"{{{W_NS}}}tblPr"
W_TBLW = f"{{{W_NS}}}tblW"
W_TBLGRID = f"{{{W_NS}}}tblGrid"
W_GRIDCOL = f"{{{W_NS}}}gridCol"
W_SDT = f"{{{W_NS}}}sdt"
W_HDR = f"{{{W_NS}}}hdr"
W_FTR = f"{{{W_NS}}}ftr"
_W = f"{{{W_NS}}}"
_BLOCK_LEVEL = {W_P, W_TBL, W_SDT}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


def parse_xml(data: bytes | str) -> etree._Element:
    """Strict, non-resolving parse (raises ``etree.XMLSyntaxError``)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return etree.fromstring(raw, _PARSER)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(entries: Mapping[str, bytes], source: str) -> list[tuple[str, str]]:
    """(type, target part name) of the internal relationships of ``source`` ("" = the package)."""
    blob = entries.get(_rels_path(source) if source else "_rels/.rels")
    if blob is None:
        return []
    base = posixpath.dirname(source)
    out = []
    for rel in parse_xml(blob).iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.append((rel.get("Type", ""), name))
    return out


class PackageData:
    """The entries of a DOCX zip held in memory, with the parts the engine renders.

    Raises ``ValueError`` (with a reason) when the data is not a usable DOCX package.
    """

    def __init__(self, data: bytes) -> None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                self.entries: dict[str, bytes] = {info.filename: zf.read(info) for info in zf.infolist()}
        except zipfile.BadZipFile as exc:
            raise ValueError(f"not a DOCX (zip) file: {exc}") from None
        package_rels = _relationships(self.entries, "")
        mains = [name for kind, name in package_rels if kind == RT_OFFICE_DOCUMENT]
        if not mains or mains[0] not in self.entries:
            raise ValueError("no main document part (officeDocument relationship)")
        self.main_part: str = mains[0]
        others = sorted(
            name
            for kind, name in _relationships(self.entries, self.main_part)
            if kind in (RT_HEADER, RT_FOOTER) and name in self.entries
        )
        #: Parts rendered as templates: the main document part first, then headers and footers.
        self.template_parts: tuple[str, ...] = (self.main_part, *dict.fromkeys(others))
        cores = [name for kind, name in package_rels if kind == RT_CORE and name in self.entries]
        if cores:
            self.core_part = cores[0]
        else:
            self.core_part = CORE_PART
            self._add_core_part()

    def _add_core_part(self) -> None:
        """Give a package without core properties an empty ``docProps/core.xml``."""
        self.entries[CORE_PART] = etree.tostring(
            etree.Element(f"{{{CP_NS}}}coreProperties", nsmap={"cp": CP_NS, "dc": DC_NS}),
            xml_declaration=True,
            encoding="UTF-8",
            standalone=True,
        )
        types = parse_xml(self.entries["[Content_Types].xml"])
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=f"/{CORE_PART}", ContentType=CT_CORE)
        self.entries["[Content_Types].xml"] = etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        rels = parse_xml(self.entries["_rels/.rels"])
        ids = {r.get("Id") for r in rels}
        rid = next(f"rIdCore{i}" for i in range(1, 1000) if f"rIdCore{i}" not in ids)
        etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=RT_CORE, Target=CORE_PART)
        self.entries["_rels/.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)

    def part_xml(self, part: str) -> str:
        """The part's XML as one line (no declaration), the form ``DocxTemplate.patch_xml`` expects."""
        return etree.tostring(parse_xml(self.entries[part]), encoding="unicode")

    def body_xml(self) -> str:
        """``<w:body …>children</w:body>`` of the main part, without ``w:sectPr``.

        Raises ``ValueError`` if the body references package parts (``r:id``: images, links,
        embedded objects), which cannot follow the content into another package.
        """
        root = parse_xml(self.entries[self.main_part])
        body = root.find(W_BODY)
        if body is None:
            raise ValueError(f"{self.main_part} has no w:body")
        for sect in body.findall(W_SECTPR):
            body.remove(sect)
        for node in body.iter():
            if any(str(key).startswith(f"{{{R_NS}}}") for key in node.attrib):
                raise ValueError(
                    "a block may not reference package parts (images, hyperlinks, objects): "
                    f"<{etree.QName(node).localname}> has an r: attribute"
                )
        return etree.tostring(body, encoding="unicode")


def _remove_keep_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def apply_table_widths(root: etree._Element) -> None:
    """Apply ``<?thongbao-widths …?>`` markers (from the ``table_widths`` template global).

    The first marker inside a table sets its grid, cell and table widths (twips) when the count
    matches the rendered columns; every marker is removed.
    """
    markers = [pi for pi in root.iter(etree.PI) if getattr(pi, "target", None) == WIDTHS_PI]
    done: set[int] = set()
    for pi in markers:
        tbl = next(pi.iterancestors(W_TBL), None)
        if tbl is not None and id(tbl) not in done:
            done.add(id(tbl))
            widths = [int(v) for v in (pi.text or "").split()]
            _set_widths(tbl, widths)
        _remove_keep_tail(pi)


def _set_widths(tbl: etree._Element, widths: list[int]) -> None:
    grid = tbl.find(W_TBLGRID)
    if grid is None or not widths:
        return
    cols = grid.findall(W_GRIDCOL)
    if len(cols) != len(widths):
        return
    for col, width in zip(cols, widths, strict=True):
        col.set(f"{_W}w", str(width))
    for tr in tbl.findall(W_TR):
        cells = tr.findall(W_TC)
        if len(cells) != len(widths):
            continue
        for tc, width in zip(cells, widths, strict=True):
            tcpr = tc.find(W_TCPR)
            if tcpr is None:
                tcpr = etree.Element(W_TCPR)
                tc.insert(0, tcpr)
            tcw = tcpr.find(W_TCW)
            if tcw is None:
                tcw = etree.Element(W_TCW)
                tcpr.insert(0, tcw)
            tcw.set(f"{_W}w", str(width))
            tcw.set(f"{_W}type", "dxa")
    tblpr = tbl.find(W_TBLPR)
    tblw = tblpr.find(W_TBLW) if tblpr is not None else None
    if tblw is not None:
        tblw.set(f"{_W}w", str(sum(widths)))
        tblw.set(f"{_W}type", "dxa")


def ensure_block_content(root: etree._Element) -> None:
    """Word refuses a table cell that does not end with a paragraph, and an empty header/footer:
    loops and conditions that rendered nothing get an empty ``w:p``."""
    for tc in root.iter(W_TC):
        last = tc[len(tc) - 1] if len(tc) else None
        if last is None or last.tag != W_P:
            tc.append(etree.Element(W_P))
    if root.tag in (W_HDR, W_FTR) and not any(child.tag in _BLOCK_LEVEL for child in root):
        root.append(etree.Element(W_P))


def renumber_docpr(roots: Iterable[etree._Element]) -> None:
    """Unique ``wp:docPr/@id`` across the rendered parts (loops and includes duplicate drawings)."""
    next_id = 1
    for root in roots:
        for node in root.iter(f"{{{WP_NS}}}docPr"):
            node.set("id", str(next_id))
            next_id += 1


def set_core_properties(blob: bytes, values: Mapping[str, Any]) -> bytes:
    """``docProps/core.xml`` with title/author/subject/keywords replaced (text escaped by lxml)."""
    root = parse_xml(blob)
    nsmap = {k: v for k, v in root.nsmap.items() if k}
    nsmap.setdefault("cp", CP_NS)
    nsmap.setdefault("dc", DC_NS)
    for key, tag in (
        ("title", f"{{{DC_NS}}}title"),
        ("author", f"{{{DC_NS}}}creator"),
        ("subject", f"{{{DC_NS}}}subject"),
        ("keywords", f"{{{CP_NS}}}keywords"),
    ):
        if key not in values or values[key] is None:
            continue
        node = root.find(tag)
        if node is None:
            node = etree.SubElement(root, tag)
        node.text = str(values[key])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """One deflated zip member, ready to be written (static parts are deflated once per layout)."""

    name: bytes
    crc: int
    size: int
    data: bytes

    @classmethod
    def deflate(cls, name: str, payload: bytes) -> ZipEntry:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = packer.compress(payload) + packer.flush()
        return cls(name.encode("utf-8"), zlib.crc32(payload), len(payload), data)


_DOS_TIME = 0  # 00:00:00
_DOS_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]  # 1980-01-01


def write_zip(entries: Iterable[ZipEntry]) -> bytes:
    """A deflated zip of ``entries`` in order, with fixed dates: equal entries give equal bytes.

    A minimal writer (no zip64, no extra fields) so that unchanged parts are not re-compressed for
    every document; ``zipfile`` reads the result back.
    """
    out = bytearray()
    central = bytearray()
    count = 0
    for entry in entries:
        flags = 0 if entry.name.isascii() else 0x800  # UTF-8 names
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, _DOS_TIME, _DOS_DATE,
            entry.crc, len(entry.data), entry.size, len(entry.name), 0,
        )  # fmt: skip
        out += entry.name
        out += entry.data
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, _DOS_TIME, _DOS_DATE,
            entry.crc, len(entry.data), entry.size, len(entry.name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += entry.name
        count += 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


_BREAKS = re.compile(r"</w:p>|<w:br/>|<w:tab/>|</w:tc>")
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def text_excerpt(xml: str, limit: int = 240) -> str:
    """Readable text of an XML fragment (tags dropped, spaces collapsed), cut to ``limit``."""
    text = html.unescape(_TAGS.sub("", _BREAKS.sub(" ", xml)))
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
