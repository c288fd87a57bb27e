"""Page setup and page numbers (spec §1): ND30-PAGE-SIZE, ND30-PAGE-MARGIN, ND30-PNUM."""

from __future__ import annotations

from collections.abc import Iterator

from thongbao.check.checks.common import alignment_ok, pt, size_range
from thongbao.check.reader import CellRef, Document, Paragraph, Section, Table
from thongbao.check.registry import CheckContext, Issue, rule
from thongbao.check.tuning import Tuning
from thongbao.fontmetrics import wrap_lines

_SIDES_VI = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _where(sec: Section, doc: Document) -> str:
    del doc
    return f"section {sec.index + 1}"


def _section_has_table(doc: Document, sec: Section) -> bool:
    """A table with borders (a data table, not the borderless layout tables of the header)."""
    for p in doc.paragraphs:
        cell = p.location.cell
        if p.section_index == sec.index and cell is not None and not cell.table.is_borderless:
            return True
    return False


@rule("ND30-PAGE-SIZE")
def page_size(ctx: CheckContext) -> Iterator[Issue]:
    """Each section's paper is A4 (210 x 297 mm, ± ``[page] size_tolerance_mm``) and portrait.
    A landscape section is accepted only when it holds a table with borders (a page of tables,
    spec §1 "Kiểu trình bày").

    Compliant:
        <w:pgSz w:w="11906" w:h="16838"/>                      A4 portrait

    Non-compliant:
        <w:pgSz w:w="12240" w:h="15840"/>                      US Letter
        <w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/> landscape page of text
    """
    page = ctx.rules.page
    tol = page.size_tolerance_mm
    for sec in ctx.document.sections:
        w, h = sec.page_width_mm, sec.page_height_mm
        short, long = min(w, h), max(w, h)
        where = _where(sec, ctx.document)
        if abs(short - page.width_mm) > tol or abs(long - page.height_mm) > tol:
            yield Issue("page", where, found=f"{w:.1f} x {h:.1f} mm",
                        expected=f"{page.width_mm:g} x {page.height_mm:g} mm (A4)")
        elif (sec.orientation == "landscape" or w > h) and not _section_has_table(ctx.document, sec):
            yield Issue("page", where, found="landscape", expected="portrait",
                        note_en="Landscape is allowed only for pages of tables.",
                        note_vi="Chỉ trình bày theo chiều ngang với trang có bảng, biểu.")


@rule("ND30-PAGE-MARGIN")
def page_margins(ctx: CheckContext) -> Iterator[Issue]:
    """Each portrait section's margins lie in the ranges of ``[page]`` (top and bottom
    20-25 mm, left 30-35 mm with the gutter, right 15-20 mm), ± ``margin_tolerance_mm`` (0.3 mm) for
    unit rounding.

    Compliant:
        <w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="851"/>   20/20/30/15 mm

    Non-compliant:
        <w:pgMar w:top="1134" w:bottom="1134" w:left="1531" w:right="851"/>   left 27 mm
    """
    page = ctx.rules.page
    tol = page.margin_tolerance_mm
    for sec in ctx.document.sections:
        landscape = sec.page_width > sec.page_height
        mm = sec.margins_mm
        values = {"top": mm["top"], "bottom": mm["bottom"], "left": mm["left"] + mm["gutter"], "right": mm["right"]}
        if landscape:  # a landscape page is the portrait page turned: its binding edge is the top
            continue
        for side, value in values.items():
            lo, hi = page.margins_mm[side]
            if value < lo - tol or value > hi + tol:
                yield Issue("page", _where(sec, ctx.document),
                            found=f"{side} {value:.1f} mm", found_vi=f"lề {_SIDES_VI[side]} {value:.1f} mm",
                            expected=f"{side} {lo:g}-{hi:g} mm", expected_vi=f"lề {_SIDES_VI[side]} {lo:g}-{hi:g} mm")


# ---------------------------------------------------------------------------------------------
# Page numbers
# ---------------------------------------------------------------------------------------------


def _para_height(p: Paragraph, width_twips: int | None, tuning: Tuning) -> float:
    runs = [r for r in p.visible_runs if r.raw_text.strip()]
    size = max((r.size_pt for r in runs), default=p.mark.size_pt)
    sp = p.props.spacing
    line_h = size * tuning.single_line_em
    if sp.line_rule == "auto":
        line_h *= sp.line / 240
    elif sp.line_rule == "exact":
        line_h = sp.line / 20
    else:
        line_h = max(line_h, sp.line / 20)
    width_pt = (width_twips or 9000) / 20
    n = 0
    for line in p.lines:
        text = line.text.replace("\t", "    ")
        n += max(1, len(wrap_lines(text, max(width_pt, 36.0), size))) if text.strip() else 1
    return n * line_h + sp.before_pt + sp.after_pt


def _table_height(table: Table, tuning: Tuning) -> float:
    total = 0.0
    for row in table.rows:
        best = 0.0
        for cell in row.cells:
            h = sum(_para_height(p, p.width_twips, tuning) for p in cell.paragraphs
                    if p.location.table_nesting == table.nesting + 1 and not p.location.in_text_box)
            best = max(best, h)
        total += best
    return total


