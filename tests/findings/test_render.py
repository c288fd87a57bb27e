"""Finding sets rendered as THÔNG BÁO and BÁO CÁO: structure, wording, figures, per-unit documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from docx_props import iter_paragraphs, open_docx, run_font
from thongbao.api import load_document, render_docx
from thongbao.cli import app
from thongbao.findings import FindingSet, render_finding_set, split_by_unit
from thongbao.fontmetrics import text_width_pt
from thongbao.render import geometry as g
from thongbao.render.engine import TemplateEnvironment, builtin_templates

from .helpers import INSPECTION, SEED_FINDINGS, assert_checker_passes, body_texts, texts

SHELL: dict[str, Any] = {
    "issuer": {"name": "Sở Nội vụ", "abbreviation": "SNV", "place": "Hưng Yên"},
    "number": 3,
    "date": "2026-03-20",
    "summary": "Kết quả kiểm tra",
    "signature": {"title": "Giám đốc", "name": "Nguyễn Văn A"},
    "recipients": {"to": ["Các xã"], "archive": ["VP"]},
}


def finding_set(**changes: Any) -> FindingSet:
    return FindingSet.from_data({**SHELL, "findings": {"results": ["Đạt yêu cầu."]}, **changes})


@pytest.fixture(scope="module")
def inspection() -> FindingSet:
    fs = load_document(INSPECTION)
    assert isinstance(fs, FindingSet)
    return fs


@pytest.fixture(scope="module")
def inspection_docx(inspection: FindingSet) -> bytes:
    return render_docx(inspection)


def data_table(doc: Any) -> Any:
    """The one body table (the header and signature are layout tables without a style)."""
    (table,) = [t for t in doc.tables if t.style is not None and t.style.name == "ND30 Table Grid"]
    return table


def table_rows(data: bytes) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in data_table(open_docx(data)).rows]


# --------------------------------------------------------------------------------------------
# The inspection example: one THÔNG BÁO with a table of figures
# --------------------------------------------------------------------------------------------


def test_inspection_notice_wording(inspection_docx: bytes) -> None:
    body = body_texts(inspection_docx)
    assert body[0] == (
        "Thực hiện Quyết định số 35/QĐ-SNV ngày 15/1/2026 của Sở Nội vụ ban hành Kế hoạch kiểm tra công tác "
        "cải cách hành chính năm 2026."
    )
    assert body[1] == (
        "Từ ngày 24/2 đến ngày 06/3/2026, Sở Nội vụ đã tiến hành kiểm tra công tác cải cách hành chính tại "
        "UBND các xã, phường được kiểm tra, kết quả cho thấy:"
    )
    assert "Kết quả cụ thể tại các đơn vị như sau:" in body
    assert "- UBND phường Sơn Nam: Thực hiện tốt việc số hóa hồ sơ và kết quả giải quyết thủ tục hành chính." in body
    assert any(
        t.startswith(
            "Bên cạnh những kết quả đạt được, trong quá trình triển khai thực hiện hoạt động cải cách "
            "hành chính, cũng gặp một số khó khăn, hạn chế như: một số thủ tục"
        )
        for t in body
    )
    assert "Những khó khăn, hạn chế trên do các nguyên nhân sau:" in body
    assert body[-4].startswith("Một là, Rà soát")
    assert body[-3].startswith("Hai là, Bố trí")
    assert body[-2] == (
        "- Đối với UBND xã Hoàng Hoa Thám: Niêm yết số điện thoại đường dây nóng tại Bộ phận Một cửa "
        "trước ngày 15/4/2026."
    )
    assert body[-1] == (
        "Sở Nội vụ đề nghị UBND các xã, phường được kiểm tra chỉ đạo khắc phục những tồn tại, hạn chế nêu trên và "
        "báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 30/6/2026./."
    )
    assert "Số: 18/TB-SNV" in texts(inspection_docx)


def test_inspection_table_of_figures(inspection_docx: bytes) -> None:
    assert table_rows(inspection_docx) == [
        ["STT", "Đơn vị", "Hồ sơ tiếp nhận", "Giải quyết đúng hạn", "Tỷ lệ đúng hạn", "Kinh phí CCHC (đồng)"],
        ["1", "UBND xã Tân Hưng", "1.248", "1.236", "99%", "185.500.000"],
        ["2", "UBND phường Sơn Nam", "2.315", "2.290", "98,9%", "240.000.000"],
        ["3", "UBND xã Hoàng Hoa Thám", "876", "850", "97%", "96.750.000"],
        ["4", "UBND xã Nghĩa Trụ", "1.032", "1.001", "97%", "120.000.000"],
        ["", "Tổng cộng", "5.471", "5.377", "98,3%", "642.250.000"],
    ]


def test_inspection_table_formatting(inspection_docx: bytes) -> None:
    doc = open_docx(inspection_docx)
    table = data_table(doc)
    widths = [c.width.twips for c in table.rows[1].cells]
    assert sum(widths) == pytest.approx(g.BODY_TABLE_TWIPS, abs=3)
    # Figures are as wide as their widest value (no wrapping inside 642.250.000); the unit column the rest.
    money = max(text_width_pt(r.cells[5].text, g.TABLE_TEXT_PT, bold=True) for r in table.rows[1:]) * 20
    assert widths[5] >= money + 2 * g.TABLE_CELL_MARGIN_TWIPS
    assert widths[1] == max(widths)
    header, *rows, totals = table.rows
    for cell in header.cells:
        for para in cell.paragraphs:
            assert para.style.name == "ND30 Table"
            assert all(run_font(doc, para, r, "bold") for r in para.runs if r.text.strip())
    total_para = totals.cells[2].paragraphs[0]
    assert all(run_font(doc, total_para, r, "bold") for r in total_para.runs if r.text.strip())
    value_para = rows[0].cells[2].paragraphs[0]
    assert not any(run_font(doc, value_para, r, "bold") for r in value_para.runs if r.text.strip())
    assert header._tr.trPr is not None and "tblHeader" in header._tr.trPr.xml


def test_inspection_notice_passes_the_checker(inspection_docx: bytes) -> None:
    assert_checker_passes(inspection_docx)


def test_one_notice_per_unit(inspection: FindingSet) -> None:
    documents = split_by_unit(inspection)
    assert len(documents) == 4
    rendered = [render_docx(d) for d in documents]
    for unit, fs, data in zip(inspection.units, documents, rendered, strict=True):
        all_texts = texts(data)
        body = body_texts(data)
        assert f"Kết quả kiểm tra công tác cải cách hành chính năm 2026 tại {unit.name}" in all_texts
        assert "Số:      /TB-SNV" in all_texts
        assert f"- {unit.name};" in all_texts
        assert "- UBND các xã, phường được kiểm tra;" not in all_texts
        assert f"tại {unit.name}, kết quả cho thấy:" in body[1]
        assert body[-1].startswith(f"Sở Nội vụ đề nghị {unit.name} chỉ đạo khắc phục")
        assert not any(t.startswith("- UBND") for t in body)  # its own findings are no longer tagged
        rows = table_rows(data)
        assert len(rows) == 2 and rows[1][1] == unit.name  # one row, no totals
        for other in inspection.units:
            if other is not unit:
                assert other.name not in "\n".join(all_texts)
        assert fs.findings_of  # a FindingSet
    # Hoàng Hoa Thám's own recommendation is numbered with the general ones.
    hht = body_texts(rendered[2])
    assert "Ba là, Niêm yết số điện thoại đường dây nóng tại Bộ phận Một cửa trước ngày 15/4/2026." in hht
    assert table_rows(rendered[2])[1] == ["1", "UBND xã Hoàng Hoa Thám", "876", "850", "97%", "96.750.000"]


def test_per_unit_notices_pass_the_checker(inspection: FindingSet) -> None:
    for fs in split_by_unit(inspection):
        assert_checker_passes(render_docx(fs))


# --------------------------------------------------------------------------------------------
# BÁO CÁO
# --------------------------------------------------------------------------------------------


def test_inspection_as_a_report(inspection: FindingSet) -> None:
    data = render_finding_set(inspection, document_type="Báo cáo")
    all_texts = texts(data)
    assert "BÁO CÁO" in all_texts and "Số: 18/BC-SNV" in all_texts
    doc = open_docx(data)
    headings = [(p.style.name, p.text) for p in iter_paragraphs(doc) if p.style.name.startswith("ND30 Heading")]
    assert headings == [
        ("ND30 Heading 1", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("ND30 Heading 2", "1. UBND xã Tân Hưng"),
        ("ND30 Heading 2", "2. UBND phường Sơn Nam"),
        ("ND30 Heading 2", "3. UBND xã Nghĩa Trụ"),
        ("ND30 Heading 1", "II. KHÓ KHĂN, HẠN CHẾ"),
        ("ND30 Heading 2", "1. UBND phường Sơn Nam"),
        ("ND30 Heading 2", "2. UBND xã Hoàng Hoa Thám"),
        ("ND30 Heading 1", "III. NGUYÊN NHÂN"),
        ("ND30 Heading 1", "IV. KIẾN NGHỊ, ĐỀ XUẤT"),
        ("ND30 Heading 2", "1. Đối với UBND xã Hoàng Hoa Thám"),
    ]
    body = body_texts(data)
    # A finding written to follow "như:" in the notice starts its own paragraph in the report.
    assert body[body.index("II. KHÓ KHĂN, HẠN CHẾ") + 1].startswith("Một số thủ tục hành chính còn giải quyết")
    assert (
        "Một là, Rà soát, chấm dứt tình trạng giải quyết hồ sơ quá hạn; thực hiện nghiêm việc xin lỗi người dân "
        "khi để xảy ra trễ hạn." in body
    )
    assert body[-1].endswith("trước ngày 30/6/2026./.")
    assert len(table_rows(data)) == 6
    assert_checker_passes(data)


def test_report_sections_are_numbered_among_those_present() -> None:
    fs = finding_set(
        document_type="bao_cao",
        findings={"difficulties": ["Thiếu người."], "recommendations": ["Bổ sung biên chế."]},
    )
    data = render_docx(fs)
    body = body_texts(data)
    assert body == [
        "Sở Nội vụ báo cáo kết quả như sau:",
        "I. KHÓ KHĂN, HẠN CHẾ",
        "Thiếu người.",
        "II. KIẾN NGHỊ, ĐỀ XUẤT",
        "Một là, Bổ sung biên chế.",
        "Trên đây là báo cáo của Sở Nội vụ./.",
    ]


def test_seed_as_a_report() -> None:
    data = render_finding_set(load_document(SEED_FINDINGS), document_type="bao_cao")  # type: ignore[arg-type]
    body = body_texts(data)
    assert "I. KẾT QUẢ ĐẠT ĐƯỢC" in body and "II. KHÓ KHĂN, HẠN CHẾ" in body and "III. KIẾN NGHỊ, ĐỀ XUẤT" in body
    assert body[1].endswith("kết quả cụ thể như sau:")
    assert body[body.index("II. KHÓ KHĂN, HẠN CHẾ") + 1].startswith("Một số địa phương triển khai kế hoạch")
    assert "Số:      /BC-SKHCN" in texts(data)
    assert_checker_passes(data)


# --------------------------------------------------------------------------------------------
# Wording variants (all in the templates)
# --------------------------------------------------------------------------------------------


def test_minimal_notice() -> None:
    body = body_texts(render_docx(finding_set()))
    assert body == [
        "Sở Nội vụ thông báo kết quả như sau:",
        "Đạt yêu cầu.",
        "Sở Nội vụ thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.",
    ]


def test_single_day_two_references_and_no_results() -> None:
    fs = finding_set(
        basis=[
            {"document_type": "Kế hoạch", "number": "5/KH-SNV", "date": "2026-01-02"},
            {
                "document_type": "Công văn",
                "number": "12/UBND-NC",
                "date": "2026-01-09",
                "issuer": "UBND tỉnh",
                "summary": "về việc kiểm tra",
            },
        ],
        activity={"description": "làm việc", "start": "2026-02-03"},
        units=["UBND xã A"],
        findings={"difficulties": [{"text": "Chậm.", "unit": "UBND xã A"}], "causes": ["Thiếu người."]},
    )
    body = body_texts(render_docx(fs))
    assert body == [
        "Thực hiện Kế hoạch số 05/KH-SNV ngày 2/1/2026 và Công văn số 12/UBND-NC ngày 9/1/2026 của UBND tỉnh "
        "về việc kiểm tra.",
        "Ngày 3/2/2026, Sở Nội vụ đã tiến hành làm việc với UBND xã A, kết quả cho thấy:",
        "Trong quá trình triển khai thực hiện, còn gặp một số khó khăn, hạn chế sau:",
        "- UBND xã A: Chậm.",
        "Những khó khăn, hạn chế trên do các nguyên nhân sau:",
        "- Thiếu người.",
        "Sở Nội vụ thông báo để UBND xã A biết, thực hiện./.",
    ]


def test_missing_figures_and_given_percentages() -> None:
    fs = finding_set(
        metrics=["Mẫu", {"key": "Hài lòng", "format": "percent"}, {"key": "Kinh phí", "format": "vnd", "decimals": 0}],
        units=[
            {"name": "Xã A", "figures": {"Mẫu": 10, "Hài lòng": "92,5"}},
            {"name": "Xã B", "figures": {"Kinh phí": 1000}},
        ],
    )
    assert table_rows(render_docx(fs)) == [
        ["STT", "Đơn vị", "Mẫu", "Hài lòng", "Kinh phí"],
        ["1", "Xã A", "10", "92,5%", "-"],
        ["2", "Xã B", "-", "-", "1.000"],
        ["", "Tổng cộng", "10", "", "1.000"],
    ]


def test_recommendations_count_in_words_up_to_ten() -> None:
    fs = finding_set(findings={"recommendations": [f"Giải pháp {i}." for i in range(1, 11)]})
    body = body_texts(render_docx(fs))
    assert [
        t.split(",")[0]
        for t in body
        if t.startswith(("Một", "Hai", "Ba ", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"))
    ] == ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là", "Bảy là", "Tám là", "Chín là", "Mười là"]


def test_closing_already_ended() -> None:
    body = body_texts(render_docx(finding_set(request_to="Các xã", closing="thực hiện nghiêm./.")))
    assert body[-1] == "Sở Nội vụ đề nghị Các xã thực hiện nghiêm./."


def test_xml_specials_are_text() -> None:
    nasty = "R&D <2026> \"x\" 'y' {{ doc.summary }} {% if %}"
    fs = finding_set(
        units=[{"name": nasty, "figures": {"n": 1}}], findings={"results": [nasty, {"text": nasty, "unit": nasty}]}
    )
    all_texts = texts(render_docx(fs))
    assert nasty in all_texts
    assert f"- {nasty}: {nasty}" in all_texts
    assert all_texts.count(nasty) >= 2


# --------------------------------------------------------------------------------------------
# Templates are replaceable; CLI
# --------------------------------------------------------------------------------------------


def test_a_template_pack_can_reword_the_notice(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in [
        '{%p extends "nd30/mau-1.4.docx" %}',
        "{%p block body %}",
        "{%p for t in findings.recommendations.general %}",
        "{{ loop.index|ordinal }} {{ t }}",
        "{%p endfor %}",
        "{{ findings.closing|ending }}",
        "{%p endblock %}",
    ]:
        document.add_paragraph(text)
    (tmp_path / "findings").mkdir()
    document.save(str(tmp_path / "findings" / "thong-bao.docx"))
    env = TemplateEnvironment([tmp_path, builtin_templates()])
    fs = finding_set(findings={"recommendations": ["A.", "B."]}, closing="Xong")
    all_texts = texts(render_finding_set(fs, environment=env))
    assert "Một là, A." in all_texts and "Hai là, B." in all_texts and "Xong./." in all_texts


def test_filters_are_registered_once_per_environment() -> None:
    env = TemplateEnvironment()
    render_finding_set(finding_set(), environment=env)
    render_finding_set(finding_set(), environment=env)
    with pytest.raises(ValueError, match="already registered"):
        env.add_filters({"ordinal": str.upper})
    with pytest.raises(ValueError, match="already registered"):
        env.add_globals({"fail": print})
    env.add_globals({"agency_motto": "Vì nhân dân phục vụ"})
    assert env.jinja.globals["agency_motto"] == "Vì nhân dân phục vụ"


def test_finding_set_from_file_reads_its_table() -> None:
    assert FindingSet.from_file(INSPECTION) == load_document(INSPECTION)


def test_cli_renders_a_finding_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(INSPECTION), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "inspection-2026.docx"
    assert result.output.strip() == str(out)
    assert table_rows(out.read_bytes())[-1][1] == "Tổng cộng"


def test_cli_reports_table_errors(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("unit,category,text\nA,khác,x\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "findings_table: t.csv\n"
        + INSPECTION.read_text(encoding="utf-8").split("findings_table:", 1)[1].split("\n", 1)[1],
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["render", str(tmp_path / "s.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "t.csv:row 2:column 'category'" in result.output


def test_figures_alone_make_a_notice() -> None:
    fs = finding_set(
        findings=[], units=[{"name": "Xã A", "figures": {"Mẫu": 3}}, {"name": "Xã B", "figures": {"Mẫu": 4}}]
    )
    data = render_docx(fs)
    assert body_texts(data) == [
        "Sở Nội vụ thông báo kết quả như sau:",
        "Kết quả cụ thể tại các đơn vị như sau:",
        "Sở Nội vụ thông báo để Xã A, Xã B biết, thực hiện./.",
    ]
    assert table_rows(data)[-1] == ["", "Tổng cộng", "7"]
