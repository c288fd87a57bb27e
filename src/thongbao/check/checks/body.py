"""The body (ô 6; spec §3 rows 10-19, §4.4-4.5): ND30-BODY, ND30-CC, ND30-STR, ND30-ENDING."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

from thongbao.check.checks.common import alignment_ok, paragraph_gap, pt, size_range
from thongbao.check.locate import excerpt, key
from thongbao.check.reader import Paragraph, Run
from thongbao.check.registry import CheckContext, Issue, rule
from thongbao.rules import ND30


def _runs(p: Paragraph) -> list[Run]:
    runs = [r for r in p.visible_runs if r.raw_text.strip() and r.note_ref is None]
    base = [r for r in runs if r.props.vert_align == "baseline"]
    return base or runs


def _size(runs: list[Run], p: Paragraph) -> float:
    sizes = Counter(r.size_pt for r in runs)
    return sizes.most_common(1)[0][0] if sizes else p.mark.size_pt


def is_centred_heading(p: Paragraph) -> bool:
    """Phần/Chương/Mục lines and their titles: centred and bold (spec §3 rows 12-15)."""
    runs = _runs(p)
    return p.alignment == "center" and bool(runs) and all(r.bold for r in runs)


def basis_lines(ctx: CheckContext) -> list[Paragraph]:
    """The căn cứ lines (``patterns.basis_start``) opening the content, one after the other; empty
    when they are a lone upright sentence rather than a list of bases."""
    cached: list[Paragraph] | None = ctx.cache.get("basis-lines")
    if cached is not None:
        return cached
    pat = ctx.rules.patterns.get("basis_start")
    group: list[Paragraph] = []
    if pat is not None:
        # The bases of issue open the content (spec §3 row 10: under the title block); a "Căn cứ …"
        # sentence further down is ordinary text.
        for p in ctx.layout.body:
            if not pat.match(p.text.strip()) or (group and p.index != group[-1].index + 1):
                break
            group.append(p)
        # A lone upright "Căn cứ kết quả …, Sở … đề nghị" is a sentence, not a list of bases: the
        # list shows itself by italics or by a line ending with ";".
        if not any(p.text.rstrip().endswith(";") or all(r.italic for r in _runs(p)) for p in group):
            group = []
    ctx.cache["basis-lines"] = group
    return group


def _bold_text(ctx: CheckContext, p: Paragraph) -> bool:
    """Whether a bold paragraph is body text rather than a heading: not numbered like one
    (``patterns.heading_like``) and at least ``[checker] bold_body_min_words`` words long."""
    heading = ctx.rules.patterns.get("heading_like")
    text = p.text_with_label.strip()
    if heading is not None and heading.match(text):
        return False
    least = int(ctx.rules.raw.get("checker", {}).get("bold_body_min_words", ND30.raw["checker"]["bold_body_min_words"]))
    return len(text.split()) >= least


def _in_basis_style(ctx: CheckContext, p: Paragraph) -> bool:
    """Whether the paragraph's style declares it a căn cứ line (``[checker] basis_styles``)."""
    names: frozenset[str] | None = ctx.cache.get("basis-styles")
    if names is None:
        data = ctx.rules.raw.get("checker", {}).get("basis_styles", ND30.raw["checker"].get("basis_styles", ()))
        names = ctx.cache["basis-styles"] = frozenset(key(n) for n in data)
    style = ctx.document.styles.get(p.style_id)
    return style is not None and key(style.name or style.id) in names


