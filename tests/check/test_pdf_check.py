"""check_pdf: the seed PDF passes; each PDF-level defect is reported by the rule meant."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from thongbao.api import load_document, render_docx
from thongbao.check.pdf import check_pdf
from thongbao.check.safety import UnreadableDocument
from thongbao.render.pdf_output import render_pdf, shared_converter

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def tiny_pdf(lines: list[str], *, version: str = "1.4", size: tuple[int, int] = (595, 842),
             font: str = "Helvetica") -> bytes:
    """A one-page PDF with a non-embedded standard font (hand-written: correct xref offsets)."""
    content = "BT /F1 12 Tf 72 770 Td " + " ".join(
        f"({line.encode('latin-1', 'replace').decode('latin-1')}) Tj 0 -16 Td" for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} >>",
    ]
    out = io.BytesIO()
    out.write(f"%PDF-{version}\n".encode())
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def rule_ids(report, severity="error"):
    return {f.rule for f in report.findings if f.severity == severity}


@pytest.fixture(scope="module")
def seed_docx() -> bytes:
    return render_docx(load_document(SEED))


@needs_lo
def test_seed_pdf_passes_with_no_findings(seed_docx):
    report = check_pdf(render_pdf(load_document(SEED), seed_docx))
    assert report.findings == (), report.format_text("en")


def _mutate(docx: bytes, part: str, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    return out.getvalue()


@needs_lo
def test_letter_paper_is_reported(seed_docx):
    letter = _mutate(seed_docx, "word/document.xml",
                     lambda x: re.sub(r'w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"', x))
    assert rule_ids(check_pdf(shared_converter().convert(letter))) == {"ND30-PAGE-SIZE"}


@needs_lo
def test_page_number_on_page_one_is_reported(seed_docx):
    no_title_page = _mutate(seed_docx, "word/document.xml", lambda x: re.sub(r"<w:titlePg(?: [^>]*)?/>", "", x))
    assert rule_ids(check_pdf(shared_converter().convert(no_title_page))) == {"ND30-PNUM"}


def test_non_embedded_and_wrong_fonts_old_version_and_missing_elements():
    pdf = tiny_pdf(["CONG HOA"], version="1.3", font="Helvetica")
    report = check_pdf(pdf)
    assert {"ND30-PDF-VERSION", "ND30-PDF-FONTS", "ND30-STRUCTURE"} <= rule_ids(report)
    fonts = [f for f in report.findings if f.rule == "ND30-PDF-FONTS"]
    assert fonts[0].found == "Helvetica"
    assert "ND30-ENDING" in rule_ids(report, "warning")
    assert report.format_text("vi") and report.to_json("en")


def test_landscape_page_is_reported():
    report = check_pdf(tiny_pdf(["x"], size=(842, 595)))
    assert "ND30-PAGE-SIZE" in rule_ids(report)


def test_expected_texts_in_reading_order():
    pdf = tiny_pdf(["first", "second"])
    assert not [f for f in check_pdf(pdf, expected_texts=["first", "second"]).findings if f.excerpt == "second"]
    missing = check_pdf(pdf, expected_texts=["second", "first"]).findings
    assert any(f.rule == "ND30-STRUCTURE" and f.excerpt == "first" for f in missing)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 not a pdf", b"%PDF-1.4\n garbage"])
def test_unreadable_pdfs_fail_clearly(data):
    with pytest.raises(UnreadableDocument) as info:
        check_pdf(data)
    assert info.value.reason_en and info.value.reason_vi


EXAMPLES = sorted((ROOT / "examples" / "types").glob("*.yaml"))


@needs_lo
def test_every_type_pdf_passes_and_keeps_every_line_of_its_docx():
    """Each layout's PDF (Mẫu 2.1/2.2 appendices included) passes, checked against the DOCX it came from."""
    failures = {}
    for path in [SEED, *EXAMPLES]:
        document = load_document(path)
        docx = render_docx(document)
        report = check_pdf(render_pdf(document, docx), docx=docx)
        if report.findings:
            failures[path.name] = report.format_text("en")
    assert not failures, failures


@needs_lo
def test_an_appendix_merged_after_the_document_is_numbered_on_its_own(seed_docx):
    appendix = load_document(ROOT / "examples" / "types" / "phu_luc.yaml")
    appendix_pdf = render_pdf(appendix, render_docx(appendix))
    merged = render_pdf(load_document(SEED), seed_docx, appendices=(appendix_pdf, appendix_pdf))
    assert check_pdf(merged).findings == ()
    # the appendix's first page shows no number, so page 4 of the file must not show "4"
    from thongbao.pdfinfo import pdf_facts

    assert [p.text.split("\n", 1)[0].strip() for p in pdf_facts(merged).pages][3].startswith("Phụ lục")


@needs_lo
@pytest.mark.parametrize(
    ("gone", "element"),
    [("Nguyễn Thái Kiều Ngân", "signer_name"), ("KT. GIÁM ĐỐC", "authority"),
     ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "agency"), ("Kết quả làm việc với Hội đồng", "summary")],
)
def test_a_line_lost_on_the_way_to_pdf_is_reported(seed_docx, gone, element):
    def drop(xml: str) -> str:
        assert gone in xml
        return xml.replace(gone, "", 1)

    lossy = shared_converter().convert(_mutate(seed_docx, "word/document.xml", drop))
    findings = check_pdf(lossy, docx=seed_docx).findings
    assert {(f.rule, f.element) for f in findings if f.severity == "error"} == {("ND30-STRUCTURE", element)}, findings


@needs_lo
def test_a_missing_type_name_is_reported_without_the_docx(seed_docx):
    no_type = shared_converter().convert(_mutate(seed_docx, "word/document.xml",
                                                 lambda x: x.replace(">THÔNG BÁO<", "><", 1)))
    findings = check_pdf(no_type).findings
    assert [(f.rule, f.element) for f in findings] == [("ND30-STRUCTURE", "type_name")]


def test_rules_without_quoc_hieu_and_tieu_ngu_are_honoured():
    """A pack's rule set that removes elements (Party documents have no Tiêu ngữ) must not break it."""
    from thongbao.check.overrides import RuleOverrides, resolve_rules

    rules, _ = resolve_rules(None, RuleOverrides(remove_elements=("motto", "national_title")))
    pdf = tiny_pdf(["DANG CONG SAN VIET NAM"])  # (tiny_pdf writes Latin-1 only)
    structure = {f.element for f in check_pdf(pdf, rules=rules).findings if f.rule == "ND30-STRUCTURE"}
    assert structure and not structure & {"national_title", "motto"}
    assert {"national_title", "motto"} <= {f.element for f in check_pdf(pdf).findings}
