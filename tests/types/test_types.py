"""Every document type of Điều 7 renders from its example in examples/types/ through the layout of
its Phụ lục III sample, and each layout shows its distinctive parts (issue #6)."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from docx_props import iter_paragraphs, open_docx, para_format, run_font
from thongbao.api import layout_name, load_document, render_docx
from thongbao.models import AdministrativeDocument, Appendix, CongVan, QuyetDinh
from thongbao.render.engine import TemplateEnvironment, builtin_templates
from thongbao.rules import ND30

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "types"
FILES = sorted(EXAMPLES.glob("*.yaml"))
PROFILE = ND30.profile()
CENTER, JUSTIFY, LEFT, RIGHT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
)


@cache
def loaded(stem: str) -> AdministrativeDocument:
    return load_document(EXAMPLES / f"{stem}.yaml")


@cache
def rendered(stem: str) -> bytes:
    return render_docx(loaded(stem))


def opened(stem: str) -> Any:
    return open_docx(rendered(stem))


def texts(doc: Any) -> list[str]:
    return [p.text for p in iter_paragraphs(doc)]


def find(doc: Any, predicate: Any) -> Paragraph:
    for p in iter_paragraphs(doc):
        if predicate(p.text):
            return p
    raise AssertionError("paragraph not found")


def runs_have(doc: Any, para: Paragraph, **expected: Any) -> None:
    for run in para.runs:
        if run.text.strip():
            for attr, value in expected.items():
                got = run_font(doc, para, run, attr)
                assert (bool(got) if isinstance(value, bool) else got) == value, (para.text, attr, got)


# ---------------------------------------------------------------------------------------------
# Every type
# ---------------------------------------------------------------------------------------------


def test_every_document_type_has_an_example() -> None:
    covered = {loaded(p.stem).document_type for p in FILES}
    assert covered == set(ND30.document_types)
    assert len(ND30.document_types) == 29


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_example_renders_through_its_layout(path: Path) -> None:
    document = loaded(path.stem)
    layout = layout_name(document)
    assert layout.startswith("nd30/mau-")
    if not isinstance(document, Appendix | QuyetDinh):
        assert layout == f"nd30/mau-{document.type_info.layout}"
    doc = opened(path.stem)
    lines = texts(doc)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer
    # Every text ends with ./. (Mẫu 1.1-1.10, 2.x), the body's last text paragraph.
    assert any(t.endswith(ND30.body_ending) for t in lines), path.stem
    for para in iter_paragraphs(doc):
        for run in para.runs:
            if run.text.strip():
                assert run_font(doc, para, run, "name") == ND30.font_family
    if isinstance(document, Appendix):
        return
    assert ND30.elements["national_title"].text in lines
    number = next(t for t in lines if t.startswith("Số:"))
    pattern = "number_typed" if document.type_info.abbreviation else "number_official_letter"
    assert ND30.patterns[pattern].match(number), number
    assert ND30.patterns["archive_line"].match(document.recipients.lines[-1])


# Mẫu 1.4 covers 17 types by its footnote, plus the types nd30.toml also gives it.
MAU_14 = sorted(k for k, v in ND30.document_types.items() if v.layout == "1.4")


@pytest.mark.parametrize("key", MAU_14)
def test_every_mau_14_type_prints_its_type_name_and_summary(key: str) -> None:
    assert len(MAU_14) >= 17
    document = loaded(key)
    assert layout_name(document) == "nd30/mau-1.4"
    doc = opened(key)
    title = find(doc, lambda t: t == document.type_info.title)
    assert para_format(title, "alignment") == CENTER
    runs_have(doc, title, bold=True, size=PROFILE["type_name"])
    summary = find(doc, lambda t: t == document.summary)
    runs_have(doc, summary, bold=True, size=PROFILE["summary"])


# ---------------------------------------------------------------------------------------------
# Mẫu 1.5 công văn
# ---------------------------------------------------------------------------------------------


def test_cong_van_has_the_vv_line_and_no_type_name() -> None:
    document = loaded("cong_van")
    assert isinstance(document, CongVan)
    doc = opened("cong_van")
    lines = texts(doc)
    assert "CÔNG VĂN" not in lines
    assert document.summary not in lines  # only as the V/v line
    header = doc.tables[0]
    left = [p.text for p in header.cell(1, 0).paragraphs]
    assert left[:2] == ["Số: 125/SKHCN-QLKH", "V/v " + document.summary]
    vv = header.cell(1, 0).paragraphs[1]
    assert para_format(vv, "alignment") == CENTER
    runs_have(doc, vv, bold=False, italic=False, size=PROFILE["subject_line"])
    assert para_format(vv, "space_before") == 6.0


def test_cong_van_kinh_gui_and_nhu_tren() -> None:
    doc = opened("cong_van")
    lines = texts(doc)
    label = find(doc, lambda t: t == "Kính gửi:")
    first = find(doc, lambda t: t == "- Ủy ban nhân dân các huyện, thị xã, thành phố;")
    last = find(doc, lambda t: t == "- Các sở, ban, ngành tỉnh.")
    runs_have(doc, label, bold=False, italic=False, size=PROFILE["body"])
    # the dashes stand under the colon of "Kính gửi:", to its right
    label_indent = label.paragraph_format.left_indent
    assert label_indent is not None and first.paragraph_format.left_indent is not None
    assert first.paragraph_format.left_indent > label_indent
    assert first.paragraph_format.left_indent == last.paragraph_format.left_indent
    assert (
        lines.index("Kính gửi:")
        < lines.index(first.text)
        < lines.index(next(t for t in lines if "Kế hoạch số 50" in t))
    )
    recipients = [t for t in lines if t.startswith("- ") and t.endswith((";", "."))]
    assert "- Như trên;" in recipients
    assert lines.index("Nơi nhận:") + 1 == lines.index("- Như trên;")


def test_single_addressee_is_one_line() -> None:
    doc = opened("to_trinh")
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên" in texts(doc)
    assert "- Như trên;" in texts(doc)


# ---------------------------------------------------------------------------------------------
# Mẫu 1.1 - 1.3
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "words", "layout"),
    [
        ("quyet_dinh", "QUYẾT ĐỊNH:", "nd30/mau-1.2"),
        ("quyet_dinh_gian_tiep", "QUYẾT ĐỊNH:", "nd30/mau-1.3"),
        ("nghi_quyet", "QUYẾT NGHỊ:", "nd30/mau-1.1"),
    ],
)
def test_decision_preamble_and_articles(stem: str, words: str, layout: str) -> None:
    document = loaded(stem)
    assert layout_name(document) == layout
    doc = opened(stem)
    lines = texts(doc)
    authority = find(doc, lambda t: t == document.authority.upper())  # type: ignore[attr-defined]
    assert para_format(authority, "alignment") == CENTER
    runs_have(doc, authority, bold=True)
    bases = [p for p in iter_paragraphs(doc) if p.text.startswith(("Căn cứ", "Theo đề nghị"))]
    assert bases
    for para in bases:
        runs_have(doc, para, italic=True, bold=False)
        assert para_format(para, "alignment") == JUSTIFY
    assert all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith(".")
    enact = find(doc, lambda t: t == words)
    assert para_format(enact, "alignment") == CENTER
    runs_have(doc, enact, bold=True)
    assert lines.index(authority.text) < lines.index(bases[0].text) < lines.index(words)
    articles = [p for p in iter_paragraphs(doc) if p.text.startswith("Điều ")]
    assert [p.text.split(".")[0] for p in articles] == [f"Điều {n}" for n in range(1, len(articles) + 1)]
    for para in articles:
        label = para.runs[0]
        assert label.text.startswith("Điều ") and run_font(doc, para, label, "bold")
        assert not run_font(doc, para, para.runs[1], "bold")
        assert para_format(para, "first_line_indent") in (1.0, 1.27)
    assert lines.index(words) < lines.index(articles[0].text)
    assert articles[-1].text.endswith("./.")


def test_decision_clauses_are_numbered() -> None:
    lines = texts(opened("quyet_dinh"))
    i = lines.index("Điều 2. Hội đồng có nhiệm vụ:")
    assert lines[i + 1].startswith("1. Xem xét") and lines[i + 2].startswith("2. Kiến nghị")


# ---------------------------------------------------------------------------------------------
# Mẫu 1.6 - 1.10
# ---------------------------------------------------------------------------------------------


def test_cong_dien() -> None:
    doc = opened("cong_dien")
    lines = texts(doc)
    assert "CÔNG ĐIỆN" in lines
    lead = find(doc, lambda t: t == "Chủ tịch Ủy ban nhân dân tỉnh điện:")
    assert para_format(lead, "alignment") == CENTER
    i = lines.index(lead.text)
    assert lines[i + 1] == "- Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh;"
    assert lines[i + 2] == "- Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố."
    assert "HỎA TỐC" in lines
    assert "Số: 03/CĐ-UBND" in lines


def test_giay_moi() -> None:
    lines = texts(opened("giay_moi"))
    assert "GIẤY MỜI" in lines
    assert any(t.startswith("Sở Khoa học và Công nghệ trân trọng kính mời: ") for t in lines)
    for label in ("Tới dự ", "Chủ trì: ", "Thời gian: ", "Địa điểm: "):
        assert any(t.startswith(label) for t in lines), label
    assert "Kính gửi:" not in lines
    # the example gives `time: 2023-05-15 08:00`; the document writes it out (weekday from Babel)
    assert "Thời gian: 08 giờ 00, thứ Hai, ngày 15 tháng 5 năm 2023." in lines


def test_giay_gioi_thieu() -> None:
    document = loaded("giay_gioi_thieu")
    doc = opened("giay_gioi_thieu")
    lines = texts(doc)
    title = lines.index("GIẤY GIỚI THIỆU")
    assert set(lines[title + 1]) == {"_"}  # the rule right under the type name: no trích yếu
    assert document.summary not in lines
    lead = find(doc, lambda t: t == "Sở Khoa học và Công nghệ trân trọng giới thiệu:")
    assert para_format(lead, "alignment") == CENTER
    assert "Ông: Lê Văn Cường" in lines
    assert "Được cử đến: Ủy ban nhân dân huyện Văn Lâm" in lines
    assert "Giấy này có giá trị đến hết ngày 31 tháng 5 năm 2023./." in lines
    assert document.recipients.lines == ["- Như trên;", "- Lưu: VT."]


def test_bien_ban_has_two_signatures_and_no_date_line() -> None:
    doc = opened("bien_ban")
    lines = texts(doc)
    assert "BIÊN BẢN" in lines
    assert not any(", ngày " in t and t.startswith("Hưng Yên") for t in lines)
    for label in ("Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:", "Chủ trì (chủ tọa):", "Thư ký"):
        assert any(t.startswith(label) for t in lines), label
    assert lines[next(i for i, t in enumerate(lines) if t.startswith("Cuộc họp kết thúc"))].endswith("./.")
    table = next(t for t in doc.tables if "THƯ KÝ" in [p.text for p in t.cell(0, 0).paragraphs])
    assert [p.text for p in table.cell(0, 1).paragraphs] == ["CHỦ TỌA"]
    names = table.rows[-1]
    assert [names.cells[0].paragraphs[0].text, names.cells[1].paragraphs[0].text] == [
        "Lê Văn Cường",
        "Nguyễn Thái Kiều Ngân",
    ]
    assert lines.index("Nơi nhận:") > lines.index("Nguyễn Thái Kiều Ngân")


def test_giay_nghi_phep() -> None:
    doc = opened("giay_nghi_phep")
    lines = texts(doc)
    title = lines.index("GIẤY NGHỈ PHÉP")
    assert set(lines[title + 1]) == {"_"}
    assert any(t.startswith("Xét Đơn đề nghị nghỉ phép ngày 28 tháng 6 năm 2023 của bà Phạm Thị Hoa") for t in lines)
    assert any("trong thời gian 05 ngày" in t for t in lines)
    note = find(doc, lambda t: t.startswith("Xác nhận của cơ quan (tổ chức)"))
    runs_have(doc, note, italic=True)
    assert lines.index(note.text) > lines.index("Nguyễn Thái Kiều Ngân")


# ---------------------------------------------------------------------------------------------
# Mẫu 2.1 / 2.2 (appendix) and 3.1 / 3.2 (copies)
# ---------------------------------------------------------------------------------------------


def test_paper_appendix() -> None:
    assert layout_name(loaded("phu_luc")) == "nd30/mau-2.1"
    doc = opened("phu_luc")
    lines = texts(doc)
    assert ND30.elements["national_title"].text not in lines
    assert not any(t.startswith("Số:") for t in lines)
    label = find(doc, lambda t: t == "Phụ lục I")
    assert para_format(label, "alignment") == CENTER
    runs_have(doc, label, bold=True, size=14.0)
    title = lines[lines.index("Phụ lục I") + 1]
    assert title == title.upper() and title.startswith("DANH SÁCH THÀNH VIÊN")
    ref = find(doc, lambda t: t.startswith("(Kèm theo"))
    assert ref.text == "(Kèm theo Quyết định số 45/QĐ-SKHCN ngày 15 tháng 5 năm 2023 của Sở Khoa học và Công nghệ)"
    runs_have(doc, ref, italic=True)
    assert para_format(ref, "alignment") == CENTER
    assert len(doc.tables) == 1  # the data table only: no header or signature tables
    # its own page numbering: page numbers from 2, none on its first page
    section = doc.sections[0]
    assert section.different_first_page_header_footer and "PAGE" in section.header._element.xml
    assert "".join(p.text for p in section.first_page_header.paragraphs).strip() == ""
    assert "Nơi nhận:" not in lines


def test_electronic_appendix() -> None:
    assert layout_name(loaded("phu_luc_dien_tu")) == "nd30/mau-2.2"
    doc = opened("phu_luc_dien_tu")
    ref = find(doc, lambda t: t.startswith("(Kèm theo"))
    assert "45/QĐ" not in ref.text and "2023" not in ref.text  # blank for electronic documents
    head = doc.sections[0].first_page_header.paragraphs
    info = next(p for p in head if p.text)
    assert info.text == "Số: 45/QĐ-SKHCN; 15/05/2023; 14:05:09 +07:00"
    assert para_format(info, "alignment") == RIGHT
    runs_have(doc, info, size=10.0, bold=False, italic=False)


def test_paper_copy_elements() -> None:
    doc = opened("ban_sao_y")
    lines = texts(doc)
    end = lines.index("Nguyễn Thái Kiều Ngân")  # the original's signer
    tail = lines[end + 1 :]
    for text in ("ỦY BAN NHÂN DÂN", "HUYỆN VĂN LÂM", "SAO Y", "Số: 12/SY-UBND", "Văn Lâm, ngày 08 tháng 5 năm 2023"):
        assert text in tail, text
    assert ND30.patterns["number_typed"].match("Số: 12/SY-UBND")
    assert "TL. CHỦ TỊCH" in tail and "Đỗ Văn Khánh" in tail and "- Lưu: VT." in tail
    form = find(doc, lambda t: t == "SAO Y")
    runs_have(doc, form, bold=True, size=14.0)
    rule = next(p for p in doc.paragraphs if p.style is not None and p.style.name == "ND30 Copy Rule")
    assert rule.style.element.find(".//{*}pBdr/{*}top") is not None  # the full-width line


def test_electronic_copy_has_the_o14_line_and_no_paper_block() -> None:
    document = loaded("ban_trich_sao_dien_tu")
    assert isinstance(document, CongVan) and layout_name(document) == "nd30/mau-1.5"
    doc = opened("ban_trich_sao_dien_tu")
    head = [p.text for p in doc.sections[0].first_page_header.paragraphs if p.text]
    assert head == ["TRÍCH SAO; Ủy ban nhân dân huyện Văn Lâm; 16/05/2023; 09:30:00 +07:00"]
    assert "TRÍCH SAO" not in texts(doc)


@pytest.mark.parametrize("form", ["SY", "TrS", "SL"])
def test_copy_numbers(form: str) -> None:
    from thongbao.models import CopyInfo

    data = loaded("ban_sao_y").model_dump(by_alias=True)["copy"]
    info = CopyInfo.model_validate({**data, "form": form})
    assert info.number_line == f"Số: 12/{form}-UBND"
    assert ND30.patterns["number_typed"].match(info.number_line)


def test_copy_form_by_name() -> None:
    from thongbao.models import CopyInfo

    data = loaded("ban_sao_y").model_dump(by_alias=True)["copy"]
    assert CopyInfo.model_validate({**data, "form": "sao lục"}).words == "SAO LỤC"
    assert CopyInfo.model_validate({**data, "form": "Bản trích sao"}).form == "TrS"


# ---------------------------------------------------------------------------------------------
# Inheritance, sandbox, checker
# ---------------------------------------------------------------------------------------------


def _block_doc(path: Path, lines: list[str]) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def test_builtin_layouts_extend_mau_14() -> None:
    pack = builtin_templates()
    for layout in ("1.1", "1.2", "1.3", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1", "2.2"):
        data = (pack / "nd30" / f"mau-{layout}.docx").read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode()
        assert "{%p extends &quot;nd30/mau-" in xml or '{%p extends "nd30/mau-' in xml, layout


def test_an_author_changes_one_block_of_a_builtin_layout(tmp_path: Path) -> None:
    _block_doc(
        tmp_path / "so" / "cong-van.docx",
        [
            '{%p extends "nd30/mau-1.5.docx" %}',
            "{%p block signature %}",
            "Ký: {{ doc.signer_name }}",
            "{%p endblock %}",
        ],
    )
    env = TemplateEnvironment([tmp_path, builtin_templates()])
    from thongbao.render.context import build_context

    doc = open_docx(env.get_layout("so/cong-van").render(build_context(loaded("cong_van"))))
    lines = texts(doc)
    assert "Ký: Nguyễn Thái Kiều Ngân" in lines  # the new block
    assert "KT. GIÁM ĐỐC" not in lines  # the old one is gone
    assert "Kính gửi:" in lines and any(t.startswith("V/v ") for t in lines)  # the rest is Mẫu 1.5


def test_templates_from_files_are_sandboxed(tmp_path: Path) -> None:
    from thongbao.render.engine import TemplateError

    _block_doc(tmp_path / "evil.docx", ["{{ ''.__class__.__mro__ }}"])
    layout = TemplateEnvironment([tmp_path]).get_layout("evil")
    with pytest.raises(TemplateError) as info:
        layout.render({"doc": {}})
    assert "unsafe" in str(info.value) and "__class__" in str(info.value)
    _block_doc(tmp_path / "evil2.docx", ["{{ doc.properties.__class__.__subclasses__() }}"])
    with pytest.raises(TemplateError):
        TemplateEnvironment([tmp_path]).get_layout("evil2").render({"doc": {"properties": {}}})


def _check_docx() -> Any:
    try:
        from thongbao.check import check_docx  # type: ignore[attr-defined]
    except ImportError:
        pytest.skip("thongbao.check.check_docx is not available yet")
    return check_docx


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_checker_finds_no_errors(path: Path) -> None:
    check_docx = _check_docx()
    report = check_docx(rendered(path.stem))
    assert list(report.errors) == [], [str(e) for e in report.errors]


NASTY = "R&D <2026> \"x\" 'y' {{ doc.summary }} {% if %}"


def test_user_text_reaches_every_layout_verbatim() -> None:
    """Markup characters and Jinja-looking text in the data are printed, never interpreted."""
    import yaml

    from thongbao.api import render_docx
    from thongbao.models import document_from_data

    for stem, changes in {
        "cong_van": {"addressees": [NASTY, "B"], "body": [NASTY]},
        "quyet_dinh": {"bases": [f"Căn cứ {NASTY}"], "articles": [NASTY, {"title": NASTY, "text": NASTY}]},
        "cong_dien": {"sender": NASTY},
        "giay_moi": {"invitee": NASTY, "venue": NASTY},
        "giay_gioi_thieu": {"person": NASTY},
        "bien_ban": {"started_at": NASTY},
        "phu_luc": {"appendix": {"label": "I", "title": "Danh sách"}, "body": [NASTY]},
    }.items():
        data = yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8"))
        data.update(changes)
        flat = "\n".join(texts(open_docx(render_docx(document_from_data(data)))))
        assert NASTY in flat, stem
