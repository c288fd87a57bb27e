"""The seed notice as PDF: metadata, fonts, page size, text, and its first page looked at as an image."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from docx_props import open_docx
from thongbao.api import load_document, render, render_docx, render_files
from thongbao.pdfinfo import pdf_facts
from thongbao.render.pdf_output import VIETNAM, render_pdf

pytestmark = pytest.mark.libreoffice

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
TYPES = ROOT / "examples" / "types"

if shutil.which("soffice") is None:  # pragma: no cover - CI installs it
    pytest.skip("LibreOffice is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    document = load_document(SEED)
    return render_pdf(document, render_docx(document))


def test_metadata(seed_pdf):
    facts = pdf_facts(seed_pdf)
    assert facts.title == "Kết quả làm việc với Hội đồng Khoa học và Công nghệ cấp huyện"
    assert facts.author == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert facts.subject == "THÔNG BÁO TB-SKHCN (dự thảo)"  # a draft: no number yet
    assert facts.keywords and "khoa học và công nghệ" in facts.keywords
    assert facts.creation_date_raw and facts.creation_date_raw.endswith("+07'00'")
    assert facts.creation_date == dt.datetime(2023, 5, 1, tzinfo=VIETNAM)
    assert facts.version_tuple >= (1, 4)


def test_pages_fonts_and_text(seed_pdf):
    facts = pdf_facts(seed_pdf)
    assert facts.page_count >= 2
    assert all(p.is_a4 and p.orientation == "portrait" for p in facts.pages)
    assert facts.fonts and all(f.embedded for f in facts.fonts)
    assert {f.base_font.split("+")[-1].split("-")[0] for f in facts.fonts} <= {"LiberationSerif", "TimesNewRomanPSMT",
                                                                               "TimesNewRoman"}
    first = facts.pages[0].text
    assert not first.lstrip().startswith("1")  # no page number on page 1
    for i, page in enumerate(facts.pages[1:], 2):
        assert page.text.lstrip().startswith(str(i))
    text = "\n".join(p.text for p in facts.pages)
    order = ["UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", "THÔNG BÁO", "Một là,", "Năm là,", "bền vững./.", "Nơi nhận:",
             "- Lưu: VT, QLKH.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thái Kiều Ngân"]
    positions = [text.find(s) for s in order]
    assert all(p >= 0 for p in positions), dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def _gray_page(pdf: bytes, tmp_path: Path, page: int, dpi: int = 72) -> tuple[int, int, bytes]:
    src = tmp_path / "doc.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(src), str(tmp_path / "p")],
        check=True, timeout=60,
    )
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    # P5 header: magic, width, height, maxval, then raw bytes.
    parts = pgm.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    return width, height, parts[4][-width * height :]


def _runs(row: bytes, threshold: int = 128) -> list[tuple[int, int]]:
    runs, start = [], None
    for x, v in enumerate(row):
        if v < threshold and start is None:
            start = x
        elif v >= threshold and start is not None:
            runs.append((start, x - start))
            start = None
    if start is not None:
        runs.append((start, len(row) - start))
    return runs


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_layout_as_an_image(seed_pdf, tmp_path):
    width, height, pixels = _gray_page(seed_pdf, tmp_path, 1)
    rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
    mm = width / 210  # pixels per millimetre
    left_margin, text_right = 30 * mm, (210 - 15) * mm
    header = rows[: int(60 * mm)]
    # Two header columns: ink on both sides of the page's centre line in the top 30 mm.
    assert any(min(r[int(left_margin) : int(95 * mm)]) < 100 for r in header[: int(30 * mm)])
    assert any(min(r[int(105 * mm) : int(text_right)]) < 100 for r in header[: int(30 * mm)])
    # The three rules: long horizontal runs of ink (text strokes are short).
    lines = []
    for y, r in enumerate(rows[: int(110 * mm)]):
        for x, n in _runs(r):
            if n > 20 * mm:
                lines.append((y, x, n))
    motto = [(y, x, n) for y, x, n in lines if x > 100 * mm]
    agency = [(y, x, n) for y, x, n in lines if x + n < 100 * mm]
    assert motto and agency, lines
    # Agency and motto rules on one level (same header row); the trích yếu rule below, centred on the text.
    assert abs(motto[0][0] - agency[0][0]) < 5 * mm
    summary = [(y, x, n) for y, x, n in lines if y > motto[0][0] + 15 * mm]
    assert summary, lines
    y, x, n = summary[0]
    assert abs((x + n / 2) - (30 + 165 / 2) * mm) < 3 * mm
    # The motto rule is about as long as the motto (60 mm at 14 pt bold), the agency rule shorter.
    assert 50 * mm < max(n for _, _, n in motto) < 70 * mm
    assert max(n for _, _, n in agency) < 0.6 * max(n for _, _, n in motto)
    # Everything inside the page's margins (give the header table its small overhang).
    for r in rows:
        dark = [x for x, v in enumerate(r) if v < 100]
        if dark:
            assert dark[0] >= left_margin - 5 * mm and dark[-1] <= text_right + 5 * mm


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_last_page_has_recipients_left_and_signature_right(seed_pdf, tmp_path):
    count = pdf_facts(seed_pdf).page_count
    width, height, pixels = _gray_page(seed_pdf, tmp_path, count)
    rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
    mm = width / 210
    inked = [y for y, r in enumerate(rows) if min(r) < 100]
    bottom = rows[inked[-1] - int(60 * mm) : inked[-1] + 1]
    assert any(min(r[int(30 * mm) : int(90 * mm)]) < 100 for r in bottom)  # Nơi nhận
    assert any(min(r[int(110 * mm) : int(190 * mm)]) < 100 for r in bottom)  # signing block


def test_render_files_writes_both_atomically(tmp_path):
    paths = render_files(load_document(SEED), tmp_path, stem="seed", formats={"docx", "pdf"})
    assert [p.name for p in paths] == ["seed.docx", "seed.pdf"]
    assert paths[1].read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_an_appendix_pdf_is_titled_as_its_docx():
    document = load_document(TYPES / "phu_luc.yaml")
    docx = render_docx(document)
    facts = pdf_facts(render_pdf(document, docx))
    assert facts.title == open_docx(docx).core_properties.title
    assert facts.title.startswith("Phụ lục I: Danh sách thành viên Hội đồng")


def test_render_files_with_appendices(tmp_path):
    decision = load_document(TYPES / "quyet_dinh.yaml")
    paths = render_files(
        decision,
        tmp_path,
        stem="qd",
        formats={"docx", "pdf"},
        appendices=[TYPES / "phu_luc.yaml", load_document(TYPES / "phu_luc_dien_tu.yaml")],
    )
    assert [p.name for p in paths] == ["qd.docx", "qd-phu-luc-1.docx", "qd-phu-luc-2.docx", "qd.pdf"]
    merged = pdf_facts(paths[-1].read_bytes())
    alone = pdf_facts(render_pdf(decision, render_docx(decision)))
    assert merged.page_count == alone.page_count + 2  # each appendix here fits on one page
    assert merged.title == alone.title
    assert "PHỤ LỤC I" in merged.pages[alone.page_count].text.upper()


def test_render_from_a_data_file(tmp_path):
    paths = render(SEED, tmp_path, formats={"docx", "pdf"})
    assert paths == [tmp_path / "hung-yen-skhcn-2023-notice.docx", tmp_path / "hung-yen-skhcn-2023-notice.pdf"]
    assert paths[0].read_bytes() == render_docx(load_document(SEED))
    assert pdf_facts(paths[1].read_bytes()).subject == "THÔNG BÁO TB-SKHCN (dự thảo)"
    assert render(load_document(SEED), tmp_path / "doc", stem="tb") == [tmp_path / "doc" / "tb.docx"]
