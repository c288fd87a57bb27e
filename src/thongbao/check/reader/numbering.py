"""Automatic numbering (``word/numbering.xml``): list levels and the labels Word displays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from thongbao.check.reader.oxml import on_off, qn, to_int, wattr
from thongbao.check.reader.styles import parse_ppr, parse_rpr

__all__ = ["Level", "ListLabel", "Numbering", "NumberingCounter", "format_number"]


@dataclass(frozen=True, slots=True)
class Level:
    """One ``w:lvl`` of an abstract numbering definition."""

    ilvl: int
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    is_legal: bool = False
    restart: int | None = None
    ppr: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    rpr: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class ListLabel:
    """The number label Word shows before a list paragraph (``1.``, ``a)``, ``-`` …).

    ``suffix`` is what separates it from the text: ``"\\t"``, ``" "`` or ``""``.
    """

    num_id: int
    level: int
    format: str
    level_text: str
    text: str
    suffix: str
    abstract_id: int | None = None

    @property
    def is_bullet(self) -> bool:
        return self.format == "bullet"


def _letters(n: int, upper: bool) -> str:
    if n <= 0:
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 1 <= n <= 3999:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """Format a counter value the way Word's ``w:numFmt`` does (common formats)."""
    if fmt in ("decimal", "decimalHalfWidth", "decimalFullWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}" if n < 10 else str(n)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "vietnameseCounting":
        from thongbao.vietnamese import cardinal_words

        return cardinal_words(n) if 1 <= n <= 999 else str(n)
    return str(n)


_LVL = qn("w:lvl")


def _int_or(value: str | None, default: int) -> int:
    n = to_int(value)
    return default if n is None else n


class Numbering:
    """Numbering definitions; :meth:`level` finds the level for ``(numId, ilvl)``."""

    def __init__(self, root: etree._Element | None,
                 style_num_id: Callable[[str], int | None] | None = None) -> None:
        self.abstract: dict[int, dict[int, Level]] = {}
        self._abstract_els: dict[int, etree._Element] = {}
        self.abstract_style_link: dict[int, str] = {}
        self.nums: dict[int, int] = {}
        self.overrides: dict[int, dict[int, tuple[int | None, Level | None]]] = {}
        self._style_num_id = style_num_id
        if root is not None:
            self._load(root)

    @staticmethod
    def _level(el: etree._Element, ilvl: int) -> Level:
        def val(tag: str) -> str | None:
            child = el.find(qn(tag))
            return wattr(child, "val") if child is not None else None

        lvl_text_el = el.find(qn("w:lvlText"))
        is_lgl_el = el.find(qn("w:isLgl"))
        return Level(
            ilvl=ilvl,
            start=_int_or(val("w:start"), 1),
            fmt=val("w:numFmt") or "decimal",
            text=(wattr(lvl_text_el, "val") or "") if lvl_text_el is not None else "",
            suffix=val("w:suff") or "tab",
            is_legal=is_lgl_el is not None and on_off(is_lgl_el),
            restart=to_int(val("w:lvlRestart")),
            ppr=parse_ppr(el.find(qn("w:pPr"))),
            rpr=parse_rpr(el.find(qn("w:rPr"))),
        )

    def _load(self, root: etree._Element) -> None:
        for an in root.iter(qn("w:abstractNum")):
            aid = to_int(wattr(an, "abstractNumId"))
            if aid is None:
                continue
            self._abstract_els.setdefault(aid, an)
            link = an.find(qn("w:numStyleLink"))
            if link is not None and wattr(link, "val"):
                self.abstract_style_link[aid] = wattr(link, "val") or ""
        for num in root.iter(qn("w:num")):
            nid = to_int(wattr(num, "numId"))
            ref = num.find(qn("w:abstractNumId"))
            aid = to_int(wattr(ref, "val")) if ref is not None else None
            if nid is None or aid is None:
                continue
            self.nums[nid] = aid
            ovr: dict[int, tuple[int | None, Level | None]] = {}
            for o in num.iter(qn("w:lvlOverride")):
                ilvl = to_int(wattr(o, "ilvl")) or 0
                so = o.find(qn("w:startOverride"))
                lvl_el = o.find(qn("w:lvl"))
                ovr[ilvl] = (
                    to_int(wattr(so, "val")) if so is not None else None,
                    self._level(lvl_el, ilvl) if lvl_el is not None else None,
                )
            if ovr:
                self.overrides[nid] = ovr

    def levels(self, abstract_id: int) -> dict[int, Level]:
        """The levels of an abstract definition (parsed on first use)."""
        levels = self.abstract.get(abstract_id)
        if levels is None:
            levels = {}
            el = self._abstract_els.get(abstract_id)
            if el is not None:
                for lvl in el.iter(_LVL):
                    ilvl = to_int(wattr(lvl, "ilvl")) or 0
                    levels.setdefault(ilvl, self._level(lvl, ilvl))
            self.abstract[abstract_id] = levels
        return levels

    def abstract_id(self, num_id: int, _depth: int = 0) -> int | None:
        aid = self.nums.get(num_id)
        if aid is None:
            return None
        link = self.abstract_style_link.get(aid)
        if link and self._style_num_id is not None and _depth < 3:
            linked = self._style_num_id(link)
            if linked is not None and linked != num_id:
                return self.abstract_id(linked, _depth + 1) or aid
        return aid

    def level(self, num_id: int, ilvl: int) -> Level | None:
        override = self.overrides.get(num_id, {}).get(ilvl)
        if override is not None and override[1] is not None:
            return override[1]
        aid = self.abstract_id(num_id)
        if aid is None:
            return None
        return self.levels(aid).get(ilvl)

    def level_ppr(self, num_id: int, ilvl: int) -> dict[str, Any]:
        lvl = self.level(num_id, ilvl)
        return lvl.ppr if lvl is not None else {}


class NumberingCounter:
    """Counts list items in reading order to produce the labels Word displays.

    Counters are kept per abstract definition (``w:num`` instances of one definition continue
    each other) and a ``w:startOverride`` restarts the count the first time its ``w:num`` is used.
    """

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self._counters: dict[int, list[int | None]] = {}
        self._seen_nums: set[int] = set()

    def next(self, num_id: int, ilvl: int) -> ListLabel | None:
        numbering = self.numbering
        lvl = numbering.level(num_id, ilvl)
        aid = numbering.abstract_id(num_id)
        if lvl is None or aid is None:
            return None
        counters = self._counters.setdefault(aid, [None] * 9)
        ilvl = max(0, min(ilvl, 8))
        overrides = numbering.overrides.get(num_id, {})
        if num_id not in self._seen_nums:
            self._seen_nums.add(num_id)
            for level_no, (start, _) in overrides.items():
                if start is not None and 0 <= level_no < 9:
                    counters[level_no] = start - 1
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            dl = numbering.level(num_id, deeper)
            restart = dl.restart if dl is not None else None
            # w:lvlRestart: absent = restart after any higher level; 0 = never; N = after level N.
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        text = lvl.text
        if lvl.fmt != "bullet":
            out = []
            i = 0
            while i < len(text):
                ch = text[i]
                if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                    ref = int(text[i + 1]) - 1
                    ref_lvl = numbering.level(num_id, ref)
                    value = counters[ref] if 0 <= ref < 9 else None
                    if value is None:
                        value = ref_lvl.start if ref_lvl is not None else 1
                    fmt = ref_lvl.fmt if ref_lvl is not None else "decimal"
                    if lvl.is_legal and fmt not in ("decimalZero",):
                        fmt = "decimal"
                    out.append(format_number(value, fmt))
                    i += 2
                    continue
                out.append(ch)
                i += 1
            text = "".join(out)
        suffix = {"tab": "\t", "space": " "}.get(lvl.suffix, "")
        return ListLabel(num_id, ilvl, lvl.fmt, lvl.text, text, suffix if text else "", aid)
