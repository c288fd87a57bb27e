"""Layouts the locator must read the way a reader does, each defect reported once, by its rule.

* the official Mẫu 1.6-1.8 (Phụ lục III) put "Nơi nhận:" in row 1 of the signature table and the
  list in row 2; Mẫu 1.9 signs twice (THƯ KÝ | CHỦ TỌA) with footnote digits in the notes;
* recipients bulleted by Word ("-" list labels), a date line typed with a non-breaking space;
* a date line without its comma, in figures, moved under the title or above the signature; the
  number in the right-hand column, or on a tabbed line under the header table;
* appendices after the signature in the main document (Mẫu 2.1 style, a section of their own).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from thongbao.check import Report, check_docx, read_docx
from thongbao.check.locate import Layout
from thongbao.check.registry import CheckContext
from thongbao.rules import ND30

from . import samples
from .mutate import DocxEdit, w
from .test_check_official import extract_sample

REF = Path(__file__).resolve().parents[3] / "shared" / "reference" / "nd30-2020" / "Phuluc3.docx"
official = pytest.mark.skipif(not REF.exists(), reason="shared/reference not available")

#: Rules about formatting, as opposed to the placeholder text of the samples.
FORMATTING = {
    "ND30-PAGE-SIZE", "ND30-PAGE-MARGIN", "ND30-FONT-FAMILY", "ND30-FONT-THEME", "ND30-FONT-COLOR",
    "ND30-TEXT-UNICODE", "ND30-TEXT-NFC", "ND30-PNUM", "ND30-QH", "ND30-TN", "ND30-PROFILE", "ND30-CQ-PARENT",
    "ND30-NN-LABEL", "ND30-NN-LIST", "ND30-SIGN", "ND30-SIGN-NAME",
}
RECIPIENT_RULES = {"ND30-NN-LABEL", "ND30-NN-LIST", "ND30-NN-ARCHIVE", "ND30-DRAFTER"}


def layout(data: bytes) -> Layout:
    return CheckContext(read_docx(data), ND30).layout


def errors(report: Report) -> set[str]:
    return {f.rule for f in report.errors}


# ---------------------------------------------------------------------------------------------
# Official samples (Phụ lục III)
# ---------------------------------------------------------------------------------------------


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


def extract(start: str, stop: str) -> bytes:
    """A Mẫu of the annex without the row of notes Mẫu 1.6 keeps in its signature table."""
    return extract_sample(start, stop, drop_rows="Ghi chú:")


SAMPLES = {"1.6": ("Mẫu 1.6", "Mẫu 1.7"), "1.7": ("Mẫu 1.7", "Ghi chú:"), "1.8": ("Mẫu 1.8", "Ghi chú:"),
           "1.9": ("Mẫu 1.9", "Ghi chú:")}


@pytest.fixture(scope="module")
def mau() -> Callable[[str], bytes]:
    cache: dict[str, bytes] = {}

    def get(name: str) -> bytes:
        if name not in cache:
            cache[name] = extract(*SAMPLES[name])
        return cache[name]

    return get


@official
@pytest.mark.parametrize("name", ["1.6", "1.7", "1.8"])
def test_official_recipients_in_the_row_below_the_label(mau: Callable[[str], bytes], name: str) -> None:
    """The list under "Nơi nhận:" is read from the label's column in the next row, and checked."""
    data = mau(name)
    lay = layout(data)
    assert lay.recipients_label is not None
    label_row = lay.recipients_label.first.para.location.cell
    assert label_row is not None
    lines = lay.recipients
    assert lines and all(it.text.startswith("- ") for it in lines), [it.text for it in lines]
    assert {c.row for it in lines if (c := it.para.location.cell) is not None} == {label_row.row + 1}
    assert lines[-1].text.startswith("- Lưu: VT")
    report = check_docx(data)
    assert not report.rule_ids() & FORMATTING, report.format_text("en")
    # Only a placeholder Lưu line ("- Lưu: VT, …9. …10.") may be reported, at that line.
    for f in report.findings:
        if f.rule in RECIPIENT_RULES:
            assert f.rule == "ND30-NN-ARCHIVE" and f.excerpt.startswith("- Lưu: VT,") and "…" in f.excerpt, f
    assert lay.authority is not None and lay.authority.text == "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"
    assert lay.signer_name is not None and lay.signer_name.text == "Họ và tên"


