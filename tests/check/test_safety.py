"""Hostile inputs are refused fast, with bilingual messages, without touching the input."""

from __future__ import annotations

import io
import os
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from thongbao.check import Limits, UnreadableDocument, open_docx_package, read_docx
from thongbao.check.safety import parse_xml, read_limited

from .docx_factory import (
    MAIN_CT,
    docx,
    docx_bomb,
    docx_parts,
    p,
    replace_part,
    zip_bytes,
)

MiB = 1024 * 1024


@contextmanager
def within(seconds: float) -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.2f}s"


def refused(source: object, code: str, *, limits: Limits | None = None, seconds: float = 2.0) -> UnreadableDocument:
    with within(seconds), pytest.raises(UnreadableDocument) as info:
        read_docx(source, limits=limits)  # type: ignore[arg-type]
    exc = info.value
    assert exc.code == code, (exc.code, str(exc))
    assert exc.reason_en and exc.reason_vi and exc.reason_en != exc.reason_vi
    assert str(exc) == f"{exc.reason_en} / {exc.reason_vi}"
    return exc


def _doc_xml(inner: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' + inner
    ).encode()


BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&{ent};</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.fixture(scope="module")
def gigabyte_bomb() -> bytes:
    return docx_bomb(1 << 30)  # 1 GiB of zeros, about 1 MB on disk


# ---------------------------------------------------------------------------------------------


def test_valid_package_opens_and_parts_parse_on_demand() -> None:
    pkg = open_docx_package(docx(p("Xin chào")))
    assert pkg.main_part == "word/document.xml"
    assert pkg.content_type("word/document.xml") == MAIN_CT
    root = pkg.xml("word/document.xml")
    assert root is not None and root.tag.endswith("}document")
    assert pkg.xml("word/document.xml") is root  # cached
    assert pkg.xml("word/missing.xml") is None
    assert [r.kind for r in pkg.rels("word/document.xml").values()] == ["styles"]


def test_sources_path_bytes_stream_are_not_modified(tmp_path: Path) -> None:
    data = docx(p("Xin chào"))
    path = tmp_path / "a.docx"
    path.write_bytes(data)
    os.chmod(path, 0o444)
    before = path.stat().st_mtime_ns
    for source in (path, str(path), data, io.BytesIO(data)):
        assert read_docx(source).paragraphs[0].text == "Xin chào"
    assert path.read_bytes() == data and path.stat().st_mtime_ns == before


def test_gigabyte_zip_bomb(gigabyte_bomb: bytes) -> None:
    exc = refused(gigabyte_bomb, "zip-bomb")
    assert "zip bomb" in exc.reason_en and "bom nén" in exc.reason_vi


def test_zip_bomb_with_lying_header_fails_while_reading(gigabyte_bomb: bytes) -> None:
    # The headers say 1 KB; inflation is cut there and the checksum gives the lie away.
    lying = docx_bomb(64 * MiB, declared_size=1000)
    refused(lying, "corrupt")


def test_bomb_under_part_limit_but_high_ratio() -> None:
    exc = refused(docx_bomb(40 * MiB), "zip-bomb")
    assert "200:1" in exc.reason_en


def test_declared_size_limits() -> None:
    big = zip_bytes({**docx_parts(docx(p("x"))), "word/media/big.bin": os.urandom(3 * MiB)})
    refused(big, "too-large", limits=Limits(max_part_bytes=2 * MiB))
    refused(big, "too-large", limits=Limits(max_total_bytes=2 * MiB))


def test_read_limited_stops_on_actual_bytes_not_headers() -> None:
    # A stream that would inflate to 1 GiB; the reader must stop at the limit after reading
    # only a little of it, whatever the header claimed.
    class Inflating(io.RawIOBase):
        def __init__(self) -> None:
            self.produced = 0

        def read(self, n: int = -1) -> bytes:
            self.produced += n
            return bytes(n)

    stream = Inflating()
    with within(1.0), pytest.raises(UnreadableDocument) as info:
        read_limited(stream, name="x", max_bytes=5 * MiB, compressed_size=10 * MiB,  # type: ignore[arg-type]
                     max_ratio=200, ratio_min_bytes=MiB)
    assert info.value.code == "too-large" and stream.produced <= 6 * MiB
    stream = Inflating()
    with pytest.raises(UnreadableDocument) as info:
        read_limited(stream, name="x", max_bytes=50 * MiB, compressed_size=1000,  # type: ignore[arg-type]
                     max_ratio=200, ratio_min_bytes=MiB)
    assert info.value.code == "zip-bomb" and stream.produced <= 2 * MiB
    stream = Inflating()
    with pytest.raises(UnreadableDocument) as info:
        read_limited(stream, name="x", max_bytes=50 * MiB, compressed_size=10 * MiB,  # type: ignore[arg-type]
                     max_ratio=200, ratio_min_bytes=MiB, already_read=199 * MiB, max_total=200 * MiB)
    assert info.value.code == "too-large"


def test_too_many_entries() -> None:
    entries = docx_parts(docx(p("x")))
    entries.update({f"junk/{i}.txt": b"" for i in range(2100)})
    exc = refused(zip_bytes(entries), "too-many-entries")
    assert "2000" in exc.reason_en


