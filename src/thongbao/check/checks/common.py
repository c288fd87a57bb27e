"""Helpers shared by the checks: typography of an element against its rule data, sizes as text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from thongbao.check.locate import Found, Item, RuleMark, run_width_pt, text_width_of
from thongbao.check.reader import Paragraph, Run
from thongbao.check.registry import CheckContext, Issue
from thongbao.check.tuning import Tuning
from thongbao.fontmetrics import text_width_pt, wrap_lines
from thongbao.rules import ND30, ElementStyle
from thongbao.vietnamese import collapse_spaces, in_capitals

__all__ = [
    "ALIGN_OK",
    "alignment_ok",
    "check_rule_length",
    "check_style",
    "paragraph_gap",
    "pt",
    "shows_in_capitals",
    "size_range",
]

#: Alignments accepted for each required alignment (a one-line justified paragraph looks left).
ALIGN_OK: dict[str, frozenset[str]] = {
    "center": frozenset({"center"}),
    "justify": frozenset({"justify", "distribute"}),
    "left": frozenset({"left", "justify", "distribute"}),
    "right": frozenset({"right"}),
}


def pt(value: float) -> str:
    return f"{value:g} pt"


def size_range(el: ElementStyle) -> str:
    lo, hi = el.size
    return pt(lo) if lo == hi else f"{lo:g}-{hi:g} pt"


def alignment_ok(required: str, actual: str) -> bool:
    return actual in ALIGN_OK.get(required, frozenset({required}))


def _is_upper(text: str) -> bool:
    return text == text.upper()


def _shown(run: Run) -> str:
    """The run's text as it shows: ``caps`` and ``smallCaps`` display every letter as a capital."""
    return run.text.upper() if run.props.caps or run.props.small_caps else run.text


def shows_in_capitals(items: Sequence[Item]) -> bool:
    """Whether the whole text of ``items`` shows in capitals (``caps`` and ``smallCaps`` applied),
    by the rule the models also apply (:func:`thongbao.vietnamese.in_capitals`, ``[case]``)."""
    text = " ".join("".join(_shown(r) for r in it.runs) for it in items)
    return in_capitals(text, ND30.capitals_min_words)


def _fixed_text_differs(el: ElementStyle, items: Sequence[Item]) -> bool:
    """Whether an element with a prescribed text (the Tiêu ngữ) is typed with another text: its
    element check reports the text, so the case and the rule length are not reported for it again."""
    if not el.text:
        return False
    texts = {t for t in (el.text, *el.accepted_texts) if t}
    return collapse_spaces(" ".join(it.text for it in items)) not in texts


def _normal_case_issue(el: ElementStyle, element: str, items: Sequence[Item]) -> Issue | None:
    if not shows_in_capitals(items) or _fixed_text_differs(el, items):
        return None
    first = next(it for it in items if it.text_runs)
    caps = any(r.props.caps or r.props.small_caps for it in items for r in it.text_runs)
    if caps:
        note_en = "The All caps / Small caps font setting (w:caps, w:smallCaps) shows it in capitals."
        note_vi = "Định dạng phông All caps / Small caps (w:caps, w:smallCaps) làm chữ hiển thị in hoa."
    else:
        note_en, note_vi = "It is typed in capitals.", "Văn bản được gõ bằng chữ in hoa."
    return Issue(element, first, found="upper case", expected="normal case", found_vi="in hoa",
                 expected_vi="in thường", rule=el.rule, note_en=note_en, note_vi=note_vi)


