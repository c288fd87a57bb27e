"""XML layer: namespaces, qualified names and value parsers for WordprocessingML.

Everything here is a small pure function over lxml elements; the API objects above it never
touch namespace strings directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

NS: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}

_W = "{" + NS["w"] + "}"


def qn(name: str) -> str:
    """``"w:p"`` → ``"{http://…/main}p"``."""
    prefix, local = name.split(":", 1)
    return "{" + NS[prefix] + "}" + local


# Frequently used tags, precomputed (Clark notation).
class T:
    """Clark-notation tag constants."""

    document = qn("w:document")
    body = qn("w:body")
    p = qn("w:p")
    pPr = qn("w:pPr")
    r = qn("w:r")
    rPr = qn("w:rPr")
    t = qn("w:t")
    tab = qn("w:tab")
    ptab = qn("w:ptab")
    br = qn("w:br")
    cr = qn("w:cr")
    sym = qn("w:sym")
    noBreakHyphen = qn("w:noBreakHyphen")
    softHyphen = qn("w:softHyphen")
    delText = qn("w:delText")
    instrText = qn("w:instrText")
    delInstrText = qn("w:delInstrText")
    fldChar = qn("w:fldChar")
    fldSimple = qn("w:fldSimple")
    hyperlink = qn("w:hyperlink")
    smartTag = qn("w:smartTag")
    customXml = qn("w:customXml")
    sdt = qn("w:sdt")
    sdtContent = qn("w:sdtContent")
    ins = qn("w:ins")
    dele = qn("w:del")
    moveTo = qn("w:moveTo")
    moveFrom = qn("w:moveFrom")
    dir = qn("w:dir")
    bdo = qn("w:bdo")
    drawing = qn("w:drawing")
    pict = qn("w:pict")
    object = qn("w:object")
    footnoteReference = qn("w:footnoteReference")
    endnoteReference = qn("w:endnoteReference")
    footnote = qn("w:footnote")
    endnote = qn("w:endnote")
    txbxContent = qn("w:txbxContent")
    tbl = qn("w:tbl")
    tblPr = qn("w:tblPr")
    tblGrid = qn("w:tblGrid")
    gridCol = qn("w:gridCol")
    tr = qn("w:tr")
    trPr = qn("w:trPr")
    tc = qn("w:tc")
    tcPr = qn("w:tcPr")
    sectPr = qn("w:sectPr")
    pStyle = qn("w:pStyle")
    rStyle = qn("w:rStyle")
    tblStyle = qn("w:tblStyle")
    alternateContent = qn("mc:AlternateContent")
    choice = qn("mc:Choice")
    fallback = qn("mc:Fallback")
    hdr = qn("w:hdr")
    ftr = qn("w:ftr")


def local(tag: str) -> str:
    """Local part of a Clark-notation tag."""
    return tag.rsplit("}", 1)[-1]


def wattr(el: etree._Element, name: str) -> str | None:
    """A ``w:``-namespaced attribute (``wattr(el, "val")``)."""
    return el.get(_W + name)


_ON = frozenset({"1", "true", "on"})
_OFF = frozenset({"0", "false", "off", "none"})


def on_off(el: etree._Element) -> bool:
    """ST_OnOff: a bare element means on; ``w:val="0"/"false"/"off"`` means off."""
    val = el.get(_W + "val")
    if val is None:
        return True
    return val.strip().lower() not in _OFF


_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_UNIT_TWIPS = {"mm": 1440 / 25.4, "cm": 1440 / 2.54, "in": 1440.0, "pt": 20.0, "pc": 240.0, "pi": 240.0}


def twips(value: str | None) -> int | None:
    """A twips measure, accepting ISO 29500 universal measures (``"2.5cm"``)."""
    if value is None:
        return None
    m = _MEASURE.match(value)
    if not m:
        return None
    num = float(m.group(1))
    unit = m.group(2)
    return round(num * _UNIT_TWIPS[unit]) if unit else round(num)


def to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def half_points(value: str | None) -> float | None:
    """``w:sz`` (half-points, or a universal measure) → pt."""
    if value is None:
        return None
    m = _MEASURE.match(value)
    if not m:
        return None
    num = float(m.group(1))
    unit = m.group(2)
    return num * _UNIT_TWIPS[unit] / 20.0 if unit else num / 2.0


def twips_to_pt(value: float) -> float:
    return value / 20.0


def twips_to_mm(value: float) -> float:
    return value * 25.4 / 1440.0


def emu_to_pt(value: float) -> float:
    return value / 12700.0


_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


def hex_color(value: str | None) -> str | None:
    """Normalise a colour to upper-case ``RRGGBB``; ``auto`` stays ``"auto"``."""
    if value is None:
        return None
    v = value.strip()
    if v.lower() == "auto":
        return "auto"
    if v.startswith("#"):
        v = v[1:]
    return v.upper() if _HEX.match(v) else None


# ---------------------------------------------------------------------------------------------
# Markup compatibility
# ---------------------------------------------------------------------------------------------

_UNDERSTOOD = frozenset(
    NS[p] for p in ("w", "wps", "wpg", "wpc", "wp14", "w14", "w15", "a14", "a", "wp", "pic", "v", "o")
)


def choose_alternate(el: etree._Element) -> etree._Element | None:
    """The branch of an ``mc:AlternateContent`` to read: the first ``mc:Choice`` whose required
    namespaces are all understood, else ``mc:Fallback`` (``None`` when neither applies)."""
    fallback: etree._Element | None = None
    for child in el:
        if child.tag == T.choice:
            requires = (child.get("Requires") or "").split()
            nsmap = child.nsmap
            if all(nsmap.get(prefix) in _UNDERSTOOD for prefix in requires):
                return child
        elif child.tag == T.fallback:
            fallback = child
    return fallback


def children(el: etree._Element) -> Iterable[etree._Element]:
    """Children of ``el`` with ``mc:AlternateContent`` replaced by the chosen branch's children.

    Without markup compatibility elements (the usual case) this is ``el`` itself."""
    if el.find(_ALTERNATE) is None:
        return el
    return list(_expand(el))


def _expand(el: etree._Element) -> Iterator[etree._Element]:
    for child in el:
        if child.tag == _ALTERNATE:
            branch = choose_alternate(child)
            if branch is not None:
                yield from _expand(branch)
        else:
            yield child


_ALTERNATE = T.alternateContent
