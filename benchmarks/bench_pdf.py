"""DOCX -> PDF throughput: the warm LibreOffice converter vs one ``soffice --convert-to`` per document.

    python benchmarks/bench_pdf.py [-n 50] [--pool 2] [--skip-naive]

Converts N notice-like DOCX (A4, Times New Roman, Vietnamese, two pages, header page number)
with (1) one warm :class:`LibreOfficeConverter` (start-up included), (2) optionally a
:class:`ConverterPool`, and (3) :func:`convert_once` per document (fresh profile each time,
the naive way), in the same run, and prints the times and the ratio.
"""

from __future__ import annotations

import argparse
import io
import sys
import time

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thongbao.pdfinfo import pdf_facts
from thongbao.render.libreoffice import ConverterPool, LibreOfficeConverter, convert_once

BODY = (
    "Thực hiện Chỉ thị của Thủ tướng Chính phủ về việc tổ chức Tết Nguyên đán, Ủy ban nhân dân "
    "tỉnh thông báo lịch nghỉ Tết đối với cán bộ, công chức, viên chức và người lao động trong "
    "các cơ quan hành chính, đơn vị sự nghiệp công lập như sau."
)


def notice_docx(number: int) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run()
    for kind in ("begin", "instr", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.text = "PAGE"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    for text, bold in (
        ("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", True),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        ("Hưng Yên, ngày 05 tháng 01 năm 2023", False),
        (f"THÔNG BÁO số {number:03d}/TB-UBND", True),
        ("Về việc nghỉ Tết Nguyên đán Quý Mão năm 2023", True),
    ):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for _ in range(6):
        doc.add_paragraph(BODY).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    for _ in range(3):
        doc.add_paragraph(BODY).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph("Nơi nhận: Như trên; Lưu: VT.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def check(pdfs: list[bytes]) -> None:
    for pdf in pdfs:
        facts = pdf_facts(pdf)
        assert facts.page_count == 2 and facts.all_fonts_embedded and facts.pages[0].is_a4


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=50, help="number of documents (default 50)")
    parser.add_argument("--pool", type=int, default=2, help="also time a ConverterPool of this size (0: skip)")
    parser.add_argument("--skip-naive", action="store_true", help="skip one soffice per document")
    args = parser.parse_args(argv)

    docs = [notice_docx(i) for i in range(args.n)]
    print(f"{args.n} notice-like DOCX, {sum(map(len, docs)) / len(docs) / 1024:.1f} KiB each")

    started = time.perf_counter()
    with LibreOfficeConverter() as conv:
        startup = time.perf_counter() - started
        warm_pdfs = [conv.convert(doc) for doc in docs]
    warm = time.perf_counter() - started
    check(warm_pdfs)
    print(
        f"warm converter:          {warm:7.2f} s  ({startup:.2f} s start-up, "
        f"{(warm - startup) / args.n * 1000:.0f} ms/document after it)"
    )

    if args.pool > 1:
        started = time.perf_counter()
        with ConverterPool(size=args.pool) as pool:
            pool_pdfs = pool.map(docs)
        pooled = time.perf_counter() - started
        check(pool_pdfs)
        print(f"pool of {args.pool} converters:    {pooled:7.2f} s")

    if not args.skip_naive:
        started = time.perf_counter()
        naive_pdfs = [convert_once(doc) for doc in docs]
        naive = time.perf_counter() - started
        check(naive_pdfs)
        print(f"soffice --convert-to ×{args.n}: {naive:7.2f} s  ({naive / args.n * 1000:.0f} ms/document)")
        print(f"speed-up (warm vs one soffice per document): {naive / warm:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