def check_style(
    el: ElementStyle,
    element: str,
    items: Sequence[Item],
    *,
    align: bool = True,
    case: bool = True,
    size: bool = True,
) -> Iterator[Issue]:
    """Size, bold, italic, case and alignment of ``items`` against ``el`` (one issue per
    property, at the first item that breaks it). Alignment is not checked for lines placed with
    tabs (their position comes from tab stops).

    Case: an upper-case element must show no lower-case letter; a normal-case one must not show
    entirely in capitals (:func:`shows_in_capitals`: typed so, or by ``caps``/``smallCaps``).
    """
    rule = el.rule
    pairs: list[tuple[Item, Run]] = [(it, r) for it in items for r in it.styled_runs]
    if not pairs:
        return
    if size:
        bad = [(it, r) for it, r in pairs if not el.size_ok(r.size_pt)]
        if bad:
            sizes = sorted({r.size_pt for _, r in bad})
            yield Issue(element, bad[0][0], found=", ".join(pt(s) for s in sizes), expected=size_range(el),
                        rule=rule)
    # bold / italic: (attribute, its word, the word for its absence)
    for attr, shown, absent in (("bold", "bold", "not bold"), ("italic", "italic", "upright")):
        want = getattr(el, attr)
        if want is None:
            continue
        values = [bool(getattr(r, attr)) for _, r in pairs]
        if want and not all(values):
            first = next(it for (it, _), v in zip(pairs, values, strict=True) if not v)
            yield Issue(element, first, found=f"partly {attr}" if any(values) else absent, expected=shown,
                        rule=rule)
        elif want is False and any(values):
            first = next(it for (it, _), v in zip(pairs, values, strict=True) if v)
            yield Issue(element, first, found=shown if all(values) else f"partly {attr}", expected=absent,
                        rule=rule)
    if case and el.case == "upper":
        for it in items:
            if not _is_upper(it.display):
                yield Issue(element, it, found="not upper case", expected="upper case", rule=rule)
                break
    elif case and el.case == "normal":
        issue = _normal_case_issue(el, element, items)
        if issue is not None:
            yield issue
    if align and el.align is not None:
        for it in items:
            if it.tabbed:
                continue
            actual = it.para.alignment
            if not alignment_ok(el.align, actual):
                yield Issue(element, it, found=actual, expected=el.align, rule=rule)
                break


def check_rule_length(
    ctx: CheckContext, el: ElementStyle, element: str, found: Found, mark: RuleMark | None
) -> Iterator[Issue]:
    """The rule under ``found`` exists and its length is within ``el.rule_length`` (a share of
    the text line, ± ``el.rule_tolerance``).

    An element whose rule data has ``rule_mark`` (e.g. ``"*"`` under a Party body's name) expects
    that separator line under it instead of a measured rule.
    """
    raw = ctx.rules.raw.get("elements", {}).get(el.key, {})
    rule_mark = raw.get("rule_mark") if isinstance(raw, dict) else None
    if rule_mark:
        if mark is None or mark.kind != "mark" or mark.text != rule_mark:
            got = f'"{mark.text}"' if mark is not None and mark.kind == "mark" else (mark.kind if mark else "no rule")
            yield Issue(element, found.last, found=got, expected=f'"{rule_mark}"', rule=el.rule)
        return
    if el.rule_length is None:
        return
    if mark is None or mark.kind == "mark":
        yield Issue(element, found.last, found=f'"{mark.text}"' if mark is not None else "no rule",
                    expected=_share(el), rule=el.rule,
                    note_en="There is no horizontal rule under it.",
                    note_vi="Không có đường kẻ ngang ở dưới.")
        return
    if mark.width_pt is None:
        return
    text = text_width_of(found, ctx.tuning)
    if text <= 0:
        return
    ratio = mark.width_pt / text
    lo, hi = el.rule_length
    tol = el.rule_tolerance
    slack = mark.unit_pt / 2 + 0.01  # underscores come in whole characters
    rule_pt = mark.width_pt
    shortest = bool(mark.unit_pt) and rule_pt <= mark.unit_pt + 0.01  # one underscore cannot be shorter

    def fits(width: float) -> bool:
        too_long = rule_pt > (hi + tol) * width + slack and not shortest
        return not (rule_pt < (lo - tol) * width - slack or too_long)

    # A rule that fits the text as it should read (without ``caps``, or the prescribed text of the
    # Tiêu ngữ when it is misspelt) is right: the wrong text is its own finding, not the rule's.
    if not fits(text) and not any(fits(w) for w in _corrected_widths(el, found, ctx.tuning)):
        yield Issue(element, _para_item(found, mark.para), excerpt=found.text, found=f"{ratio:.2f} of the text",
                    found_vi=f"{ratio:.2f} dòng chữ", expected=_share(el), expected_vi=_share(el, vi=True),
                    rule=el.rule,
                    note_en=f"The rule ({mark.kind}) is {mark.width_pt:.0f} pt long; the text line {text:.0f} pt.",
                    note_vi=f"Đường kẻ ({_KIND_VI[mark.kind]}) dài {mark.width_pt:.0f} pt; dòng chữ {text:.0f} pt.")