def test_billion_laughs() -> None:
    lol = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    xml = _doc_xml(f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>' + BODY.format(ent="lol9"))
    exc = refused(replace_part(docx(p("x")), "word/document.xml", xml), "xml-doctype")
    assert "DOCTYPE" in exc.reason_en


def test_xxe_to_etc_passwd() -> None:
    xml = _doc_xml('<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + BODY.format(ent="xxe"))
    exc = refused(replace_part(docx(p("x")), "word/document.xml", xml), "xml-doctype")
    assert "root:" not in str(exc)


def test_doctype_in_utf16_and_in_styles() -> None:
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d []>'
           + BODY.format(ent="amp")).encode("utf-16")
    refused(replace_part(docx(p("x")), "word/document.xml", xml), "xml-doctype")
    styles = _doc_xml('<!DOCTYPE s [<!ENTITY e SYSTEM "http://example.invalid/">]><w:styles '
                      'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    refused(replace_part(docx(p("x")), "word/styles.xml", styles), "xml-doctype")


def test_escaped_doctype_text_is_fine() -> None:
    doc = read_docx(docx(p("<!DOCTYPE html> and <!ENTITY x>")))
    assert doc.paragraphs[0].text == "<!DOCTYPE html> and <!ENTITY x>"


def test_parse_xml_refuses_entities_even_without_doctype_keyword_case() -> None:
    with pytest.raises(UnreadableDocument):
        parse_xml(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>')
    with pytest.raises(UnreadableDocument) as info:
        parse_xml(b"<a>&undefined;</a>")
    assert info.value.code == "xml-malformed"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: os.urandom(4096), "not-zip"),
        (lambda: b"", "empty"),
        (lambda: docx(p("x"))[:700], "corrupt"),
        (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pdf"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "legacy-doc"),
        (
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le"),
            "encrypted",
        ),
        (lambda: b"{\\rtf1\\ansi hello}", "rtf"),
        (lambda: zip_bytes({"hello.txt": b"hi"}), "not-docx"),
        (lambda: zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"}),
         "odt"),
    ],
    ids=["random", "empty", "truncated", "pdf", "ole-doc", "encrypted-docx", "rtf", "plain-zip", "odt"],
)
def test_not_a_docx(make: Callable[[], bytes], code: str) -> None:
    refused(make(), code)


def test_wrong_main_content_type() -> None:
    data = docx(p("x"))
    ct = docx_parts(data)["[Content_Types].xml"].replace(MAIN_CT.encode(), b"application/xml")
    exc = refused(replace_part(data, "[Content_Types].xml", ct), "not-docx")
    assert "content type" in exc.reason_en


def test_missing_document_part() -> None:
    entries = docx_parts(docx(p("x")))
    del entries["word/document.xml"]
    refused(zip_bytes(entries), "not-docx")


def test_xlsx_is_named() -> None:
    entries = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    exc = refused(zip_bytes(entries), "xlsx")
    assert "Excel" in exc.reason_en


def test_encrypted_zip_entry() -> None:
    data = bytearray(docx(p("x")))
    # Set the "encrypted" flag bit of every central-directory record.
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 8] |= 0x1
        pos = data.find(b"PK\x01\x02", pos + 4)
    refused(bytes(data), "encrypted")


def test_path_traversal_names_do_not_crash() -> None:
    entries = docx_parts(docx(p("x")))
    entries["../../../../etc/passwd"] = b"nope"
    entries["/abs/evil.xml"] = b"<a/>"
    rels = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/header" Target="../../../../etc/passwd"/></Relationships>',
    )
    entries["word/_rels/document.xml.rels"] = rels
    doc = read_docx(zip_bytes(entries))
    assert doc.paragraphs[0].text == "x"


def test_malformed_xml() -> None:
    refused(replace_part(docx(p("x")), "word/document.xml", b"<w:document><unclosed>"), "xml-malformed")


def test_deflate_stream_corruption() -> None:
    data = docx(p("x" * 5000))
    entries = docx_parts(data)
    raw = zlib.compress(entries["word/document.xml"])
    assert raw  # sanity
    buf = bytearray(data)
    i = buf.find(b"word/document.xml") + len("word/document.xml") + 10
    for k in range(i, i + 40):
        buf[k] ^= 0xFF
    with within(2.0), pytest.raises(UnreadableDocument) as info:
        read_docx(bytes(buf))
    assert info.value.code in ("corrupt", "xml-malformed")


def test_a_huge_but_legal_xml_part_is_refused_before_parsing() -> None:
    # 20 MiB of ordinary text compresses far below the bomb ratio, but parsing it would take
    # a minute and gigabytes: the XML-part limit refuses it from the ZIP header.
    line = " ".join(f"{i:08x}" for i in range(100))
    big = docx("".join(p(f"{n} {line}") for n in range(20_000)))
    exc = refused(big, "too-large")
    assert "word/document.xml" in exc.reason_en and "16.0 MiB" in exc.reason_en
    assert read_docx(big, limits=Limits(max_xml_part_bytes=64 * MiB)).paragraphs  # the cap is a setting


def test_too_many_paragraphs_are_refused_in_bounded_time() -> None:
    many = docx("".join(p(f"{n:x}") for n in range(31_000)))
    exc = refused(many, "too-large", seconds=3.0)
    assert "31,000 paragraphs" in exc.reason_en and "31.000 đoạn" in exc.reason_vi
    assert read_docx(many, limits=Limits(max_paragraphs=40_000)).paragraphs