def estimate_pages(doc: Document, tuning: Tuning) -> float:
    """A rough page count from text lengths (Times New Roman metrics) and explicit breaks."""
    if not doc.sections:
        return 1.0
    sec = doc.sections[0]
    text_h = (sec.page_height - sec.margin_top - sec.margin_bottom) / 20
    used = 0.0
    breaks = 0
    seen_tables: set[int] = set()
    for p in doc.paragraphs:
        if p.has_page_break or (p.props.page_break_before and p.index > 0):
            breaks += 1
        loc = p.location
        if not loc.path:
            used += _para_height(p, p.width_twips, tuning)
        elif isinstance(loc.path[0], CellRef):
            table = loc.path[0].table
            if id(table) not in seen_tables:
                seen_tables.add(id(table))
                used += _table_height(table, tuning)
    breaks += sum(1 for s in doc.sections[1:] if s.start_type != "continuous")
    return used / max(text_h, 1.0) + breaks


def _page_runs(p: Paragraph) -> list[tuple[float, bool, bool]]:
    fields = [f for f in p.fields if f.is_page]
    runs = [r for r in p.visible_runs if r.field is not None and r.field in fields and r.raw_text.strip()]
    if runs:
        return [(r.size_pt, r.bold, r.italic) for r in runs]
    return [(p.mark.size_pt, p.mark.bold, p.mark.italic)]


@rule("ND30-PNUM")
def page_numbers(ctx: CheckContext) -> Iterator[Issue]:
    """Page numbers are a ``PAGE`` field in a header (not a footer), centred
    (alignment or a centre tab), 13-14 pt, upright and not bold, in Arabic numerals, starting from 1,
    and not shown on page 1: the first section has a different first page (``w:titlePg``) whose header
    has no ``PAGE`` field. An appendix inside the document is a section of its own numbered from 1
    (Phụ lục I III.1.đ). A document estimated to fill more than ``[checker] page_fill`` pages must
    have page numbers.

    Compliant:
        sectPr: <w:titlePg/>; first-page header empty
        default header: centred PAGE field, Times New Roman 14 pt → "2", "3" …

    Non-compliant:
        no w:titlePg (the number shows on page 1); PAGE field in the footer; left-aligned; 12 pt
    """
    doc = ctx.document
    if not doc.sections:
        return
    el = ctx.element("page_number")
    for footer in doc.footers:
        for f in footer.page_fields:
            where = f.paragraph if f.paragraph is not None else "footer"
            yield Issue("page_number", where, found="in the footer", expected="in the header")
    first = doc.sections[0].first_page_header
    if first is not None and first.page_fields:
        f = first.page_fields[0]
        yield Issue("page_number", f.paragraph or "header", found="shown on page 1", expected="not shown on page 1",
                    note_en="Set a different first page (titlePg) with an empty first-page header.",
                    note_vi="Đặt trang đầu khác (titlePg) với đầu trang thứ nhất để trống.")
    shown = any(h.page_fields for s in doc.sections for kind, h in s.headers.items() if kind in ("default", "even"))
    in_footer = any(f.page_fields for f in doc.footers)
    if not shown and not in_footer and estimate_pages(doc, ctx.tuning) > ctx.tuning.page_fill:
        yield Issue("page_number", "header", found="no page numbers", expected="in the header",
                    note_en="The document has more than one page.", note_vi="Văn bản có nhiều hơn một trang.")
    if el is not None:
        for header in doc.headers:
            for f in header.page_fields:
                p = f.paragraph
                if p is None:
                    continue
                if not alignment_ok("center", p.alignment) and not _centred_by_tab(p):
                    yield Issue("page_number", p, found=p.alignment, expected="center", rule=el.rule,
                                excerpt=f.result)
                runs = _page_runs(p)
                sizes = sorted({s for s, _, _ in runs if not el.size_ok(s)})
                if sizes:
                    yield Issue("page_number", p, found=", ".join(pt(s) for s in sizes), expected=size_range(el),
                                rule=el.rule, excerpt=f.result)
                if any(b for _, b, _ in runs) or any(i for _, _, i in runs):
                    yield Issue("page_number", p, found="bold" if any(b for _, b, _ in runs) else "italic",
                                expected="upright", rule=el.rule, excerpt=f.result)
    for sec in doc.sections:
        fmt = sec.page_number_format
        if fmt not in (None, "decimal"):
            yield Issue("page_number", _where(sec, doc), found=str(fmt), expected="Arabic numerals")
    start = doc.sections[0].page_number_start
    if start not in (None, 1):
        yield Issue("page_number", _where(doc.sections[0], doc), found=f"from {start}",
                    found_vi=f"từ {start}", expected="numbered from 1")
    # "Số trang của Phụ lục được đánh số riêng" (Phụ lục I III.1.đ): an appendix inside the document
    # starts a section of its own whose page numbers start at 1.
    for appendix in ctx.layout.appendices:
        if appendix.separate:
            continue
        own = appendix.section(doc)
        sec = own or doc.sections[min(appendix.paragraph.section_index, len(doc.sections) - 1)]
        if not any(h.page_fields for kind, h in sec.headers.items() if kind != "first"):
            continue
        if own is None or own.page_number_start != 1:
            yield Issue("page_number", appendix.label.first,
                        found="not a section of its own" if own is None else "numbered on from the document",
                        found_vi="không ở section riêng" if own is None else "đánh số tiếp theo văn bản",
                        expected="numbered from 1 in its own section",
                        note_en="Start the appendix in a new section whose page numbers start at 1.",
                        note_vi="Đặt phụ lục ở một section mới, đánh số trang lại từ 1.")


def _centred_by_tab(p: Paragraph) -> bool:
    """A page number placed at a centre tab stop (Word's header has one at mid-width)."""
    if "\t" not in p.text:
        return False
    width = p.width_twips
    return any(t.alignment == "center" and (width is None or abs(t.position - width / 2) < 567) for t in p.props.tabs)

