"""Edit a DOCX's XML parts in place (for mutation tests): paragraphs by text, runs, styles, sectPr.

    edit = DocxEdit(data)
    p = edit.para("CỘNG HÒA")
    edit.set_run(p, "b", val="0")
    data2 = edit.save()
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"

# Child order inside w:rPr / w:pPr that Word expects (enough of it for the elements we write).
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "vanish",
              "color", "spacing", "sz", "szCs", "highlight", "u", "vertAlign", "lang"]
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "numPr", "pBdr", "shd", "tabs", "spacing",
              "ind", "contextualSpacing", "jc", "rPr", "sectPr"]


def w(tag: str) -> str:
    return W + tag


class DocxEdit:
    """A DOCX package whose XML parts can be changed and saved back (other parts byte for byte)."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.names = zf.namelist()
            self.parts = {n: zf.read(n) for n in self.names}
        self._trees: dict[str, etree._Element] = {}

    # -- parts ---------------------------------------------------------------------------------
    def xml(self, name: str) -> etree._Element:
        if name not in self._trees:
            self._trees[name] = etree.fromstring(self.parts[name])
        return self._trees[name]

    @property
    def doc(self) -> etree._Element:
        return self.xml(DOCUMENT)

    @property
    def styles(self) -> etree._Element:
        return self.xml(STYLES)

    def save(self) -> bytes:
        for name, tree in self._trees.items():
            self.parts[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in self.names:
                zf.writestr(name, self.parts[name])
        return out.getvalue()

    def part_with(self, needle: str, prefix: str = "word/header") -> str:
        """The first part (header/footer) whose XML contains ``needle``."""
        for name in self.names:
            if name.startswith(prefix) and needle.encode() in self.parts[name]:
                return name
        raise KeyError(needle)

    # -- paragraphs and runs -------------------------------------------------------------------
    def paragraphs(self, part: str = DOCUMENT) -> list[etree._Element]:
        return list(self.xml(part).iter(w("p")))

    @staticmethod
    def text(p: etree._Element) -> str:
        return "".join(t.text or "" for t in p.iter(w("t")))

    def para(self, start: str, part: str = DOCUMENT, *, nth: int = 0) -> etree._Element:
        """The ``nth`` paragraph whose text starts with ``start``."""
        found = [p for p in self.paragraphs(part) if self.text(p).startswith(start)]
        if len(found) <= nth:
            raise KeyError(f"no paragraph starting with {start!r} in {part}")
        return found[nth]

    @staticmethod
    def runs(p: etree._Element) -> list[etree._Element]:
        return [r for r in p.iter(w("r")) if r.find(w("t")) is not None]

    def set_text(self, p: etree._Element, text: str) -> None:
        """Put ``text`` in the first text run, empty the others (formatting kept)."""
        ts = list(p.iter(w("t")))
        ts[0].text = text
        ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for t in ts[1:]:
            t.text = ""

    def set_run(self, p: etree._Element, tag: str, *, runs: list[etree._Element] | None = None,
                **attrs: str) -> None:
        """Set a direct run property (``b``, ``sz`` …) with ``w:`` attributes on every text run."""
        for r in runs if runs is not None else self.runs(p):
            rpr = self._child(r, "rPr", first=True)
            _set(rpr, tag, attrs, _RPR_ORDER)

    def set_para(self, p: etree._Element, tag: str, **attrs: str) -> None:
        ppr = self._child(p, "pPr", first=True)
        _set(ppr, tag, attrs, _PPR_ORDER)

    def remove(self, el: etree._Element) -> None:
        parent = el.getparent()
        assert parent is not None
        parent.remove(el)

    def insert_after(self, el: etree._Element, new: etree._Element) -> None:
        parent = el.getparent()
        assert parent is not None
        parent.insert(parent.index(el) + 1, new)

    def clone_para(self, p: etree._Element, text: str) -> etree._Element:
        new = copy.deepcopy(p)
        self.set_text(new, text)
        return new

    # -- styles and sections -------------------------------------------------------------------
    def style(self, style_id: str) -> etree._Element:
        for st in self.styles.iter(w("style")):
            if st.get(w("styleId")) == style_id:
                return st
        raise KeyError(style_id)

    def set_style_run(self, style_id: str, tag: str, **attrs: str) -> None:
        st = self.style(style_id)
        rpr = st.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(st, w("rPr"))
        _set(rpr, tag, attrs, _RPR_ORDER)

    def set_style_para(self, style_id: str, tag: str, **attrs: str) -> None:
        st = self.style(style_id)
        ppr = st.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            rpr = st.find(w("rPr"))
            if rpr is not None:
                rpr.addprevious(ppr)
            else:
                st.append(ppr)
        _set(ppr, tag, attrs, _PPR_ORDER)

    @property
    def sect(self) -> etree._Element:
        body = self.doc.find(w("body"))
        assert body is not None
        sect = body.find(w("sectPr"))
        assert sect is not None
        return sect

    def set_sect(self, tag: str, **attrs: str) -> None:
        el = self.sect.find(w(tag))
        assert el is not None, tag
        for k, v in attrs.items():
            el.set(w(k), v)

    @staticmethod
    def _child(el: etree._Element, tag: str, *, first: bool = False) -> etree._Element:
        child = el.find(w(tag))
        if child is None:
            child = etree.Element(w(tag))
            if first:
                el.insert(0, child)
            else:
                el.append(child)
        return child


def _set(parent: etree._Element, tag: str, attrs: dict[str, str], order: list[str]) -> None:
    el = parent.find(w(tag))
    if el is None:
        el = etree.Element(w(tag))
        pos = order.index(tag) if tag in order else len(order)
        for i, child in enumerate(parent):
            name = etree.QName(child).localname
            if name in order and order.index(name) > pos:
                parent.insert(i, el)
                break
        else:
            parent.append(el)
    el.attrib.clear()
    for k, v in attrs.items():
        el.set(w(k), v)
