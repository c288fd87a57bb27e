"""Type name, trích yếu and Kính gửi (ô 5a, 9a; spec §3 rows 7-8, 23, §4.3, §4.6):
ND30-TL, ND30-TY, ND30-KG."""

from __future__ import annotations

from collections.abc import Iterator

from thongbao.check.checks.common import check_rule_length, check_style
from thongbao.check.locate import excerpt
from thongbao.check.registry import CheckContext, Issue, rule


@rule("ND30-TL")
def type_name(ctx: CheckContext) -> Iterator[Issue]:
    """The type name is the first line after the header that names one of the document
    types of Điều 7. Checked: upper case, bold, upright, 13-14 pt, centred; a công văn has no type
    name.

    Compliant:
        THÔNG BÁO   (14 pt bold, centred)

    Non-compliant:
        Thông báo;  THÔNG BÁO not bold or left-aligned;  CÔNG VĂN
    """
    el = ctx.element("type_name")
    lay = ctx.layout
    found = lay.type_name
    if el is None or found is None:
        return
    if lay.doc_type is not None and not lay.doc_type.has_type_name:
        yield Issue("type_name", found.first, found=f'"{found.first.text}"', expected="no type name", rule=el.rule,
                    note_en="A công văn carries no type name; its summary is the V/v line under the number.",
                    note_vi="Công văn không có tên loại; trích yếu là dòng V/v dưới số, ký hiệu.")
    yield from check_style(el, "type_name", found.items)


@rule("ND30-TY")
def summary(ctx: CheckContext) -> Iterator[Issue]:
    """The trích yếu: the lines right under the type name, up to its rule. Checked: bold,
    upright, 13-14 pt, centred, no ``V/v``, and the rule under it 1/3 to 1/2 of its longest line
    (a long trích yếu wraps at the paragraph width). "In thường": the trích yếu must not show
    entirely in capitals, typed so or through ``caps``/``smallCaps`` (only a whole text of at least
    three words counts, so acronyms such as UBND or KH&CN stay legal); a rule that fits the text
    without ``caps`` is not reported again.

    Compliant:
        Kết quả làm việc với Hội đồng Khoa học và Công nghệ cấp huyện
                            _______________________

    Non-compliant:
        (italic);  (not bold);  no rule;  a rule as wide as the text;
        VỀ VIỆC NGHỈ TẾT NGUYÊN ĐÁN;  Về việc nghỉ Tết Nguyên đán with <w:caps/>
    """
    el = ctx.element("summary")
    lay = ctx.layout
    found = lay.summary
    if el is None or found is None:
        return
    prefix = ctx.rules.texts.get("subject_prefix", "")
    if prefix and found.first.text.startswith(prefix + " "):
        yield Issue("summary", found.first, found=f'"{excerpt(found.first.text, 20)}"', expected=f'no "{prefix}"',
                    expected_vi=f'không có "{prefix}"', rule=el.rule)
    yield from check_style(el, "summary", found.items)
    yield from check_rule_length(ctx, el, "summary", found, lay.summary_rule)


@rule("ND30-KG")
def addressee(ctx: CheckContext) -> Iterator[Issue]:
    """"Kính gửi:" (ô 9a) only in a công văn, tờ trình or báo cáo (``[addressee] types``);
    13-14 pt, upright; several addressees as "- …;" lines, the last ending ".".

    Compliant:
        Kính gửi: Bộ Nội vụ.   (in a công văn)

    Non-compliant:
        Kính gửi: … in a THÔNG BÁO
    """
    el = ctx.element("addressee")
    lay = ctx.layout
    found = lay.addressee
    if el is None or found is None:
        return
    kind = lay.kind
    if kind is not None and kind not in ctx.tuning.addressee_types:
        name = lay.doc_type.name if lay.doc_type is not None else kind
        yield Issue("addressee", found.first, found=name, expected="only công văn, tờ trình, báo cáo", rule=el.rule)
    label = el.text or ""
    first = found.first
    if label and not first.text.startswith(label):
        yield Issue("addressee", first, found=f'"{excerpt(first.text, 20)}"', expected=f'"{label}"', rule=el.rule)
    yield from check_style(el, "addressee", found.items, align=False, case=False)
    lines = [it for it in found.items if it.text.startswith("-")]
    if lines:
        pats = ctx.rules.patterns
        item_re, last_re = pats.get("recipient_item"), pats.get("recipient_last_item")
        for it in lines[:-1]:
            if item_re is not None and not item_re.match(it.text):
                yield Issue("addressee", it, found=f'"{excerpt(it.text, 40)}"', expected='"- …;"', rule=el.rule)
        if last_re is not None and not last_re.match(lines[-1].text):
            yield Issue("addressee", lines[-1], found=f'"{excerpt(lines[-1].text, 40)}"', expected='"- … ."',
                        rule=el.rule)


@rule("ND30-PL")
def appendix(ctx: CheckContext) -> Iterator[Issue]:
    """An appendix (a file of its own, Mẫu 2.1, 2.2, or each one after the signature of the main
    document) opens with "Phụ lục" alone or with a Roman numeral (``patterns.appendix_label``), 14 pt
    bold upright centred; then its title, upper case, bold, 13-14 pt, centred; then the "(Kèm theo …)"
    line (``patterns.appendix_reference``), italic, 13-14 pt, centred.

    Compliant:
        Phụ lục I
        DANH SÁCH THÀNH VIÊN HỘI ĐỒNG
        (Kèm theo Quyết định số 45/QĐ-SKHCN ngày 15 tháng 5 năm 2023 của Sở Khoa học và Công nghệ)

    Non-compliant:
        Phụ lục 1;  PHỤ LỤC I (upper case);  Danh sách thành viên (not upper case);  (Kèm theo …) upright
    """
    pats = ctx.rules.patterns
    parts = (
        (key, found, pattern)
        for appendix in ctx.layout.appendices
        for key, found, pattern in (
            ("appendix_label", appendix.label, pats.get("appendix_label")),
            ("appendix_title", appendix.title, None),
            ("appendix_reference", appendix.reference, pats.get("appendix_reference")),
        )
    )
    for key, found, pattern in parts:
        el = ctx.element(key)
        if el is None or found is None:
            continue
        text = " ".join(it.text for it in found.items)
        if pattern is not None and not pattern.match(text):
            yield Issue(key, found.first, found=f'"{excerpt(text, 40)}"', expected=f"/{pattern.pattern}/",
                        rule=el.rule)
        yield from check_style(el, key, found.items)
