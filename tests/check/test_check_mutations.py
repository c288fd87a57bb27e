"""Mutation suite: compliant documents the library renders, and one defect at a time put into their
XML. Each variant must be reported by exactly the rule meant (the set of error rule ids, and of
warning rule ids, is asserted), and the originals by none."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from lxml import etree

from thongbao.check import Report, check_docx
from thongbao.fontmetrics import text_width_pt

from . import samples
from .mutate import DocxEdit, w

Edit = Callable[[DocxEdit], None]


@dataclass(frozen=True)
class Mutation:
    name: str
    base: str
    edit: Edit
    errors: frozenset[str] = field(default_factory=frozenset)
    warnings: frozenset[str] = field(default_factory=frozenset)


MUTATIONS: list[Mutation] = []


def mutation(name: str, base: str = "notice", *, errors: tuple[str, ...] = (),
             warnings: tuple[str, ...] = ()) -> Callable[[Edit], Edit]:
    def register(fn: Edit) -> Edit:
        MUTATIONS.append(Mutation(name, base, fn, frozenset(errors), frozenset(warnings)))
        return fn

    return register


QH = "CỘNG HÒA XÃ HỘI"
MOTTO = "Độc lập"
BODY = "Thực hiện Kế hoạch"
BODY2 = "Từ ngày 18-27/4/2023"
AGENCY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
PARENT = "UBND TỈNH HƯNG YÊN"


def next_para(e: DocxEdit, p: etree._Element) -> etree._Element:
    nxt = p.getnext()
    assert nxt is not None and nxt.tag == w("p")
    return nxt


def size(e: DocxEdit, p: etree._Element, pt: float) -> None:
    half = str(round(pt * 2))
    e.set_run(p, "sz", val=half)
    e.set_run(p, "szCs", val=half)


# --- page (spec §1) ----------------------------------------------------------------------------
@mutation("margin_left_27mm", errors=("ND30-PAGE-MARGIN",))
def _(e: DocxEdit) -> None:
    e.set_sect("pgMar", left=str(1701 - 170))


@mutation("margin_right_12mm", errors=("ND30-PAGE-MARGIN",))
def _(e: DocxEdit) -> None:
    e.set_sect("pgMar", right=str(851 - 170))


@mutation("margin_top_17mm", errors=("ND30-PAGE-MARGIN",))
def _(e: DocxEdit) -> None:
    e.set_sect("pgMar", top=str(1134 - 170))


@mutation("margin_bottom_26mm", errors=("ND30-PAGE-MARGIN",))
def _(e: DocxEdit) -> None:
    e.set_sect("pgMar", bottom=str(1134 + 340))


@mutation("letter_paper", errors=("ND30-PAGE-SIZE",))
def _(e: DocxEdit) -> None:
    e.set_sect("pgSz", w="12240", h="15840")


@mutation("landscape_without_tables", errors=("ND30-PAGE-SIZE",))
def _(e: DocxEdit) -> None:
    e.set_sect("pgSz", w="16838", h="11906", orient="landscape")


# --- fonts and text (spec §1) -----------------------------------------------------------------
@mutation("arial_run", errors=("ND30-FONT-FAMILY",))
def _(e: DocxEdit) -> None:
    p = e.para(BODY)
    e.set_run(p, "rFonts", ascii="Arial", hAnsi="Arial", cs="Arial")


@mutation("theme_font_in_effect", errors=("ND30-FONT-THEME",))
def _(e: DocxEdit) -> None:
    e.set_style_run("ND30Body", "rFonts", asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi", cstheme="minorBidi")


@mutation("vntime_run", errors=("ND30-TEXT-UNICODE",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(BODY2), "rFonts", ascii=".VnTime", hAnsi=".VnTime")


@mutation("vni_font_in_style", errors=("ND30-TEXT-UNICODE",))
def _(e: DocxEdit) -> None:
    e.set_style_run("ND30Recipients", "rFonts", ascii="VNI-Times", hAnsi="VNI-Times", cs="VNI-Times")


@mutation("red_text", errors=("ND30-FONT-COLOR",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(BODY), "color", val="FF0000")


@mutation("theme_colour_text", errors=("ND30-FONT-COLOR",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(AGENCY), "color", val="4F81BD", themeColor="accent1")


@mutation("non_nfc_text", warnings=("ND30-TEXT-NFC",))
def _(e: DocxEdit) -> None:
    p = e.para(BODY)
    e.set_text(p, unicodedata.normalize("NFD", e.text(p)))


# --- Quốc hiệu, Tiêu ngữ (spec §3 rows 1-2) ----------------------------------------------------
@mutation("qh_not_bold", errors=("ND30-QH",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(QH), "b", val="0")


@mutation("qh_14pt", errors=("ND30-QH",))
def _(e: DocxEdit) -> None:
    size(e, e.para(QH), 14)


@mutation("qh_italic", errors=("ND30-QH",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(QH), "i", val="1")


@mutation("qh_wrong_text", errors=("ND30-QH",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para(QH), "CỘNG HÒA XÃ HỘI CHỦ NGHIÃ VIỆT NAM")


@mutation("qh_left_aligned", errors=("ND30-QH",))
def _(e: DocxEdit) -> None:
    e.set_para(e.para(QH), "jc", val="left")


@mutation("qh_12pt_profile", warnings=("ND30-PROFILE",))
def _(e: DocxEdit) -> None:
    size(e, e.para(QH), 12)


@mutation("motto_en_dashes", errors=("ND30-TN",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para(MOTTO), "Độc lập – Tự do – Hạnh phúc")


@mutation("motto_no_spaces", errors=("ND30-TN",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para(MOTTO), "Độc lập-Tự do-Hạnh phúc")


@mutation("motto_not_bold", errors=("ND30-TN",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(MOTTO), "b", val="0")


@mutation("motto_12pt", errors=("ND30-TN",))
def _(e: DocxEdit) -> None:
    size(e, e.para(MOTTO), 12)


@mutation("motto_rule_too_short", errors=("ND30-TN",))
def _(e: DocxEdit) -> None:
    rule = next_para(e, e.para(MOTTO))
    e.set_text(rule, "_" * 15)


@mutation("motto_rule_missing", errors=("ND30-TN",))
def _(e: DocxEdit) -> None:
    e.remove(next_para(e, e.para(MOTTO)))


# --- agency (spec §3 rows 3-4) -----------------------------------------------------------------
@mutation("agency_rule_too_long", errors=("ND30-CQ",))
def _(e: DocxEdit) -> None:
    e.set_text(next_para(e, e.para(AGENCY)), "_" * 25)


@mutation("agency_rule_too_short", errors=("ND30-CQ",))
def _(e: DocxEdit) -> None:
    e.set_text(next_para(e, e.para(AGENCY)), "_" * 4)


@mutation("agency_not_bold", errors=("ND30-CQ",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(AGENCY), "b", val="0")


@mutation("agency_not_upper", errors=("ND30-CQ",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para(AGENCY), "Sở Khoa học và Công nghệ")


@mutation("agency_14pt", errors=("ND30-CQ",))
def _(e: DocxEdit) -> None:
    size(e, e.para(AGENCY), 14)


@mutation("parent_agency_bold", errors=("ND30-CQ-PARENT",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para(PARENT), "b", val="1")


@mutation("parent_agency_not_upper", errors=("ND30-CQ-PARENT",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para(PARENT), "UBND tỉnh Hưng Yên")


# --- number and date (spec §4.1-4.2) -----------------------------------------------------------
@mutation("number_without_zero", "full", errors=("ND30-SO",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Số:"), "Số: 5/TB-SKHCN")


@mutation("number_wrong_type", "full", errors=("ND30-SO",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Số:"), "Số: 05/QĐ-SKHCN")


@mutation("number_with_year", "full", errors=("ND30-SO",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Số:"), "Số: 05/2023/TB-SKHCN")


@mutation("number_14pt", errors=("ND30-SO",))
def _(e: DocxEdit) -> None:
    size(e, e.para("Số:"), 14)


@mutation("number_italic", errors=("ND30-SO",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Số:"), "i", val="1")


@mutation("date_month_03", "full", errors=("ND30-DATE",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Hưng Yên, ngày"), "Hưng Yên, ngày 07 tháng 03 năm 2023")


@mutation("date_day_7", "full", errors=("ND30-DATE",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Hưng Yên, ngày"), "Hưng Yên, ngày 7 tháng 3 năm 2023")


@mutation("date_not_italic", errors=("ND30-DATE",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Hưng Yên, ngày"), "i", val="0")


@mutation("date_12pt", errors=("ND30-DATE",))
def _(e: DocxEdit) -> None:
    size(e, e.para("Hưng Yên, ngày"), 12)


# --- type name, summary (spec §3 rows 7-8) ----------------------------------------------------
@mutation("type_name_not_upper", errors=("ND30-TL",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("THÔNG BÁO"), "Thông báo")


@mutation("type_name_not_bold", errors=("ND30-TL",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("THÔNG BÁO"), "b", val="0")


@mutation("type_name_left", errors=("ND30-TL",))
def _(e: DocxEdit) -> None:
    e.set_para(e.para("THÔNG BÁO"), "jc", val="left")


@mutation("summary_italic", errors=("ND30-TY",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Kết quả làm việc"), "i", val="1")


@mutation("summary_not_bold", errors=("ND30-TY",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Kết quả làm việc"), "b", val="0")


@mutation("summary_rule_too_long", errors=("ND30-TY",))
def _(e: DocxEdit) -> None:
    e.set_text(next_para(e, e.para("Kết quả làm việc")), "_" * 60)


@mutation("summary_rule_missing", errors=("ND30-TY",))
def _(e: DocxEdit) -> None:
    e.remove(next_para(e, e.para("Kết quả làm việc")))


# --- công văn (spec §3 row 9) ------------------------------------------------------------------
@mutation("subject_14pt", "cong_van", errors=("ND30-VV",))
def _(e: DocxEdit) -> None:
    size(e, e.para("V/v"), 14)


@mutation("subject_bad_prefix", "cong_van", errors=("ND30-VV",))
def _(e: DocxEdit) -> None:
    p = e.para("V/v")
    e.set_text(p, "v/v" + e.text(p)[3:])


@mutation("subject_no_gap", "cong_van", errors=("ND30-VV",))
def _(e: DocxEdit) -> None:
    e.set_para(e.para("V/v"), "spacing", before="0", after="0")


@mutation("subject_italic", "cong_van", errors=("ND30-VV",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("V/v"), "i", val="1")


# --- body (spec §3 row 11) ---------------------------------------------------------------------
@mutation("body_left_aligned", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    e.set_style_para("ND30Body", "jc", val="left")


@mutation("body_no_indent", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    e.set_style_para("ND30Body", "ind", left="0", right="0", firstLine="0")


@mutation("body_indent_2cm", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    e.set_para(e.para(BODY2), "ind", firstLine="1134")


@mutation("body_0pt_spacing", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    e.set_style_para("ND30Body", "spacing", before="0", after="0", line="240", lineRule="auto")


@mutation("body_line_spacing_2", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    e.set_style_para("ND30Body", "spacing", before="120", after="0", line="480", lineRule="auto")


@mutation("body_exact_30pt", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    e.set_style_para("ND30Body", "spacing", before="120", after="0", line="600", lineRule="exact")


@mutation("body_12pt", errors=("ND30-BODY",))
def _(e: DocxEdit) -> None:
    size(e, e.para(BODY2), 12)


@mutation("body_without_ending", warnings=("ND30-ENDING",))
def _(e: DocxEdit) -> None:
    p = e.para("Sở Khoa học và Công nghệ đề nghị")
    e.set_text(p, e.text(p).removesuffix("./.") + ".")


@mutation("basis_upright", "bases", warnings=("ND30-CC",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Căn cứ Luật"), "i", val="0")


@mutation("basis_without_semicolon", "bases", warnings=("ND30-CC",))
def _(e: DocxEdit) -> None:
    p = e.para("Căn cứ Luật")
    e.set_text(p, e.text(p).rstrip(";"))


@mutation("chapter_in_arabic", "bases", warnings=("ND30-STR",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("I. KẾT QUẢ"), "Chương 1. KẾT QUẢ LÀM VIỆC")


@mutation("addressee_in_a_notice", warnings=("ND30-KG",))
def _(e: DocxEdit) -> None:
    rule = next_para(e, e.para("Kết quả làm việc"))
    kg = e.clone_para(e.para(BODY), "Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.")
    e.insert_after(rule, kg)


# --- page numbers (spec §1 Số trang) -----------------------------------------------------------
def _page_para(e: DocxEdit) -> tuple[str, etree._Element]:
    part = e.part_with("PAGE")
    p = next(p for p in e.paragraphs(part) if e.xml(part).find(".//" + w("instrText")) is not None)
    return part, p


@mutation("page_number_on_page_1", errors=("ND30-PNUM",))
def _(e: DocxEdit) -> None:
    e.remove(e.sect.find(w("titlePg")))


@mutation("page_number_missing", errors=("ND30-PNUM",))
def _(e: DocxEdit) -> None:
    _, p = _page_para(e)
    for r in list(p.iter(w("r"))):
        e.remove(r)


@mutation("page_number_not_centred", errors=("ND30-PNUM",))
def _(e: DocxEdit) -> None:
    _, p = _page_para(e)
    e.set_para(p, "jc", val="left")


@mutation("page_number_12pt", errors=("ND30-PNUM",))
def _(e: DocxEdit) -> None:
    _, p = _page_para(e)
    for r in p.iter(w("r")):
        rpr = r.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(r, w("rPr"))
            r.insert(0, rpr)
        etree.SubElement(rpr, w("sz")).set(w("val"), "24")


@mutation("page_number_roman", errors=("ND30-PNUM",))
def _(e: DocxEdit) -> None:
    etree.SubElement(e.sect, w("pgNumType")).set(w("fmt"), "upperRoman")


@mutation("page_number_in_footer", "full", errors=("ND30-PNUM",))
def _(e: DocxEdit) -> None:
    part, p = _page_para(e)
    footer = e.part_with("<w:p>", "word/footer")
    rels = e.xml("word/_rels/document.xml.rels")
    ids = {r.get("Target"): r.get("Id") for r in rels}
    default_footer = next(f"word/{t}" for t, _ in ids.items() if t and t.startswith("footer")
                          and b"ND30Contact" not in e.parts[f"word/{t}"])
    del footer
    e.xml(default_footer).append(p)
    e.xml(part).append(etree.Element(w("p")))


# --- signature (spec §3 rows 20-21, §6) --------------------------------------------------------
@mutation("authority_without_space", errors=("ND30-SIGN",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("KT. GIÁM ĐỐC"), "KT.GIÁM ĐỐC")


@mutation("authority_dotted", errors=("ND30-SIGN",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("KT. GIÁM ĐỐC"), "K.T. GIÁM ĐỐC")


@mutation("authority_bad_order", errors=("ND30-SIGN",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("KT. GIÁM ĐỐC"), "TUQ. GIÁM ĐỐC")
    e.set_text(e.para("PHÓ GIÁM ĐỐC"), "KT. PHÓ GIÁM ĐỐC")


@mutation("authority_not_bold", errors=("ND30-SIGN",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("PHÓ GIÁM ĐỐC"), "b", val="0")


@mutation("authority_not_upper", errors=("ND30-SIGN",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("PHÓ GIÁM ĐỐC"), "Phó Giám đốc")


@mutation("signer_name_not_bold", errors=("ND30-SIGN-NAME",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Nguyễn Thái Kiều Ngân"), "b", val="0")


@mutation("signer_name_12pt", errors=("ND30-SIGN-NAME",))
def _(e: DocxEdit) -> None:
    size(e, e.para("Nguyễn Thái Kiều Ngân"), 12)


# --- recipients (spec §3 rows 24-25, §4.6) -----------------------------------------------------
@mutation("recipients_label_14pt", errors=("ND30-NN-LABEL",))
def _(e: DocxEdit) -> None:
    size(e, e.para("Nơi nhận"), 14)


@mutation("recipients_label_upright", errors=("ND30-NN-LABEL",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Nơi nhận"), "i", val="0")


@mutation("recipients_label_without_colon", errors=("ND30-NN-LABEL",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Nơi nhận"), "Nơi nhận")


@mutation("recipients_label_indented", errors=("ND30-NN-LABEL",))
def _(e: DocxEdit) -> None:
    e.set_para(e.para("Nơi nhận"), "ind", left="567")


@mutation("recipients_label_below_authority", errors=("ND30-NN-LABEL",))
def _(e: DocxEdit) -> None:
    label = e.para("Nơi nhận")
    label.addprevious(etree.Element(w("p")))


@mutation("recipient_without_semicolon", errors=("ND30-NN-LIST",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("- Lãnh đạo Sở"), "- Lãnh đạo Sở")


@mutation("recipient_without_dash", errors=("ND30-NN-LIST",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("- Lãnh đạo Sở"), "Lãnh đạo Sở;")


@mutation("recipients_12pt", errors=("ND30-NN-LIST",))
def _(e: DocxEdit) -> None:
    size(e, e.para("- Hội đồng"), 12)


@mutation("no_archive_line", errors=("ND30-NN-ARCHIVE",))
def _(e: DocxEdit) -> None:
    e.remove(e.para("- Lưu"))


@mutation("archive_without_colon", errors=("ND30-NN-ARCHIVE",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("- Lưu"), "- Lưu VT, QLKH.")


@mutation("archive_without_vt", errors=("ND30-NN-ARCHIVE",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("- Lưu"), "- Lưu: QLKH.")


@mutation("archive_not_last", errors=("ND30-NN-ARCHIVE",))
def _(e: DocxEdit) -> None:
    archive = e.para("- Lưu")
    e.para("- Lãnh đạo Sở").addprevious(archive)


# --- marks, drafter, contact (spec §7.3, §3 rows 32-33) -----------------------------------------
@mutation("urgency_not_bold", "full", warnings=("ND30-STAMP",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("KHẨN"), "b", val="0")


@mutation("urgency_lower_case", "full", warnings=("ND30-STAMP",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("KHẨN"), "Khẩn")


@mutation("urgency_box_too_wide", "full", warnings=("ND30-STAMP",))
def _(e: DocxEdit) -> None:
    e.set_para(e.para("KHẨN"), "ind", left="1200", right="1200", firstLine="0")


@mutation("drafter_mark_12pt", "full", warnings=("ND30-DRAFTER",))
def _(e: DocxEdit) -> None:
    size(e, e.para("PL.(300)"), 12)


@mutation("contact_14pt", "full", warnings=("ND30-CONTACT",))
def _(e: DocxEdit) -> None:
    part = e.part_with("Địa chỉ", "word/footer")
    for p in e.paragraphs(part):
        size(e, p, 14)


# --- appendix (spec §3 rows 26-28) -------------------------------------------------------------
@mutation("appendix_label_arabic", "appendix", errors=("ND30-PL",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Phụ lục"), "Phụ lục 1")


@mutation("appendix_label_not_bold", "appendix", errors=("ND30-PL",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("Phụ lục"), "b", val="0")


@mutation("appendix_title_not_upper", "appendix", errors=("ND30-PL",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("DANH SÁCH"), "Danh sách thành viên Hội đồng tư vấn")


@mutation("appendix_reference_upright", "appendix", errors=("ND30-PL",))
def _(e: DocxEdit) -> None:
    e.set_run(e.para("(Kèm theo"), "i", val="0")


@mutation("appendix_without_title", "appendix", errors=("ND30-STRUCTURE",))
def _(e: DocxEdit) -> None:
    e.remove(e.para("DANH SÁCH"))


# --- missing elements (spec §2) ----------------------------------------------------------------
@mutation("no_national_title", errors=("ND30-STRUCTURE",))
def _(e: DocxEdit) -> None:
    e.remove(e.para(QH))


@mutation("no_type_name", errors=("ND30-STRUCTURE",))
def _(e: DocxEdit) -> None:
    e.remove(e.para("THÔNG BÁO"))


@mutation("no_number", errors=("ND30-STRUCTURE",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Số:"), "")


@mutation("no_signer_name", errors=("ND30-STRUCTURE",))
def _(e: DocxEdit) -> None:
    e.set_text(e.para("Nguyễn Thái Kiều Ngân"), "")


@mutation("no_recipients_label", errors=("ND30-STRUCTURE",))
def _(e: DocxEdit) -> None:
    e.remove(e.para("Nơi nhận"))


# --- compliant variants: other ways of drawing the same thing -----------------------------------
COMPLIANT: dict[str, tuple[str, Edit]] = {}


def compliant(name: str, base: str = "notice") -> Callable[[Edit], Edit]:
    def register(fn: Edit) -> Edit:
        COMPLIANT[name] = (base, fn)
        return fn

    return register


@compliant("agency_rule_as_paragraph_border")
def _(e: DocxEdit) -> None:
    rule = next_para(e, e.para(AGENCY))
    e.set_text(rule, "")
    # Cell 4100 twips wide; a border 84 pt (0.42 of the 199 pt name) is 1680 twips: indent 1210 a side.
    e.set_para(rule, "ind", left="1210", right="1210")
    e.set_para(rule, "pBdr")
    bdr = rule.find(w("pPr") + "/" + w("pBdr"))
    assert bdr is not None
    etree.SubElement(bdr, w("top"), {w("val"): "single", w("sz"): "6", w("space"): "1", w("color"): "000000"})


@compliant("motto_rule_as_drawn_line")
def _(e: DocxEdit) -> None:
    rule = next_para(e, e.para(MOTTO))
    for r in list(rule.iter(w("r"))):
        e.remove(r)
    emu = round(text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, bold=True) * 12700)
    rule.append(etree.fromstring(LINE_XML.format(emu=emu)))


@compliant("motto_underlined_instead_of_a_rule")
def _(e: DocxEdit) -> None:
    motto = e.para(MOTTO)
    e.set_run(motto, "u", val="single")
    e.remove(next_para(e, motto))


@compliant("header_rules_superscript_underscores")
def _(e: DocxEdit) -> None:
    # The official samples' way: 42 superscript underscores at 14 pt under the motto.
    rule = next_para(e, e.para(MOTTO))
    e.set_text(rule, "_" * 41)
    size(e, rule, 14)
    e.set_run(rule, "vertAlign", val="superscript")


LINE_XML = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" '
    'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{emu}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="90" name="Motto rule"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
    "</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    "</w:drawing></w:r>"
)


# --- tests -------------------------------------------------------------------------------------
def _apply(base: str, edit: Edit) -> bytes:
    e = DocxEdit(samples.BASES[base]())
    edit(e)
    return e.save()


def _summary(report: Report) -> str:
    return report.format_text("en")


def test_there_are_enough_mutations_and_they_cover_every_checked_rule() -> None:
    assert len(MUTATIONS) >= 40
    assert len({m.name for m in MUTATIONS}) == len(MUTATIONS)
    from thongbao.check import registered_rules

    covered = {r for m in MUTATIONS for r in m.errors | m.warnings}
    assert set(registered_rules()) <= covered


@pytest.mark.parametrize("base", sorted(samples.BASES))
def test_compliant_originals_have_no_findings(base: str) -> None:
    report = check_docx(samples.BASES[base]())
    assert report.findings == (), _summary(report)
    assert report.ok


@pytest.mark.parametrize("name", sorted(COMPLIANT))
def test_compliant_variants_have_no_findings(name: str) -> None:
    base, edit = COMPLIANT[name]
    report = check_docx(_apply(base, edit))
    assert report.findings == (), _summary(report)


@pytest.mark.parametrize("m", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_each_defect_is_reported_by_exactly_its_rule(m: Mutation) -> None:
    report = check_docx(_apply(m.base, m.edit))
    assert report.rule_ids("error") == set(m.errors), _summary(report)
    assert report.rule_ids("warning") == set(m.warnings), _summary(report)
    assert report.ok == (not m.errors)
