"""Finding the elements of the format (thành phần thể thức) in a document we did not make.

Text is cut into :class:`Item` s: one per line (split at ``w:br``) and per tab-separated segment,
each with the *container* it sits in:

* a table column (``("table", id(table), column)``): the header and signature tables;
* a text box (``("textbox", id(drawing))``);
* a column of the page for paragraphs outside tables (``(part, 0)`` left, ``(part, 1)`` right):
  text after a tab, right-aligned text or text indented past ``[checker] right_column_indent`` of
  the width is in the right-hand column. A header typed with tabs therefore reads like a table.

Elements are then found by content and position, the way a reader finds them:

* the Quốc hiệu by its text; the Tiêu ngữ is the next line in its container; the date line by
  its shape (``…, ngày … tháng … năm …``); the number line starts with ``Số``;
* the agency lines are the upper-case lines before the rule / the ``Số`` line in the left
  container (the number's, else the one left of the Quốc hiệu): the trailing bold ones are the
  issuing agency, the others the parent agency;
* the type name is the first line after the header that names a document type; the trích yếu
  the centred lines after it, up to its rule; a ``V/v`` line under the number makes a công văn;
* a place and date written another way (no comma, in figures) is the date line too where the
  date line goes (under the Tiêu ngữ, on the number's line or row); a date line further down is
  out of place, not the end of the header;
* the recipients are the lines after ``Nơi nhận:`` in its container, and in the same column of
  the next table rows when the list does not end in the label's cell (Mẫu 1.6-1.8); the
  authority lines are in the container right of (or after) it, starting at a signing prefix when
  there is one (the right-hand one of two signatures, Mẫu 1.9); the signer's name is the last
  non-empty line there, parenthesised notes left out;
* appendices in the main document start at a ``Phụ lục`` line of its own after the signature;
  the main document ends there;
* the body is every paragraph between the title block and the signature block.

Rules under a text line are measured whatever they are made of: underscores (text width from
:mod:`thongbao.fontmetrics`), paragraph borders (the paragraph's width between its indents),
drawn lines (their width) or an underline of the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from thongbao.check.reader import CellRef, Document, Paragraph, Run, Section, Story
from thongbao.check.tuning import Tuning
from thongbao.fontmetrics import text_width_pt, wrap_lines
from thongbao.rules import DocumentTypeInfo, RuleSet
from thongbao.vietnamese import fold

__all__ = [
    "Appendix",
    "Found",
    "Item",
    "Layout",
    "RuleMark",
    "build_items",
    "describe",
    "excerpt",
    "is_rule_text",
    "key",
    "locate",
    "prefix_match",
    "prefix_regex",
]

_NON_WORD = re.compile(r"[^0-9a-z]+")
_DATE_SHAPE = re.compile(r"^[^,:]{1,80},\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
#: A place and a date written some other way: no comma after the place ("Hưng Yên ngày 05 tháng
#: 01 năm 2024"), no "ngày" ("tháng 01 năm 2024") or in figures ("Hưng Yên, 05/01/2024").
_LOOSE_DATE_SHAPE = re.compile(
    r"^(?=[^\d,:;()]*[^\W\d_])[^\d,:;()]{1,80}?(?:,\s*|\s+)"
    r"(?:ngày\b.*\btháng\b.*\bnăm\b|tháng\b.*\bnăm\b|(?:ngày\s*)?\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{2,4}\s*$)",
    re.IGNORECASE)
_APPENDIX_KEY = re.compile(r"^phu luc(?: so)?(?: [ivxlc]+| \d+)?$")
_NUMBER_SHAPE = re.compile(r"^Số(?=[\s:]|\d)")
_SUBJECT_SHAPE = re.compile(r"^(?:V\s*/\s*v|V\.v\.?)(?=\s|$)", re.IGNORECASE)


def key(text: str) -> str:
    """Text reduced for comparison: lower case, no diacritics, words separated by one space."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def is_archive_line(text: str, prefix: str) -> bool:
    """Whether a recipient line is the Lưu line (``- Lưu: VT, …``; a Party document's ``- Lưu Văn
    phòng``): its first word is the prefix word, followed by the colon, or the line does not end
    with ";" as the other recipients do (``- Lưu trữ lịch sử tỉnh;`` is a recipient)."""
    if not text.startswith("-"):
        return False
    words = text[1:].split(None, 1)
    word = prefix.rstrip(":").strip()
    if not words or key(words[0]) != key(word):
        return False
    return words[0].endswith(":") or text[1:].lstrip()[len(word):].lstrip().startswith(":") or (
        not text.rstrip().endswith(";")
    )


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, at most ``limit`` characters (``…`` when cut)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_SEPARATOR_CHARS = frozenset("_-–—*=~ \t")


def is_rule_text(text: str) -> bool:
    """A separator line: underscores (the official samples' way of drawing a rule) or another
    mark with no letters or digits (the asterisk and ``-----`` of Party documents)."""
    t = text.strip()
    return bool(t) and set(t) <= _SEPARATOR_CHARS


# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Item:
    """One line (or tab-separated part of a line) of text, with the runs it is made of."""

    para: Paragraph
    line: int
    seg: int
    runs: tuple[Run, ...]
    text: str
    container: Hashable
    col: int
    tabbed: bool
    order: int
    _key: str | None = None

    @property
    def key(self) -> str:
        """The text reduced by :func:`key` (computed once)."""
        if self._key is None:
            self._key = key(self.text)
        return self._key

    def short(self, limit: int) -> bool:
        """Whether the text is at most ``limit`` characters (a cheap test before :attr:`key`)."""
        return len(self.text) <= limit

    @property
    def text_runs(self) -> list[Run]:
        """Runs with visible, non-blank text (note reference marks excluded)."""
        return [r for r in self.runs if r.raw_text.strip() and r.note_ref is None]

    @property
    def styled_runs(self) -> list[Run]:
        """Text runs on the baseline: what typography rules apply to (footnote-like superscript
        digits of the official samples are not the element's text)."""
        runs = self.text_runs
        base = [r for r in runs if r.props.vert_align == "baseline"]
        return base or runs

    @property
    def base_text(self) -> str:
        """The text on the baseline: without the superscript footnote digits of the official
        samples ("(… tổ chức (nếu có))⁵") or note reference marks."""
        keep = [r for r in self.runs if r.note_ref is None]
        base = [r for r in keep if r.props.vert_align == "baseline"]
        if any(r.raw_text.strip() for r in base):
            keep = base
        return "".join(r.text for r in keep).strip()

    @property
    def listed_text(self) -> str:
        """The text as Word shows it, with the paragraph's automatic list label ("-", "1.")
        in front of its first segment; the label's tab or space reads as one space."""
        label = self.para.label
        if label is None or not label.text or self.line or self.seg:
            return self.text
        return label.text + (" " if label.suffix else "") + self.text

    @property
    def display(self) -> str:
        return "".join(r.display_text for r in self.runs).strip()

    @property
    def cell_key(self) -> Hashable:
        """The table cell (or the container) this item is in."""
        cell = self.para.location.cell
        if cell is not None:
            return ("cell", id(cell.table), cell.row, cell.cell_index)
        return self.container

    @property
    def is_rule(self) -> bool:
        return is_rule_text(self.text)

    def __repr__(self) -> str:
        return f"Item({self.order}, {self.container!r:.40}, {self.text[:40]!r})"


def _split_segments(runs: Sequence[Run]) -> list[tuple[list[Run], bool]]:
    segs: list[tuple[list[Run], bool]] = []
    cur: list[Run] = []
    lead = False
    for run in runs:
        raw = run.raw_text
        if "\t" not in raw:
            cur.append(run)
            continue
        for i, part in enumerate(raw.split("\t")):
            if i:
                if any(r.raw_text.strip() for r in cur):
                    segs.append((cur, lead))
                cur = []
                lead = True
            if part:
                cur.append(Run(part, run.props, run.element, run.field, run.note_ref, run.symbol_font))
    if any(r.raw_text.strip() for r in cur):
        segs.append((cur, lead))
    return segs


def runs_before_tabs(runs: Sequence[Run]) -> int:
    """How many tabs lead a line (before its first visible character)."""
    n = 0
    for run in runs:
        for ch in run.raw_text:
            if ch == "\t":
                n += 1
            elif not ch.isspace():
                return n
    return n


