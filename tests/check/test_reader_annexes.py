"""The official annex Word files of Decree 30/2020 read without error, with known facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from thongbao.check import Document, read_docx

REF = Path(__file__).resolve().parents[3] / "shared" / "reference" / "nd30-2020"
PHULUC1 = REF / "Phuluc1.docx"
PHULUC3 = REF / "Phuluc3.docx"

pytestmark = pytest.mark.skipif(not PHULUC3.exists(), reason="shared/reference not available")


@pytest.fixture(scope="module")
def phuluc3() -> Document:
    return read_docx(PHULUC3)


@pytest.fixture(scope="module")
def phuluc1() -> Document:
    return read_docx(PHULUC1)


def test_phuluc3_national_title_in_header_tables(phuluc3: Document) -> None:
    found = phuluc3.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert len(found) >= 10
    for par in found:
        assert par.container == "table" and par.cell is not None
        assert par.cell.col == 1 and par.cell.table.is_borderless
        runs = [run for run in par.visible_runs if run.text.strip()]
        assert runs and all(run.bold for run in runs)
        assert {run.size_pt for run in runs} <= {12.0, 13.0, 14.0}
        assert all(run.font == "Times New Roman" and run.props.is_black for run in runs)
        assert par.alignment == "center"


def test_phuluc3_page_setup_and_headers(phuluc3: Document) -> None:
    (sec,) = phuluc3.sections
    assert (sec.page_width, sec.page_height, sec.orientation) == (11906, 16838, "portrait")
    assert sec.page_width_mm == pytest.approx(210.0, abs=0.05)
    assert sec.page_height_mm == pytest.approx(297.0, abs=0.05)
    margins = sec.margins_mm
    assert margins["top"] == pytest.approx(25, abs=0.05) and margins["left"] == pytest.approx(35, abs=0.05)
    assert margins["bottom"] == pytest.approx(20, abs=0.05) and margins["right"] == pytest.approx(20, abs=0.05)
    assert margins["header"] == pytest.approx(10, abs=0.05)
    assert sec.title_page
    assert sec.first_page_header is not None and sec.first_page_header.is_empty
    default = sec.headers["default"]
    (page,) = default.page_fields
    assert page.paragraph is not None and page.paragraph.alignment == "center"
    assert [run.size_pt for run in page.paragraph.runs if run.field is page] == [14.0]


def test_phuluc3_sample_1_4_values_match_the_spec(phuluc3: Document) -> None:
    title = next(p for p in phuluc3.paragraphs if p.text.startswith("Mẫu 1.4 - Văn bản có tên loại"))
    paragraphs = phuluc3.paragraphs[title.index:]
    motto = next(p for p in paragraphs if p.text == "Độc lập - Tự do - Hạnh phúc")
    assert motto.cell is not None and motto.cell.table.column_widths_twips == [3829, 5670]
    assert {r.size_pt for r in motto.visible_runs} == {14.0} and all(r.bold for r in motto.visible_runs)
    date = next(p for p in paragraphs if "ngày …… tháng" in p.text)
    assert all(r.italic for r in date.visible_runs if r.text.strip())
    body = next(p for p in paragraphs if p.text.startswith("......") and p.props.alignment == "justify")
    assert body.props.indent.first_line == 567 and body.props.spacing.before_pt == 6.0
    label = next(p for p in paragraphs if p.text == "Nơi nhận:")
    run = label.visible_runs[0]
    assert (run.size_pt, run.bold, run.italic) == (12.0, True, True)
    assert label.cell is not None and label.cell.col == 0
    # The rule under the motto is a run of underscores in the official sample.
    rule = phuluc3.paragraphs[motto.index + 1]
    assert set(rule.text) == {"_"}


def test_phuluc3_drawn_lines(phuluc3: Document) -> None:
    lines = [d for d in phuluc3.drawings if d.is_line]
    assert lines and all(d.source == "dml" for d in lines)  # the VML fallback is not read twice
    assert any(d.geometry == "straightConnector1" and d.width_pt == pytest.approx(449.7, abs=0.5) for d in lines)
    assert all(d.anchor is not None for d in lines)


def test_phuluc1_reads_with_text_boxes_footnotes_and_sections(phuluc1: Document) -> None:
    assert len(phuluc1.sections) == 3
    # The layout diagram (Mục IV) sits in a landscape section.
    assert [s.orientation for s in phuluc1.sections] == ["portrait", "landscape", "portrait"]
    assert phuluc1.sections[1].page_width == 16838
    boxes = [p for p in phuluc1.paragraphs if p.container == "textbox"]
    assert any(p.text == "20 - 25 mm" for p in boxes)
    assert phuluc1.footnotes and "Cỡ chữ" in phuluc1.footnotes[0].text
    qh = phuluc1.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert qh
    for story in phuluc1.stories():
        for par in story.paragraphs:
            assert par.text == par.text  # every property resolves
            for run in par.runs:
                assert run.size_pt > 0 and run.font