@rule("ND30-BODY")
def body(ctx: CheckContext) -> Iterator[Issue]:
    """Every paragraph between the title block and the signature block (outside tables):
    13-14 pt; upright; justified; first-line indent 1 cm or 1.27 cm (± ``indent_tolerance_cm``); line
    spacing from single to 1.5 lines (exact spacing compared with ``[checker] single_line_em``); at
    least 6 pt between adjacent paragraphs (space after + space before, contextual spacing honoured).
    Centred bold headings (Phần, Chương, Mục) only need the size and to be upright.

    Not bold: a paragraph wholly in bold that is not a numbered heading (``patterns.heading_like``)
    and has at least ``[checker] bold_body_min_words`` words is reported.

    Upright ("đứng"): a paragraph set wholly in italics is reported (all such paragraphs make one
    finding, with their count); italic words inside an upright paragraph are not. Căn cứ lines are italic by
    ND30-CC and left to it: lines starting like one (``patterns.basis_start``) and paragraphs in a
    style of ``[checker] basis_styles`` (the templates' "ND30 Basis").

    Compliant:
        justified, first line 1 cm, 6 pt before, single spacing, 14 pt, upright
        (a quoted title in italics inside an upright paragraph)

    Non-compliant:
        left-aligned;  no indent;  0 pt between paragraphs;  double spacing;  12 pt;
        every run italic (<w:i/> on the body style or on the paragraph's runs)
    """
    el = ctx.element("body")
    if el is None:
        return
    heading = ctx.element("heading") or el
    rules = ctx.rules
    tuning = ctx.tuning
    paras = ctx.layout.body
    tol = rules.body_indent_tolerance_cm
    indents = rules.body_indent_cm
    lo, hi = rules.body_line_spacing
    bases = {id(p) for p in basis_lines(ctx)}
    basis_start = rules.patterns.get("basis_start")
    for p in paras:
        runs = _runs(p)
        centred = is_centred_heading(p)
        style = heading if centred else el
        bad = sorted({r.size_pt for r in runs if not style.size_ok(r.size_pt)})
        if bad:
            yield Issue("body", p, found=", ".join(pt(s) for s in bad), expected=size_range(style), rule=el.rule)
        # Căn cứ lines are italic by their own rule (ND30-CC): those the basis list takes in, a
        # "Căn cứ …" line it does not (left alone rather than judged twice), and a paragraph whose
        # style says it is one.
        is_basis = (id(p) in bases or (basis_start is not None and basis_start.match(p.text.strip()) is not None)
                    or _in_basis_style(ctx, p))
        if style.italic is False and runs and all(r.italic for r in runs) and not is_basis:
            yield Issue("body", p, found="italic", expected="upright", rule=el.rule,
                        note_en="The whole paragraph is in italics.", note_vi="Cả đoạn in nghiêng.")
        if el.bold is False and not centred and runs and all(r.bold for r in runs) and _bold_text(ctx, p):
            yield Issue("body", p, found="bold", expected="not bold", rule=el.rule,
                        note_en="The whole paragraph is in bold; only headings are.",
                        note_vi="Cả đoạn in đậm; chỉ đề mục mới in đậm.")
        if not centred:
            if el.align is not None and not alignment_ok(el.align, p.alignment):
                yield Issue("body", p, found=p.alignment, expected=el.align, rule=el.rule)
            ind = p.props.indent
            first = ind.first_line_cm + (ind.left_cm if p.label is not None else 0.0)
            if not any(abs(first - want) <= tol for want in indents):
                yield Issue("body", p, found=f"{first:.2f} cm", expected=" or ".join(f"{v:g} cm" for v in indents),
                            expected_vi=" hoặc ".join(f"{v:g} cm".replace(".", ",") for v in indents),
                            rule=el.rule, note_en="First-line indent.", note_vi="Lùi đầu dòng.")
        sp = p.props.spacing
        size = _size(runs, p)
        if sp.line_rule == "auto":
            mult = sp.line / 240
            if mult < lo - tuning.line_spacing_tolerance or mult > hi + tuning.line_spacing_tolerance:
                yield Issue("body", p, found=f"{mult:g} lines", expected="single to 1.5 lines", rule=el.rule,
                            note_en="Line spacing.", note_vi="Giãn dòng.")
        else:
            line_pt = sp.line / 20
            mult = line_pt / (size * tuning.single_line_em)
            xt = tuning.exact_line_spacing_tolerance
            too_small = sp.line_rule == "exact" and mult < lo - xt
            if too_small or mult > hi + xt:
                rule_en = "exactly" if sp.line_rule == "exact" else "at least"
                rule_vi = "chính xác" if sp.line_rule == "exact" else "tối thiểu"
                yield Issue("body", p, found=f"{rule_en} {line_pt:g} pt", found_vi=f"{rule_vi} {line_pt:g} pt",
                            expected="single to 1.5 lines", rule=el.rule, note_en="Line spacing.",
                            note_vi="Giãn dòng.")
    minimum = rules.body_space_between_min_pt
    for prev, cur in itertools.pairwise(paras):
        if cur.index != prev.index + 1 or cur.location.part_name != prev.location.part_name:
            continue
        gap = paragraph_gap(prev, cur, tuning.single_line_em)
        if gap < minimum - tuning.spacing_tolerance_pt:
            yield Issue("body", cur, found=pt(round(gap, 2)), expected=f"≥ {pt(minimum)}", rule=el.rule,
                        note_en="Space between paragraphs.", note_vi="Khoảng cách giữa các đoạn.")


