"""Required elements (spec §2, ô 1-9): ND30-STRUCTURE names each one not found."""

from __future__ import annotations

from collections.abc import Iterator

from thongbao.check.locate import Item
from thongbao.check.registry import CheckContext, Issue, rule
from thongbao.check.report import ELEMENT_NAMES


def _missing(element: str, where: Item | str = "document") -> Issue:
    vi, en = ELEMENT_NAMES.get(element, (element, element))
    return Issue(element, where, found="not found", expected=en, expected_vi=vi,
                 note_en=f"Not found: {en}.", note_vi=f"Không tìm thấy: {vi}.")


@rule("ND30-STRUCTURE")
def structure(ctx: CheckContext) -> Iterator[Issue]:
    """The required elements of the format are present: Quốc hiệu, Tiêu ngữ, issuing
    agency, number, place and date, type name and trích yếu (or the V/v line of a công văn), body,
    signing authority, signer's name and "Nơi nhận:" (a separate appendix file: "Phụ lục" and its
    title; an appendix after the signature: its title, reported at its "Phụ lục" line). One finding
    names each element not found; elements a template pack removes (``remove_elements``) and those
    ``[samples]`` leave out of a Mẫu are not required.

    Compliant:
        a Mẫu 1.4 or Mẫu 1.5 document with every element

    Non-compliant:
        no Quốc hiệu;  no type name;  no signer's name
    """
    lay = ctx.layout
    if lay.is_appendix:
        for name, found in (("appendix_label", lay.appendix_label), ("appendix_title", lay.appendix_title)):
            if found is None and ctx.element(name) is not None:
                yield _missing(name)
        return
    required = [
        ("national_title", lay.national_title),
        ("motto", lay.motto),
        ("agency", lay.agency),
        ("number_line", lay.number_line),
        ("date_line", lay.date_line),
    ]
    samples = ctx.rules.raw.get("samples", {})
    layout = lay.doc_type.layout if lay.doc_type is not None else None
    for name, found in required:
        if name == "date_line" and layout in samples.get("without_date_line", ()):
            continue
        if found is None and ctx.element(name) is not None:
            yield _missing(name)
    if not lay.is_official_letter:
        if lay.type_name is None:
            if ctx.element("type_name") is not None:
                yield _missing("type_name")
        elif (lay.doc_type is not None and lay.doc_type.has_type_name and lay.summary is None
              and layout not in samples.get("without_summary", ())):
            yield _missing("summary")
    if not lay.body:
        yield _missing("body")
    for name, found in (("authority", lay.authority), ("signer_name", lay.signer_name),
                        ("recipients_label", lay.recipients_label)):
        if found is None and ctx.element(name) is not None:
            yield _missing(name)
    if ctx.element("appendix_title") is not None:
        for appendix in lay.appendices:
            if appendix.title is None:
                yield _missing("appendix_title", appendix.label.first)