def _tab_x(p: Paragraph, n: int) -> int:
    """Where the ``n``-th tab of a line lands (twips from the paragraph's left edge): the custom
    tab stops first, then Word's default stops every 720 twips."""
    stops = sorted(t.position for t in p.props.tabs if t.alignment not in ("clear", "bar"))
    start = p.props.indent.left + p.props.indent.first_line
    ahead = [x for x in stops if x > start]
    if n <= len(ahead):
        return ahead[n - 1] if n else start
    last = ahead[-1] if ahead else start
    return (last // 720 + n - len(ahead)) * 720


def _container(p: Paragraph, col: int) -> Hashable:
    path = p.location.path
    if path:
        step = path[-1]
        if isinstance(step, CellRef):
            return ("table", id(step.table), step.col)
        return ("textbox", id(step.drawing))
    return (p.location.part_name, col)


def build_items(story: Story, tuning: Tuning) -> list[Item]:
    """Every non-empty line segment of ``story``, in reading order."""
    items: list[Item] = []
    for p in story.paragraphs:
        if p.is_empty:
            continue
        in_box = bool(p.location.path)
        width = p.container_width_twips or 0
        for line in p.lines:
            segs = _split_segments(line.runs)
            tabbed = len(segs) > 1 or any(lead for _, lead in segs)
            for si, (runs, lead) in enumerate(segs):
                text = "".join(r.text for r in runs).strip()
                if not text:
                    continue
                if in_box:
                    col = 0
                elif len(segs) > 1:
                    col = 1 if si > 0 else 0
                elif lead:
                    col = 1 if _tab_x(p, runs_before_tabs(line.runs)) > tuning.right_column_indent * width else 0
                elif p.alignment == "right" or (width and p.props.indent.left > tuning.right_column_indent * width):
                    col = 1
                else:
                    col = 0
                items.append(Item(p, line.index, si, tuple(runs), text, _container(p, col), col, tabbed,
                                  len(items)))
    return items


# ---------------------------------------------------------------------------------------------
# Found elements and rules
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Found:
    """An element found in the document: its lines."""

    key: str
    items: list[Item]

    @property
    def first(self) -> Item:
        return self.items[0]

    @property
    def last(self) -> Item:
        return self.items[-1]

    @property
    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        for it in self.items:
            if not out or out[-1] is not it.para:
                out.append(it.para)
        return out

    @property
    def text(self) -> str:
        return " ".join(it.text for it in self.items)

    @property
    def runs(self) -> list[Run]:
        return [r for it in self.items for r in it.styled_runs]


@dataclass(frozen=True, slots=True)
class RuleMark:
    """A horizontal rule found under an element and its measured length in pt."""

    kind: Literal["underscores", "border", "line", "underline", "mark"]
    width_pt: float | None
    para: Paragraph
    #: Width of one underscore: the rule can only be drawn to within half of it.
    unit_pt: float = 0.0
    #: The text of a separator that is not a line (``*``, ``-----``).
    text: str = ""


def _scale(run: Run, tuning: Tuning) -> float:
    return tuning.superscript_scale if run.props.vert_align in ("superscript", "subscript") else 1.0


def run_width_pt(run: Run, tuning: Tuning, text: str | None = None) -> float:
    return text_width_pt(text if text is not None else run.display_text, run.size_pt * _scale(run, tuning),
                         bold=run.bold, italic=run.italic)


def item_width_pt(item: Item, tuning: Tuning) -> float:
    """Width of a line as typeset, or of its longest wrapped line when it is wider than its
    paragraph (a long trích yếu in one paragraph wraps)."""
    runs = [r for r in item.runs if r.raw_text]
    width = sum(run_width_pt(r, tuning) for r in runs)
    para_width = item.para.width_twips
    if para_width and width > para_width / 20 and runs:
        main = max(item.styled_runs or runs, key=lambda r: len(r.raw_text))
        lines = wrap_lines(item.display, para_width / 20, main.size_pt, bold=main.bold, italic=main.italic)
        return max((text_width_pt(line, main.size_pt, bold=main.bold, italic=main.italic) for line in lines),
                   default=width)
    return width


def text_width_of(found: Found, tuning: Tuning) -> float:
    return max((item_width_pt(it, tuning) for it in found.items), default=0.0)


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Appendix:
    """The heading of an appendix (Phụ lục I III.1, Mẫu 2.1): "Phụ lục …", its title and the
    "(Kèm theo …)" line. ``separate`` for an appendix file of its own; otherwise it follows the
    signature in the main document."""

    label: Found
    title: Found | None = None
    reference: Found | None = None
    separate: bool = False

    @property
    def paragraph(self) -> Paragraph:
        return self.label.first.para

    def section(self, document: Document) -> Section | None:
        """The section the appendix starts, or ``None`` when it does not start one (then its pages
        cannot be numbered on their own)."""
        p = self.paragraph
        if p.section_index == 0 or p.section_index >= len(document.sections):
            return None
        earlier = [q for q in document.body.paragraphs[: p.index]
                   if q.section_index == p.section_index and not q.location.path and not q.is_empty]
        return None if earlier else document.sections[p.section_index]


@dataclass(eq=False)
class Layout:
    """Where each element of the format is (``None`` when not found)."""

    document: Document
    items: list[Item]
    #: The lines of the header (ô 1-4, 5b, 10), for checks a template pack adds.
    header_items: list[Item] = field(default_factory=list)
    national_title: Found | None = None
    motto: Found | None = None
    motto_rule: RuleMark | None = None
    parent_agency: Found | None = None
    agency: Found | None = None
    agency_rule: RuleMark | None = None
    number_line: Found | None = None
    subject_line: Found | None = None
    date_line: Found | None = None
    stamps: list[Found] = field(default_factory=list)
    type_name: Found | None = None
    doc_type: DocumentTypeInfo | None = None
    summary: Found | None = None
    summary_rule: RuleMark | None = None
    addressee: Found | None = None
    lead: Found | None = None
    #: Every appendix heading: a separate appendix file's, or each one after the signature.
    appendices: list[Appendix] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    recipients_label: Found | None = None
    recipients: list[Item] = field(default_factory=list)
    authority: Found | None = None
    signer_name: Found | None = None
    contact: Found | None = None
    header_end: int = -1
    part_types: dict[str, str] = field(default_factory=dict)

    @property
    def is_official_letter(self) -> bool:
        """A công văn: no type name, a ``V/v`` subject under the number (Mẫu 1.5)."""
        return self.type_name is None and self.subject_line is not None

    @property
    def appendix_label(self) -> Found | None:
        """The first appendix's "Phụ lục …" line."""
        return self.appendices[0].label if self.appendices else None

    @property
    def appendix_title(self) -> Found | None:
        return self.appendices[0].title if self.appendices else None

    @property
    def appendix_reference(self) -> Found | None:
        return self.appendices[0].reference if self.appendices else None

    @property
    def is_appendix(self) -> bool:
        """A separate appendix file (Mẫu 2.1, 2.2): it opens with "Phụ lục"."""
        return bool(self.appendices) and self.appendices[0].separate

    @property
    def kind(self) -> str | None:
        """The document type key found (``thong_bao``), ``cong_van``, ``appendix``, or ``None``."""
        if self.is_appendix:
            return "appendix"
        if self.doc_type is not None:
            return self.doc_type.key
        return "cong_van" if self.is_official_letter else None

    def element_of(self) -> dict[int, str]:
        """Paragraph id → element key, for naming where document-wide findings are."""
        out: dict[int, str] = {}
        for name in ("national_title", "motto", "parent_agency", "agency", "number_line", "subject_line",
                     "date_line", "type_name", "summary", "addressee", "recipients_label", "authority",
                     "signer_name", "contact"):
            found = getattr(self, name)
            if found is not None:
                for p in found.paragraphs:
                    out.setdefault(id(p), name)
        for st in self.stamps:
            for p in st.paragraphs:
                out.setdefault(id(p), "stamp")
        for appendix in self.appendices:
            for name, found in (("appendix_label", appendix.label), ("appendix_title", appendix.title),
                                ("appendix_reference", appendix.reference)):
                for p in found.paragraphs if found is not None else ():
                    out.setdefault(id(p), name)
        for it in self.recipients:
            out.setdefault(id(it.para), "recipients")
        for p in self.body:
            out.setdefault(id(p), "body")
        return out


def describe(target: Item | Paragraph, part_types: dict[str, str] | None = None) -> str:
    """Human location: ``table 1, row 1, column 2, paragraph 1`` / ``header (default),
    paragraph 1`` / ``paragraph 17`` (1-based), plus ``line n`` inside a broken paragraph."""
    if isinstance(target, Item):
        p, line = target.para, target.line
    else:
        p, line = target, None
    loc = p.location
    parts: list[str] = []
    if loc.part in ("header", "footer", "footnote", "endnote"):
        kind = (part_types or {}).get(loc.part_name)
        parts.append(f"{loc.part} ({kind})" if kind else loc.part)
    for step in loc.path:
        if isinstance(step, CellRef):
            parts.append(f"table {step.table.index + 1}, row {step.row + 1}, column {step.col + 1}")
        else:
            parts.append("text box")
    if loc.path:
        step = loc.path[-1]
        siblings = step.cell.paragraphs if isinstance(step, CellRef) else step.drawing.paragraphs
        direct = [q for q in siblings if q.location.path == loc.path]
        n = next((i for i, q in enumerate(direct) if q is p), 0)
        parts.append(f"paragraph {n + 1}")
    elif loc.part == "body":
        parts.append(f"paragraph {p.index + 1}")
    else:
        parts.append(f"paragraph {p.index + 1}")
    if line is not None and len(p.lines) > 1:
        parts.append(f"line {line + 1}")
    return ", ".join(parts)


class _Locator:
    def __init__(self, document: Document, rules: RuleSet, tuning: Tuning) -> None:
        self.doc = document
        self.rules = rules
        self.tuning = tuning
        self.items = build_items(document.body, tuning)
        self.layout = Layout(document, self.items)
        for sec in document.sections:
            for kind, label in (("default", "default"), ("first", "first page"), ("even", "even pages")):
                for refs in (sec.header_refs, sec.footer_refs):
                    part = refs.get(kind)
                    if part is not None:
                        self.layout.part_types.setdefault(part, label)
        self.claimed: set[int] = set()
        #: Where the main document ends: the first appendix inside it, if any.
        self.end = len(self.items)

    # -- helpers -------------------------------------------------------------------------------
    def after(self, item: Item, *, container: Hashable | None = None, limit: int | None = None) -> list[Item]:
        want = item.container if container is None else container
        out = [it for it in self.items[item.order + 1:] if it.container == want]
        return out if limit is None else out[:limit]

    def same_cell_after(self, item: Item) -> list[Item]:
        return [it for it in self.items[item.order + 1:] if it.cell_key == item.cell_key]

    def _texts_key(self, element: str) -> list[str]:
        el = self.rules.elements.get(element)
        if el is None:
            return []
        texts = [t for t in (el.text, *el.accepted_texts) if t]
        return [key(t) for t in texts]

    # -- header --------------------------------------------------------------------------------
    def locate(self) -> Layout:
        lay = self.layout
        head = self.items[: self.tuning.header_search_lines]
        self._national_title(head)
        if lay.national_title is None and self._appendix():
            self._body()
            self._contact()
            return lay
        self._marks(head)
        self._number_and_date(head)
        self._header_end()
        self._agency()
        self._subject()
        self._title()
        self._appendices()
        self._signature()
        self._body()
        self._contact()
        lay.header_items = [it for it in self.items if it.order <= lay.header_end]
        return lay

    def _national_title(self, head: list[Item]) -> None:
        lay = self.layout
        wanted = self._texts_key("national_title")
        if not wanted:
            return
        longest = max(len(w) for w in wanted) + 8
        for it in head:
            if not it.short(longest):
                continue
            k = it.key
            if any(w and w in k and len(k) <= len(w) + 4 for w in wanted):
                lay.national_title = Found("national_title", [it])
                break
        qh = lay.national_title.first if lay.national_title is not None else None
        if qh is not None:
            self.claimed.add(id(qh))
        motto_keys = self._texts_key("motto")
        if not motto_keys:
            return
        nxt = next((it for it in self.after(qh, limit=3) if not it.is_rule), None) if qh is not None else None
        if nxt is not None and _motto_like(nxt.key, motto_keys):
            lay.motto = Found("motto", [nxt])
        else:
            limit = max(len(w) for w in motto_keys) + 12
            for it in head:
                if it is not qh and it.short(limit) and _motto_like(it.key, motto_keys):
                    lay.motto = Found("motto", [it])
                    break
        if lay.motto is not None:
            lay.motto_rule = self.rule_below(lay.motto)
            self.claimed.add(id(lay.motto.first))

    def _appendix(self) -> bool:
        """A separate appendix file: "Phụ lục …", its title, the "(Kèm theo …)" line, a rule."""
        if not self.items or not self.items[0].short(20) or not self.items[0].key.startswith("phu luc"):
            return False
        appendix, end = self._appendix_heading(self.items[0], len(self.items), separate=True)
        self.layout.appendices.append(appendix)
        self.layout.header_end = end
        return True

    def _appendix_heading(self, first: Item, stop: int, *, separate: bool) -> tuple[Appendix, int]:
        """The heading that starts at the label ``first``: the centred title lines, the
        "(Kèm theo …)" line and the rule under them; and the order of its last line."""
        title: list[Item] = []
        reference: list[Item] = []
        end = first.order
        for it in self.items[first.order + 1: stop]:
            if it.is_rule:
                end = it.order
                break
            if it.para.location.path or len(title) + len(reference) >= 2 * self.tuning.summary_max_lines:
                break
            if reference and reference[-1].text.endswith(")"):
                break
            if reference or it.text.startswith("("):
                reference.append(it)
            elif it.para.alignment == "center":
                title.append(it)
            else:
                break
            end = it.order
        return Appendix(Found("appendix_label", [first]), Found("appendix_title", title) if title else None,
                        Found("appendix_reference", reference) if reference else None, separate), end

    def _appendices(self) -> None:
        """Appendices in the main document (Phụ lục I III.1): a line "Phụ lục" (with its number)
        of its own, outside tables, after the signature (or, in a document without one, at the
        top of a new page); each ends where the next one starts. The signature and the body end
        before the first."""
        start = self._body_start()
        label_key = key(self.rules.texts.get("recipients_label", "Nơi nhận:"))
        prefix = prefix_regex(self.rules)
        labels: list[tuple[Item, bool]] = []  # each "Phụ lục" line, and whether a signature is above it
        signed = False  # "Nơi nhận:" or a signing prefix seen
        for it in self.items[start:]:
            if not it.para.location.path and it.short(24) and _APPENDIX_KEY.match(it.key):
                labels.append((it, signed))
            elif it.key == label_key or prefix_match(prefix, it.text) is not None:
                signed = True
        starts = [it for it, after_signature in labels
                  if after_signature or (not signed and self._new_page(it))]
        for i, first in enumerate(starts):
            stop = starts[i + 1].order if i + 1 < len(starts) else len(self.items)
            appendix, _ = self._appendix_heading(first, stop, separate=False)
            self.layout.appendices.append(appendix)
        if starts:
            self.end = starts[0].order

    def _new_page(self, it: Item) -> bool:
        """Whether a line starts a page: a page break before it, or a new section on a new page."""
        p = it.para
        if p.props.page_break_before or p.has_page_break:
            return True
        story = self.doc.body.paragraphs
        prev = next((q for q in reversed(story[: p.index]) if not q.location.path), None)
        if prev is None:
            return False
        if prev.has_page_break:
            return True
        sec = self.doc.sections[p.section_index] if p.section_index < len(self.doc.sections) else None
        return prev.section_index != p.section_index and sec is not None and sec.start_type != "continuous"

    def _marks(self, head: list[Item]) -> None:
        values: dict[str, str] = {}
        for word, accepted in self.rules.urgency_accepted.items():
            for text in (word, *accepted):
                values[key(text)] = "urgency"
        for text in (*self.rules.secrecy, *self.rules.circulation):
            values[key(text)] = "mark"
        stories: list[Iterable[Item]] = [head]
        first = self.doc.sections[0].first_page_header if self.doc.sections else None
        if first is not None:
            stories.append(build_items(first, self.tuning))
        for items in stories:
            for it in items:
                if it.short(24) and it.key in values:
                    self.layout.stamps.append(Found("stamp", [it]))
                    self.claimed.add(id(it))

    def _number_and_date(self, head: list[Item]) -> None:
        lay = self.layout
        label = (self.rules.elements["number_line"].label or "Số") if "number_line" in self.rules.elements else "Số"
        label_word = label.rstrip(":").strip()
        number_re = re.compile(r"^" + re.escape(label_word) + r"(?=[\s:]|\d)") if label_word else _NUMBER_SHAPE
        anchor = lay.national_title or lay.motto
        if anchor is not None:
            head = [it for it in head if it.order <= anchor.first.order + 25]
        for it in head:
            if id(it) in self.claimed:
                continue
            if lay.number_line is None and number_re.match(it.text) and ("/" in it.text or "-" in it.text):
                lay.number_line = Found("number_line", [it])
            elif lay.date_line is None and _DATE_SHAPE.match(it.text) and not _body_like(it.para):
                lay.date_line = Found("date_line", [it])
                self.claimed.add(id(it))
        if lay.date_line is None:
            loose = self._loose_date(head)
            if loose is not None:
                lay.date_line = Found("date_line", [loose])
                self.claimed.add(id(loose))

    def _loose_date(self, head: list[Item]) -> Item | None:
        """A place and date not written the decree's way, where the date line goes: under the
        Tiêu ngữ in its column, or on the number's line or table row (ND30-DATE says what is
        wrong with it)."""
        lay = self.layout
        top = lay.motto or lay.national_title
        number = lay.number_line.first if lay.number_line is not None else None
        limit = self._base_header_end() + 2
        for it in head:
            if id(it) in self.claimed or it is number or _body_like(it.para) or it.order > limit:
                continue
            if not _LOOSE_DATE_SHAPE.match(it.text):
                continue
            if top is not None and it.container == top.first.container and it.order > top.first.order:
                return it
            if number is not None and ((it.para is number.para and it.line == number.line)
                                       or _same_row(it, number)):
                return it
        return None

    def _header_end(self) -> None:
        lay = self.layout
        end = self._base_header_end()
        date = lay.date_line
        if date is not None and all(it.is_rule or id(it) in self.claimed
                                    for it in self.items[end + 1: date.first.order]):
            # The date line closes the header when nothing stands between them; one further down
            # (under the title, above the signature) is out of place, not the end of the header.
            end = max(end, date.last.order)
        lay.header_end = end

    def _base_header_end(self) -> int:
        """The last line of the header without the date line: the Quốc hiệu, Tiêu ngữ, its rule,
        the number line and the header table."""
        lay = self.layout
        ends = [f.last.order for f in (lay.national_title, lay.motto, lay.number_line) if f]
        top = lay.national_title or lay.motto
        if top is not None:
            cell = top.first.para.location.cell
            if cell is not None:
                table = cell.table
                ends += [it.order for it in self.items if any(
                    isinstance(s, CellRef) and s.table is table for s in it.para.location.path)]
        for mark in (lay.motto_rule,):
            if mark is not None:
                ends += [it.order for it in self.items if it.para is mark.para]
        return max(ends, default=-1)

    def _left_containers(self) -> list[Hashable]:
        """Where the agency lines may be: the number line's column, then the column left of the
        Quốc hiệu (the number may be out of place: in the right-hand column, or on a tabbed line
        under the header table)."""
        lay = self.layout
        out: list[Hashable] = []
        if lay.number_line is not None:
            out.append(lay.number_line.first.container)
        top = lay.national_title or lay.motto
        if top is None:
            return out
        cont = top.first.container
        left: Hashable | None
        if isinstance(cont, tuple) and cont and cont[0] == "table":
            left = ("table", cont[1], 0) if cont[2] != 0 else None
        elif isinstance(cont, tuple) and cont and cont[0] == "textbox":
            left = (self.doc.body.part_name, 0)
        else:
            left = (cont[0], 0) if isinstance(cont, tuple) else None
        if left is not None and left not in out:
            out.append(left)
        return out

    def _agency(self) -> None:
        lay = self.layout
        number = lay.number_line.first if lay.number_line is not None else None
        cands: list[Item] = []
        for cont in self._left_containers():
            stop = number.order if number is not None and number.container == cont else lay.header_end + 1
            cands = self._agency_lines(cont, stop)
            if cands:
                break
        if not cands:
            return
        bold = [_all_bold(it) for it in cands]
        k = len(cands)
        while k > 0 and bold[k - 1]:
            k -= 1
        if k == len(cands):  # the last line is not bold: it is the agency (reported as not bold)
            parent, agency = cands[:-1], cands[-1:]
        elif k == 0:
            if len(cands) >= 2 and self._looks_parent(cands[0]) and self._looks_agency(cands[1]):
                parent, agency = cands[:1], cands[1:]
            else:
                parent, agency = [], cands
        else:
            parent, agency = cands[:k], cands[k:]
        if parent:
            lay.parent_agency = Found("parent_agency", parent)
        lay.agency = Found("agency", agency)
        lay.agency_rule = self.rule_below(lay.agency, stop=number)

    def _agency_lines(self, cont: Hashable, stop: int) -> list[Item]:
        lay = self.layout
        cands: list[Item] = []
        for it in self.items[:stop]:
            if it.container != cont or id(it) in self.claimed:
                continue
            if it.is_rule:
                if cands:
                    break
                continue
            if lay.date_line is not None and it is lay.date_line.first:
                continue
            cands.append(it)
        return cands

    def _looks_parent(self, it: Item) -> bool:
        k = " " + key(it.text) + " "
        return any(k.startswith(" " + key(p) + " ") for p in self.tuning.parent_agency_starts)

    def _looks_agency(self, it: Item) -> bool:
        k = " " + key(it.text) + " "
        return any(k.startswith(" " + key(p) + " ") for p in self.tuning.agency_starts)

    def _subject(self) -> None:
        lay = self.layout
        start = lay.number_line.first if lay.number_line else None
        if start is None:
            return
        el = self.rules.elements.get("subject_line")
        prefix = (el.prefix if el is not None and el.prefix is not None
                  else self.rules.texts.get("subject_prefix", "")).strip()
        shape = _prefix_shape(prefix) if prefix else None
        cands = [it for it in self.items[start.order + 1: max(lay.header_end, start.order) + 6]
                 if it.container == start.container and id(it) not in self.claimed and not it.is_rule]
        for i, it in enumerate(cands[:3]):
            if shape is not None:
                hit = bool(shape.match(it.text))
            else:  # no prefix (a pack's format): the line right under the number, in its cell
                hit = i == 0 and it.para is not start.para and start.para.location.cell is not None \
                    and it.cell_key == start.cell_key
            if hit:
                lines = [it]
                for more in cands[i + 1:]:
                    if shape is not None and shape.match(more.text):
                        break
                    if more.para is not it.para and more.cell_key != it.cell_key:
                        break
                    if more.para is not it.para and not it.tabbed and more.para.index != lines[-1].para.index + 1:
                        break
                    lines.append(more)
                lay.subject_line = Found("subject_line", lines)
                lay.header_end = max(lay.header_end, lines[-1].order)
                return

    # -- title ---------------------------------------------------------------------------------
    def _title(self) -> None:
        lay = self.layout
        rest = [it for it in self.items[lay.header_end + 1:] if id(it) not in self.claimed and not it.is_rule]
        if not rest:
            return
        types = {key(info.name): info for info in self.rules.document_types.values()}
        first = rest[0]
        info = types.get(first.key)
        if info is None:
            return
        lay.type_name = Found("type_name", [first])
        lay.doc_type = info
        lines: list[Item] = []
        stoppers = [self.rules.texts.get("addressee_label", ""), "Căn cứ"]
        for it in self.items[first.order + 1:]:
            if it.is_rule or len(lines) >= self.tuning.summary_max_lines or it.container != first.container:
                break
            if id(it) in self.claimed:  # a date line out of place
                break
            if any(_starts_with(it.text, s) for s in stoppers if s):
                break
            if lines:
                prev = lines[-1]
                if prev.para.props.border_bottom is not None and it.para is not prev.para:
                    break
                if it.para is not prev.para and (it.para.index - prev.para.index > 1
                                                 or it.para.alignment != prev.para.alignment):
                    break
            elif it.para.alignment in ("justify", "distribute") and it.para.props.indent.first_line > 0:
                break  # a body paragraph: there is no trích yếu
            lines.append(it)
        if lines:
            lay.summary = Found("summary", lines)
            lay.summary_rule = self.rule_below(lay.summary)

    # -- signature -----------------------------------------------------------------------------
    def _body_start(self) -> int:
        lay = self.layout
        ends = [lay.header_end]
        for found in (lay.type_name, lay.summary):
            if found is not None:
                ends.append(found.last.order)
        if lay.summary_rule is not None:
            ends += [it.order for it in self.items if it.para is lay.summary_rule.para]
        return max(ends) + 1

    def _signature(self) -> None:
        lay = self.layout
        start = self._body_start()
        rest = self.items[start:self.end]
        label_key = key(self.rules.texts.get("recipients_label", "Nơi nhận:"))
        limit = len(label_key) + 6
        label = next((it for it in rest if it.short(limit) and (it.key == label_key or (
            it.key.startswith(label_key) and len(it.key) <= len(label_key) + 2))), None)
        prefix = prefix_regex(self.rules)
        auth_start = next((it for it in rest if prefix_match(prefix, it.text) and (
            _all_bold(it) or _is_upper(it.display)) and it.para.alignment not in ("justify", "distribute")), None)
        sig: list[Item] = []
        if label is not None:
            lay.recipients_label = Found("recipients_label", [label])
        if auth_start is not None:
            sig = [auth_start, *(it for it in self.after(auth_start) if it.order < self.end)]
            if label is not None and label.container == auth_start.container and label.order > auth_start.order:
                sig = [it for it in sig if it.order < label.order]
        elif label is not None:
            cell = label.para.location.cell
            if cell is not None:
                table = cell.table
                sig = [it for it in self.items[start:self.end] if it.container != label.container and any(
                    isinstance(s, CellRef) and s.table is table for s in it.para.location.path)]
                # Two signatures (Mẫu 1.9) or a row of notes: the principal's is the right-hand one.
                sig = _rightmost_column(sig)
            elif label.tabbed:
                sig = [it for it in self.items[label.order:self.end] if it.para.location.part == "body"
                       and not it.para.location.path and it.col == 1]
            else:
                sig = self._trailing_group(start, label.order)
        else:
            sig = self._trailing_group(start, self.end)
        sig = [it for it in sig if not it.is_rule]
        if sig:
            named = _without_placeholders(sig)
            if len(named) == 1:
                only = named[0]
                if _is_upper(only.display) and _all_bold(only):
                    lay.authority = Found("authority", named)
                else:
                    lay.signer_name = Found("signer_name", named)
            elif named:
                last = named[-1]
                if _is_upper(last.display) and _all_bold(last) and not self._gap_between(named[-2], last):
                    # No room left for the signature before an upper-case bold line: it is part of
                    # the authority block and the name is missing.
                    lay.authority = Found("authority", named)
                else:
                    lay.signer_name = Found("signer_name", named[-1:])
                    lay.authority = Found("authority", named[:-1])
        if label is not None:
            self._recipients(label)

    def _gap_between(self, a: Item, b: Item) -> bool:
        """Whether there is room for a signature between two lines: an empty paragraph, a
        picture, or at least two lines' worth of space before the second."""
        if a.para is b.para:
            return False
        if b.para.props.spacing.before_pt >= 2 * b.para.mark.size_pt:
            return True
        story = self.doc.body.paragraphs
        for p in story[a.para.index + 1: b.para.index]:
            if p.location.path == a.para.location.path and (p.is_empty or p.drawings):
                return True
        return bool(a.para.drawings or b.para.drawings)

    def _trailing_group(self, start: int, end: int) -> list[Item]:
        """The signature lines just before ``end``: centred or right-hand lines after the last
        body paragraph, or the right-hand column of a signature table there (Mẫu 1.9 puts two
        signatures side by side above "Nơi nhận:"; the right one is the principal's)."""
        group: list[Item] = []
        before = self.items[start:end]
        if before and before[-1].para.location.cell is not None:
            table = before[-1].para.location.cell.table
            cols = [it for it in before if any(isinstance(s, CellRef) and s.table is table
                                               for s in it.para.location.path)]
            right = max((it.container for it in cols), key=lambda c: c[2] if isinstance(c, tuple) else 0)
            return [it for it in cols if it.container == right]
        for it in reversed(before):
            if it.para.location.path:
                break
            if it.para.alignment in ("justify", "distribute", "left") and it.col == 0:
                break
            group.append(it)
        group.reverse()
        return group

    def _recipients(self, label: Item) -> None:
        lay = self.layout
        out: list[Item] = []
        if label.para.location.cell is not None:
            out = self.same_cell_after(label)
            if not any(self._is_archive(it) for it in out):
                out += self._rows_below(label)
        else:
            prev_para = label.para
            for it in self.after(label):
                if it.order >= self.end:
                    break
                if it.para is not prev_para and it.para.index - prev_para.index > 1:
                    break
                out.append(it)
                prev_para = it.para
        lay.recipients = out

    def _is_archive(self, it: Item) -> bool:
        return is_archive_line(it.listed_text, self.rules.texts.get("archive_prefix", "Lưu"))

    def _rows_below(self, label: Item) -> list[Item]:
        """The lines under "Nơi nhận:" in the same column of the next rows, when the list does
        not end in the label's cell (Mẫu 1.6-1.8 put it in row 2): row after row, while that
        column's cell (of the label's width) has text, up to the Lưu line."""
        ref = label.para.location.cell
        assert ref is not None
        label_cell = ref.cell
        out: list[Item] = []
        for row in ref.table.rows[ref.row + 1:]:
            cell = next((c for c in row.cells if c.col == label_cell.col), None)
            if cell is None or cell.span != label_cell.span or cell.v_merge == "continue":
                break
            lines = [it for it in self.items[label.order + 1:] if (c := it.para.location.cell) is not None
                     and c.table is ref.table and c.row == row.index and c.cell_index == cell.index
                     and it.para.location.path[:-1] == label.para.location.path[:-1]]
            if not lines:
                break
            out += lines
            if any(self._is_archive(it) for it in lines):
                break
        return out

    # -- body ----------------------------------------------------------------------------------
    def _body(self) -> None:
        lay = self.layout
        start = self._body_start()
        stops = [f.first.order for f in (lay.recipients_label, lay.authority, lay.signer_name) if f is not None]
        stop = min(stops, default=self.end)
        body_items = [it for it in self.items[start:stop] if not it.para.location.path and not it.is_rule
                      and id(it) not in self.claimed]
        if body_items and _starts_with(body_items[0].text, self.rules.texts.get("addressee_label", "Kính gửi:")):
            first = body_items[0]
            lines = [first]
            for it in body_items[1:]:
                if it.para is first.para or it.text.startswith("-"):
                    lines.append(it)
                else:
                    break
            lay.addressee = Found("addressee", lines)
            body_items = [it for it in body_items if it.order > lines[-1].order]
        elif body_items and body_items[0].para.alignment == "center" and body_items[0].text.endswith(":"):
            # A centred lead line ("… điện:", "… trân trọng giới thiệu:", Mẫu 1.6 and 1.8) and the
            # "- …" addressee lines under it are not body paragraphs.
            first = body_items[0]
            lines = [first]
            for it in body_items[1:]:
                if it.para is first.para or it.text.startswith("-"):
                    lines.append(it)
                else:
                    break
            lay.lead = Found("lead", lines)
            body_items = [it for it in body_items if it.order > lines[-1].order]
        seen: set[int] = set()
        for it in body_items:
            if id(it.para) not in seen and not it.is_rule:
                seen.add(id(it.para))
                lay.body.append(it.para)

    def _contact(self) -> None:
        if not self.doc.sections:
            return
        footer = self.doc.sections[0].first_page_footer
        if footer is None:
            return
        items = [it for it in build_items(footer, self.tuning) if not it.para.fields]
        if items:
            self.layout.contact = Found("contact", items)

    # -- rules under an element ----------------------------------------------------------------
    def rule_below(self, found: Found, *, stop: Item | None = None) -> RuleMark | None:
        """The rule under ``found``: underscores on the next line of its container, a bottom
        border (or the next paragraph's top border), a drawn line anchored on the way, or an
        underline of the text itself."""
        last = found.last
        runs = found.runs
        if runs and all(r.props.underline not in (None, "none") for r in runs):
            return RuleMark("underline", text_width_of(found, self.tuning), last.para)
        # A date line (or a mark) out of place, e.g. moved under the trích yếu, does not hide the rule.
        lay = self.layout
        skip = {id(f.first) for f in (lay.date_line, *lay.stamps) if f is not None}
        nxt_items = [it for it in self.after(last) if id(it) not in skip][:2]
        nxt_items = [it for it in nxt_items if stop is None or it.order < stop.order]
        nxt = nxt_items[0] if nxt_items else None
        if nxt is not None and nxt.is_rule:
            if "_" not in nxt.text:
                return RuleMark("mark", None, nxt.para, text=nxt.text.strip())
            width, unit = self._underscore_width(nxt)
            return RuleMark("underscores", width, nxt.para, unit)
        border = last.para.props.border_bottom
        if border is not None and last.para is not (nxt.para if nxt else None):
            w = last.para.width_twips
            return RuleMark("border", w / 20 if w else None, last.para)
        for p in found.paragraphs:
            for d in p.line_shapes:
                if d.horizontal:
                    return RuleMark("line", d.length_pt, p)
        story = self.doc.body.paragraphs
        end = nxt.para.index if nxt is not None else min(last.para.index + 3, len(story) - 1)
        same = last.para.location.path
        for p in story[last.para.index + 1: end + 1]:
            if p.location.path != same:
                continue
            top = p.props.border_top
            if top is not None:
                w = p.width_twips
                return RuleMark("border", w / 20 if w else None, p)
            if p is not (nxt.para if nxt else None) and p.props.border_bottom is not None and p.is_empty:
                w = p.width_twips
                return RuleMark("border", w / 20 if w else None, p)
            for d in p.line_shapes:
                if d.horizontal:
                    return RuleMark("line", d.length_pt, p)
        return None

    def _underscore_width(self, item: Item) -> tuple[float, float]:
        total = unit = 0.0
        for r in item.runs:
            n = r.raw_text.count("_")
            if n:
                total += run_width_pt(r, self.tuning, "_" * n)
                unit = max(unit, run_width_pt(r, self.tuning, "_"))
        return total, unit


def _prefix_shape(prefix: str) -> re.Pattern[str]:
    """A lenient pattern for a subject prefix (``V/v`` also as ``v/v``, ``V/V``, ``V / v``)."""
    if prefix.casefold() == "v/v":
        return _SUBJECT_SHAPE
    return re.compile(r"^" + r"\s*".join(re.escape(ch) for ch in prefix if not ch.isspace()) + r"(?=\s|$)",
                      re.IGNORECASE)


def _body_like(p: Paragraph) -> bool:
    """A justified paragraph with a first-line indent: body text, not a header line."""
    return p.alignment in ("justify", "distribute") and p.props.indent.first_line > 0


def _without_placeholders(items: list[Item]) -> list[Item]:
    """Drop parenthesised notes such as the samples' "(Chữ ký của người có thẩm quyền, dấu/chữ ký
    số của cơ quan, tổ chức)"⁵, also when they span several lines. The notes are in italics: a
    bold upright line in brackets is text (a name), not a note."""
    out: list[Item] = []
    inside = False
    for it in items:
        text = it.base_text
        if not inside and text.startswith("(") and not (_all_bold(it) and not any(r.italic for r in it.styled_runs)):
            inside = True
        if inside:
            if text.endswith(")"):
                inside = False
            continue
        out.append(it)
    return out


def _same_row(a: Item, b: Item) -> bool:
    """Two lines in different cells of one table row."""
    ca, cb = a.para.location.cell, b.para.location.cell
    return ca is not None and cb is not None and ca.table is cb.table and ca.row == cb.row and ca.col != cb.col


def _rightmost_column(items: list[Item]) -> list[Item]:
    """The items of the right-most table column among ``items`` (all of them if there is one)."""
    cols = {it.container for it in items}
    if len(cols) < 2:
        return items
    right = max(cols, key=lambda c: c[2] if isinstance(c, tuple) and len(c) > 2 else 0)
    return [it for it in items if it.container == right]


def _motto_like(k: str, wanted: list[str]) -> bool:
    if k in wanted:
        return True
    return any(w and all(word in k.split() for word in w.split()) and len(k) <= len(w) + 6 for w in wanted)


def _all_bold(it: Item) -> bool:
    runs = it.styled_runs
    return bool(runs) and all(r.bold for r in runs)


def _is_upper(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and text == text.upper()


def _starts_with(text: str, label: str) -> bool:
    return key(text).startswith(key(label)) if label else False


def prefix_regex(rules: RuleSet) -> re.Pattern[str]:
    alts: list[str] = []
    for prefix in sorted(rules.authorities, key=len, reverse=True):
        letters = [ch for ch in prefix if ch.isalpha()]
        if letters:
            alts.append(r"[./]?\s?".join(re.escape(ch) for ch in letters))
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(r"^(?P<raw>(?:" + "|".join(alts) + r")[./]?)(?P<space>\s*)(?P<rest>\S.*)?$")


def prefix_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """A signing prefix at the start of ``text``, however it is punctuated (``KT.``, ``K.T.``,
    ``KT.GIÁM ĐỐC``, ``KT GIÁM ĐỐC``), then a title; not the first letters of a word (``QUYỀN``)."""
    m = pattern.match(text)
    if m is None or m.group("rest") is None or not m.group("rest")[0].isalpha():
        # a prefix is followed by the title: "TM.(20)" is a drafter mark (Trần Minh), not TM.
        return None
    raw, space = m.group("raw"), m.group("space")
    if not space and not any(ch in raw for ch in "./"):
        return None
    return m


def locate(document: Document, rules: RuleSet, tuning: Tuning) -> Layout:
    """Find the elements of the format in ``document``."""
    return _Locator(document, rules, tuning).locate()
