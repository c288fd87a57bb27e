"""The header (ô 1-4, 5b, 10-11; spec §3 rows 1-9, §4.1-4.2, §7.3): ND30-QH, ND30-TN, ND30-PROFILE,
ND30-CQ, ND30-CQ-PARENT, ND30-SO, ND30-DATE, ND30-VV, ND30-STAMP."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from thongbao.check.checks.common import check_rule_length, check_style, paragraph_gap, pt, shows_in_capitals
from thongbao.check.locate import Found, Item, excerpt
from thongbao.check.registry import CheckContext, Issue, rule
from thongbao.vietnamese import collapse_spaces, in_capitals, upper
from thongbao.vietnamese import date_line as format_date_line


def _quoted(text: str) -> str:
    return f'"{excerpt(text, 40)}"'


def _dominant_size(found: Found) -> float | None:
    sizes = Counter(r.size_pt for r in found.runs)
    return sizes.most_common(1)[0][0] if sizes else None


def _table_col(item: Item) -> tuple[int, int] | None:
    cell = item.para.location.cell
    return (id(cell.table), cell.col) if cell is not None else None


def level(a: Item, b: Item) -> bool | None:
    """Whether two lines sit on the same row: the same line of a paragraph (tabs), or the same
    row of one table. ``None`` (unknown) when one is in a floating text box."""
    if a.para is b.para:
        return a.line == b.line
    if a.para.location.in_text_box or b.para.location.in_text_box:
        return None
    ca, cb = a.para.location.cell, b.para.location.cell
    if ca is not None and cb is not None:
        # Two paragraphs of one cell are one under the other.
        return ca.table is cb.table and ca.row == cb.row and ca.cell_index != cb.cell_index
    return False


def _top_right(item: Item) -> bool:
    cell = item.para.location.cell
    if item.para.location.in_text_box:
        return True
    if cell is not None:
        if cell.col > 0:
            return True
        if len(cell.table.grid) > 1:
            return False
    return item.col == 1


@rule("ND30-QH")
def national_title(ctx: CheckContext) -> Iterator[Issue]:
    """The Quốc hiệu is found by its text among the first lines (also when misspelt or in
    lower case). Checked: the exact text (``accepted_texts``: HÒA or HOÀ), upper case, bold, upright,
    size 12-13, centred in its cell, and at the top right: the right-hand column of the header table,
    text after a tab, a right-hand paragraph, or a text box.

    Compliant:
        | UBND TỈNH HƯNG YÊN        | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |   (13 pt bold)

    Non-compliant:
        Cộng hòa xã hội chủ nghĩa Việt Nam   (lower case, not bold, 14 pt, left column)
    """
    el = ctx.element("national_title")
    found = ctx.layout.national_title
    if el is None or found is None:
        return
    it = found.first
    texts = {t for t in (el.text, *el.accepted_texts) if t}
    if upper(collapse_spaces(it.display)) not in texts:
        yield Issue("national_title", it, found=_quoted(it.text), expected=_quoted(el.text or ""), rule=el.rule)
    yield from check_style(el, "national_title", found.items)
    if not _top_right(it):
        yield Issue("national_title", it, found="not at the top right", expected="top right", rule=el.rule)


@rule("ND30-TN")
def motto(ctx: CheckContext) -> Iterator[Issue]:
    """The Tiêu ngữ is the next line after the Quốc hiệu in the same container (cell,
    text box, or right-hand tab column). Checked: the exact text with spaced ASCII hyphens (en and em
    dashes get their own note), bold, upright, 13-14 pt, centred, under the Quốc hiệu, and the rule
    under it: as long as the text (``rule_length`` ± ``rule_tolerance``). The rule may be underscores
    (measured with Times New Roman metrics, superscript runs at ``[checker] superscript_scale``), a
    paragraph border (its width between indents), a drawn line (its width) or an underline of the
    motto itself.

    Compliant:
        Độc lập - Tự do - Hạnh phúc
        ___________________________   (26 underscores at 13 pt = 169 pt for 171 pt of text)

    Non-compliant:
        Độc lập – Tự do – Hạnh phúc   (en dashes)
        _______________                (rule 0.57 of the text)
    """
    el = ctx.element("motto")
    lay = ctx.layout
    found = lay.motto
    if el is None or found is None:
        return
    it = found.first
    text = collapse_spaces(it.text)
    if el.text and text != el.text:
        bad = ctx.rules.patterns.get("motto_bad_dash")
        if bad is not None and bad.search(text):
            yield Issue("motto", it, found=_quoted(text), expected=_quoted(el.text), rule=el.rule,
                        note_en="Use ASCII hyphens (-) with a space on each side, not dashes (–).",
                        note_vi="Dùng gạch nối (-) có cách chữ, không dùng gạch ngang dài (–).")
        else:
            yield Issue("motto", it, found=_quoted(text), expected=_quoted(el.text), rule=el.rule)
    yield from check_style(el, "motto", found.items)
    qh = lay.national_title
    if qh is not None and qh.first.container != it.container:
        yield Issue("motto", it, found="not under the national title", expected="under the national title",
                    rule=el.rule)
    yield from check_rule_length(ctx, el, "motto", found, lay.motto_rule)


@rule("ND30-PROFILE")
def profile(ctx: CheckContext) -> Iterator[Issue]:
    """The sizes of the Quốc hiệu, Tiêu ngữ and date line follow one of the ``[profiles]``
    (13/14/14 or 12/13/13): "cỡ chữ … tăng, giảm phải thống nhất" (spec §3 footnote 1). Only checked
    when each size is lawful on its own (an out-of-range size is its element's error).

    Compliant:
        13 / 14 / 14;  12 / 13 / 13

    Non-compliant:
        12 / 14 / 14
    """
    lay = ctx.layout
    keys = ("national_title", "motto", "date_line")
    elements = [ctx.element(k) for k in keys]
    founds = [lay.national_title, lay.motto, lay.date_line]
    sizes: list[float] = []
    for el, found in zip(elements, founds, strict=True):
        if el is None or found is None:
            return
        size = _dominant_size(found)
        if size is None or not all(el.size_ok(r.size_pt) for r in found.runs):
            return  # an out-of-range size is the element's own error
        sizes.append(size)
    allowed = {
        name: tuple(prof.sizes[k] for k in keys)
        for name, prof in ctx.rules.profiles.items()
        if all(k in prof.sizes for k in keys)
    }
    if not allowed or tuple(sizes) in allowed.values():
        return
    assert founds[0] is not None
    yield Issue("national_title", founds[0].first, found="/".join(f"{s:g}" for s in sizes),
                expected=" or ".join("/".join(f"{s:g}" for s in v) for v in allowed.values()),
                note_en="(national title / motto / date, pt)", note_vi="(Quốc hiệu / Tiêu ngữ / ngày tháng, pt)")


@rule("ND30-CQ")
def agency(ctx: CheckContext) -> Iterator[Issue]:
    """The issuing agency is the bold upper-case line(s) before the rule or the number line
    in the left column (the lines before it, not bold, are the parent agency; two bold lines are told
    apart by ``[checker] parent_agency_starts``/``agency_starts``). Checked: upper case, bold, upright,
    12-13 pt, centred, and the rule under it: 1/3 to 1/2 of the longest name line (± ``rule_tolerance``,
    and half an underscore for rules made of underscores).

    Compliant:
        SỞ KHOA HỌC VÀ CÔNG NGHỆ     (13 pt bold, 199 pt wide)
              _____________            (84.5 pt: 0.42)

    Non-compliant:
        Sở Khoa học và Công nghệ     (not upper case)
        _________________________    (162.5 pt: 0.82)
    """
    el = ctx.element("agency")
    lay = ctx.layout
    found = lay.agency
    if el is None or found is None:
        return
    yield from check_style(el, "agency", found.items)
    yield from check_rule_length(ctx, el, "agency", found, lay.agency_rule)


@rule("ND30-CQ-PARENT")
def parent_agency(ctx: CheckContext) -> Iterator[Issue]:
    """The parent agency (tên cơ quan chủ quản trực tiếp), the line(s) above the issuing
    agency: upper case, not bold, upright, 12-13 pt, centred.

    Compliant:
        UBND TỈNH HƯNG YÊN   (13 pt, regular)

    Non-compliant:
        UBND TỈNH HƯNG YÊN   (bold);  UBND tỉnh Hưng Yên
    """
    el = ctx.element("parent_agency")
    found = ctx.layout.parent_agency
    if el is None or found is None:
        return
    yield from check_style(el, "parent_agency", found.items)


_ONE_DIGIT = re.compile(r"^\S+\s*(\d)/")


@rule("ND30-SO")
def number_line(ctx: CheckContext) -> Iterator[Issue]:
    """The number line starts with ``Số`` in the header. Checked against
    ``patterns.number_typed`` (a document with a type name; a blank number is a draft) or
    ``patterns.number_official_letter`` (công văn); the type abbreviation must be the one of the type
    name found (THÔNG BÁO → TB); 13 pt, upright, not bold, centred.

    Compliant:
        Số: 05/TB-SKHCN;  Số:      /TB-SKHCN (draft);  Số: 125/SKHCN-QLKH (công văn)

    Non-compliant:
        Số: 5/TB-SKHCN;  Số: 05/QĐ-SKHCN under THÔNG BÁO;  Số: 05/2023/TB-SKHCN
    """
    el = ctx.element("number_line")
    lay = ctx.layout
    found = lay.number_line
    if el is None or found is None:
        return
    it = found.first
    text = it.text
    pats = ctx.rules.patterns
    typed, letter = pats.get("number_typed"), pats.get("number_official_letter")
    label = el.label or "Số:"
    abbr = lay.doc_type.abbreviation if lay.doc_type is not None else None
    if lay.is_official_letter or (lay.doc_type is not None and not abbr):
        candidates = [letter]  # công văn, thư công: agency and unit, no type abbreviation
        expected = f"{label} 05/…-…"
    elif lay.doc_type is not None:
        candidates = [typed]
        expected = f"{label} 05/{abbr or '…'}-…"
    else:
        candidates = [typed, letter]
        expected = f"{label} 05/…-…"
    matches = [m for p in candidates if p is not None and (m := p.match(text))]
    if not matches:
        note_en = note_vi = ""
        one = _ONE_DIGIT.match(text)
        if one:
            note_en, note_vi = "Numbers below 10 take a leading zero (05).", "Số nhỏ hơn 10 phải thêm số 0 (05)."
            fixed = text[: one.start(1)] + "0" + text[one.start(1):]
            if any(p is not None and p.match(fixed) for p in candidates):
                expected = fixed
        yield Issue("number_line", it, found=_quoted(text), expected=expected, rule=el.rule,
                    note_en=note_en, note_vi=note_vi)
    elif lay.doc_type is not None and abbr and not lay.is_official_letter:
        kind = matches[0].groupdict().get("type")
        if kind is not None and kind != abbr:
            yield Issue("number_line", it, found=kind, expected=abbr, rule=el.rule,
                        note_en=f"The symbol must abbreviate the type name {lay.doc_type.title}.",
                        note_vi=f"Ký hiệu phải là chữ viết tắt của tên loại {lay.doc_type.title}.")
    yield from check_style(el, "number_line", found.items)


_PADDED_MONTH = re.compile(r"tháng\s+0[3-9]\b")
_SHORT_DAY = re.compile(r"ngày\s+[1-9]\b")
_SHORT_MONTH = re.compile(r"tháng\s+[12]\b(?!\d)")


_LOOSE_DATE = re.compile(r"^(?P<place>[^,\d]+?)(?P<comma>,?)\s*(?:ngày\s*(?P<day>\d{1,2})?\s*)?tháng\s*"
                         r"(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})\s*$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^(?P<place>[^,\d]+?)(?P<comma>,?)\s*(?:ngày\s*)?(?P<day>\d{1,2})\s*(?P<sep>[/.-])\s*"
                           r"(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<year>\d{4})\s*$", re.IGNORECASE)
_NBSP = "\u00a0"


def _read_date(text: str) -> re.Match[str] | None:
    """The parts of a date line written with or without the comma, in words or in figures."""
    flat = collapse_spaces(text)
    return _LOOSE_DATE.match(flat) or _NUMERIC_DATE.match(flat)


def _suggest_date(text: str) -> str:
    """The date line written correctly when its parts can be read, else the decree's example."""
    m = _read_date(text)
    if m is not None:
        day, month = m.group("day"), m.group("month")
        if (day is None or 1 <= int(day) <= 31) and (month is None or 1 <= int(month) <= 12):
            return _quoted(format_date_line(m.group("place").strip(), int(m.group("year")),
                                     int(month) if month else None, int(day) if day else None))
    return '"Hà Nội, ngày 05 tháng 01 năm 2020"'


@rule("ND30-DATE")
def date_line(ctx: CheckContext) -> Iterator[Issue]:
    """The place and date line in the header: ``…, ngày … tháng … năm …``, or a place and a
    date written another way (no comma, in figures) under the Tiêu ngữ or on the number's line.
    Checked against ``patterns.date_line`` (days below 10 and months 1-2 zero-padded, months 3-12
    not; a blank day is a draft; a non-breaking space counts as a space), italic, 13-14 pt, on the
    number's row (same table row or same line), under the Tiêu ngữ.

    Compliant:
        Hưng Yên, ngày 07 tháng 3 năm 2023;  Hà Nội, ngày 05 tháng 01 năm 2020

    Non-compliant:
        Hưng Yên, ngày 07 tháng 03 năm 2023;  ngày 7 tháng 3;  Hưng Yên ngày …;  Hưng Yên, 07/3/2023;  upright
    """
    el = ctx.element("date_line")
    lay = ctx.layout
    found = lay.date_line
    if el is None or found is None:
        return
    it = found.first
    # Word's non-breaking space (Ctrl+Shift+Space) prints as a space: the rule is about what is seen.
    text = it.text.replace(_NBSP, " ")
    pat = ctx.rules.patterns.get("date_line")
    if pat is not None and not pat.match(text):
        notes_en: list[str] = []
        notes_vi: list[str] = []
        parts = _read_date(text)
        if parts is not None and parts.re is _NUMERIC_DATE:
            notes_en.append("The date is written in words: ngày … tháng … năm ….")
            notes_vi.append("Ghi thời gian theo dạng ngày … tháng … năm ….")
        elif parts is not None and not parts.group("comma"):
            notes_en.append("A comma follows the place name.")
            notes_vi.append("Sau địa danh có dấu phẩy.")
        if _PADDED_MONTH.search(text):
            notes_en.append("Months 3-12 take no leading zero.")
            notes_vi.append("Tháng từ 3 đến 12 không thêm số 0.")
        if _SHORT_DAY.search(text):
            notes_en.append("Days below 10 take a leading zero.")
            notes_vi.append("Ngày nhỏ hơn 10 phải thêm số 0.")
        if _SHORT_MONTH.search(text):
            notes_en.append("Months 1 and 2 take a leading zero.")
            notes_vi.append("Tháng 1, 2 phải thêm số 0.")
        yield Issue("date_line", it, found=_quoted(text), expected=_suggest_date(text),
                    rule=el.rule, note_en=" ".join(notes_en), note_vi=" ".join(notes_vi))
    yield from check_style(el, "date_line", found.items)
    if lay.number_line is not None and level(lay.number_line.first, it) is False:
        yield Issue("date_line", it, found="not on the number's row", expected="same row as the number",
                    rule=el.rule)
    if lay.motto is not None:
        a, b = _table_col(lay.motto.first), _table_col(it)
        if a is not None and b is not None and a[0] == b[0] and a[1] != b[1]:
            yield Issue("date_line", it, found="not under the motto", expected="under the motto", rule=el.rule)


@rule("ND30-VV")
def subject_line(ctx: CheckContext) -> Iterator[Issue]:
    """The trích yếu of a công văn: a ``V/v`` line under the number, in its column
    (a document with a ``V/v`` line and no type name is a công văn). Checked: the prefix
    ``"V/v "``, 12-13 pt, upright, not bold, centred, 6 pt after the number (a line break is not a
    gap); and that documents with a type name carry no V/v line.

    Compliant:
        Số: 125/SKHCN-QLKH
        V/v đề xuất nhiệm vụ khoa học và công nghệ   (13 pt, 6 pt before)

    Non-compliant:
        v/v đề xuất …;  14 pt;  italic;  on the number's paragraph after a line break
    """
    el = ctx.element("subject_line")
    lay = ctx.layout
    found = lay.subject_line
    if el is None or found is None:
        return
    it = found.first
    if lay.type_name is not None:
        yield Issue("subject_line", it, found="a type name", expected="no type name", rule=el.rule,
                    note_en="Only a công văn has a V/v line; a document with a type name puts its summary under it.",
                    note_vi="Chỉ công văn có dòng V/v; văn bản có tên loại đặt trích yếu dưới tên loại.")
    prefix = el.prefix or ""
    text = " ".join(i.text for i in found.items)
    # "in thường" after the prefix: "V/V TRIỂN KHAI …" is one defect, the capitals (not the prefix too).
    capitals = bool(prefix) and text[: len(prefix)].casefold() == prefix.casefold() and (
        shows_in_capitals(found.items) or in_capitals(text[len(prefix):], ctx.rules.capitals_min_words)
    )
    if capitals:
        yield Issue("subject_line", it, found="upper case", expected="normal case", found_vi="in hoa",
                    expected_vi="in thường", rule=el.rule, note_en="It is typed in capitals.",
                    note_vi="Văn bản được gõ bằng chữ in hoa.")
    elif prefix and not it.text.startswith(prefix):
        yield Issue("subject_line", it, found=_quoted(it.text[: len(prefix) + 6]), expected=_quoted(prefix + "…"),
                    rule=el.rule)
    yield from check_style(el, "subject_line", found.items, case=not prefix)
    number = lay.number_line
    if el.space_before_pt and number is not None:
        a, b = number.last, it
        if a.para is b.para:
            yield Issue("subject_line", it, found="a line break", expected=f"{pt(el.space_before_pt)} before",
                        expected_vi=f"cách {pt(el.space_before_pt)}", rule=el.rule)
        else:
            gap = paragraph_gap(a.para, b.para, ctx.tuning.single_line_em)
            if gap < el.space_before_pt - ctx.tuning.spacing_tolerance_pt:
                yield Issue("subject_line", it, found=pt(round(gap, 2)), expected=pt(el.space_before_pt),
                            rule=el.rule)


@rule("ND30-STAMP")
def stamps(ctx: CheckContext) -> Iterator[Issue]:
    """Urgency, secrecy and circulation marks (ô 10a, 10b, 11), found by their words in the
    header (and the first-page header): the prescribed words, upper case, bold, upright, 13-14 pt;
    an urgency mark in a box has the box width of ``[urgency]`` (± ``stamp_box_tolerance_mm``).

    Compliant:
        KHẨN   (13 pt bold, box 20 mm wide)

    Non-compliant:
        Khẩn;  KHẨN not bold;  KHẨN in a 30 mm box
    """
    el = ctx.element("stamp")
    if el is None:
        return
    rules = ctx.rules
    valid: dict[str, str] = {}
    for word, accepted in rules.urgency_accepted.items():
        for text in (word, *accepted):
            valid[text] = word
    for text in (*rules.secrecy, *rules.circulation):
        valid[text] = text
    tol = ctx.tuning.stamp_box_tolerance_mm
    for found in ctx.layout.stamps:
        it = found.first
        text = collapse_spaces(it.display)
        if text not in valid:
            yield Issue("stamp", it, found=_quoted(text), expected=_quoted(upper(text)), rule=el.rule)
        yield from check_style(el, "stamp", found.items, align=False)
        canonical = valid.get(upper(text))
        box = rules.urgency_boxes_mm.get(canonical) if canonical else None
        width = _box_width_mm(it)
        if box is not None and width is not None and abs(width - box[0]) > tol:
            yield Issue("stamp", it, found=f"{width:.0f} mm", expected=f"{box[0]:g} x {box[1]:g} mm", rule=el.rule,
                        note_en="Width of the box around the mark.", note_vi="Chiều rộng khung của dấu.")


def _box_width_mm(it: Item) -> float | None:
    p = it.para
    box = p.location.text_box
    if box is not None and box.drawing.width_pt:
        return box.drawing.width_pt * 25.4 / 72
    borders = p.props.borders
    if all(b in borders and borders[b].visible for b in ("left", "right")):
        w = p.width_twips
        return w * 25.4 / 1440 if w else None
    return None
