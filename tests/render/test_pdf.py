"""thongbao.render.pdf (finish_pdf: metadata, XMP, PDF/A, appendices) and thongbao.pdfinfo (pdf_facts).

The first part builds PDFs with pypdf alone; the ``libreoffice`` part checks real exports.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from thongbao.pdfinfo import parse_pdf_date, pdf_facts
from thongbao.render.pdf import (
    PdfAWarning,
    PdfMetadata,
    PdfOptions,
    finish_pdf,
    format_pdf_date,
    format_xmp_date,
)

A4 = (595.28, 841.89)
A5_LANDSCAPE = (595.28, 419.53)
LETTER = (612.0, 792.0)

META = PdfMetadata(
    title="Thông báo về việc nghỉ Tết Nguyên đán Quý Mão 2023",
    author="Ủy ban nhân dân tỉnh Hưng Yên",
    subject="Thông báo nghỉ Tết",
    keywords=("thông báo", "nghỉ Tết", "Hưng Yên"),
    creation_date=datetime(2023, 1, 5, 8, 30, 0),
    creator="thongbao 0.1",
    producer="thongbao (LibreOffice 7.4 + pypdf)",
)

PDFA_XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:creator><rdf:Seq><rdf:li>python-docx</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
     xmp:CreatorTool="Writer" xmp:CreateDate="2023-01-05T01:30:00Z"/>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def blank_pdf(*sizes: tuple[float, float], xmp: bytes | None = None, info: dict[str, str] | None = None) -> bytes:
    writer = PdfWriter()
    for width, height in sizes:
        writer.add_blank_page(width, height)
    if info:
        writer.add_metadata(info)
    if xmp is not None:
        stream = DecodedStreamObject()
        stream.set_data(xmp)
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------------
# Dates
# ------------------------------------------------------------------------------------------------


def test_dates_are_written_in_vietnam_time() -> None:
    assert format_pdf_date(datetime(2023, 1, 5, 8, 30)) == "D:20230105083000+07'00'"
    assert format_pdf_date(datetime(2023, 1, 5, 1, 30, tzinfo=UTC)) == "D:20230105083000+07'00'"
    assert format_pdf_date(datetime(2023, 1, 4, 22, 0, tzinfo=timezone(timedelta(hours=-5)))) == (
        "D:20230105100000+07'00'"
    )
    assert format_xmp_date(datetime(2023, 1, 5, 8, 30, 15, 999)) == "2023-01-05T08:30:15+07:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D:20230105083000+07'00'", datetime(2023, 1, 5, 8, 30, tzinfo=timezone(timedelta(hours=7)))),
        ("D:20230105083000+07'00", datetime(2023, 1, 5, 8, 30, tzinfo=timezone(timedelta(hours=7)))),
        ("D:20261125044722Z'", datetime(2026, 11, 25, 4, 47, 22, tzinfo=UTC)),
        ("D:20230105083000-05'30'", datetime(2023, 1, 5, 8, 30, tzinfo=timezone(-timedelta(hours=5, minutes=30)))),
        ("D:2023", datetime(2023, 1, 1)),
        ("yesterday", None),
        ("D:20231399000000Z", None),
    ],
)
def test_parse_pdf_date(text: str, expected: datetime | None) -> None:
    assert parse_pdf_date(text) == expected


def test_keywords_must_be_a_tuple() -> None:
    with pytest.raises(TypeError):
        PdfMetadata(keywords="a, b")  # type: ignore[arg-type]
    assert PdfMetadata(keywords=["a", "b"]).keywords == ("a", "b")  # type: ignore[arg-type]


def test_pdf_options_filter_data() -> None:
    assert PdfOptions().filter_data()["SelectPdfVersion"] == 0
    assert PdfOptions(pdf_a=True).filter_data()["SelectPdfVersion"] == 2
    assert PdfOptions(tagged=True).filter_data()["UseTaggedPDF"] is True
    assert PdfOptions.embed_fonts is True
    assert PdfOptions().filter_data()["EmbedStandardFonts"] is True
    assert '"SelectPdfVersion":{"type":"long","value":"2"}' in PdfOptions(pdf_a=True).filter_options_json()


# ------------------------------------------------------------------------------------------------
# finish_pdf without LibreOffice
# ------------------------------------------------------------------------------------------------


def test_metadata_round_trips_with_vietnam_offset() -> None:
    out = finish_pdf(blank_pdf(A4), META)
    facts = pdf_facts(out)
    assert facts.title == META.title
    assert facts.author == META.author
    assert facts.subject == META.subject
    assert facts.keywords == "thông báo, nghỉ Tết, Hưng Yên"
    assert facts.creator == META.creator
    assert facts.producer == META.producer
    assert facts.creation_date_raw == "D:20230105083000+07'00'"
    assert facts.modification_date_raw == "D:20230105083000+07'00'"
    assert facts.creation_date == datetime(2023, 1, 5, 8, 30, tzinfo=timezone(timedelta(hours=7)))
    # XMP is written too, and agrees with the info dictionary.
    props = facts.xmp_properties
    assert props["dc:title"] == META.title
    assert props["dc:creator"] == META.author
    assert props["dc:description"] == META.subject
    assert props["pdf:Keywords"] == facts.keywords
    assert props["pdf:Producer"] == META.producer
    assert props["xmp:CreatorTool"] == META.creator
    assert props["xmp:CreateDate"] == "2023-01-05T08:30:00+07:00"
    assert not facts.pdf_a_declared


def test_version_is_raised_to_at_least_1_4() -> None:
    src = blank_pdf(A4)
    assert src.startswith(b"%PDF-1.3")
    out = finish_pdf(src, META)
    assert out.startswith(b"%PDF-1.4")
    assert pdf_facts(out).version == "1.4"


def test_existing_creation_date_and_producer_are_kept_in_vietnam_time() -> None:
    src = blank_pdf(A4, info={"/CreationDate": "D:20261125044722Z'", "/Producer": "LibreOffice 7.4"})
    facts = pdf_facts(finish_pdf(src, PdfMetadata(title="T")))
    assert facts.creation_date_raw == "D:20261125114722+07'00'"
    assert facts.producer == "LibreOffice 7.4"
    assert facts.creator == "thongbao"


def test_appendices_follow_the_main_document_in_order() -> None:
    main = blank_pdf(A4, A4)
    first = blank_pdf(A5_LANDSCAPE)
    second = blank_pdf(LETTER, LETTER, LETTER)
    facts = pdf_facts(finish_pdf(main, META, appendices=[first, second]))
    assert facts.page_count == 6
    sizes = [(round(p.width_mm), round(p.height_mm)) for p in facts.pages]
    assert sizes == [(210, 297), (210, 297), (210, 148), (216, 279), (216, 279), (216, 279)]
    assert [p.orientation for p in facts.pages][:3] == ["portrait", "portrait", "landscape"]
    assert facts.pages[0].is_a4 and not facts.pages[2].is_a4 and facts.pages[2].is_size(148, 210)


def test_finish_is_pure_and_deterministic() -> None:
    src = blank_pdf(A4)
    before = bytes(src)
    assert finish_pdf(src, META) == finish_pdf(src, META)
    assert src == before
    assert finish_pdf(src, META) != finish_pdf(src, PdfMetadata(title="khác"))


def test_pdf_a_declaration_survives_and_xmp_is_updated() -> None:
    src = blank_pdf(A4, xmp=PDFA_XMP, info={"/Producer": "LibreOffice 7.4"})
    assert pdf_facts(src).pdf_a == (2, "B")
    out = finish_pdf(src, META, pdf_a=True)
    facts = pdf_facts(out)
    assert facts.pdf_a == (2, "B")
    props = facts.xmp_properties
    assert props["dc:title"] == META.title
    assert props["dc:creator"] == META.author  # python-docx replaced, not duplicated
    assert facts.xmp is not None and facts.xmp.count("<rdf:li>") == 1 + len(META.keywords)
    assert props["xmp:CreateDate"] == "2023-01-05T08:30:00+07:00"  # attribute form replaced
    assert "xmp:CreateDate=" not in facts.xmp
    assert props["xmp:CreatorTool"] == facts.creator
    # PDF/A: the metadata stream is not filtered, and the packet stays a writable xpacket.
    reader = PdfReader(io.BytesIO(out))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object()
    assert "/Filter" not in metadata
    assert metadata["/Subtype"] == "/XML"
    assert facts.xmp.startswith('<?xpacket begin="\ufeff"') and facts.xmp.endswith('<?xpacket end="w"?>')
    assert "/ID" not in PdfReader(io.BytesIO(src)).trailer
    assert len(reader.trailer["/ID"]) == 2  # PDF/A requires a file identifier


def test_pdf_a_requires_a_pdf_a_input() -> None:
    with pytest.raises(ValueError, match="PDF/A-2"):
        finish_pdf(blank_pdf(A4), META, pdf_a=True)


def test_non_pdf_a_appendix_warns() -> None:
    main = blank_pdf(A4, xmp=PDFA_XMP)
    with pytest.warns(PdfAWarning, match="appendix 1"):
        finish_pdf(main, META, appendices=[blank_pdf(A4)], pdf_a=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        finish_pdf(main, META, appendices=[blank_pdf(A4, xmp=PDFA_XMP)], pdf_a=True)


def test_rejects_non_pdf_input() -> None:
    with pytest.raises(ValueError, match="not a PDF"):
        finish_pdf(b"PK\x03\x04", META)
    with pytest.raises(ValueError, match="appendix 1"):
        finish_pdf(blank_pdf(A4), META, appendices=[b"nope"])
    with pytest.raises(ValueError, match="not a PDF"):
        pdf_facts(b"")


# ------------------------------------------------------------------------------------------------
# pdf_facts: fonts
# ------------------------------------------------------------------------------------------------


def _font_pdf() -> bytes:
    """One page using: Helvetica (standard 14, not embedded), an embedded subset TrueType,
    a Type0 font with an embedded CIDFontType2 descendant, and, inside a form XObject, an
    embedded CFF font. Another page is rotated."""
    writer = PdfWriter()
    page = writer.add_blank_page(*A4)
    rotated = writer.add_blank_page(*A4)
    rotated[NameObject("/Rotate")] = NumberObject(90)

    def font_file() -> object:
        stream = DecodedStreamObject()
        stream.set_data(b"\x00" * 16)
        return writer._add_object(stream)

    def descriptor(name: str, key: str) -> object:
        return writer._add_object(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/FontDescriptor"),
                    NameObject("/FontName"): NameObject(name),
                    NameObject(key): font_file(),
                }
            )
        )

    def font(**entries: object) -> object:
        return writer._add_object(
            DictionaryObject(
                {NameObject("/Type"): NameObject("/Font"), **{NameObject(k): v for k, v in entries.items()}}
            )
        )

    helvetica = font(**{"/Subtype": NameObject("/Type1"), "/BaseFont": NameObject("/Helvetica")})
    truetype = font(
        **{
            "/Subtype": NameObject("/TrueType"),
            "/BaseFont": NameObject("/BAAAAA+LiberationSerif"),
            "/FontDescriptor": descriptor("/BAAAAA+LiberationSerif", "/FontFile2"),
        }
    )
    cid = font(
        **{
            "/Subtype": NameObject("/CIDFontType2"),
            "/BaseFont": NameObject("/CAAAAA+LiberationSerif-Bold"),
            "/FontDescriptor": descriptor("/CAAAAA+LiberationSerif-Bold", "/FontFile2"),
        }
    )
    type0 = font(
        **{
            "/Subtype": NameObject("/Type0"),
            "/BaseFont": NameObject("/CAAAAA+LiberationSerif-Bold"),
            "/DescendantFonts": ArrayObject([cid]),
        }
    )
    cff = font(
        **{
            "/Subtype": NameObject("/Type1"),
            "/BaseFont": NameObject("/DAAAAA+DejaVuSans"),
            "/FontDescriptor": descriptor("/DAAAAA+DejaVuSans", "/FontFile3"),
        }
    )
    form = DecodedStreamObject()
    form.set_data(b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F9"): cff})}
            ),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject("/F1"): helvetica, NameObject("/F2"): truetype, NameObject("/F3"): type0}
            ),
            NameObject("/XObject"): DictionaryObject({NameObject("/X1"): writer._add_object(form)}),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_fonts_per_page_with_embedding() -> None:
    facts = pdf_facts(_font_pdf())
    fonts = {f.base_font: f for f in facts.pages[0].fonts}
    assert set(fonts) == {"Helvetica", "BAAAAA+LiberationSerif", "CAAAAA+LiberationSerif-Bold", "DAAAAA+DejaVuSans"}
    assert not fonts["Helvetica"].embedded and fonts["Helvetica"].font_file is None
    assert fonts["BAAAAA+LiberationSerif"].embedded and fonts["BAAAAA+LiberationSerif"].font_file == "FontFile2"
    assert fonts["BAAAAA+LiberationSerif"].subset and fonts["BAAAAA+LiberationSerif"].name == "LiberationSerif"
    type0 = fonts["CAAAAA+LiberationSerif-Bold"]
    assert type0.subtype == "Type0" and type0.embedded and type0.font_file == "FontFile2"
    assert fonts["DAAAAA+DejaVuSans"].font_file == "FontFile3"  # found inside the form XObject
    assert not facts.all_fonts_embedded
    assert facts.pages[1].fonts == ()
    assert (facts.pages[1].rotation, facts.pages[1].orientation) == (90, "landscape")
    assert facts.pages[0].orientation == "portrait"
    assert round(facts.pages[1].width_mm) == 297


# ------------------------------------------------------------------------------------------------
# Real LibreOffice exports
# ------------------------------------------------------------------------------------------------

REQUIRE = os.environ.get("THONGBAO_REQUIRE_LIBREOFFICE") == "1"


def _warm_available() -> bool:
    from thongbao.render.libreoffice import LibreOfficeNotFound, find_soffice, find_uno_python

    try:
        find_uno_python(find_soffice())
    except LibreOfficeNotFound:
        return False
    return True


needs_lo = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not REQUIRE and not _warm_available(), reason="LibreOffice with python3-uno not installed"),
]
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def make_docx(marker: str, *, landscape: bool = False) -> bytes:
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    for text in (NATIONAL, MOTTO, marker):
        doc.add_paragraph().add_run(text).bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def exports() -> Iterator[dict[str, bytes]]:
    from thongbao.render.libreoffice import LibreOfficeConverter

    pdf_a = PdfOptions(pdf_a=True)
    with LibreOfficeConverter() as conv:
        yield {
            "main": conv.convert(make_docx("Văn bản chính"), pdf_options=pdf_a),
            "appendix1": conv.convert(make_docx("Phụ lục I"), pdf_options=pdf_a),
            "appendix2": conv.convert(make_docx("Phụ lục II", landscape=True), pdf_options=pdf_a),
            "plain": conv.convert(make_docx("Bản thường")),
        }


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class TestRealExports:
    pytestmark = needs_lo

    def test_facts_of_a_libreoffice_pdf(self, exports: dict[str, bytes]) -> None:
        facts = pdf_facts(exports["plain"])
        assert facts.version_tuple >= (1, 4)
        assert facts.page_count == 1 and facts.pages[0].is_a4
        assert facts.all_fonts_embedded
        assert {f.name for f in facts.fonts} == {"LiberationSerif-Bold"}
        assert all(f.subset and f.font_file == "FontFile2" for f in facts.fonts)
        assert _nfc(NATIONAL) in facts.text and _nfc(MOTTO) in facts.text
        assert facts.producer and facts.producer.startswith("LibreOffice")
        assert not facts.pdf_a_declared
        landscape = pdf_facts(exports["appendix2"]).pages[0]
        assert landscape.orientation == "landscape" and landscape.is_a4

    def test_finished_pdf_a_with_appendices(self, exports: dict[str, bytes]) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # all parts are PDF/A: no PdfAWarning
            out = finish_pdf(exports["main"], META, appendices=[exports["appendix1"], exports["appendix2"]], pdf_a=True)
        facts = pdf_facts(out)
        assert facts.pdf_a == (2, "B")
        assert facts.version_tuple >= (1, 4)
        assert facts.page_count == 3
        markers = ["Văn bản chính", "Phụ lục I", "Phụ lục II"]
        for page, marker in zip(facts.pages, markers, strict=True):
            assert _nfc(marker) in page.text.splitlines()
        assert [p.orientation for p in facts.pages] == ["portrait", "portrait", "landscape"]
        assert facts.all_fonts_embedded
        assert facts.title == META.title and facts.creation_date_raw == "D:20230105083000+07'00'"
        props = facts.xmp_properties
        assert props["dc:title"] == facts.title
        assert props["dc:creator"] == facts.author
        assert props["dc:description"] == facts.subject
        assert props["pdf:Keywords"] == facts.keywords
        assert props["pdf:Producer"] == facts.producer
        assert props["xmp:CreatorTool"] == facts.creator
        assert props["xmp:CreateDate"] == "2023-01-05T08:30:00+07:00"
        assert props["pdfaid:part"] == "2" and props["pdfaid:conformance"] == "B"
        # The OutputIntent LibreOffice wrote for PDF/A is kept, and so is the first file identifier.
        reader = PdfReader(io.BytesIO(out))
        assert "/OutputIntents" in reader.trailer["/Root"]
        original_id = PdfReader(io.BytesIO(exports["main"])).trailer["/ID"]
        assert reader.trailer["/ID"][0] == original_id[0]
        assert reader.trailer["/ID"][1] != original_id[1]

    def test_poppler_reads_the_finished_file(self, exports: dict[str, bytes], tmp_path: Path) -> None:
        if shutil.which("pdfinfo") is None or shutil.which("pdffonts") is None:
            pytest.skip("poppler-utils not installed")
        path = tmp_path / "out.pdf"
        path.write_bytes(finish_pdf(exports["main"], META, appendices=[exports["appendix1"]], pdf_a=True))
        info = subprocess.run(["pdfinfo", "-isodates", path], capture_output=True, text=True, check=True)
        assert f"Title:           {META.title}" in info.stdout
        assert "Pages:           2" in info.stdout
        assert "2023-01-05T08:30:00+07" in info.stdout
        assert re.search(r"Page size: +595\.3\d* x 841\.89 pts \(A4\)", info.stdout)
        assert not info.stderr.strip()
        fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows)  # emb column
