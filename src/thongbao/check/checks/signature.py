"""Signature and recipients (ô 7, 9b, 12, 13; spec §3 rows 20-25, 32-33, §4.6, §6): ND30-SIGN,
ND30-SIGN-NAME, ND30-NN-LABEL, ND30-NN-LIST, ND30-NN-ARCHIVE, ND30-DRAFTER, ND30-CONTACT."""

from __future__ import annotations

from collections.abc import Iterator

from thongbao.check.checks.common import check_style
from thongbao.check.locate import Item, excerpt, is_archive_line, prefix_match, prefix_regex
from thongbao.check.registry import CheckContext, Issue, rule


def _quoted(text: str, limit: int = 40) -> str:
    return f'"{excerpt(text, limit)}"'


def _canonical(raw: str, prefixes: list[str]) -> str | None:
    letters = "".join(ch for ch in raw if ch.isalpha())
    for prefix in prefixes:
        if "".join(ch for ch in prefix if ch.isalpha()) == letters:
            return prefix
    return None


@rule("ND30-SIGN")
def authority(ctx: CheckContext) -> Iterator[Issue]:
    """The authority lines: from a signing prefix (TM., KT., TL., TUQ., Q. — however it
    is punctuated) or the column right of "Nơi nhận:", down to the signer's name. Checked: each prefix
    is one of ``[authorities]`` followed by one space; the order of prefixes is one Điều 13 allows
    (``may_follow``); upper case, bold, upright, 13-14 pt, centred.

    Compliant:
        KT. GIÁM ĐỐC
        PHÓ GIÁM ĐỐC

    Non-compliant:
        KT.GIÁM ĐỐC;  K.T. GIÁM ĐỐC;  TUQ. … then KT. …;  Phó Giám đốc
    """
    el = ctx.element("authority")
    found = ctx.layout.authority
    if el is None or found is None:
        return
    auths = ctx.rules.authorities
    pattern = prefix_regex(ctx.rules)
    used: list[str] = []
    for it in found.items:
        m = prefix_match(pattern, it.text)
        if m is None:
            continue
        raw, space, rest = m.group("raw"), m.group("space"), m.group("rest") or ""
        if raw in auths and space == " ":
            used.append(raw)
            continue
        canon = _canonical(raw, list(auths)) or raw
        yield Issue("authority", it, found=_quoted(f"{raw}{space}{rest}", 24),
                    expected=_quoted(f"{canon} {rest}", 24), rule=el.rule,
                    note_en=f'The prefix is written "{canon}" followed by one space.',
                    note_vi=f'Viết tắt quyền hạn là "{canon}" và một dấu cách.')
        used.append(canon)
    prev = "start"
    for prefix in used:
        info = auths.get(prefix)
        if info is not None and prev not in info.may_follow:
            yield Issue("authority", found.first, found=" / ".join(used),
                        expected="an order of prefixes Điều 13 allows", rule=el.rule)
            break
        prev = prefix
    yield from check_style(el, "authority", found.items)


@rule("ND30-SIGN-NAME")
def signer_name(ctx: CheckContext) -> Iterator[Issue]:
    """The signer's name: the last non-empty line of the signature block (after the room
    left for signing). Bold, upright, 13-14 pt, centred, "in thường": not shown entirely in
    capitals, typed so or through ``caps``/``smallCaps`` (a name of at least three words; spec §3
    row 21, §6 "The name is normal case").

    Compliant:
        Nguyễn Thái Kiều Ngân   (14 pt bold)

    Non-compliant:
        (not bold);  12 pt;  NGUYỄN THÁI KIỀU NGÂN;  Nguyễn Thái Kiều Ngân with <w:caps/>
    """
    el = ctx.element("signer_name")
    found = ctx.layout.signer_name
    if el is None or found is None:
        return
    yield from check_style(el, "signer_name", found.items)


def _index_in_cell(it: Item) -> int:
    cell = it.para.location.cell
    if cell is None:
        return 0
    direct = [p for p in cell.cell.paragraphs if p.location.path == it.para.location.path]
    for i, p in enumerate(direct):
        if p is it.para:
            return i
    return 0


def _level_with(label: Item, other: Item) -> bool | None:
    """Whether the label is on the row of the authority's first line; ``None`` when unknown."""
    if label.para is other.para:
        return label.line == other.line
    a, b = label.para.location.cell, other.para.location.cell
    if a is not None and b is not None:
        if a.table is not b.table or a.row != b.row:
            return False
        return _index_in_cell(label) == _index_in_cell(other)
    if label.para.location.in_text_box or other.para.location.in_text_box:
        return None
    return False


