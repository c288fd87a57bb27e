"""Style sheet and Word's property resolution (kế thừa định dạng như Word).

Order of application, lowest first (ECMA-376 §17.7.2):

1. Word's built-in defaults (10 pt, Times New Roman, black, not bold …);
2. document defaults (``w:docDefaults`` ``rPrDefault``/``pPrDefault``);
3. the table style of the enclosing table (its ``basedOn`` chain);
4. paragraph numbering (``w:numPr`` → list level ``w:pPr``; paragraph properties only);
5. the paragraph style (its ``basedOn`` chain, ``w:rPr`` for runs);
6. the character style of the run (its ``basedOn`` chain);
7. direct formatting.

Within one ``basedOn`` chain the nearest definition wins. *Toggle properties* (``b``, ``i``,
``caps``, ``smallCaps``, ``strike``, ``dstrike``, ``vanish`` and the ``Cs`` variants, §17.7.3)
do not simply override across levels: each of levels 3, 5, 6 whose value is *on* flips the value
accumulated so far (``off`` leaves it); document defaults give the starting value and direct
formatting sets it absolutely.

Each style chain is flattened once (cached per style id) and each distinct combination of
(table style, paragraph style, character style, direct XML) is resolved once.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, cast

from lxml import etree

from thongbao.check.reader.oxml import (
    T,
    half_points,
    hex_color,
    local,
    on_off,
    qn,
    to_int,
    twips,
    wattr,
)
from thongbao.check.reader.props import (
    BUILTIN_FONT,
    BUILTIN_SIZE_PT,
    Alignment,
    Border,
    FontRef,
    Indent,
    ParagraphProps,
    RunFonts,
    RunProps,
    Spacing,
    TabStop,
)
from thongbao.check.reader.theme import Theme

__all__ = ["Style", "StyleSheet", "element_key", "parse_border", "parse_ppr", "parse_rpr"]

Partial = dict[str, Any]

TOGGLES = ("b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "vanish")
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def element_key(el: etree._Element, ignored: frozenset[str] = frozenset()) -> tuple[Any, ...]:
    """A hashable fingerprint of a property element's content (tags, attributes, nested), used
    as a cache key; cheaper than serialising, which repeats every namespace declaration."""
    out: list[Any] = []
    for child in el:
        tag = child.tag
        if tag in ignored:
            continue
        if len(child):
            out.append((tag, *child.items(), element_key(child)))
        else:
            out.append((tag, *child.items()))
    return tuple(out)


_PPR_IGNORED = frozenset({
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr",
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr",
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pPrChange",
})


# ---------------------------------------------------------------------------------------------
# Parsing property elements into partial dicts
# ---------------------------------------------------------------------------------------------


def parse_border(el: etree._Element) -> Border:
    style = wattr(el, "val") or "none"
    sz = to_int(wattr(el, "sz")) or 0
    space = to_int(wattr(el, "space")) or 0
    color = hex_color(wattr(el, "color"))
    return Border(style=style, width_pt=sz / 8.0, space_pt=float(space), color=color)


def parse_rpr(rpr: etree._Element | None) -> Partial:
    """Properties explicitly set in a ``w:rPr``, keyed by property name."""
    out: Partial = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W):]
        if name in TOGGLES or name in ("rtl", "cs", "webHidden"):
            out[name] = on_off(child)
        elif name == "sz" or name == "szCs":
            v = half_points(wattr(child, "val"))
            if v is not None:
                out[name] = v
        elif name == "rFonts":
            for slot in _FONT_SLOTS:
                plain = wattr(child, slot)
                theme = wattr(child, _THEME_ATTR[slot])
                if plain is not None or theme is not None:
                    out["font." + slot] = (plain, theme)
            hint = wattr(child, "hint")
            if hint is not None:
                out["font.hint"] = hint
        elif name == "color":
            out["color"] = (
                hex_color(wattr(child, "val")),
                wattr(child, "themeColor"),
                wattr(child, "themeTint"),
                wattr(child, "themeShade"),
            )
        elif name == "u":
            out["u"] = wattr(child, "val") or "single"
        elif name == "highlight":
            out["highlight"] = wattr(child, "val") or "none"
        elif name == "vertAlign":
            out["vertAlign"] = wattr(child, "val") or "baseline"
        elif name == "lang":
            val = wattr(child, "val")
            if val:
                out["lang"] = val
        elif name == "spacing":
            tw = twips(wattr(child, "val"))
            if tw is not None:
                out["spacing"] = tw
        elif name == "rStyle":
            val = wattr(child, "val")
            if val:
                out["rStyle"] = val
    return out


def _chars(value: str | None) -> float | None:
    n = to_int(value)
    return None if n is None else n / 100.0


def parse_ppr(ppr: etree._Element | None) -> Partial:
    """Properties explicitly set in a ``w:pPr`` (not its ``w:rPr``), keyed by property name."""
    out: Partial = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W):]
        if name == "jc":
            val = wattr(child, "val")
            if val:
                out["jc"] = val
        elif name == "ind":
            left = wattr(child, "start") or wattr(child, "left")
            right = wattr(child, "end") or wattr(child, "right")
            if left is not None:
                out["ind.left"] = twips(left) or 0
            if right is not None:
                out["ind.right"] = twips(right) or 0
            hanging = wattr(child, "hanging")
            first = wattr(child, "firstLine")
            if hanging is not None:
                out["ind.first"] = -(twips(hanging) or 0)
            elif first is not None:
                out["ind.first"] = twips(first) or 0
            lc = wattr(child, "startChars") or wattr(child, "leftChars")
            rc = wattr(child, "endChars") or wattr(child, "rightChars")
            if lc is not None:
                out["ind.leftChars"] = _chars(lc)
            if rc is not None:
                out["ind.rightChars"] = _chars(rc)
            hc = wattr(child, "hangingChars")
            fc = wattr(child, "firstLineChars")
            if hc is not None and (_chars(hc) or 0) != 0:
                out["ind.firstChars"] = -(_chars(hc) or 0.0)
            elif fc is not None:
                out["ind.firstChars"] = _chars(fc)
            elif hc is not None:
                out["ind.firstChars"] = 0.0
        elif name == "spacing":
            for attr in ("before", "after"):
                v = twips(wattr(child, attr))
                if v is not None:
                    out["sp." + attr] = v
                lines = wattr(child, attr + "Lines")
                if lines is not None:
                    out["sp." + attr + "Lines"] = _chars(lines)
                auto = wattr(child, attr + "Autospacing")
                if auto is not None:
                    out["sp." + attr + "Auto"] = auto.strip().lower() in ("1", "true", "on")
            line = to_int(wattr(child, "line"))
            if line is not None:
                out["sp.line"] = (line, wattr(child, "lineRule") or "auto")
        elif name in ("keepNext", "keepLines", "pageBreakBefore", "widowControl",
                      "contextualSpacing", "bidi"):
            out[name] = on_off(child)
        elif name == "outlineLvl":
            lvl = to_int(wattr(child, "val"))
            if lvl is not None:
                out["outlineLvl"] = lvl
        elif name == "numPr":
            for sub in child:
                if sub.tag == _W + "numId":
                    n = to_int(wattr(sub, "val"))
                    if n is not None:
                        out["numId"] = n
                elif sub.tag == _W + "ilvl":
                    n = to_int(wattr(sub, "val"))
                    if n is not None:
                        out["ilvl"] = n
        elif name == "pBdr":
            for side in child:
                if isinstance(side.tag, str):
                    out["bdr." + local(side.tag)] = parse_border(side)
        elif name == "tabs":
            ops: list[tuple[str, int, str | None]] = []
            for tab in child:
                pos = twips(wattr(tab, "pos"))
                if pos is not None:
                    ops.append((wattr(tab, "val") or "left", pos, wattr(tab, "leader")))
            out["tabs"] = tuple(ops)
        elif name == "framePr":
            out["framePr"] = True
        elif name == "shd":
            out["shd"] = hex_color(wattr(child, "fill"))
        elif name == "pStyle":
            val = wattr(child, "val")
            if val:
                out["pStyle"] = val
    return out


# ---------------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Style:
    """One ``w:style`` definition."""

    id: str
    type: str
    name: str
    based_on: str | None = None
    is_default: bool = False
    link: str | None = None
    rpr: Partial = field(default_factory=dict)
    ppr: Partial = field(default_factory=dict)
    element: etree._Element | None = field(default=None, repr=False)

    def tbl_pr(self) -> etree._Element | None:
        return None if self.element is None else self.element.find(qn("w:tblPr"))


_STYLE = qn("w:style")
_NAME = qn("w:name")
_BASED_ON = qn("w:basedOn")
_LINK = qn("w:link")
_W_BYTES = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TAG_END = frozenset({b" ", b"\t", b"\n", b"\r", b">", b"/"})
_ROOT_TAG = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?styles\b([^>]*)>")

_ALIGN: dict[str, Alignment] = {
    "left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
    "both": "justify", "distribute": "distribute", "thaiDistribute": "distribute",
    "lowKashida": "justify", "mediumKashida": "justify", "highKashida": "justify",
    "numTab": "left",
}


class StyleSheet:
    """``word/styles.xml`` with cached resolution of effective run and paragraph properties.

    Built from a parsed root, or (faster, :meth:`from_bytes`) from the part's bytes: then only
    the start tags of the ``w:style`` elements are scanned up front and each style is parsed the
    first time it is used. Word's and python-docx's style parts hold 150+ styles of which a
    document uses a handful, and parsing all of them would dominate the read time.
    """

    def __init__(self, root: etree._Element | None = None, theme: Theme | None = None) -> None:
        self.theme = theme or Theme()
        self.run_defaults: Partial = {}
        self.paragraph_defaults: Partial = {}
        self.default_paragraph_style: str | None = None
        self.default_character_style: str | None = None
        self.default_table_style: str | None = None
        self._types: dict[str, str] = {}
        self._pending: dict[str, etree._Element | bytes] = {}
        self._parsed: dict[str, Style] = {}
        self._wrap: tuple[bytes, bytes] = (b"", b"")
        self._chain_rpr: dict[tuple[str, str], Partial] = {}
        self._chain_ppr: dict[str, Partial] = {}
        self._run_cache: dict[tuple[Any, ...], RunProps] = {}
        self._para_cache: dict[tuple[Any, ...], ParagraphProps] = {}
        if root is not None:
            self._load(root)

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def from_bytes(cls, data: bytes, theme: Theme | None = None, name: str = "word/styles.xml") -> StyleSheet:
        """A style sheet from the raw part (checked like any XML: no DTD, Strict mapped)."""
        from thongbao.check.safety import parse_xml, prepare_xml

        data = prepare_xml(data, name)
        sheet = cls(None, theme)
        if not sheet._index(data, name):
            sheet._load(parse_xml(data, name, prepared=True))
        return sheet

    def _index(self, data: bytes, name: str) -> bool:
        """Scan style start tags; ``False`` when the markup is unusual (then parse it all)."""
        from thongbao.check.safety import parse_xml

        root = _ROOT_TAG.search(data, 0, 4096)
        if root is None or root.group(1) is None:
            return False
        prefix = root.group(1)
        decl = b'xmlns:' + prefix + b'="' + _W_BYTES + b'"'
        if decl not in root.group(0) and decl.replace(b'"', b"'") not in root.group(0):
            return False
        self._wrap = (b"<" + prefix + b":styles" + root.group(2) + b">", b"</" + prefix + b":styles>")
        close = b"</" + prefix + b":style>"
        px = re.escape(prefix)
        id_re = re.compile(rb"\b" + px + rb":styleId\s*=\s*([\"'])(.*?)\1")
        type_re = re.compile(rb"\b" + px + rb":type\s*=\s*([\"'])(.*?)\1")
        default_re = re.compile(rb"\b" + px + rb":default\s*=\s*([\"'])(1|true|on)\1", re.IGNORECASE)
        pos = root.end()
        dd_open = data.find(b"<" + prefix + b":docDefaults", pos)
        if dd_open != -1:
            dd_close = data.find(b"</" + prefix + b":docDefaults>", dd_open)
            if dd_close == -1:
                return False
            frag = data[dd_open:dd_close + len(prefix) + 15]
            wrapped = parse_xml(self._wrap[0] + frag + self._wrap[1], name, prepared=True)
            self._load_defaults(wrapped)
        open_tag = b"<" + prefix + b":style"
        skip = len(open_tag)
        find = data.find
        while True:
            i = find(open_tag, pos)
            if i == -1:
                break
            if data[i + skip:i + skip + 1] not in _TAG_END:
                pos = i + skip
                continue
            gt = find(b">", i)
            if gt == -1:
                return False
            tag = data[i:gt + 1]
            if tag.endswith(b"/>"):
                frag = tag
                pos = gt + 1
            else:
                end = find(close, gt)
                if end == -1:
                    return False
                pos = end + len(close)
                frag = data[i:pos]
            id_m = id_re.search(tag)
            if id_m is None:
                continue
            sid = id_m.group(2).decode("utf-8", "replace")
            if "&" in sid:
                sid = html.unescape(sid)
            if not sid or sid in self._types:
                continue
            type_m = type_re.search(tag)
            stype = type_m.group(2).decode("ascii", "replace") if type_m else "paragraph"
            self._types[sid] = stype
            self._pending[sid] = frag
            if default_re.search(tag):
                self._set_default(stype, sid)
        if self.default_paragraph_style is None and "Normal" in self._types:
            self.default_paragraph_style = "Normal"
        return True

    def _load_defaults(self, root: etree._Element) -> None:
        defaults = root.find(qn("w:docDefaults"))
        if defaults is not None:
            rd = defaults.find(qn("w:rPrDefault"))
            if rd is not None:
                self.run_defaults = parse_rpr(rd.find(T.rPr))
            pd = defaults.find(qn("w:pPrDefault"))
            if pd is not None:
                self.paragraph_defaults = parse_ppr(pd.find(T.pPr))

    def _set_default(self, stype: str, sid: str) -> None:
        if stype == "paragraph" and self.default_paragraph_style is None:
            self.default_paragraph_style = sid
        elif stype == "character" and self.default_character_style is None:
            self.default_character_style = sid
        elif stype == "table" and self.default_table_style is None:
            self.default_table_style = sid

    def _load(self, root: etree._Element) -> None:
        self._load_defaults(root)
        for el in root.iter(_STYLE):
            sid = wattr(el, "styleId")
            if not sid or sid in self._types:
                continue
            stype = wattr(el, "type") or "paragraph"
            self._types[sid] = stype
            self._pending[sid] = el
            if (wattr(el, "default") or "").lower() in ("1", "true", "on"):
                self._set_default(stype, sid)
        if self.default_paragraph_style is None and "Normal" in self._types:
            self.default_paragraph_style = "Normal"

    def _parse(self, sid: str) -> Style | None:
        source = self._pending.pop(sid, None)
        if source is None:
            return None
        if isinstance(source, bytes):
            from thongbao.check.safety import parse_xml

            wrapped = parse_xml(self._wrap[0] + source + self._wrap[1], "word/styles.xml", prepared=True)
            el = wrapped[0]
        else:
            el = source
        name_el = el.find(_NAME)
        based = el.find(_BASED_ON)
        link = el.find(_LINK)
        style = Style(
            id=sid,
            type=self._types[sid],
            name=(wattr(name_el, "val") if name_el is not None else None) or sid,
            based_on=wattr(based, "val") if based is not None else None,
            is_default=(wattr(el, "default") or "").lower() in ("1", "true", "on"),
            link=wattr(link, "val") if link is not None else None,
            rpr=parse_rpr(el.find(T.rPr)),
            ppr=parse_ppr(el.find(T.pPr)),
            element=el,
        )
        self._parsed[sid] = style
        return style

    # -- lookups ---------------------------------------------------------------------------------
    def get(self, style_id: str | None) -> Style | None:
        """The style with this id (parsed on first use), or ``None``."""
        if not style_id:
            return None
        style = self._parsed.get(style_id)
        if style is None and style_id in self._pending:
            style = self._parse(style_id)
        return style

    def type_of(self, style_id: str | None) -> str | None:
        return self._types.get(style_id) if style_id else None

    @property
    def styles(self) -> dict[str, Style]:
        """Every style by id (parses all of them)."""
        for sid in list(self._pending):
            self._parse(sid)
        return {sid: self._parsed[sid] for sid in self._types if sid in self._parsed}

    @property
    def by_name(self) -> dict[str, Style]:
        """Every style by lower-case name (parses all of them)."""
        out: dict[str, Style] = {}
        for style in self.styles.values():
            out.setdefault(style.name.lower(), style)
        return out

    def name_of(self, style_id: str | None) -> str | None:
        style = self.get(style_id)
        return style.name if style else None

    def paragraph_style_id(self, style_id: str | None) -> str | None:
        """The style a paragraph actually uses: unknown or absent ids fall back to the default."""
        if style_id and self._types.get(style_id) == "paragraph":
            return style_id
        return self.default_paragraph_style

    def table_style_id(self, style_id: str | None) -> str | None:
        if style_id and self._types.get(style_id) == "table":
            return style_id
        return self.default_table_style

    def chain(self, style_id: str | None) -> list[Style]:
        """The ``basedOn`` chain of a style, root first (cycles cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen:
            style = self.get(sid)
            if style is None:
                break
            seen.add(sid)
            out.append(style)
            sid = style.based_on
        out.reverse()
        return out

    def style_rpr(self, style_id: str | None, kind: str = "") -> Partial:
        """Run properties of a style with its ``basedOn`` chain flattened (nearest wins)."""
        if not style_id:
            return {}
        key = (style_id, kind)
        cached = self._chain_rpr.get(key)
        if cached is None:
            cached = {}
            for style in self.chain(style_id):
                cached.update(style.rpr)
            cached.pop("rStyle", None)
            self._chain_rpr[key] = cached
        return cached

    def style_ppr(self, style_id: str | None) -> Partial:
        if not style_id:
            return {}
        cached = self._chain_ppr.get(style_id)
        if cached is None:
            cached = {}
            for style in self.chain(style_id):
                cached.update(style.ppr)
            cached.pop("pStyle", None)
            self._chain_ppr[style_id] = cached
        return cached

    # -- run properties --------------------------------------------------------------------------
    def run_props(
        self,
        rpr: etree._Element | None,
        *,
        paragraph_style: str | None,
        table_style: str | None = None,
        char_style: str | None = None,
    ) -> RunProps:
        """Effective run properties for direct ``rpr`` in a paragraph of ``paragraph_style``.

        ``char_style`` overrides the ``w:rStyle`` inside ``rpr`` (used for paragraph marks).
        """
        direct_key = element_key(rpr) if rpr is not None and len(rpr) else ()
        key = (table_style, paragraph_style, char_style, direct_key)
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        direct = parse_rpr(rpr) if direct_key else {}
        cstyle = char_style or direct.pop("rStyle", None)
        if cstyle is not None and self._types.get(cstyle) != "character":
            cstyle = None
        levels: list[tuple[str, Partial]] = [("docDefaults", self.run_defaults)]
        if table_style:
            levels.append((f"table-style:{table_style}", self.style_rpr(table_style)))
        if paragraph_style:
            levels.append((f"style:{paragraph_style}", self.style_rpr(paragraph_style)))
        if cstyle:
            levels.append((f"char-style:{cstyle}", self.style_rpr(cstyle)))
        result = self._combine_run(levels, direct, cstyle)
        self._run_cache[key] = result
        return result

    def _combine_run(self, levels: list[tuple[str, Partial]], direct: Partial,
                     char_style: str | None) -> RunProps:
        values: Partial = {}
        sources: dict[str, str] = {}
        toggles = dict.fromkeys(TOGGLES, False)
        for level, partial in levels:
            for k, v in partial.items():
                if k in toggles:
                    if level == "docDefaults":
                        toggles[k] = bool(v)
                        sources[k] = level
                    elif v:
                        toggles[k] = not toggles[k]
                        sources[k] = level
                else:
                    values[k] = v
                    sources[k] = level
        for k, v in direct.items():
            if k in toggles:
                toggles[k] = bool(v)
            else:
                values[k] = v
            sources[k] = "direct"

        theme = self.theme
        fonts: dict[str, FontRef] = {}
        for slot in _FONT_SLOTS:
            spec = values.get("font." + slot)
            src = sources.get("font." + slot, "default")
            ref: FontRef | None = None
            if spec is not None:
                plain, theme_attr = spec
                if theme_attr:
                    resolved = theme.font(theme_attr)
                    if resolved:
                        ref = FontRef(resolved, theme_attr, src)
                if ref is None and plain:
                    ref = FontRef(plain, None, src)
            fonts[slot] = ref or FontRef(BUILTIN_FONT, None, "default")

        color = "000000"
        color_auto = True
        color_theme: str | None = None
        unresolved = False
        spec = values.get("color")
        if spec is not None:
            val, theme_color, tint, shade = spec
            if theme_color:
                color_theme = theme_color
                resolved = theme.color(theme_color, tint, shade)
                if resolved is not None:
                    color, color_auto = resolved, False
                else:
                    unresolved = True
                    if val and val != "auto":
                        color, color_auto = val, False
            elif val and val != "auto":
                color, color_auto = val, False

        size: float = values.get("sz", BUILTIN_SIZE_PT)
        size_cs: float = values.get("szCs", size if "sz" in values else BUILTIN_SIZE_PT)
        src_map = dict(sources)
        src_map.setdefault("size", sources.get("sz", "default"))
        for k in ("sz", "b", "i"):
            if k in src_map:
                src_map[{"sz": "size", "b": "bold", "i": "italic"}[k]] = src_map[k]
        underline = values.get("u")
        highlight = values.get("highlight")
        return RunProps(
            size_pt=float(size),
            size_cs_pt=float(size_cs),
            bold=toggles["b"],
            bold_cs=toggles["bCs"],
            italic=toggles["i"],
            italic_cs=toggles["iCs"],
            caps=toggles["caps"],
            small_caps=toggles["smallCaps"],
            strike=toggles["strike"],
            double_strike=toggles["dstrike"],
            hidden=toggles["vanish"],
            underline=None if underline in (None, "none") else underline,
            color=color,
            color_auto=color_auto,
            color_theme=color_theme,
            color_unresolved=unresolved,
            highlight=None if highlight in (None, "none") else highlight,
            vert_align=values.get("vertAlign", "baseline"),
            fonts=RunFonts(fonts["ascii"], fonts["hAnsi"], fonts["eastAsia"], fonts["cs"],
                           values.get("font.hint")),
            rtl=bool(values.get("rtl", False)),
            complex_script=bool(values.get("cs", False)),
            lang=values.get("lang"),
            spacing_pt=values.get("spacing", 0) / 20.0,
            style_id=char_style,
            sources=MappingProxyType(src_map),
        )

    # -- paragraph properties --------------------------------------------------------------------
    def paragraph_props(
        self,
        ppr: etree._Element | None,
        *,
        paragraph_style: str | None,
        table_style: str | None = None,
        numbering: Any = None,
    ) -> ParagraphProps:
        """Effective paragraph properties. ``numbering`` is a :class:`Numbering` (optional) used
        to apply the list level's indentation."""
        direct_key = element_key(ppr, _PPR_IGNORED) if ppr is not None and len(ppr) else ()
        key = (table_style, paragraph_style, direct_key, id(numbering))
        cached = self._para_cache.get(key)
        if cached is not None:
            return cached
        direct = parse_ppr(ppr) if direct_key else {}
        direct.pop("pStyle", None)
        style_partial = self.style_ppr(paragraph_style)
        levels: list[tuple[str, Partial]] = [("docDefaults", self.paragraph_defaults)]
        if table_style:
            levels.append((f"table-style:{table_style}", self.style_ppr(table_style)))
        # Numbering indentation: from a style's numPr it sits under the style's own values; from a
        # direct numPr it sits over them (Word's behaviour).
        num_id = direct.get("numId", style_partial.get("numId"))
        ilvl = direct.get("ilvl", style_partial.get("ilvl", 0))
        num_partial: Partial = {}
        if numbering is not None and num_id:
            num_partial = numbering.level_ppr(num_id, ilvl)
        if num_partial and "numId" not in direct:
            levels.append(("numbering", num_partial))
        if paragraph_style:
            levels.append((f"style:{paragraph_style}", style_partial))
        if num_partial and "numId" in direct:
            levels.append(("numbering", num_partial))
        levels.append(("direct", direct))
        values: Partial = {}
        sources: dict[str, str] = {}
        tab_ops: list[tuple[str, int, str | None]] = []
        for level, partial in levels:
            for k, v in partial.items():
                if k == "tabs":
                    tab_ops.extend(v)
                    continue
                values[k] = v
                sources[k] = level
        result = self._build_para(values, sources, tab_ops, paragraph_style)
        self._para_cache[key] = result
        return result

    @staticmethod
    def _build_para(values: Partial, sources: dict[str, str],
                    tab_ops: list[tuple[str, int, str | None]], style_id: str | None) -> ParagraphProps:
        def nz(v: Any) -> float | None:
            return None if v is None or v == 0 else float(v)

        indent = Indent(
            left=int(values.get("ind.left", 0)),
            right=int(values.get("ind.right", 0)),
            first_line=int(values.get("ind.first", 0)),
            left_chars=nz(values.get("ind.leftChars")),
            right_chars=nz(values.get("ind.rightChars")),
            first_line_chars=nz(values.get("ind.firstChars")),
        )
        line, rule = values.get("sp.line", (240, "auto"))
        if rule not in ("auto", "exact", "atLeast"):
            rule = "auto"
        spacing = Spacing(
            before=int(values.get("sp.before", 0)),
            after=int(values.get("sp.after", 0)),
            before_auto=bool(values.get("sp.beforeAuto", False)),
            after_auto=bool(values.get("sp.afterAuto", False)),
            before_lines=nz(values.get("sp.beforeLines")),
            after_lines=nz(values.get("sp.afterLines")),
            line=int(line),
            line_rule=cast(Literal["auto", "exact", "atLeast"], rule),
        )
        tabs: dict[int, TabStop] = {}
        for val, pos, leader in tab_ops:
            if val == "clear":
                tabs.pop(pos, None)
            else:
                tabs[pos] = TabStop(val, pos, leader)
        borders = {k[4:]: v for k, v in values.items() if k.startswith("bdr.")}
        num_id = values.get("numId")
        src = dict(sources)
        for short, long in (("jc", "alignment"), ("ind.first", "first_line"), ("ind.left", "left"),
                            ("sp.before", "before"), ("sp.after", "after"), ("sp.line", "line")):
            if short in src:
                src[long] = src[short]
        return ParagraphProps(
            alignment=_ALIGN.get(values.get("jc", "left"), "left"),
            indent=indent,
            spacing=spacing,
            keep_next=bool(values.get("keepNext", False)),
            keep_lines=bool(values.get("keepLines", False)),
            page_break_before=bool(values.get("pageBreakBefore", False)),
            widow_control=bool(values.get("widowControl", False)),
            contextual_spacing=bool(values.get("contextualSpacing", False)),
            bidi=bool(values.get("bidi", False)),
            outline_level=values.get("outlineLvl"),
            num_id=num_id if num_id else None,
            num_level=int(values.get("ilvl", 0)),
            borders=MappingProxyType(borders),
            tabs=tuple(sorted(tabs.values(), key=lambda t: t.position)),
            frame=bool(values.get("framePr", False)),
            shading=values.get("shd"),
            style_id=style_id,
            sources=MappingProxyType(src),
        )

