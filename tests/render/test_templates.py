"""The built-in template pack: generated from the rule data, up to date, valid, theme-free."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from thongbao.fontmetrics import text_width_pt
from thongbao.plugins.lint import STYLE_ELEMENTS
from thongbao.render import geometry as g
from thongbao.render.engine import builtin_templates
from thongbao.rules import ND30

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "templates"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}
PROFILE = ND30.profile()
FILES = [
    "nd30/blocks/header.docx",
    "nd30/blocks/title.docx",
    "nd30/blocks/body.docx",
    "nd30/blocks/signature.docx",
    "nd30/blocks/contact.docx",
    "nd30/mau-1.4.docx",
    # Phụ lục III beyond Mẫu 1.4 (issue #6): blocks and the layouts that extend Mẫu 1.4.
    *(
        f"nd30/blocks/{name}.docx"
        for name in ("addressee", "lead", "preamble", "appendix", "copy", "two-signatures", "confirmation")
    ),
    *(f"nd30/mau-{n}.docx" for n in ("1.1", "1.2", "1.3", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1", "2.2")),
]
COMPARED = re.compile(r"word/(document|styles|settings|numbering|header\d+|footer\d+)\.xml|docProps/core\.xml")


@cache
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_templates", REPO / "tools" / "build_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_templates", module)
    spec.loader.exec_module(module)
    return module


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def xp(node: etree._Element, path: str) -> list[etree._Element]:
    """Element results of an XPath query in the ``w:`` namespace."""
    result = node.xpath(path, namespaces=NS)
    assert isinstance(result, list)
    return [r for r in result if isinstance(r, etree._Element)]


def child(node: etree._Element, path: str) -> etree._Element:
    found = node.find(path)
    assert found is not None, path
    return found


def attr(node: etree._Element, path: str, name: str = "val") -> str | None:
    found = node.find(path)
    return None if found is None else found.get(f"{W}{name}")


def xml(path: str, part: str) -> etree._Element:
    return etree.fromstring(parts((PACK / path).read_bytes())[part])


def test_builtin_pack_is_found() -> None:
    root = builtin_templates()
    assert (root / "nd30" / "mau-1.4.docx").is_file()


def test_committed_pack_is_up_to_date(tmp_path: Path) -> None:
    """A rule edit needs ``python tools/build_templates.py`` and a commit of templates/."""
    builder().build(tmp_path)
    for rel in FILES:
        fresh, committed = parts((tmp_path / rel).read_bytes()), parts((PACK / rel).read_bytes())
        assert sorted(fresh) == sorted(committed), rel
        for name in fresh:
            if COMPARED.fullmatch(name):
                assert canonical(fresh[name]) == canonical(committed[name]), f"{rel}: {name} is stale; rebuild"


def test_build_is_deterministic() -> None:
    first, second = builder().outputs(), builder().outputs()
    assert first == second
    assert sorted(first) == sorted(FILES)


@pytest.mark.parametrize("rel", FILES)
def test_package_is_valid(rel: str) -> None:
    entries = parts((PACK / rel).read_bytes())
    for name, data in entries.items():
        if name.endswith((".xml", ".rels")):
            root = etree.fromstring(data)  # well-formed
            for node in root.iter():
                for value in node.attrib.values():
                    assert "{{" not in value and "{%" not in value, f"{rel}:{name}: Jinja tag in an attribute"
    document = etree.fromstring(entries["word/document.xml"])
    body = document.find(f"{W}body")
    assert body is not None and body[-1].tag == f"{W}sectPr"
    for tc in document.iter(f"{W}tc"):
        assert tc[-1].tag == f"{W}p", f"{rel}: a table cell must end with a paragraph"
    if "/blocks/" in rel:  # block content cannot carry relationships into a layout
        r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        assert not [a for n in list(body)[:-1] for e in n.iter() for a in e.attrib if str(a).startswith(f"{{{r_ns}}}")]
    with zipfile.ZipFile(io.BytesIO((PACK / rel).read_bytes())) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("rel", FILES)
def test_styles_are_explicit_and_theme_free(rel: str) -> None:
    entries = parts((PACK / rel).read_bytes())
    styles_xml = entries["word/styles.xml"].decode("utf-8")
    assert "Theme=" not in styles_xml and "cstheme" not in styles_xml
    assert "word/stylesWithEffects.xml" not in entries
    styles = etree.fromstring(entries["word/styles.xml"])
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr is not None
    fonts = rpr.find(f"{W}rFonts")
    assert fonts is not None
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {ND30.font_family}
    assert attr(rpr, f"{W}color") == "000000"
    assert attr(rpr, f"{W}sz") == str(int(PROFILE["body"] * 2))
    assert attr(rpr, f"{W}lang") == "vi-VN"
    for node in styles.iter(f"{W}rFonts"):
        assert {node.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {ND30.font_family}
    for node in styles.iter(f"{W}color"):
        parent = node.getparent()
        if parent is not None and parent.tag == f"{W}rPr":
            assert node.get(f"{W}val") == "000000" and node.get(f"{W}themeColor") is None
    normal = xp(styles, "w:style[@w:styleId='Normal']/w:rPr/w:rFonts")
    assert normal and normal[0].get(f"{W}ascii") == ND30.font_family


# The linter's map of styles to the elements they present (one definition, shared).
STYLE_EXPECTATIONS = STYLE_ELEMENTS
JC = {"left": "left", "center": "center", "justify": "both", None: None}


@pytest.mark.parametrize(("name", "element"), sorted(STYLE_EXPECTATIONS.items()))
def test_nd30_styles_follow_the_rule_data(name: str, element: str) -> None:
    styles = xml("nd30/mau-1.4.docx", "word/styles.xml")
    found = xp(styles, f"w:style[w:name/@w:val='{name}']")
    assert len(found) == 1, name
    style = found[0]
    rule = ND30.elements[element]

    def val(path: str) -> str | None:
        node = style.find(path)
        return None if node is None else node.get(f"{W}val")

    assert val(f"{W}rPr/{W}sz") == str(int(PROFILE[element] * 2))
    assert val(f"{W}rPr/{W}b") == str(int(bool(rule.bold)))
    assert val(f"{W}rPr/{W}i") == str(int(bool(rule.italic)))
    assert val(f"{W}rPr/{W}color") == "000000"
    if rule.align is not None:
        assert val(f"{W}pPr/{W}jc") == JC[rule.align]
    spacing = style.find(f"{W}pPr/{W}spacing")
    assert spacing is not None and spacing.get(f"{W}line") == "240" and spacing.get(f"{W}after") == "0"
    if element in ("body", "basis", "heading", "point_heading"):
        assert attr(style, f"{W}pPr/{W}ind", "firstLine") == "567"
        assert spacing.get(f"{W}before") == "120"


def test_extra_styles() -> None:
    styles = xml("nd30/mau-1.4.docx", "word/styles.xml")

    def style(name: str) -> etree._Element:
        return xp(styles, f"w:style[w:name/@w:val='{name}']")[0]

    rule = style("ND30 Rule")
    assert attr(rule, f"{W}rPr/{W}sz") == str(int(g.RULE_SIZE_PT * 2))
    assert attr(rule, f"{W}rPr/{W}b") == "0"
    assert attr(rule, f"{W}pPr/{W}jc") == "center"
    table = style("ND30 Table")
    assert attr(table, f"{W}rPr/{W}sz") == str(int(g.TABLE_TEXT_PT * 2))
    grid = style("ND30 Table Grid")
    assert grid.get(f"{W}type") == "table"
    assert {b.get(f"{W}val") for b in child(grid, f"{W}tblPr/{W}tblBorders")} == {"single"}


def test_header_block_geometry() -> None:
    document = xml("nd30/blocks/header.docx", "word/document.xml")
    tbl = document.find(f"{W}body/{W}tbl")
    assert tbl is not None
    grid = [int(c.get(f"{W}w") or 0) for c in tbl.iter(f"{W}gridCol")]
    assert grid == [g.HEADER_LEFT_TWIPS, g.HEADER_RIGHT_TWIPS]
    assert 3800 <= grid[0] <= 4200 and 5400 <= grid[1] <= 5700
    indent = int(attr(tbl, f"{W}tblPr/{W}tblInd", "w") or 0)
    assert abs(2 * indent + sum(grid) - g.TEXT_WIDTH_TWIPS) <= 1
    national = ND30.elements["national_title"]
    assert text_width_pt(national.text or "", PROFILE["national_title"], bold=True) < grid[1] / 20
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in tbl.iter(f"{W}p")]
    assert texts[texts.index(ND30.elements["motto"].text or "") + 1] == "_" * g.MOTTO_RULE_UNDERSCORES
    assert "{%p for l in doc.parent_agency_lines %}" in texts
    assert "{{ doc.date_line }}" in texts


def test_layout_page_setup_and_parts() -> None:
    entries = parts((PACK / "nd30/mau-1.4.docx").read_bytes())
    document = etree.fromstring(entries["word/document.xml"])
    sect = document.find(f"{W}body/{W}sectPr")
    assert sect is not None
    size = sect.find(f"{W}pgSz")
    assert size is not None and (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert size.get(f"{W}orient") in (None, "portrait")
    margins = sect.find(f"{W}pgMar")
    assert margins is not None
    for side in ND30.page.default_margins_mm:
        assert margins.get(f"{W}{side}") == str(g.MARGIN_TWIPS[side])
        lo, hi = ND30.page.margins_mm[side]
        assert lo <= ND30.page.twips_to_mm(g.MARGIN_TWIPS[side]) <= hi
    assert margins.get(f"{W}header") == str(g.mm_to_twips(ND30.page.header_distance_mm))
    assert sect.find(f"{W}titlePg") is not None
    kinds = sorted((r.tag.split("}")[1], r.get(f"{W}type")) for r in sect if "Reference" in r.tag)
    assert kinds == [
        ("footerReference", "default"),
        ("footerReference", "first"),
        ("headerReference", "default"),
        ("headerReference", "first"),
    ]
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in document.iter(f"{W}p")]
    for block in ("header", "title", "body", "signature"):
        assert f'{{%p include "nd30/blocks/{block}.docx" %}}' in texts
        assert f"{{%p block {block} %}}" in texts