@rule("ND30-NN-LABEL")
def recipients_label(ctx: CheckContext) -> Iterator[Issue]:
    """"Nơi nhận:" exactly, 12 pt, bold italic, flush left, on the row of the first
    authority line (same table row and the same paragraph position, or the same line with tabs).

    Compliant:
        | Nơi nhận:            | KT. GIÁM ĐỐC |

    Non-compliant:
        Nơi nhận (no colon);  14 pt;  upright;  indented;  one line below the authority
    """
    el = ctx.element("recipients_label")
    lay = ctx.layout
    found = lay.recipients_label
    if el is None or found is None:
        return
    it = found.first
    if el.text and it.text != el.text:
        yield Issue("recipients_label", it, found=_quoted(it.text), expected=_quoted(el.text), rule=el.rule)
    yield from check_style(el, "recipients_label", found.items, case=False)
    ind = it.para.props.indent
    left = ind.left_cm + min(ind.first_line_cm, 0.0) if it.seg == 0 else 0.0
    if not it.tabbed or it.seg == 0:
        left = ind.left_cm + min(ind.first_line_cm, 0.0) + (ind.first_line_cm if ind.first_line > 0 else 0.0)
    if left > ctx.tuning.flush_left_tolerance_cm:
        yield Issue("recipients_label", it, found=f"{left:.2f} cm", expected="flush left", rule=el.rule)
    head = lay.authority or lay.signer_name
    below = ctx.rules.raw.get("samples", {}).get("recipients_below_signature", ())
    if lay.doc_type is not None and lay.doc_type.layout in below:
        head = None
    if head is not None and _level_with(it, head.first) is False:
        yield Issue("recipients_label", it, found="not level with the authority line",
                    expected="level with the authority line", rule=el.rule)


def _archive_index(items: list[Item], prefix: str) -> int | None:
    return next((i for i, it in enumerate(items) if is_archive_line(it.listed_text, prefix)), None)


@rule("ND30-NN-LIST")
def recipients(ctx: CheckContext) -> Iterator[Issue]:
    """The lines after "Nơi nhận:" up to the Lưu line: each "- …;", 11 pt, upright, not
    bold, flush left. A dash Word puts in front (a list whose label is "-", then a tab or a
    space) reads as the typed "- ".

    Compliant:
        - UBND các huyện, thị xã, thành phố;
        - Lãnh đạo Sở;

    Non-compliant:
        - Lãnh đạo Sở        (no ";");  Lãnh đạo Sở;  (no dash);  12 pt
    """
    el = ctx.element("recipients")
    lay = ctx.layout
    items = lay.recipients
    if el is None or lay.recipients_label is None or not items:
        return
    idx = _archive_index(items, ctx.rules.texts.get("archive_prefix", "Lưu"))
    listed = items if idx is None else items[:idx]
    pat = ctx.rules.patterns.get("recipient_item")
    if pat is not None:
        for it in listed:
            if not pat.match(it.listed_text):
                yield Issue("recipients", it, found=_quoted(it.listed_text), expected='"- …;"', rule=el.rule)
    # The drafter mark after the Lưu line has its own rule (ND30-DRAFTER).
    yield from check_style(el, "recipients", items if idx is None else items[: idx + 1], case=False)


@rule("ND30-NN-ARCHIVE")
def archive(ctx: CheckContext) -> Iterator[Issue]:
    """The last recipient line files the original: "- Lưu: VT, <đơn vị>." (``patterns.archive_line``,
    with an optional drafter mark), and nothing but a drafter mark comes after it.

    Compliant:
        - Lưu: VT, QLKH.

    Non-compliant:
        no Lưu line;  - Lưu VT, QLKH.;  - Lưu: QLKH.;  recipients after it
    """
    lay = ctx.layout
    label = lay.recipients_label
    if label is None:
        return
    items = lay.recipients
    texts = ctx.rules.texts
    prefix = texts.get("archive_prefix", "Lưu:")
    expected = f'"- {prefix} {texts.get("archive_office", "VT")}, … ."'
    idx = _archive_index(items, prefix)
    if idx is None:
        where = items[-1] if items else label.first
        yield Issue("recipients", where, found="missing", expected=expected,
                    note_en="The last line files the original: Lưu: VT and the drafting unit.",
                    note_vi="Dòng cuối ghi nơi lưu: Lưu: VT và đơn vị soạn thảo.")
        return
    line = items[idx]
    pat = ctx.rules.patterns.get("archive_line")
    if pat is not None and not pat.match(line.listed_text):
        yield Issue("recipients", line, found=_quoted(line.listed_text), expected=expected)
    drafter = ctx.rules.patterns.get("drafter_mark")
    extra = [it for it in items[idx + 1:] if drafter is None or not drafter.match(it.text)]
    if extra:
        yield Issue("recipients", extra[0], found="lines after it", expected="the last line")


@rule("ND30-DRAFTER")
def drafter_mark(ctx: CheckContext) -> Iterator[Issue]:
    """The drafter mark and copy count after the Lưu line (``patterns.drafter_mark``, e.g.
    "PL.(300)"): 11 pt, upright.

    Compliant:
        PL.(300)   (11 pt)

    Non-compliant:
        PL.(300)   (12 pt)
    """
    el = ctx.element("drafter_mark")
    pat = ctx.rules.patterns.get("drafter_mark")
    lay = ctx.layout
    if el is None or pat is None or lay.recipients_label is None:
        return
    items = lay.recipients
    idx = _archive_index(items, ctx.rules.texts.get("archive_prefix", "Lưu:"))
    if idx is None:
        return
    marks = [it for it in items[idx + 1:] if pat.match(it.text)]
    for it in marks:
        yield from check_style(el, "drafter_mark", [it], align=False, case=False)


@rule("ND30-CONTACT")
def contact(ctx: CheckContext) -> Iterator[Issue]:
    """The address / phone / e-mail block of the first-page footer: 11-12 pt, upright, not
    bold.

    Compliant:
        Địa chỉ: Số 437 đường Nguyễn Văn Linh … (11 pt)

    Non-compliant:
        (14 pt)
    """
    el = ctx.element("contact")
    found = ctx.layout.contact
    if el is None or found is None:
        return
    yield from check_style(el, "contact", found.items, align=False, case=False)
