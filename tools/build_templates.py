"""Generate the built-in template pack (``templates/nd30/…``) from the ND30 rule data.

    python tools/build_templates.py [OUT_DIR]        # default: <repo>/templates

Every size, style, text and page value comes from :data:`thongbao.rules.ND30` (the default size
profile) and :mod:`thongbao.render.geometry`; change a rule in ``rules/nd30.toml``, rebuild, commit.
The output is deterministic (fixed zip timestamps, no creation dates), so an unchanged rule set
rebuilds byte-identical files; ``tests/render/test_templates.py`` checks that the committed pack is
up to date.

Files written (see docs/architecture.md for the context they render):

- ``nd30/blocks/<name>.docx`` for each of :data:`BLOCKS`: reusable blocks; the engine includes the
  children of their ``w:body`` (minus ``w:sectPr``). Each is a complete document that opens in
  Word, with the same styles as the layouts.
- ``nd30/mau-1.4.docx``: the Mẫu 1.4 layout (văn bản có tên loại), the root of every other
  layout: page setup, headers/footers and ``{% block %}``-wrapped includes of :data:`ROOT_BLOCKS`.
- ``nd30/mau-<n>.docx`` for the other samples of Phụ lục III (:data:`LAYOUTS`): each extends
  Mẫu 1.4 (2.2 extends 2.1) and overrides only the blocks its sample changes (:func:`child_layout`).

Jinja tags are only ever put in text runs (never in attribute values), so every file is valid XML.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from thongbao.fontmetrics import text_width_pt
from thongbao.render import geometry as g
from thongbao.rules import ND30

__all__ = ["BLOCKS", "LAYOUTS", "ROOT_BLOCKS", "STYLES", "build", "child_layout", "main", "outputs"]

REPO = Path(__file__).resolve().parents[1]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W_NS}
FONT = ND30.font_family
COLOR = ND30.font_color
PROFILE = g.PROFILE
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_THEME_COLOR_ATTRS = ("themeColor", "themeShade", "themeTint")
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def el(tag: str, attrs: dict[str, Any] | None = None, *children: etree._Element | None) -> etree._Element:
    """A ``w:`` element with ``w:``-qualified attributes (values stringified) and children."""
    node = etree.Element(w(tag), nsmap=NSMAP)
    for key, value in (attrs or {}).items():
        node.set(w(key), str(value))
    for child in children:
        if child is not None:
            node.append(child)
    return node


# ---------------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParaStyle:
    """An ``ND30 …`` paragraph style; sizes in pt, spacing and indents in twips."""

    name: str
    size: float
    bold: bool
    italic: bool
    align: str
    before: int = 0
    after: int = 0
    first_line: int = 0
    keep_next: bool = False
    outline: int | None = None
    border: str | None = None  # "top" (ô 13) or "box" (marks)

    @property
    def style_id(self) -> str:
        return self.name.replace(" ", "")


def _element_style(name: str, key: str, **extra: Any) -> ParaStyle:
    element = ND30.elements[key]
    values: dict[str, Any] = {
        "size": PROFILE[key],
        "bold": bool(element.bold),
        "italic": bool(element.italic),
        "align": element.align or "left",
    }
    values.update(extra)
    return ParaStyle(name=name, **values)


#: ô 14 / Mẫu 2.2, 3.2: the agency signature information, Times New Roman 10, upright, black
#: (Phụ lục I II.8.b, III.1.d, Phần II; spec §3 row 35). Not in the size profiles.
SIGNATURE_INFO_PT = 10.0


def _styles() -> tuple[ParaStyle, ...]:
    body = {"first_line": g.BODY_FIRST_LINE_INDENT_TWIPS, "before": g.BODY_SPACE_BEFORE_TWIPS}
    subject_before = g.pt_to_twips(ND30.elements["subject_line"].space_before_pt or 0)
    return (
        _element_style("ND30 Parent Agency", "parent_agency"),
        _element_style("ND30 Agency", "agency"),
        ParaStyle("ND30 Rule", g.RULE_SIZE_PT, bold=False, italic=False, align="center"),
        _element_style("ND30 National Title", "national_title"),
        _element_style("ND30 Motto", "motto"),
        _element_style("ND30 Number", "number_line"),
        _element_style("ND30 Subject", "subject_line", before=subject_before),
        _element_style("ND30 Date", "date_line"),
        _element_style("ND30 Stamp", "stamp", align="center", border="box"),
        _element_style("ND30 Type Name", "type_name", before=g.pt_to_twips(g.TITLE_SPACE_BEFORE_PT)),
        _element_style("ND30 Summary", "summary"),
        _element_style("ND30 Body", "body", **body),
        _element_style("ND30 Basis", "basis", **body),
        *(
            _element_style(f"ND30 Heading {level}", "heading" if level < 3 else "point_heading", keep_next=True,
                           outline=level - 1, **body)
            for level in (1, 2, 3)
        ),
        ParaStyle("ND30 Table", g.TABLE_TEXT_PT, bold=False, italic=False, align="left"),
        _element_style("ND30 Recipients Label", "recipients_label"),
        _element_style("ND30 Recipients", "recipients"),
        _element_style("ND30 Drafter Mark", "drafter_mark", align="left"),
        _element_style("ND30 Authority", "authority"),
        ParaStyle("ND30 Signature Space", PROFILE["signer_name"], bold=False, italic=False, align="center"),
        _element_style("ND30 Signer", "signer_name"),
        _element_style("ND30 Contact", "contact", align="left", border="top"),
        _element_style("ND30 Page Number", "page_number"),
        # Phụ lục III beyond Mẫu 1.4 (sizes and weights from the rule data of the element cited).
        _element_style("ND30 Preamble", "type_name", before=g.BODY_SPACE_BEFORE_TWIPS, keep_next=True),
        _element_style("ND30 Article", "body", **body),
        _element_style("ND30 Lead", "body", align="center", before=g.BODY_SPACE_BEFORE_TWIPS),
        _element_style("ND30 Addressee", "body", align="left"),
        _element_style("ND30 Appendix Label", "type_name"),
        _element_style("ND30 Appendix Title", "type_name"),
        _element_style("ND30 Appendix Reference", "basis", align="center", first_line=0, before=0),
        _element_style("ND30 Copy Form", "type_name"),
        ParaStyle("ND30 Copy Rule", g.RULE_SIZE_PT, bold=False, italic=False, align="left", border="top"),
        ParaStyle("ND30 Signature Info", SIGNATURE_INFO_PT, bold=False, italic=False, align="right"),
        ParaStyle("ND30 Note", PROFILE["recipients_label"], bold=False, italic=True, align="center"),
    )


STYLES = _styles()
_STYLE_IDS = {s.name: s.style_id for s in STYLES}


def sid(name: str) -> str:
    """Style id of an ``ND30 …`` style name."""
    return _STYLE_IDS[name]


def _rpr(*, size: float | None, bold: bool | None = None, italic: bool | None = None) -> etree._Element:
    rpr = el("rPr")
    rpr.append(el("rFonts", {"ascii": FONT, "hAnsi": FONT, "cs": FONT, "eastAsia": FONT}))
    if bold is not None:
        rpr.append(el("b", {"val": int(bold)}))
        rpr.append(el("bCs", {"val": int(bold)}))
    if italic is not None:
        rpr.append(el("i", {"val": int(italic)}))
        rpr.append(el("iCs", {"val": int(italic)}))
    rpr.append(el("color", {"val": COLOR}))
    if size is not None:
        half = round(size * 2)
        rpr.append(el("sz", {"val": half}))
        rpr.append(el("szCs", {"val": half}))
    return rpr


def _border(side: str, sz: int = 6, space: int = 1) -> etree._Element:
    return el(side, {"val": "single", "sz": sz, "space": space, "color": COLOR})


def _style_element(style: ParaStyle) -> etree._Element:
    ppr = el("pPr")
    if style.keep_next:
        ppr.append(el("keepNext"))
    if style.border == "top":
        ppr.append(el("pBdr", None, _border("top")))
    elif style.border == "box":
        ppr.append(
            el("pBdr", None, _border("top"), _border("left", space=0), _border("bottom"), _border("right", space=0))
        )
    ppr.append(el("spacing", {"before": style.before, "after": style.after, "line": 240, "lineRule": "auto"}))
    ppr.append(el("ind", {"left": 0, "right": 0, "firstLine": style.first_line}))
    ppr.append(el("jc", {"val": _ALIGN[style.align]}))
    if style.outline is not None:
        ppr.append(el("outlineLvl", {"val": style.outline}))
    return el(
        "style",
        {"type": "paragraph", "customStyle": 1, "styleId": style.style_id},
        el("name", {"val": style.name}),
        el("basedOn", {"val": "Normal"}),
        el("next", {"val": "ND30Body" if style.name.startswith("ND30 Heading") else style.style_id}),
        el("uiPriority", {"val": 1}),
        el("qFormat"),
        ppr,
        _rpr(size=style.size, bold=style.bold, italic=style.italic),
    )


def _table_style() -> etree._Element:
    """``ND30 Table Grid``: the borders and cell margins of body tables (ô 6)."""
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    return el(
        "style",
        {"type": "table", "customStyle": 1, "styleId": "ND30TableGrid"},
        el("name", {"val": "ND30 Table Grid"}),
        el("basedOn", {"val": "TableNormal"}),
        el("uiPriority", {"val": 1}),
        el(
            "tblPr",
            None,
            el("tblBorders", None, *(_border(side, sz=4, space=0) for side in sides)),
            el(
                "tblCellMar",
                None,
                el("top", {"w": 0, "type": "dxa"}),
                el("left", {"w": g.TABLE_CELL_MARGIN_TWIPS, "type": "dxa"}),
                el("bottom", {"w": 0, "type": "dxa"}),
                el("right", {"w": g.TABLE_CELL_MARGIN_TWIPS, "type": "dxa"}),
            ),
        ),
    )


def _fix_styles(styles: etree._Element) -> None:
    """Explicit Times New Roman, black, Vietnamese, body size; no theme fonts or colours anywhere."""
    for rfonts in styles.iter(w("rFonts")):
        for attr in _THEME_FONT_ATTRS:
            if w(attr) in rfonts.attrib:
                del rfonts.attrib[w(attr)]
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            rfonts.set(w(attr), FONT)
    for color in styles.iter(w("color")):
        parent = color.getparent()
        if parent is not None and parent.tag == w("rPr"):
            for attr in _THEME_COLOR_ATTRS:
                if w(attr) in color.attrib:
                    del color.attrib[w(attr)]
            color.set(w("val"), COLOR)
    defaults = styles.find(w("docDefaults"))
    assert defaults is not None
    for child in list(defaults):
        defaults.remove(child)
    body = round(PROFILE["body"] * 2)
    rpr = el(
        "rPr",
        None,
        el("rFonts", {"ascii": FONT, "hAnsi": FONT, "cs": FONT, "eastAsia": FONT}),
        el("color", {"val": COLOR}),
        el("sz", {"val": body}),
        el("szCs", {"val": body}),
        el("lang", {"val": "vi-VN", "eastAsia": "en-US", "bidi": "ar-SA"}),
    )
    defaults.append(el("rPrDefault", None, rpr))
    defaults.append(
        el("pPrDefault", None, el("pPr", None, el("spacing", {"after": 0, "line": 240, "lineRule": "auto"})))
    )
    # Normal: explicit font and colour too (a style that resets them cannot bring a theme back).
    for node in styles.findall(w("style")):
        if node.get(w("styleId")) == "Normal":
            old = node.find(w("rPr"))
            if old is not None:
                node.remove(old)
            node.append(_rpr(size=PROFILE["body"]))
    for spec in STYLES:
        styles.append(_style_element(spec))
    styles.append(_table_style())


# ---------------------------------------------------------------------------------------------
# Content helpers
# ---------------------------------------------------------------------------------------------


def run(text: str, *, size: float | None = None, bold: bool | None = None) -> etree._Element:
    rpr = None
    if size is not None or bold is not None:
        rpr = el("rPr")
        if bold is not None:
            rpr.append(el("b", {"val": int(bold)}))
            rpr.append(el("bCs", {"val": int(bold)}))
        if size is not None:
            rpr.append(el("sz", {"val": round(size * 2)}))
            rpr.append(el("szCs", {"val": round(size * 2)}))
    t = el("t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return el("r", None, rpr, t)


def para(
    style: str | None,
    *content: str | etree._Element,
    ind: tuple[int, int] | None = None,
    exact_line: int | None = None,
    before: int | None = None,
    after: int | None = None,
    align: str | None = None,
    size: float | None = None,
    bold: bool | None = None,
) -> etree._Element:
    """A paragraph in ``style`` (an ``ND30 …`` name) with direct overrides; strings become runs."""
    ppr = el("pPr")
    if style is not None:
        ppr.append(el("pStyle", {"val": sid(style)}))
    spacing: dict[str, Any] = {}
    if before is not None:
        spacing["before"] = before
    if after is not None:
        spacing["after"] = after
    if exact_line is not None:
        spacing.update({"line": exact_line, "lineRule": "exact"})
    if spacing:
        ppr.append(el("spacing", spacing))
    if ind is not None:
        ppr.append(el("ind", {"left": ind[0], "right": ind[1], "firstLine": 0}))
    if align is not None:
        ppr.append(el("jc", {"val": _ALIGN[align]}))
    if size is not None or bold is not None:
        mark = el("rPr")
        if bold is not None:
            mark.append(el("b", {"val": int(bold)}))
        if size is not None:
            mark.append(el("sz", {"val": round(size * 2)}))
        ppr.append(mark)
    p = el("p", None, ppr if len(ppr) else None)
    for item in content:
        p.append(run(item, size=size, bold=bold) if isinstance(item, str) else item)
    return p


def tag(text: str) -> etree._Element:
    """A paragraph holding only a docxtpl paragraph tag (``{%p … %}``); the engine removes it."""
    return para(None, text)


def spacer(height_pt: float) -> etree._Element:
    """An empty paragraph exactly ``height_pt`` high (vertical space that also keeps tables apart)."""
    return para(None, exact_line=g.pt_to_twips(height_pt), before=0, after=0, size=1)


def table_look() -> etree._Element:
    """``w:tblLook`` with every conditional table-style format off (ND30 tables carry their own)."""
    return el(
        "tblLook",
        {"val": "0000", "firstRow": 0, "lastRow": 0, "firstColumn": 0, "lastColumn": 0, "noHBand": 1, "noVBand": 1},
    )


def _no_borders() -> etree._Element:
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    return el("tblBorders", None, *(el(side, {"val": "nil"}) for side in sides))


def _zero_cell_margins() -> etree._Element:
    return el("tblCellMar", None, *(el(s, {"w": 0, "type": "dxa"}) for s in ("top", "left", "bottom", "right")))


def layout_table(
    widths: Sequence[int], rows: Iterable[Sequence[Sequence[etree._Element]]], *, indent: int = 0
) -> etree._Element:
    """A borderless, fixed-layout table with zero cell margins (header, signature)."""
    tbl = el(
        "tbl",
        None,
        el(
            "tblPr",
            None,
            el("tblW", {"w": sum(widths), "type": "dxa"}),
            el("tblInd", {"w": indent, "type": "dxa"}),
            _no_borders(),
            el("tblLayout", {"type": "fixed"}),
            _zero_cell_margins(),
            table_look(),
        ),
        el("tblGrid", None, *(el("gridCol", {"w": width}) for width in widths)),
    )
    for cells in rows:
        tr = el("tr", None, el("trPr", None, el("cantSplit")))
        for width, content in zip(widths, cells, strict=True):
            tc = el("tc", None, el("tcPr", None, el("tcW", {"w": width, "type": "dxa"}), el("vAlign", {"val": "top"})))
            for node in content:
                tc.append(node)
            tr.append(tc)
        tbl.append(tr)
    return tbl


def _box_indents(width_twips: int, column_twips: int, centre_twips: int) -> tuple[int, int]:
    half = width_twips // 2
    return (centre_twips - half, column_twips - (centre_twips - half) - width_twips)


def stamp_branches(
    var: str,
    variants: Sequence[tuple[Sequence[str], int, int | None]],
    fallback_width: int,
    *,
    column_twips: int,
    centre_twips: int,
    before: int,
    otherwise: etree._Element | None = None,
) -> list[etree._Element]:
    """``{%p if var == … %}`` branches, one boxed ``ND30 Stamp`` paragraph per known value.

    ``variants`` are (accepted texts, box width, exact line height or None) in twips; any other
    non-empty value gets ``fallback_width``. ``otherwise`` is the paragraph for an empty value.
    """
    out: list[etree._Element] = []
    for i, (texts, width, height) in enumerate(variants):
        cond = " or ".join(f'{var} == "{t}"' for t in texts)
        out.append(tag(f"{{%p {'if' if i == 0 else 'elif'} {cond} %}}"))
        out.append(
            para(
                "ND30 Stamp",
                f"{{{{ {var} }}}}",
                ind=_box_indents(width, column_twips, centre_twips),
                exact_line=height,
                before=before,
            )
        )
    out.append(tag(f"{{%p {'elif' if variants else 'if'} {var} %}}"))
    out.append(
        para(
            "ND30 Stamp",
            f"{{{{ {var} }}}}",
            ind=_box_indents(fallback_width, column_twips, centre_twips),
            before=before,
        )
    )
    if otherwise is not None:
        out.append(tag("{%p else %}"))
        out.append(otherwise)
    out.append(tag("{%p endif %}"))
    return out


def _text_box_twips(text: str, padding_pt: float) -> int:
    return g.pt_to_twips(text_width_pt(text, PROFILE["stamp"], bold=True) + 2 * padding_pt)


# ---------------------------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------------------------


def header_block() -> list[etree._Element]:
    """ô 1-4, 5b, 10a, 10b: the two-column header table."""
    left_top = [
        tag("{%p for l in doc.parent_agency_lines %}"),
        para("ND30 Parent Agency", "{{ l }}"),
        tag("{%p endfor %}"),
        tag("{%p for l in doc.agency_lines %}"),
        para("ND30 Agency", "{{ l }}"),
        tag("{%p endfor %}"),
        para("ND30 Rule", "{{ doc.agency_rule }}", size=g.AGENCY_RULE_PT),
    ]
    right_top = [
        para("ND30 National Title", ND30.elements["national_title"].text or ""),
        para("ND30 Motto", ND30.elements["motto"].text or ""),
        para("ND30 Rule", "_" * g.MOTTO_RULE_UNDERSCORES, size=g.MOTTO_RULE_PT),
    ]
    column = g.HEADER_LEFT_TWIPS
    centre = column // 2
    stamp_before = g.BODY_SPACE_BEFORE_TWIPS
    box_height = {k: g.mm_to_twips(v[1]) - 2 * 20 - 2 * 6 for k, v in ND30.urgency_boxes_mm.items()}
    secrecy = [((v,), _text_box_twips(v, g.STAMP_BOX_PADDING_PT), None) for v in ND30.secrecy]
    urgency = [(ND30.urgency_accepted[k], g.mm_to_twips(v[0]), box_height[k]) for k, v in ND30.urgency_boxes_mm.items()]
    left_bottom = [
        para("ND30 Number", "{{ doc.number_line }}"),
        tag("{%p if doc.subject_line %}"),
        para("ND30 Subject", "{{ doc.subject_line }}"),
        tag("{%p endif %}"),
        *stamp_branches(
            "doc.secrecy", secrecy, column - 2 * 120, column_twips=column, centre_twips=centre, before=stamp_before
        ),
        *stamp_branches(
            "doc.urgency", urgency, column - 2 * 120, column_twips=column, centre_twips=centre, before=stamp_before
        ),
    ]
    right_bottom = [para("ND30 Date", "{{ doc.date_line }}")]
    return [
        layout_table(
            (g.HEADER_LEFT_TWIPS, g.HEADER_RIGHT_TWIPS),
            [(left_top, right_top), (left_bottom, right_bottom)],
            indent=g.HEADER_INDENT_TWIPS,
        )
    ]


def title_block() -> list[etree._Element]:
    """ô 5a: type name, trích yếu, the rule under it; each only when its text is not empty (a
    công văn has none of them, a giấy giới thiệu no trích yếu)."""
    return [
        tag("{%p if doc.type_name %}"),
        para("ND30 Type Name", "{{ doc.type_name }}"),
        tag("{%p endif %}"),
        tag("{%p if doc.summary %}"),
        para("ND30 Summary", "{{ doc.summary }}"),
        tag("{%p endif %}"),
        tag("{%p if doc.summary_rule %}"),
        para(
            "ND30 Rule", "{{ doc.summary_rule }}", size=g.SUMMARY_RULE_PT, after=g.pt_to_twips(g.TITLE_SPACE_AFTER_PT)
        ),
        tag("{%p endif %}"),
    ]


#: ô 9a: where "Kính gửi:" starts (about a fifth of the text width, as in Mẫu 1.5) and where the
#: addressee lines start: under the colon (Phụ lục I II.9.d "thẳng hàng với nhau dưới dấu hai chấm").
ADDRESSEE_INDENT_TWIPS = round(g.TEXT_WIDTH_TWIPS * 0.22)
_KG_LABEL = ND30.texts["addressee_label"]
ADDRESSEE_LINES_INDENT_TWIPS = ADDRESSEE_INDENT_TWIPS + g.pt_to_twips(
    text_width_pt(_KG_LABEL.rstrip(":"), PROFILE["body"])
)
ADDRESSEE_SPACE_BEFORE_TWIPS = g.pt_to_twips(12)


def addressee_lines(*, first_before: bool = False) -> list[etree._Element]:
    """The ``- …;`` lines of ô 9a (or of a công điện), aligned under the colon of "Kính gửi:"."""
    indent = (ADDRESSEE_LINES_INDENT_TWIPS, 0)
    return [
        tag("{%p for l in doc.addressee_lines %}"),
        para("ND30 Addressee", "{{ l }}", ind=indent, before=ADDRESSEE_SPACE_BEFORE_TWIPS if first_before else None),
        tag("{%p endfor %}"),
    ]


def addressee_block() -> list[etree._Element]:
    """ô 9a, Kính gửi (công văn; tờ trình and báo cáo to a superior). Nothing when not given."""
    indent = (ADDRESSEE_INDENT_TWIPS, 0)
    return [
        tag("{%p if doc.addressee_inline is defined and doc.addressee_inline %}"),
        para("ND30 Addressee", "{{ doc.addressee_inline }}", ind=indent, before=ADDRESSEE_SPACE_BEFORE_TWIPS),
        tag("{%p elif doc.addressee_lines is defined and doc.addressee_lines %}"),
        para("ND30 Addressee", "{{ doc.addressee_label }}", ind=indent, before=ADDRESSEE_SPACE_BEFORE_TWIPS),
        *addressee_lines(),
        tag("{%p endif %}"),
    ]


def lead_block() -> list[etree._Element]:
    """A centred lead line: ``… điện:`` (Mẫu 1.6), ``… trân trọng giới thiệu:`` (Mẫu 1.8)."""
    return [
        tag("{%p if doc.lead %}"),
        para("ND30 Lead", "{{ doc.lead }}"),
        tag("{%p endif %}"),
    ]


def preamble_block() -> list[etree._Element]:
    """Mẫu 1.1-1.3: thẩm quyền ban hành, căn cứ (italic), ``QUYẾT ĐỊNH:`` / ``QUYẾT NGHỊ:``."""
    return [
        tag("{%p if doc.authority_title %}"),
        para("ND30 Preamble", "{{ doc.authority_title }}", before=ADDRESSEE_SPACE_BEFORE_TWIPS),
        tag("{%p endif %}"),
        tag("{%p for l in doc.bases %}"),
        para("ND30 Basis", "{{ l }}"),
        tag("{%p endfor %}"),
        tag("{%p if doc.enacting_words %}"),
        para("ND30 Preamble", "{{ doc.enacting_words }}"),
        tag("{%p endif %}"),
    ]


def appendix_block() -> list[etree._Element]:
    """Mẫu 2.1/2.2 heading: ``Phụ lục I``, its title, ``(Kèm theo …)`` and a short rule."""
    return [
        para("ND30 Appendix Label", "{{ doc.appendix_label }}"),
        para("ND30 Appendix Title", "{{ doc.appendix_title }}"),
        tag("{%p if doc.appendix_reference %}"),
        para("ND30 Appendix Reference", "{{ doc.appendix_reference }}"),
        tag("{%p endif %}"),
        para(
            "ND30 Rule", "{{ doc.appendix_rule }}", size=g.SUMMARY_RULE_PT, after=g.pt_to_twips(g.TITLE_SPACE_AFTER_PT)
        ),
    ]


def copy_block() -> list[etree._Element]:
    """Mẫu 3.1: the paper-copy elements under a full-width rule after the copied text (Phụ lục I
    Phần II): copying agency, ``SAO Y`` / ``TRÍCH SAO`` / ``SAO LỤC``, copy number, place and
    date, Nơi nhận and the signature of the copy."""
    left_top = [
        tag("{%p for l in doc.copy_info.agency_lines %}"),
        para("ND30 Agency", "{{ l }}"),
        tag("{%p endfor %}"),
        para("ND30 Rule", "{{ doc.copy_info.agency_rule }}", size=g.AGENCY_RULE_PT),
    ]
    right_top = [para("ND30 Copy Form", "{{ doc.copy_info.words }}")]
    left_bottom = [para("ND30 Number", "{{ doc.copy_info.number_line }}")]
    right_bottom = [para("ND30 Date", "{{ doc.copy_info.date_line }}")]
    recipients = [
        para("ND30 Recipients Label", "{{ doc.copy_info.recipients_label }}"),
        tag("{%p for l in doc.copy_info.recipient_lines %}"),
        para("ND30 Recipients", "{{ l }}"),
        tag("{%p endfor %}"),
    ]
    signer = [
        tag("{%p for l in doc.copy_info.authority_lines %}"),
        para("ND30 Authority", "{{ l }}"),
        tag("{%p endfor %}"),
        *(para("ND30 Signature Space") for _ in range(g.SIGNATURE_SPACE_LINES)),
        para("ND30 Signer", "{{ doc.copy_info.signer_name }}"),
    ]
    return [
        tag("{%p if doc.copy_info is defined and doc.copy_info %}"),
        para("ND30 Copy Rule", before=g.pt_to_twips(g.SIGNATURE_SPACE_BEFORE_PT)),
        layout_table(
            (g.HEADER_LEFT_TWIPS, g.HEADER_RIGHT_TWIPS),
            [(left_top, right_top), (left_bottom, right_bottom)],
            indent=g.HEADER_INDENT_TWIPS,
        ),
        spacer(g.SIGNATURE_SPACE_BEFORE_PT),
        layout_table((g.SIGNATURE_LEFT_TWIPS, g.SIGNATURE_RIGHT_TWIPS), [(recipients, signer)]),
        tag("{%p endif %}"),
    ]


def _data_table() -> etree._Element:
    """A body table (ô 6): ``{%tr``/``{%tc`` loops over ``b.header`` and ``b.rows``.

    The template grid has three columns (loop start, cell, loop end); the engine's ``fix_tables``
    re-grids it to the rendered cell count and ``table_widths`` applies ``b.widths``.
    """
    width = g.BODY_TABLE_TWIPS
    third = width // 3

    def cell(*content: etree._Element, span: int = 1) -> etree._Element:
        tcpr = el("tcPr", None, el("tcW", {"w": 0, "type": "auto"}))
        if span > 1:
            tcpr.append(el("gridSpan", {"val": span}))
        return el("tc", None, tcpr, *content)

    def loop_row(*cells: etree._Element, header: bool = False) -> etree._Element:
        trpr = el("trPr", None, el("tblHeader")) if header else None
        return el("tr", None, trpr, *cells)

    header_cell = para("ND30 Table", align="center")
    header_cell.append(run("{{ h }}", bold=True))
    header_cell.append(run("{{r table_widths(b.widths) }}"))
    return el(
        "tbl",
        None,
        el(
            "tblPr",
            None,
            el("tblStyle", {"val": "ND30TableGrid"}),
            el("tblW", {"w": width, "type": "dxa"}),
            el("tblInd", {"w": g.TABLE_CELL_MARGIN_TWIPS, "type": "dxa"}),
            el("tblLayout", {"type": "fixed"}),
            table_look(),
        ),
        el("tblGrid", None, *(el("gridCol", {"w": third}) for _ in range(3))),
        loop_row(
            cell(para("ND30 Table", "{%tc for h in b.header %}")),
            cell(header_cell),
            cell(para("ND30 Table", "{%tc endfor %}")),
            header=True,
        ),
        loop_row(cell(para("ND30 Table", "{%tr for row in b.rows %}"), span=3)),
        loop_row(
            cell(para("ND30 Table", "{%tc for cell in row %}")),
            cell(para("ND30 Table", "{{ cell }}")),
            cell(para("ND30 Table", "{%tc endfor %}")),
        ),
        loop_row(cell(para("ND30 Table", "{%tr endfor %}"), span=3)),
    )


def body_block() -> list[etree._Element]:
    """ô 6: one branch per block kind of ``doc.body``."""
    return [
        tag("{%p for b in doc.body %}"),
        tag('{%p if b.kind == "paragraph" %}'),
        para("ND30 Body", "{{ b.text }}"),
        tag('{%p elif b.kind == "basis" %}'),
        para("ND30 Basis", "{{ b.text }}"),
        tag('{%p elif b.kind == "heading" and b.level == 1 %}'),
        para("ND30 Heading 1", "{{ b.text }}"),
        tag('{%p elif b.kind == "heading" and b.level == 2 %}'),
        para("ND30 Heading 2", "{{ b.text }}"),
        tag('{%p elif b.kind == "heading" %}'),
        para("ND30 Heading 3", "{{ b.text }}"),
        tag('{%p elif b.kind == "article" %}'),
        para("ND30 Article", run("{{ b.label }}", bold=True), run("{{ b.text }}")),
        tag('{%p elif b.kind == "table" %}'),
        spacer(ND30.body_space_between_min_pt),
        _data_table(),
        spacer(1),  # keeps two tables apart (Word would merge them); the next paragraph adds its 6 pt
        tag("{%p else %}"),
        para("ND30 Body", '{{ fail("unknown body block kind: " ~ b.kind) }}'),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def signature_block() -> list[etree._Element]:
    """ô 7-9b, 12: recipients on the left, level with the signing authority on the right."""
    left = [
        para("ND30 Recipients Label", "{{ doc.recipients_label }}"),
        tag("{%p for l in doc.recipient_lines %}"),
        para("ND30 Recipients", "{{ l }}"),
        tag("{%p endfor %}"),
        tag("{%p if doc.drafter_mark %}"),
        para("ND30 Drafter Mark", "{{ doc.drafter_mark }}"),
        tag("{%p endif %}"),
    ]
    right = [
        tag("{%p for l in doc.authority_lines %}"),
        para("ND30 Authority", "{{ l }}"),
        tag("{%p endfor %}"),
        *(para("ND30 Signature Space") for _ in range(g.SIGNATURE_SPACE_LINES)),
        para("ND30 Signer", "{{ doc.signer_name }}"),
    ]
    return [
        spacer(g.SIGNATURE_SPACE_BEFORE_PT),
        layout_table((g.SIGNATURE_LEFT_TWIPS, g.SIGNATURE_RIGHT_TWIPS), [(left, right)]),
    ]


def contact_block() -> list[etree._Element]:
    """ô 13: address lines under a full-width rule (first-page footer). Always one paragraph at least."""
    return [
        tag("{%p if doc.contact_lines %}"),
        tag("{%p for l in doc.contact_lines %}"),
        para("ND30 Contact", "{{ l }}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        para(None, before=0, after=0),
        tag("{%p endif %}"),
    ]


def two_signatures_block() -> list[etree._Element]:
    """Mẫu 1.9: THƯ KÝ (left) and CHỦ TỌA (right) side by side, names level; Nơi nhận below."""
    widths = (g.SIGNATURE_LEFT_TWIPS, g.SIGNATURE_RIGHT_TWIPS)
    titles = (
        [tag("{%p for l in doc.secretary_lines %}"), para("ND30 Authority", "{{ l }}"), tag("{%p endfor %}")],
        [tag("{%p for l in doc.authority_lines %}"), para("ND30 Authority", "{{ l }}"), tag("{%p endfor %}")],
    )
    space = tuple([para("ND30 Signature Space") for _ in range(g.SIGNATURE_SPACE_LINES)] for _ in widths)
    names = ([para("ND30 Signer", "{{ doc.secretary_name }}")], [para("ND30 Signer", "{{ doc.signer_name }}")])
    return [
        spacer(g.SIGNATURE_SPACE_BEFORE_PT),
        layout_table(widths, [titles, space, names]),
        para("ND30 Recipients Label", "{{ doc.recipients_label }}", before=g.BODY_SPACE_BEFORE_TWIPS),
        tag("{%p for l in doc.recipient_lines %}"),
        para("ND30 Recipients", "{{ l }}"),
        tag("{%p endfor %}"),
        tag("{%p if doc.drafter_mark %}"),
        para("ND30 Drafter Mark", "{{ doc.drafter_mark }}"),
        tag("{%p endif %}"),
    ]


def confirmation_block() -> list[etree._Element]:
    """Mẫu 1.10: the box, under Nơi nhận, where the place of leave confirms (left column)."""
    left = [
        tag("{%p for l in doc.confirmation_lines %}"),
        para("ND30 Note", "{{ l }}"),
        tag("{%p endfor %}"),
        *(para("ND30 Signature Space") for _ in range(g.SIGNATURE_SPACE_LINES)),
    ]
    return [
        tag("{%p if doc.confirmation_lines %}"),
        spacer(g.SIGNATURE_SPACE_BEFORE_PT),
        layout_table((g.SIGNATURE_LEFT_TWIPS, g.SIGNATURE_RIGHT_TWIPS), [(left, [para(None)])]),
        tag("{%p endif %}"),
    ]


BLOCKS = {
    "header": header_block,
    "title": title_block,
    "body": body_block,
    "signature": signature_block,
    "contact": contact_block,
    "addressee": addressee_block,
    "lead": lead_block,
    "preamble": preamble_block,
    "appendix": appendix_block,
    "copy": copy_block,
    "two-signatures": two_signatures_block,
    "confirmation": confirmation_block,
}


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


def _page_number() -> etree._Element:
    """Centred PAGE field (spec §1 Số trang); the first page has its own (empty) header."""

    def fld(kind: str) -> etree._Element:
        return el("r", None, el("fldChar", {"fldCharType": kind}))

    instr = el("instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return para("ND30 Page Number", fld("begin"), el("r", None, instr), fld("separate"), run("2"), fld("end"))


def _first_header() -> list[etree._Element]:
    """ô 11 (circulation mark), boxed and centred over the Quốc hiệu; otherwise empty."""
    width = max(_text_box_twips(v, g.CIRCULATION_BOX_PADDING_PT) for v in ND30.circulation)
    return [
        # ô 14 / Mẫu 2.2, 3.2: the agency's digital-signature information, top right of page 1.
        tag("{%p if doc.signature_info is defined and doc.signature_info %}"),
        para("ND30 Signature Info", "{{ doc.signature_info }}"),
        tag("{%p endif %}"),
        *_circulation(width),
    ]


def _circulation(width: int) -> list[etree._Element]:
    return stamp_branches(
        "doc.circulation",
        [],
        width,
        column_twips=g.TEXT_WIDTH_TWIPS,
        centre_twips=g.HEADER_RIGHT_CENTRE_TWIPS,
        before=0,
        otherwise=para(None, before=0, after=0),
    )


def _set_children(container: etree._Element, children: Iterable[etree._Element]) -> None:
    keep = [c for c in container if c.tag == w("sectPr")]
    for child in list(container):
        container.remove(child)
    for child in children:
        container.append(child)
    for child in keep:
        container.append(child)


def _child(parent: etree._Element, tag: str) -> etree._Element:
    node = parent.find(w(tag))
    if node is None:
        raise RuntimeError(f"python-docx's default template has no w:{tag}")
    return node


def _new_document() -> Any:
    """A python-docx document with the ND30 page setup and styles, stripped of stray parts."""
    document = docx.Document()
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, _STYLES_WITH_EFFECTS):
            del part.rels[rid]
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    _fix_styles(document.styles.element)
    settings = document.settings.element
    lang = settings.find(w("themeFontLang"))
    if lang is not None:
        lang.set(w("val"), "vi-VN")
    rsids = settings.find(w("rsids"))
    if rsids is not None:
        settings.remove(rsids)
    section = document.sections[0]
    sect = section._sectPr
    for attr in list(sect.attrib):
        del sect.attrib[attr]
    size = _child(sect, "pgSz")
    size.attrib.clear()
    size.set(w("w"), str(g.PAGE_WIDTH_TWIPS))
    size.set(w("h"), str(g.PAGE_HEIGHT_TWIPS))
    margins = _child(sect, "pgMar")
    for side in ("top", "right", "bottom", "left"):
        margins.set(w(side), str(g.MARGIN_TWIPS[side]))
    margins.set(w("header"), str(g.mm_to_twips(ND30.page.header_distance_mm)))
    margins.set(w("footer"), str(g.mm_to_twips(ND30.page.footer_distance_mm)))
    margins.set(w("gutter"), "0")
    props = document.core_properties
    props.author = "thongbao"
    props.title = ""
    props.comments = ""
    props.last_modified_by = ""
    props.revision = 1
    core = props._element
    for child in list(core):
        if child.tag.endswith("}created") or child.tag.endswith("}modified"):
            core.remove(child)
    return document


def _save(document: Any) -> bytes:
    """Save with fixed zip entry dates (python-docx stamps the current time)."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def block_document(name: str) -> bytes:
    document = _new_document()
    document.core_properties.title = f"ND30 block: {name}"
    _set_children(document.element.body, BLOCKS[name]())
    return _save(document)


def mau_1_4() -> bytes:
    """Mẫu 1.4 (văn bản có tên loại): header/footer parts plus the four blocks."""
    document = _new_document()
    document.core_properties.title = "ND30 Mẫu 1.4"
    section = document.sections[0]
    section.different_first_page_header_footer = True
    parts = (
        (section.header, [_page_number()]),
        (section.first_page_header, _first_header()),
        (section.footer, [para(None, before=0, after=0)]),
        (section.first_page_footer, [tag('{%p include "nd30/blocks/contact.docx" %}')]),
    )
    for hdrftr, children in parts:
        hdrftr.is_linked_to_previous = False
        _set_children(hdrftr._element, children)
    body: list[etree._Element] = []
    for block in ROOT_BLOCKS:
        body += [tag(f"{{%p block {block} %}}"), include(block), tag("{%p endblock %}")]
    _set_children(document.element.body, body)
    return _save(document)


#: The blocks of the root layout (Mẫu 1.4), in order; every other layout overrides some of them.
ROOT_BLOCKS = ("header", "title", "addressee", "body", "signature", "copy")
ROOT = "nd30/mau-1.4.docx"


def include(block: str) -> etree._Element:
    return tag(f'{{%p include "nd30/blocks/{block}.docx" %}}')


def child_layout(title: str, overrides: dict[str, list[etree._Element]], parent: str = ROOT) -> bytes:
    """A layout that ``extends`` ``parent`` and replaces only the blocks in ``overrides``.

    It is a complete document (ND30 page setup and styles) so that it opens in Word and passes the
    template linter; the engine renders it in the root ancestor's package.
    """
    document = _new_document()
    document.core_properties.title = title
    body = [tag(f'{{%p extends "{parent}" %}}')]
    for block, content in overrides.items():
        body += [tag(f"{{%p block {block} %}}"), *content, tag("{%p endblock %}")]
    _set_children(document.element.body, body)
    return _save(document)


def _decision(title: str) -> bytes:
    """Mẫu 1.1-1.3: the preamble (thẩm quyền, căn cứ, QUYẾT ĐỊNH:) before the articles."""
    return child_layout(title, {"body": [include("preamble"), include("body")]})


LAYOUTS = {
    "nd30/mau-1.4.docx": mau_1_4,
    "nd30/mau-1.1.docx": lambda: _decision("ND30 Mẫu 1.1 Nghị quyết (cá biệt)"),
    "nd30/mau-1.2.docx": lambda: _decision("ND30 Mẫu 1.2 Quyết định (cá biệt) quy định trực tiếp"),
    "nd30/mau-1.3.docx": lambda: _decision("ND30 Mẫu 1.3 Quyết định (cá biệt) quy định gián tiếp"),
    # No ô 5a at all: the trích yếu is the V/v line of the header block (ô 5b).
    "nd30/mau-1.5.docx": lambda: child_layout("ND30 Mẫu 1.5 Công văn", {"title": []}),
    "nd30/mau-1.6.docx": lambda: child_layout(
        "ND30 Mẫu 1.6 Công điện", {"addressee": [include("lead"), *addressee_lines()]}
    ),
    "nd30/mau-1.7.docx": lambda: child_layout("ND30 Mẫu 1.7 Giấy mời", {"addressee": []}),
    "nd30/mau-1.8.docx": lambda: child_layout("ND30 Mẫu 1.8 Giấy giới thiệu", {"addressee": [include("lead")]}),
    "nd30/mau-1.9.docx": lambda: child_layout(
        "ND30 Mẫu 1.9 Biên bản", {"addressee": [], "signature": [include("two-signatures")]}
    ),
    "nd30/mau-1.10.docx": lambda: child_layout(
        "ND30 Mẫu 1.10 Giấy nghỉ phép",
        {"addressee": [], "signature": [include("signature"), include("confirmation")]},
    ),
    "nd30/mau-2.1.docx": lambda: child_layout(
        "ND30 Mẫu 2.1 Phụ lục văn bản hành chính giấy",
        {"header": [include("appendix")], "title": [], "addressee": [], "signature": [], "copy": []},
    ),
    # 2.2 differs only by its context (blank reference fields, ô 14 signature line in the header).
    "nd30/mau-2.2.docx": lambda: child_layout(
        "ND30 Mẫu 2.2 Phụ lục văn bản hành chính điện tử", {}, parent="nd30/mau-2.1.docx"
    ),
}


def outputs() -> dict[str, bytes]:
    """Every file of the pack, by path relative to the pack root."""
    files = {f"nd30/blocks/{name}.docx": block_document(name) for name in BLOCKS}
    files.update({path: build_layout() for path, build_layout in LAYOUTS.items()})
    return files


def build(out_dir: Path, files: Mapping[str, bytes] | None = None) -> list[Path]:
    """Write ``files`` (default: this pack) under ``out_dir``; returns the files that changed."""
    written = []
    for rel, data in (outputs() if files is None else files).items():
        path = out_dir / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None, make: Callable[[], Mapping[str, bytes]] | None = None) -> int:
    """Build into ``argv[0]`` (default: the repo's templates/) and report what changed."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0]) if args else REPO / "templates"
    written = build(out, (make or outputs)())
    for path in written:
        print(f"wrote {path}")
    if not written:
        print(f"{out}: up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
