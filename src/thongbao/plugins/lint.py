"""Template linter: every problem of a ``.docx`` template in one run, each with its location.

``lint_docx(path)`` reads the main document part, the headers and footers and the styles, and
reports:

``syntax``
    a Jinja tag that does not parse (each tag is parsed on its own, and block tags are matched
    across paragraphs, so one bad tag does not hide the others); typographic quotes in a tag.
``variable``
    a name the context does not provide: only ``doc`` (plus loop/``set`` names and the engine
    globals) exists, and ``doc.X`` must be a key of the context contract
    (:data:`thongbao.render.context.CONTEXT_KEYS` plus the pack's ``context_keys``).
``split-tag``
    a tag docxtpl cannot repair: one that runs over a paragraph end, or whose pieces sit in runs
    of different containers (hyperlink, field, tracked change, content control …) or around a
    field character; docxtpl only joins pieces in sibling runs of one paragraph.
``placement``
    a ``{%p``/``{%tr``/``{%tc`` tag that cannot do what it says (text beside a ``{%p`` tag is
    dropped; ``{%tr`` outside a table row …); an include/extends target that is not found.
``format``
    formatting that breaks a rule of the rule set: theme fonts, fonts other than Times New Roman,
    non-black text, page size and margins, a ``ND30 …`` style (or a paragraph holding a fixed text
    such as the Quốc hiệu) whose size, weight, slant or alignment breaks its element's rule.

Locations are ``word/document.xml, table 1 row 1 cell 2 paragraph 3`` (or ``paragraph 12``,
``style 'ND30 Motto'``, ``section 1``) with an excerpt of the text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from thongbao.render import _docx_xml as X
from thongbao.render.context import CONTEXT_KEYS
from thongbao.render.engine import DocxLoader, TemplateSource
from thongbao.rules import ND30, ElementStyle, RuleSet

__all__ = ["STYLE_ELEMENTS", "Problem", "lint_docx"]

W = f"{{{X.W_NS}}}"
_DOCXTPL = DocxTemplate(io.BytesIO())
_ENV = SandboxedEnvironment()

#: Style names of the built-in packs and the element of the rule data each one presents.
STYLE_ELEMENTS: Mapping[str, str] = {
    "ND30 Parent Agency": "parent_agency",
    "ND30 Agency": "agency",
    "ND30 National Title": "national_title",
    "ND30 Motto": "motto",
    "ND30 Number": "number_line",
    "ND30 Subject": "subject_line",
    "ND30 Date": "date_line",
    "ND30 Type Name": "type_name",
    "ND30 Summary": "summary",
    "ND30 Body": "body",
    "ND30 Basis": "basis",
    "ND30 Heading 1": "heading",
    "ND30 Heading 2": "heading",
    "ND30 Heading 3": "point_heading",
    "ND30 Recipients Label": "recipients_label",
    "ND30 Recipients": "recipients",
    "ND30 Drafter Mark": "drafter_mark",
    "ND30 Authority": "authority",
    "ND30 Signer": "signer_name",
    "ND30 Contact": "contact",
    "ND30 Page Number": "page_number",
    "ND30 Stamp": "stamp",
}
_GLOBALS = frozenset(
    {"doc", "loop", "fail", "table_widths", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "super"}
)
_FONT_ATTRS = ("ascii", "hAnsi", "cs", "eastAsia")
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")
_BLACK = ("000000", "auto")
_TAG = re.compile(r"\{\{(?P<expr>.*?)\}\}|\{%(?P<stmt>.*?)%\}|\{#.*?#\}", re.S)
_OPENER = re.compile(r"\{\{|\{%|\{#")
_CLOSER = re.compile(r"\}\}|%\}")
_PREFIX = re.compile(r"^(?P<prefix>p|r|tr|tc)(?=\s)")
_SMART = re.compile(r"[“”‘’„«»]")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_P_OPEN = re.compile(r"<w:p([ >])")
# Between the pieces of a tag docxtpl deletes the XML; only these may stand there.
_SAFE_SIBLINGS = {f"{W}{n}" for n in ("r", "proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd")}
_SAFE_IN_RUN = {f"{W}{n}" for n in ("rPr", "t", "tab", "br", "softHyphen", "noBreakHyphen", "lastRenderedPageBreak")}
_OPENERS = {"for": "endfor", "if": "endif", "block": "endblock", "with": "endwith", "macro": "endmacro",
            "call": "endcall", "filter": "endfilter", "raw": "endraw", "set": "endset"}  # fmt: skip
_SIMPLE = ("include", "extends", "import", "from", "do")


@dataclass(frozen=True)
class Problem:
    """One problem: its kind, message, part, location in the part, an excerpt, the rule id if any."""

    kind: str
    message: str
    part: str
    location: str
    excerpt: str = ""
    rule: str | None = None

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        text = f"{self.part}, {self.location}: {self.kind}{rule}: {self.message}"
        return text + (f"\n    near: {self.excerpt!r}" if self.excerpt else "")


# ---------------------------------------------------------------------------------------------
# Walking paragraphs with their locations
# ---------------------------------------------------------------------------------------------


@dataclass
class _Para:
    element: etree._Element
    location: str
    text: str
    pieces: list[tuple[int, int, etree._Element]]  # (start, end, w:t) in text order


def _excerpt(text: str, start: int = 0, end: int | None = None, width: int = 60) -> str:
    end = len(text) if end is None else end
    lo, hi = max(start - width // 2, 0), min(end + width // 2, len(text))
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """``w:t`` of ``p`` itself (not of paragraphs nested in text boxes)."""
    out = []
    for t in p.iter(f"{W}t"):
        parent = t.getparent()
        while parent is not None and parent.tag != X.W_P:
            parent = parent.getparent()
        if parent is p:
            out.append(t)
    return out


def _paragraph(p: etree._Element, location: str) -> _Para:
    pieces, text = [], ""
    for t in _own_texts(p):
        value = t.text or ""
        pieces.append((len(text), len(text) + len(value), t))
        text += value
    return _Para(p, location, text, pieces)


def _walk(container: etree._Element, prefix: str = "") -> Iterator[_Para]:
    counts = {"p": 0, "tbl": 0}
    for child in container:
        if child.tag == X.W_P:
            counts["p"] += 1
            yield _paragraph(child, f"{prefix}paragraph {counts['p']}")
        elif child.tag == X.W_TBL:
            counts["tbl"] += 1
            for r, row in enumerate(child.findall(X.W_TR), 1):
                for c, cell in enumerate(row.findall(X.W_TC), 1):
                    yield from _walk(cell, f"{prefix}table {counts['tbl']} row {r} cell {c} ")
        elif child.tag == X.W_SDT:
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _walk(content, prefix)


def _paragraphs(root: etree._Element) -> list[_Para]:
    body = root.find(X.W_BODY)
    return list(_walk(body if body is not None else root))


# ---------------------------------------------------------------------------------------------
# Tags: placement, splits, syntax, variables
# ---------------------------------------------------------------------------------------------


@dataclass
class _Tag:
    kind: str  # "expr" or "stmt"
    prefix: str
    code: str
    para: _Para
    start: int
    end: int

    @property
    def excerpt(self) -> str:
        return _excerpt(self.para.text, self.start, self.end)

    @property
    def smart(self) -> bool:
        """Whether the tag holds typographic quotes (one problem; what follows from them is not reported)."""
        return bool(_SMART.search(self.code))

    @property
    def straight(self) -> str:
        """The code with straight quotes: what the tag means, for every check after the quotes one."""
        return self.code.translate(_STRAIGHT)


def _ancestor(node: etree._Element, tag: str) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _repairable(tag: _Tag) -> str | None:
    """Why docxtpl cannot join the pieces of ``tag`` (None when it can)."""
    texts = [t for start, end, t in tag.para.pieces if start < tag.end and end > tag.start]
    if len(texts) < 2:
        return None
    runs = [t.getparent() for t in texts]
    if any(r is None or r.tag != f"{W}r" for r in runs):
        return "part of it is outside a run"
    containers = {id(r.getparent()) for r in runs if r is not None}
    if len(containers) > 1:
        kinds = sorted(
            {etree.QName(r.getparent()).localname for r in runs if r is not None and r.getparent() is not None}
        )
        return f"its pieces are in different containers ({', '.join(kinds)})"
    first, last = runs[0], runs[-1]
    assert first is not None and last is not None
    parent = first.getparent()
    assert parent is not None
    if parent.tag != X.W_P:
        return f"it sits in a {etree.QName(parent).localname}, whose runs docxtpl leaves apart"
    siblings = list(parent)
    for node in siblings[siblings.index(first) : siblings.index(last) + 1]:
        if node.tag not in _SAFE_SIBLINGS:
            return f"a {etree.QName(node).localname} stands between its pieces"
        if node.tag == f"{W}r" and any(child.tag not in _SAFE_IN_RUN for child in node):
            odd = next(etree.QName(c).localname for c in node if c.tag not in _SAFE_IN_RUN)
            return f"a run between its pieces holds a {odd} (field or object), which would be cut"
    return None


def _tags(paras: Sequence[_Para], part: str, problems: list[Problem]) -> list[_Tag]:
    found: list[_Tag] = []
    for para in paras:
        rest = para.text
        for m in _TAG.finditer(para.text):
            code = m.group("expr") if m.group("expr") is not None else m.group("stmt")
            if code is None:
                continue  # comment
            kind = "expr" if m.group("expr") is not None else "stmt"
            code = code.strip()
            code = code.removeprefix("-").removesuffix("-").strip()
            pm = _PREFIX.match(code)
            prefix = pm.group("prefix") if pm else ""
            code = code[len(prefix) :].strip()
            found.append(_Tag(kind, prefix, code, para, m.start(), m.end()))
            rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
        for m in _OPENER.finditer(rest):
            problems.append(
                Problem(
                    "split-tag",
                    "this tag is not closed in its paragraph: docxtpl cannot join paragraphs; "
                    "put the whole tag in one paragraph",
                    part,
                    para.location,
                    _excerpt(para.text, m.start(), m.end()),
                )
            )
        for m in _CLOSER.finditer(rest):
            problems.append(
                Problem(
                    "split-tag",
                    "a tag closes here that was opened in an earlier paragraph",
                    part,
                    para.location,
                    _excerpt(para.text, m.start(), m.end()),
                )
            )
    for tag in found:
        why = _repairable(tag)
        if why:
            problems.append(
                Problem(
                    "split-tag",
                    f"the tag is split across runs in a way docxtpl cannot repair: {why}; retype it in one run",
                    part,
                    tag.para.location,
                    tag.excerpt,
                )
            )
        if tag.prefix == "p" and tag.kind == "stmt":
            outside = (tag.para.text[: tag.start] + tag.para.text[tag.end :]).strip()
            if outside:
                problems.append(
                    Problem(
                        "placement",
                        f"text beside a {{%p … %}} tag is dropped (the tag replaces its paragraph): {outside[:40]!r}",
                        part,
                        tag.para.location,
                        tag.excerpt,
                    )
                )
        if tag.prefix in ("tr", "tc"):
            need = X.W_TR if tag.prefix == "tr" else X.W_TC
            if _ancestor(tag.para.element, need) is None:
                where = "table row" if tag.prefix == "tr" else "table cell"
                problems.append(
                    Problem(
                        "placement",
                        f"{{%{tag.prefix} … %}} must be inside a {where}",
                        part,
                        tag.para.location,
                        tag.excerpt,
                    )
                )
    return found


def _parse(source: str) -> nodes.Template:
    return _ENV.parse(source)


def _check_syntax(tags: Sequence[_Tag], part: str, problems: list[Problem]) -> list[nodes.Template]:
    """Parse each tag on its own; match block tags across paragraphs. Returns the parsed ASTs."""
    trees: list[nodes.Template] = []
    stack: list[tuple[str, _Tag]] = []
    reported: set[int] = set()

    def bad(tag: _Tag, message: str) -> None:
        # One problem per tag: a tag already reported (typographic quotes) is not reported again
        # for what follows from that defect.
        if id(tag) not in reported:
            reported.add(id(tag))
            problems.append(Problem("syntax", message, part, tag.para.location, tag.excerpt))

    for tag in tags:
        # A tag with typographic quotes is reported, then read with straight quotes (as docxtpl
        # does for “”‘’), so that its block still opens or closes and its loop names are
        # declared: one defect, one problem, not a cascade of unmatched elif/else/endif.
        if tag.smart:
            bad(tag, "typographic quotes in a tag (Word's AutoCorrect): use straight quotes \" or '")
        code = tag.straight
        if tag.kind == "expr":
            source = f"{{{{ {code} }}}}"
        else:
            word, _, rest = code.partition(" ")
            word = word.strip()
            if word in _OPENERS and not (word == "set" and "=" in rest):
                source = f"{{% {code} %}}{{% {_OPENERS[word]} %}}"
                stack.append((word, tag))
                if word == "raw":
                    source = ""
            elif word in ("elif", "else"):
                if not stack or stack[-1][0] not in ("if", "for"):
                    bad(tag, f"{{% {word} %}} without an open if/for")
                    continue
                opener = stack[-1][0]
                source = (
                    f"{{% if true %}}{{% {code} %}}{{% endif %}}"
                    if opener == "if" or word == "else"
                    else f"{{% if true %}}{{% if {rest} %}}{{% endif %}}{{% endif %}}"
                )
                if word == "else" and rest.strip():
                    bad(tag, "{% else %} takes no expression")
                    continue
            elif word.startswith("end"):
                opened = word[3:]
                if not stack:
                    bad(tag, f"{{% {word} %}} closes nothing")
                elif stack[-1][0] != opened:
                    bad(tag, f"{{% {word} %}} closes {{% {stack[-1][0]} %}} opened in {stack[-1][1].para.location}")
                    stack.pop()
                else:
                    stack.pop()
                continue
            elif word == "set" or word in _SIMPLE:
                source = f"{{% {code} %}}"
            else:
                bad(tag, f"unknown tag {word!r}")
                continue
        if not source:
            continue
        try:
            trees.append(_parse(source))
        except jinja2.TemplateSyntaxError as exc:
            bad(tag, f"Jinja syntax error: {exc.message}")
    for word, tag in stack:  # a second defect of its own, even on a tag reported above
        message = f"{{% {word} %}} is never closed ({{% {_OPENERS[word]} %}} missing)"
        problems.append(Problem("syntax", message, part, tag.para.location, tag.excerpt))
    return trees


def _declared(trees: Sequence[nodes.Template]) -> set[str]:
    names: set[str] = set()
    for tree in trees:
        for node in tree.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.With, nodes.Macro)):
            targets: list[nodes.Node] = []
            if isinstance(node, nodes.For | nodes.Assign | nodes.AssignBlock):
                targets = [node.target]
            elif isinstance(node, nodes.With):
                targets = list(node.targets)
            elif isinstance(node, nodes.Macro):
                names.add(node.name)
                targets = list(node.args)
            for target in targets:
                names.update(n.name for n in target.find_all(nodes.Name))
                if isinstance(target, nodes.Name):
                    names.add(target.name)
    return names


def _check_variables(
    tags: Sequence[_Tag],
    declared: set[str],
    keys: Collection[str],
    part: str,
    problems: list[Problem],
) -> None:
    for tag in tags:
        code = tag.straight
        if tag.kind == "expr":
            source = f"{{{{ {code} }}}}"
        else:
            word, _, rest = code.partition(" ")
            if word in ("for", "if", "elif", "with", "set", "include", "extends"):
                source = f"{{% {code} %}}" + (f"{{% end{word} %}}" if word in ("for", "if", "with") else "")
                if word == "elif":
                    source = f"{{% if {rest} %}}{{% endif %}}"
                if word == "set" and "=" not in rest:
                    continue
            else:
                continue
        try:
            tree = _parse(source)
        except jinja2.TemplateSyntaxError:
            continue
        for name in tree.find_all(nodes.Name):
            if name.ctx == "load" and name.name not in declared and name.name not in _GLOBALS:
                problems.append(
                    Problem(
                        "variable",
                        f"{name.name!r} is not in the context (templates see only `doc`, loop variables and set names)",
                        part,
                        tag.para.location,
                        tag.excerpt,
                    )
                )
        for access in tree.find_all((nodes.Getattr, nodes.Getitem)):
            key: Any = None
            if isinstance(access, nodes.Getattr):
                target, key = access.node, access.attr
            elif isinstance(access, nodes.Getitem):
                target = access.node
                if isinstance(access.arg, nodes.Const):
                    key = access.arg.value
            else:
                continue
            if not (isinstance(target, nodes.Name) and target.name == "doc" and "doc" not in declared):
                continue
            if isinstance(key, str) and key not in keys:
                problems.append(
                    Problem(
                        "variable",
                        f"doc.{key} is not a key of the context contract (see docs/architecture.md)",
                        part,
                        tag.para.location,
                        tag.excerpt,
                    )
                )


def _check_references(tags: Sequence[_Tag], loader: DocxLoader | None, part: str, problems: list[Problem]) -> None:
    if loader is None:
        return
    for tag in tags:
        code = tag.straight
        word = code.partition(" ")[0]
        if tag.kind != "stmt" or word not in ("include", "extends"):
            continue
        m = re.search(r"""["']([^"']+)["']""", code)
        if m is None:
            continue
        try:
            loader.package(m.group(1))
        except jinja2.TemplateNotFound:
            problems.append(
                Problem(
                    "placement",
                    f"{word} target {m.group(1)!r} is not on the search path",
                    part,
                    tag.para.location,
                    tag.excerpt,
                )
            )


def _whole_part(xml: str, paras_in_order: Sequence[str], part: str, problems: list[Problem]) -> None:
    """Parse the part as the engine does; report what the tag-by-tag pass could not see."""
    try:
        source = _P_OPEN.sub(r"\n<w:p\1", _DOCXTPL.patch_xml(xml))
        _parse(source)
    except jinja2.TemplateSyntaxError as exc:
        index = max((exc.lineno or 1) - 2, 0)
        where = paras_in_order[index] if index < len(paras_in_order) else f"line {exc.lineno}"
        lines = source.split("\n")
        excerpt = X.text_excerpt(lines[exc.lineno - 1]) if exc.lineno and exc.lineno <= len(lines) else ""
        problems.append(Problem("syntax", f"Jinja syntax error: {exc.message}", part, where, excerpt))


# ---------------------------------------------------------------------------------------------
# Formatting against the rule data
# ---------------------------------------------------------------------------------------------


def _on(node: etree._Element | None) -> bool | None:
    if node is None:
        return None
    return node.get(f"{W}val") not in ("0", "false", "off", "none")


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.defaults_rpr: etree._Element | None = None
        self.defaults_ppr: etree._Element | None = None
        if root is None:
            return
        for style in root.findall(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if sid:
                self.by_id[sid] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                    self.default_paragraph = sid
        self.defaults_rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults_ppr = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")

    def name(self, sid: str) -> str:
        node = self.by_id.get(sid)
        name = node.find(f"{W}name") if node is not None else None
        return (name.get(f"{W}val") or sid) if name is not None else sid

    def chain(self, sid: str | None) -> list[etree._Element]:
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            out.append(style)
            based = style.find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
        return out

    def run_value(self, rprs: Sequence[etree._Element | None], prop: str) -> Any:
        for rpr in [*rprs, self.defaults_rpr]:
            if rpr is None:
                continue
            node = rpr.find(f"{W}{prop}")
            if node is None:
                continue
            if prop == "sz":
                val = node.get(f"{W}val")
                return int(val) / 2 if val and val.isdigit() else None
            return _on(node)
        return 10.0 if prop == "sz" else False

    def style_rprs(self, sid: str | None) -> list[etree._Element | None]:
        return [s.find(f"{W}rPr") for s in self.chain(sid)]

    def style_jc(self, sid: str | None, direct: etree._Element | None = None) -> str | None:
        for ppr in [direct, *(s.find(f"{W}pPr") for s in self.chain(sid)), self.defaults_ppr]:
            jc = ppr.find(f"{W}jc") if ppr is not None else None
            if jc is not None:
                return jc.get(f"{W}val")
        return None


_JC = {
    "left": ("left", "start", None),
    "center": ("center",),
    "right": ("right", "end"),
    "justify": ("both", "distribute"),
}


def _compare(
    rule: ElementStyle,
    rules: RuleSet,
    size: float | None,
    bold: bool | None,
    italic: bool | None,
    jc: str | None,
    *,
    check_align: bool,
) -> list[str]:
    wrong = []
    if size is not None and not rule.size_ok(size):
        lo, hi = rule.size
        wanted = f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"
        wrong.append(f"size {size:g} pt (the rule: {wanted} pt)")
    if rule.bold is not None and bool(bold) != rule.bold:
        wrong.append("bold" if bold else "not bold")
    if rule.italic is not None and bool(italic) != rule.italic:
        wrong.append("italic" if italic else "not italic")
    if check_align and rule.align is not None and jc not in _JC[rule.align]:
        wrong.append(f"aligned {jc or 'left'} (the rule: {rule.align})")
    return wrong


def _font_problems(rpr: etree._Element, rules: RuleSet) -> list[tuple[str, str]]:
    """(rule id, message) for theme fonts, other fonts and non-black colour in one rPr."""
    out = []
    fonts = rpr.find(f"{W}rFonts")
    if fonts is not None:
        themes = [a for a in _THEME_ATTRS if fonts.get(f"{W}{a}")]
        if themes:
            out.append(("ND30-FONT-THEME", f"theme font ({', '.join(f'{a}={fonts.get(W + a)}' for a in themes)})"))
        others = sorted({v for a in _FONT_ATTRS if (v := fonts.get(f"{W}{a}")) and v != rules.font_family})
        if others:
            out.append(("ND30-FONT-FAMILY", f"font {', '.join(others)} (the rule: {rules.font_family})"))
    color = rpr.find(f"{W}color")
    if color is not None:
        if color.get(f"{W}themeColor"):
            out.append(("ND30-FONT-COLOR", f"theme colour {color.get(f'{W}themeColor')}"))
        elif (color.get(f"{W}val") or "auto").lower() not in _BLACK:
            out.append(("ND30-FONT-COLOR", f"colour #{color.get(f'{W}val')} (the rule: black)"))
    return out


def _check_styles(styles: _Styles, rules: RuleSet, style_elements: Mapping[str, str], problems: list[Problem]) -> None:
    part = "word/styles.xml"
    if styles.defaults_rpr is not None:
        for rule_id, message in _font_problems(styles.defaults_rpr, rules):
            problems.append(Problem("format", message, part, "document defaults", rule=rule_id))
    for sid, style in styles.by_id.items():
        rpr = style.find(f"{W}rPr")
        if rpr is not None:
            for rule_id, message in _font_problems(rpr, rules):
                problems.append(Problem("format", message, part, f"style {styles.name(sid)!r}", rule=rule_id))
        element_key = style_elements.get(styles.name(sid))
        element = rules.elements.get(element_key) if element_key else None
        if element is None:
            continue
        rprs = styles.style_rprs(sid)
        wrong = _compare(
            element,
            rules,
            styles.run_value(rprs, "sz"),
            styles.run_value(rprs, "b"),
            styles.run_value(rprs, "i"),
            styles.style_jc(sid),
            check_align=True,
        )
        if wrong:
            problems.append(
                Problem(
                    "format",
                    f"{'; '.join(wrong)}: {element.key} breaks {element.rule}",
                    part,
                    f"style {styles.name(sid)!r}",
                    rule=element.rule,
                )
            )


def _fixed_texts(rules: RuleSet) -> dict[str, ElementStyle]:
    out: dict[str, ElementStyle] = {}
    for element in rules.elements.values():
        for text in (element.text, *element.accepted_texts):
            if text:
                out[text] = element
    return out


def _check_paragraphs(
    paras: Sequence[_Para], styles: _Styles, rules: RuleSet, part: str, problems: list[Problem]
) -> None:
    fixed = _fixed_texts(rules)
    for para in paras:
        ppr = para.element.find(f"{W}pPr")
        pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
        sid = pstyle.get(f"{W}val") if pstyle is not None else styles.default_paragraph
        reported: set[str] = set()
        for run in para.element.iter(f"{W}r"):
            rpr = run.find(f"{W}rPr")
            if rpr is None:
                continue
            for rule_id, message in _font_problems(rpr, rules):
                if message not in reported:
                    reported.add(message)
                    problems.append(Problem("format", message, part, para.location, _excerpt(para.text), rule_id))
        element = fixed.get(para.text.strip())
        if element is None:
            continue
        for start, end, t in para.pieces:
            owner = t.getparent()
            if owner is None or not (t.text or "").strip():
                continue
            rpr = owner.find(f"{W}rPr")
            rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
            chain = [rpr, *styles.style_rprs(rstyle.get(f"{W}val") if rstyle is not None else None)]
            chain += styles.style_rprs(sid)
            wrong = _compare(
                element,
                rules,
                styles.run_value(chain, "sz"),
                styles.run_value(chain, "b"),
                styles.run_value(chain, "i"),
                styles.style_jc(sid, ppr),
                check_align=True,
            )
            if wrong:
                problems.append(
                    Problem(
                        "format",
                        f"{'; '.join(wrong)}: {element.key} breaks {element.rule}",
                        part,
                        para.location,
                        _excerpt(para.text, start, end),
                        element.rule,
                    )
                )
                break


def _check_sections(root: etree._Element, rules: RuleSet, part: str, problems: list[Problem]) -> None:
    page = rules.page
    for n, sect in enumerate(root.iter(X.W_SECTPR), 1):
        where = f"section {n}"
        size = sect.find(f"{W}pgSz")
        if size is not None:
            w_mm = page.twips_to_mm(int(size.get(f"{W}w") or 0))
            h_mm = page.twips_to_mm(int(size.get(f"{W}h") or 0))
            tol = page.size_tolerance_mm
            if abs(w_mm - page.width_mm) > tol or abs(h_mm - page.height_mm) > tol:
                problems.append(
                    Problem(
                        "format",
                        f"page {w_mm:.1f} x {h_mm:.1f} mm "
                        f"(the rule: {page.width_mm:g} x {page.height_mm:g} mm, portrait)",
                        part,
                        where,
                        rule="ND30-PAGE-SIZE",
                    )
                )
        margins = sect.find(f"{W}pgMar")
        if margins is None:
            continue
        for side, (lo, hi) in page.margins_mm.items():
            raw = margins.get(f"{W}{side}")
            if raw is None or not raw.lstrip("-").isdigit():
                continue
            mm = page.twips_to_mm(abs(int(raw)))
            if not lo - page.margin_tolerance_mm <= mm <= hi + page.margin_tolerance_mm:
                problems.append(
                    Problem(
                        "format",
                        f"{side} margin {mm:.1f} mm (the rule: {lo:g}-{hi:g} mm)",
                        part,
                        where,
                        rule="ND30-PAGE-MARGIN",
                    )
                )


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def lint_docx(
    source: str | Path | bytes | Traversable,
    *,
    rules: RuleSet = ND30,
    context_keys: Collection[str] = (),
    style_elements: Mapping[str, str] | None = None,
    search_path: Sequence[TemplateSource] | None = None,
    names: Collection[str] = (),
) -> list[Problem]:
    """Every problem of the template ``source`` (a path or the bytes of a ``.docx``), in part order.

    ``rules``: the rule set its documents must meet (a pack's: :func:`thongbao.plugins.rules_for`).
    ``context_keys``: keys of ``doc`` beyond :data:`~thongbao.render.context.CONTEXT_KEYS`.
    ``style_elements``: style name → element key whose styles are checked (default
    :data:`STYLE_ELEMENTS`; a pack whose layouts use direct formatting gives its own, or ``{}``).
    ``search_path``: when given, include/extends targets must be found on it.
    ``names``: top-level context names besides ``doc`` (e.g. a feature's own variables).
    """
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str):
        data = Path(source).read_bytes()
    else:
        data = source.read_bytes()
    try:
        package = X.PackageData(data)
    except ValueError as exc:
        return [Problem("package", str(exc), "(package)", "-")]
    problems: list[Problem] = []
    keys = frozenset(CONTEXT_KEYS) | frozenset(context_keys)
    mapping = STYLE_ELEMENTS if style_elements is None else style_elements
    styles_xml = package.entries.get("word/styles.xml")
    styles = _Styles(X.parse_xml(styles_xml) if styles_xml else None)
    loader = DocxLoader(search_path) if search_path is not None else None
    parsed: dict[str, tuple[etree._Element, list[_Para], list[_Tag], list[nodes.Template], bool]] = {}
    for part in package.template_parts:
        try:
            root = X.parse_xml(package.entries[part])
        except etree.XMLSyntaxError as exc:
            problems.append(Problem("package", f"invalid XML: {exc}", part, "-"))
            continue
        paras = _paragraphs(root)
        tag_problems: list[Problem] = []
        tags = _tags(paras, part, tag_problems)
        syntax_before = len(tag_problems)
        trees = _check_syntax(tags, part, tag_problems)
        syntax_found = len(tag_problems) > syntax_before or any(p.kind == "split-tag" for p in tag_problems)
        problems += tag_problems
        parsed[part] = (root, paras, tags, trees, syntax_found)
    declared = set().union(*(_declared(v[3]) for v in parsed.values())) if parsed else set()
    for part, (root, paras, tags, _trees, syntax_found) in parsed.items():
        _check_variables(tags, declared | set(names), keys, part, problems)
        _check_references(tags, loader, part, problems)
        if not syntax_found:
            order = {id(p.element): p.location for p in paras}
            in_order = [order.get(id(p), "paragraph") for p in root.iter(X.W_P)]
            _whole_part(package.part_xml(part), in_order, part, problems)
        _check_paragraphs(paras, styles, rules, part, problems)
        if part == package.main_part:
            _check_sections(root, rules, part, problems)
    _check_styles(styles, rules, mapping, problems)
    rank = {part: i for i, part in enumerate([*package.template_parts, "word/styles.xml"])}
    return sorted(problems, key=lambda p: rank.get(p.part, len(rank)))


def lint_files(paths: Sequence[str | Path], **options: Any) -> dict[str, list[Problem]]:
    """:func:`lint_docx` over several files: path → problems."""
    return {str(p): lint_docx(p, **options) for p in paths}