def _corrected_widths(el: ElementStyle, found: Found, tuning: Tuning) -> list[float]:
    """Widths of the text line once its wrong text is put right: without ``caps`` (a normal-case
    element some run of which has it) and, for an element with a prescribed text typed otherwise,
    that text."""
    out: list[float] = []
    items = found.items
    if el.case == "normal" and any(r.props.caps for it in items for r in it.runs):
        out.append(max((_typed_width(it, tuning) for it in items), default=0.0))
    if el.text and _fixed_text_differs(el, items):
        runs = found.runs
        if runs:
            main = max(runs, key=lambda r: len(r.raw_text))
            out.append(max(text_width_pt(t, main.size_pt, bold=main.bold, italic=main.italic)
                           for t in (el.text, *el.accepted_texts) if t))
    return [w for w in out if w > 0]


def _typed_width(item: Item, tuning: Tuning) -> float:
    """Width of a line as typed (``caps`` not applied), of its longest line when it wraps."""
    runs = [r for r in item.runs if r.raw_text]
    width = sum(run_width_pt(r, tuning, r.text) for r in runs)
    para_width = item.para.width_twips
    if para_width and width > para_width / 20 and runs:
        main = max(item.styled_runs or runs, key=lambda r: len(r.raw_text))
        typed = "".join(r.text for r in item.runs).strip()
        lines = wrap_lines(typed, para_width / 20, main.size_pt, bold=main.bold, italic=main.italic)
        return max((text_width_pt(line, main.size_pt, bold=main.bold, italic=main.italic) for line in lines),
                   default=width)
    return width


_KIND_VI = {"underscores": "dấu gạch dưới", "border": "viền đoạn", "line": "đường vẽ", "underline": "gạch chân",
            "mark": "ký hiệu"}


def _share(el: ElementStyle, *, vi: bool = False) -> str:
    assert el.rule_length is not None
    lo, hi = el.rule_length
    if lo == hi:
        return f"{lo:.2f} dòng chữ" if vi else f"{lo:.2f} of the text"
    return f"{lo:.2f}-{hi:.2f} dòng chữ" if vi else f"{lo:.2f}-{hi:.2f} of the text"


def _para_item(found: Found, para: Paragraph) -> Item | Paragraph:
    for it in found.items:
        if it.para is para:
            return it
    return para


def _before_pt(p: Paragraph, em: float) -> float:
    sp = p.props.spacing
    if sp.before_lines and not sp.before_auto:
        return sp.before_lines * p.mark.size_pt * em
    return sp.before_pt


def _after_pt(p: Paragraph, em: float) -> float:
    sp = p.props.spacing
    if sp.after_lines and not sp.after_auto:
        return sp.after_lines * p.mark.size_pt * em
    return sp.after_pt


def paragraph_gap(prev: Paragraph, cur: Paragraph, em: float) -> float:
    """Space between two adjacent paragraphs: space after the first plus space before the second,
    each dropped when its paragraph has contextual spacing and both share a style (as Word does)."""
    same = prev.style_id == cur.style_id
    after = 0.0 if (prev.props.contextual_spacing and same) else _after_pt(prev, em)
    before = 0.0 if (cur.props.contextual_spacing and same) else _before_pt(cur, em)
    return after + before