@official
@pytest.mark.parametrize("name", ["1.6", "1.7", "1.8"])
def test_official_recipients_filled_in_have_no_findings(mau: Callable[[str], bytes], name: str) -> None:
    e = DocxEdit(mau(name))
    for p in e.paragraphs():
        text = e.text(p)
        if text.startswith("- Lưu"):
            e.set_text(p, "- Lưu: VT, VP.")
        elif re.fullmatch(r"- …+;", text.replace(" ", "")):
            e.set_text(p, "- Các sở, ban, ngành;")
    data = e.save()
    report = check_docx(data)
    assert not report.rule_ids() & RECIPIENT_RULES, report.format_text("en")
    assert layout(data).recipients[-1].text == "- Lưu: VT, VP."


@official
def test_official_1_9_two_signatures(mau: Callable[[str], bytes]) -> None:
    """Mẫu 1.9 signs THƯ KÝ | CHỦ TỌA over four rows; the right-hand signature is the principal's,
    whatever the footnote digit after its "(Chữ ký …)" note, and "Nơi nhận:" is under them."""
    e = DocxEdit(mau("1.9"))
    e.set_text(e.para("Họ và tên"), "Nguyễn Văn An")
    e.set_text(e.para("Họ và tên"), "Trần Thị Bình")
    data = e.save()
    lay = layout(data)
    assert lay.authority is not None and lay.authority.text == "CHỦ TỌA"
    assert lay.signer_name is not None and lay.signer_name.text == "Trần Thị Bình"
    report = check_docx(data)
    assert "ND30-STRUCTURE" not in report.rule_ids(), report.format_text("en")
    assert not report.rule_ids() & {"ND30-SIGN", "ND30-SIGN-NAME", *RECIPIENT_RULES}, report.format_text("en")
    # As published, the name is the placeholder "Họ và tên": found, so not reported missing.
    assert "ND30-STRUCTURE" not in check_docx(mau("1.9")).rule_ids()


# ---------------------------------------------------------------------------------------------
# Recipients bulleted by Word
# ---------------------------------------------------------------------------------------------

RECIPIENTS = ("- UBND các huyện", "- Hội đồng KH&CN", "- Lãnh đạo Sở", "- Lưu: VT")


def _bulleted(bullet: str, suffix: str | None) -> bytes:
    """The notice with its recipient lines' typed "- " replaced by a Word list whose label is
    ``bullet`` followed by ``suffix`` (``None``: Word's default tab)."""
    e = DocxEdit(samples.notice())
    numbering = e.xml("word/numbering.xml")
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    level = etree.fromstring(
        f'<w:abstractNum xmlns:w="{w("")[1:-1]}" w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="bullet"/>{suff}<w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>')
    first_num = numbering.find(w("num"))
    if first_num is not None:
        first_num.addprevious(level)
    else:
        numbering.append(level)
    num = etree.SubElement(numbering, w("num"))
    num.set(w("numId"), "90")
    etree.SubElement(num, w("abstractNumId")).set(w("val"), "90")
    for start in RECIPIENTS:
        p = e.para(start)
        e.set_text(p, e.text(p).removeprefix("- "))
        ppr = e._child(p, "pPr", first=True)
        numpr = etree.Element(w("numPr"))
        etree.SubElement(numpr, w("ilvl")).set(w("val"), "0")
        etree.SubElement(numpr, w("numId")).set(w("val"), "90")
        style = ppr.find(w("pStyle"))
        if style is not None:
            style.addnext(numpr)
        else:
            ppr.insert(0, numpr)
    return e.save()


@pytest.mark.parametrize("suffix", [None, "space"])
def test_recipients_with_automatic_dash_bullets(suffix: str | None) -> None:
    data = _bulleted("-", suffix)
    lay = layout(data)
    assert [it.para.label.text if it.para.label else None for it in lay.recipients] == ["-"] * 4
    report = check_docx(data)
    assert report.findings == (), report.format_text("en")


def test_recipients_with_another_bullet_are_reported() -> None:
    report = check_docx(_bulleted("•", None))
    listed = [f for f in report.findings if f.rule == "ND30-NN-LIST"]
    assert listed and listed[0].found.startswith('"• UBND'), report.format_text("en")


# ---------------------------------------------------------------------------------------------
# The date line
# ---------------------------------------------------------------------------------------------

DATE = "Hưng Yên, ngày"


