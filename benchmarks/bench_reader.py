"""Benchmark the DOCX reader on a notice-sized document (about 3 pages).

    python benchmarks/bench_reader.py [N]

Reads the same DOCX N times (default 200) with :func:`thongbao.check.read_docx`, touching every
paragraph's runs, effective properties and lines, and compares with the naive python-docx way
(``docx.Document(path)`` + iterating paragraphs, table cells and runs, reading text/bold/size),
which does *not* resolve style inheritance. Prints ms per document and the ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from thongbao.check import read_docx

BODY = (
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh về việc "
    "triển khai nhiệm vụ khoa học và công nghệ năm 2023, Sở Khoa học và Công nghệ thông báo kết quả "
    "kiểm tra, đánh giá các đề tài, dự án cấp tỉnh đang thực hiện như sau:"
)


def build_notice(path: Path) -> None:
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin = sec.bottom_margin = Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    sec.different_first_page_header_footer = True
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)

    header = sec.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r>'
                               "</w:fldSimple>"))

    top = d.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.width, right.width = Cm(6.75), Cm(10)
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("UBND TỈNH HƯNG YÊN").font.size = Pt(13)
    p.add_run().add_break(WD_BREAK.LINE)
    r = p.add_run("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    r.bold, r.font.size = True, Pt(13)
    left.add_paragraph("_______").alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.add_paragraph("Số: 05/TB-SKHCN").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, bold, italic, size in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 13),
        ("Độc lập - Tự do - Hạnh phúc", True, False, 14),
        ("________________________", False, False, 14),
        ("Hưng Yên, ngày 05 tháng 01 năm 2023", False, True, 14),
    ):
        para = right.add_paragraph() if right.paragraphs[0].text else right.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)

    for text in ("THÔNG BÁO", "Kết quả kiểm tra các đề tài, dự án năm 2023", "________"):
        para = d.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(text).bold = True
    for i in range(36):
        para = d.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = para.paragraph_format
        fmt.first_line_indent, fmt.space_before, fmt.line_spacing = Cm(1), Pt(6), 1.15
        if i % 6 == 0:
            para.add_run(f"{i // 6 + 1}. Kết quả thực hiện nhiệm vụ").bold = True
        else:
            para.add_run(BODY[: 60 + i * 3])
            para.add_run(" (kèm theo Phụ lục).").italic = True
    sig = d.add_table(rows=1, cols=2)
    left, right = sig.rows[0].cells
    r = left.paragraphs[0].add_run("Nơi nhận:")
    r.bold, r.italic, r.font.size = True, True, Pt(12)
    for line in ("- UBND tỉnh (để b/c);", "- Các đơn vị có liên quan;", "- Lưu: VT, QLKH."):
        left.add_paragraph().add_run(line).font.size = Pt(11)
    for text, bold in (("KT. GIÁM ĐỐC", True), ("PHÓ GIÁM ĐỐC", True), ("", False), ("Nguyễn Văn A", True)):
        para = right.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(text).bold = bold
    assert WD_SECTION  # imported for completeness of the python-docx API surface
    d.save(str(path))


def touch_ours(path: Path) -> int:
    doc = read_docx(path)
    n = 0
    for story in doc.stories():
        for p in story.paragraphs:
            props = p.props
            n += props.indent.first_line + len(p.lines)
            for run in p.runs:
                n += len(run.text) + int(run.props.size_pt) + run.props.bold
    return n


def touch_python_docx(path: Path) -> int:
    d = docx.Document(str(path))
    n = 0
    paragraphs = list(d.paragraphs)
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for p in paragraphs:
        for run in p.runs:
            size = run.font.size
            n += len(run.text) + (int(size.pt) if size else 0) + bool(run.bold)
    return n


def bench(fn: object, path: Path, n: int) -> float:
    call = fn  # type: ignore[assignment]
    call(path)  # type: ignore[operator]  # warm up
    start = time.perf_counter()
    for _ in range(n):
        call(path)  # type: ignore[operator]
    return (time.perf_counter() - start) / n * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "thong-bao.docx"
        build_notice(path)
        doc = read_docx(path)
        print(f"notice: {len(doc.paragraphs)} paragraphs, {sum(len(p.runs) for p in doc.paragraphs)} runs, "
              f"{len(doc.tables)} tables, {path.stat().st_size} bytes")
        ours = bench(touch_ours, path, n)
        naive = bench(touch_python_docx, path, n)
    print(f"thongbao.check.read_docx (full resolution): {ours:.2f} ms/document")
    print(f"python-docx Document() + paragraphs/runs  : {naive:.2f} ms/document")
    print(f"ratio thongbao/python-docx: {ours / naive:.2f}")
    annex = Path(__file__).resolve().parents[2] / "shared" / "reference" / "nd30-2020" / "Phuluc3.docx"
    if annex.exists():
        doc = read_docx(annex)
        runs = sum(len(p.runs) for p in doc.paragraphs)
        big = bench(touch_ours, annex, max(n // 20, 3))
        print(f"for scale: Phuluc3.docx (official annex, {len(doc.paragraphs)} paragraphs, {runs} runs): "
              f"{big:.1f} ms/document")


if __name__ == "__main__":
    main()