@rule("ND30-CC")
def bases(ctx: CheckContext) -> Iterator[Issue]:
    """Căn cứ lines (starting "Căn cứ", "Theo đề nghị" …, ``patterns.basis_start``) opening the
    content are italic; every line ends with ";" and the last with ".". A "Căn cứ …" sentence
    further down the body, or a lone upright one not ending with ";", is ordinary text.

    Compliant:
        Căn cứ Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013;
        Căn cứ Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của Sở Khoa học và Công nghệ.

    Non-compliant:
        (upright);  a line without ";"
    """
    el = ctx.element("basis")
    if el is None:
        return
    group = basis_lines(ctx)
    for i, p in enumerate(group):
        runs = _runs(p)
        if el.italic and runs and not all(r.italic for r in runs):
            yield Issue("basis", p, found="upright" if not any(r.italic for r in runs) else "partly italic",
                        expected="italic", rule=el.rule)
        text = p.text.rstrip()
        want = "." if i == len(group) - 1 else ";"
        if not text.endswith(want):
            yield Issue("basis", p, found=f'"…{text[-1:]}"' if text else '""', expected=f'"…{want}"',
                        rule=el.rule, excerpt=excerpt(text))


@rule("ND30-STR")
def structure_numbering(ctx: CheckContext) -> Iterator[Issue]:
    """Bold headings numbered in the structure of the document: "Phần" and
    "Chương" take Roman numerals, "Mục" and "Tiểu mục" Arabic ones, "Điều" an Arabic numeral and a
    period (``patterns.heading_*``, ``patterns.article*``).

    Compliant:
        Chương I;  Mục 1;  Điều 1. Phạm vi điều chỉnh

    Non-compliant:
        Chương 1;  Điều I
    """
    el = ctx.element("heading")
    pats = ctx.rules.patterns
    if el is None:
        return
    checks = (
        ("heading_part", "heading_part_number", "Roman numerals", "số La Mã"),
        ("heading_section", "heading_section_number", "Arabic numerals", "chữ số Ả Rập"),
        ("article", "article_number", "1.", "1."),
    )
    for p in ctx.layout.body:
        runs = _runs(p)
        if not runs or not runs[0].bold:
            continue
        text = p.text_with_label.strip()
        for head, number, expected, expected_vi in checks:
            hp, np_ = pats.get(head), pats.get(number)
            if hp is None or np_ is None:
                continue
            m = hp.match(text)
            if m is not None:
                num = m.group("num")
                if not np_.match(num):
                    yield Issue("heading", p, found=f'"{excerpt(m.group(0), 30)}"', expected=expected,
                                expected_vi=expected_vi, rule=el.rule)
                break


@rule("ND30-ENDING")
def ending(ctx: CheckContext) -> Iterator[Issue]:
    """The last body paragraph ends with "./." (the Mẫu 1.1-1.10 samples), and no table of the
    content comes after it (then "./." stands in a paragraph of its own after the table).

    Compliant:
        … đóng góp phát triển kinh tế - xã hội nhanh và bền vững./.

    Non-compliant:
        … đóng góp phát triển kinh tế - xã hội nhanh và bền vững.
    """
    paras = ctx.layout.body
    if not paras:
        return
    last = paras[-1]
    want = ctx.rules.body_ending
    text = last.text.rstrip()
    if not text.endswith(want):
        yield Issue("body", last, found=f'"…{text[-6:]}"', expected=f'"…{want}"', excerpt=excerpt(text[-60:]))
        return
    # A table after the paragraph that ends is still content: "./." closes the content, after it.
    # (Not the table that holds the signing block or Nơi nhận.)
    lay = ctx.layout
    found = [f for f in (lay.recipients_label, lay.authority, lay.signer_name) if f is not None]
    signing = [p for f in found for p in f.paragraphs] + [it.para for it in lay.recipients]
    block_tables = {id(p.location.cell.table) for p in signing if p.location.cell is not None}
    end = min((p.index for p in signing), default=len(ctx.document.body.paragraphs))
    after = ctx.document.body.paragraphs[last.index + 1 : end]
    table_cell = next(
        (p for p in after
         if p.location.cell is not None and id(p.location.cell.table) not in block_tables and p.text.strip()),
        None,
    )
    if table_cell is not None:
        yield Issue("body", table_cell, found="a table after the ending", expected=f'"{want}" after the last table',
                    excerpt=excerpt(table_cell.text),
                    note_en=f'Put "{want}" in a paragraph of its own after the table.',
                    note_vi=f'Đặt "{want}" thành một đoạn riêng sau bảng.')