def test_non_breaking_spaces_in_the_date_line_are_spaces() -> None:
    """Word types U+00A0 with Ctrl+Shift+Space; it prints as a space, which is what the rule is about."""
    e = DocxEdit(samples.full_notice())
    p = e.para(DATE)
    e.set_text(p, e.text(p).replace(" ", "\u00a0"))
    report = check_docx(e.save())
    assert report.findings == (), report.format_text("en")


@pytest.mark.parametrize(("text", "note"), [
    ("Hưng Yên ngày 07 tháng 3 năm 2023", "A comma follows the place name."),
    ("Hưng Yên, 07/3/2023", "The date is written in words"),
    ("Hưng Yên, ngày 07/03/2023", "The date is written in words"),
    ("Hưng Yên 07.03.2023", "The date is written in words"),
])
def test_a_date_line_written_another_way_is_found_and_reported(text: str, note: str) -> None:
    e = DocxEdit(samples.full_notice())
    e.set_text(e.para(DATE), text)
    report = check_docx(e.save())
    assert len(report.findings) == 1, report.format_text("en")
    f = report.findings[0]
    assert (f.rule, f.element, f.excerpt) == ("ND30-DATE", "date_line", text)
    assert f.location == "table 1, row 2, column 2, paragraph 1"
    assert f.expected == '"Hưng Yên, ngày 07 tháng 3 năm 2023"'
    assert f.note_en.startswith(note)


def _empty_para() -> etree._Element:
    return etree.Element(w("p"))


def _move(e: DocxEdit, p: etree._Element, *, before: etree._Element | None = None,
          after: etree._Element | None = None) -> None:
    """Move paragraph ``p``; a cell left without a paragraph gets an empty one (Word's rule)."""
    parent = p.getparent()
    assert parent is not None
    e.remove(p)
    if parent.tag == w("tc") and parent.find(w("p")) is None:
        parent.append(_empty_para())
    if before is not None:
        before.addprevious(p)
    else:
        assert after is not None
        after.addnext(p)


def _tables(e: DocxEdit) -> list[etree._Element]:
    body = e.doc.find(w("body"))
    assert body is not None
    return body.findall(w("tbl"))


def _one_finding(report: Report, rule: str, excerpt: str) -> None:
    assert len(report.findings) == 1, report.format_text("en")
    f = report.findings[0]
    assert (f.rule, f.excerpt) == (rule, " ".join(excerpt.split())), report.format_text("en")


def test_date_line_under_the_title() -> None:
    """A date line moved under the trích yếu: out of place, not the end of the header (the type
    name, trích yếu and its rule are still found)."""
    e = DocxEdit(samples.notice())
    p = e.para(DATE)
    text = e.text(p)
    _move(e, p, after=e.para("Kết quả làm việc"))
    data = e.save()
    lay = layout(data)
    assert lay.type_name is not None and lay.summary is not None and lay.summary_rule is not None
    _one_finding(check_docx(data), "ND30-DATE", text)


def test_date_line_above_the_signature() -> None:
    e = DocxEdit(samples.notice())
    p = e.para(DATE)
    text = e.text(p)
    _move(e, p, before=_tables(e)[1])
    data = e.save()
    assert all(q.text != text for q in layout(data).body)
    _one_finding(check_docx(data), "ND30-DATE", text)


def test_number_in_the_right_hand_column() -> None:
    """"Số" typed above the date in the right-hand cell: the agency is still found (left of the
    Quốc hiệu), and the date line is not on the number's line."""
    e = DocxEdit(samples.notice())
    number = e.para("Số:")
    _move(e, number, before=e.para(DATE))
    data = e.save()
    lay = layout(data)
    assert lay.agency is not None and lay.agency.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    report = check_docx(data)
    assert "ND30-STRUCTURE" not in report.rule_ids(), report.format_text("en")
    _one_finding(report, "ND30-DATE", "Hưng Yên, ngày tháng 5 năm 2023")
    assert report.findings[0].found == "not on the number's row"


def test_number_and_date_on_a_tabbed_line_under_the_header_table() -> None:
    """Agency and Quốc hiệu in a table, then "Số…<tab>Hưng Yên, ngày…" on one line below it."""
    e = DocxEdit(samples.notice())
    header = _tables(e)[0]
    number, date = e.text(e.para("Số:")), e.text(e.para(DATE))
    rows = header.findall(w("tr"))
    header.remove(rows[1])
    line = etree.fromstring(
        f'<w:p xmlns:w="{w("")[1:-1]}"><w:pPr><w:tabs><w:tab w:val="center" w:pos="1928"/>'
        '<w:tab w:val="center" w:pos="6634"/></w:tabs><w:spacing w:before="120" w:after="0"/></w:pPr>'
        f'<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:tab/><w:t xml:space="preserve">{number}</w:t><w:tab/></w:r>'
        f'<w:r><w:rPr><w:i/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">{date}</w:t></w:r></w:p>')
    header.addnext(line)
    data = e.save()
    lay = layout(data)
    assert lay.agency is not None and lay.number_line is not None and lay.date_line is not None
    report = check_docx(data)
    assert report.findings == (), report.format_text("en")


# ---------------------------------------------------------------------------------------------
# Appendices in the main document
# ---------------------------------------------------------------------------------------------


def _with_appendix(*, restart: bool = True, edit: Callable[[DocxEdit], None] | None = None) -> bytes:
    """The notice, then a section on a new page (numbered from 1 when ``restart``) holding the
    heading of the library's Mẫu 2.1 appendix and a line of content."""
    source = DocxEdit(samples.appendix())
    heading = [copy.deepcopy(source.para(s)) for s in ("Phụ lục", "DANH SÁCH", "(Kèm theo")]
    rule = source.para("(Kèm theo").getnext()
    assert rule is not None and set(source.text(rule)) == {"_"}
    heading.append(copy.deepcopy(rule))
    e = DocxEdit(samples.notice())
    body = e.doc.find(w("body"))
    assert body is not None
    sect = e.sect
    end = etree.SubElement(etree.Element(w("x")), w("p"))
    etree.SubElement(end, w("pPr")).append(copy.deepcopy(sect))
    content = e.clone_para(e.para("Thực hiện Kế hoạch"), "Danh sách gồm 03 thành viên./.")
    for el in (end, *heading, content):
        sect.addprevious(el)
    if restart:
        num = etree.Element(w("pgNumType"))
        num.set(w("start"), "1")
        pg_mar = sect.find(w("pgMar"))
        assert pg_mar is not None
        pg_mar.addnext(num)
    if edit is not None:
        edit(e)
    return e.save()


def test_appendix_after_the_signature_is_found() -> None:
    data = _with_appendix()
    lay = layout(data)
    assert not lay.is_appendix and lay.kind == "thong_bao"
    assert len(lay.appendices) == 1
    appendix = lay.appendices[0]
    assert appendix.label.text == "Phụ lục I" and appendix.title is not None and appendix.reference is not None
    assert appendix.section(lay.document) is lay.document.sections[1]
    assert lay.signer_name is not None and lay.signer_name.text == "Nguyễn Thái Kiều Ngân"
    assert all(not p.text.startswith("Danh sách gồm") for p in lay.body)
    report = check_docx(data)
    assert report.findings == (), report.format_text("en")


def _unbold(e: DocxEdit) -> None:
    e.set_run(e.para("Phụ lục"), "b", val="0")


def _lower_title(e: DocxEdit) -> None:
    e.set_text(e.para("DANH SÁCH"), "Danh sách thành viên Hội đồng tư vấn")


def _upright_reference(e: DocxEdit) -> None:
    e.set_run(e.para("(Kèm theo"), "i", val="0")


@pytest.mark.parametrize(("edit", "element"), [
    (_unbold, "appendix_label"), (_lower_title, "appendix_title"), (_upright_reference, "appendix_reference"),
])
def test_appendix_heading_is_checked(edit: Callable[[DocxEdit], None], element: str) -> None:
    report = check_docx(_with_appendix(edit=edit))
    assert errors(report) == {"ND30-PL"}, report.format_text("en")
    assert {f.element for f in report.findings} == {element}


def test_appendix_without_title_is_reported_at_its_label() -> None:
    report = check_docx(_with_appendix(edit=lambda e: e.remove(e.para("DANH SÁCH"))))
    assert errors(report) == {"ND30-STRUCTURE"}, report.format_text("en")
    f = report.findings[0]
    assert (f.element, f.excerpt) == ("appendix_title", "Phụ lục I")


def test_appendix_page_numbers_restart() -> None:
    """Spec §1: "Số trang của Phụ lục được đánh số riêng" — the appendix section numbers its pages
    from 1 (w:pgNumType w:start)."""
    report = check_docx(_with_appendix(restart=False))
    assert errors(report) == {"ND30-PNUM"}, report.format_text("en")
