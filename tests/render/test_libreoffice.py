"""thongbao.render.libreoffice: the warm converter, its pool, recovery, orphans, the fallback.

Tests that need LibreOffice are marked ``libreoffice`` and skipped when ``soffice`` is missing,
unless THONGBAO_REQUIRE_LIBREOFFICE=1 (then they run, and fail loudly).
"""

from __future__ import annotations

import io
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thongbao.pdfinfo import pdf_facts
from thongbao.render.libreoffice import (
    ConversionError,
    ConverterPool,
    LibreOfficeConverter,
    LibreOfficeNotFound,
    UnoNotFound,
    convert_once,
    find_soffice,
    find_uno_python,
)
from thongbao.render.pdf import PdfOptions

REQUIRE = os.environ.get("THONGBAO_REQUIRE_LIBREOFFICE") == "1"


def _soffice() -> str | None:
    try:
        return find_soffice()
    except LibreOfficeNotFound:
        return None


def _uno_python() -> str | None:
    try:
        return find_uno_python(_soffice())
    except LibreOfficeNotFound:
        return None


SOFFICE = _soffice()
UNO_PYTHON = _uno_python() if SOFFICE else None
needs_soffice = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None and not REQUIRE, reason="LibreOffice (soffice) is not installed"),
]
needs_warm = [
    *needs_soffice,
    pytest.mark.skipif(UNO_PYTHON is None and not REQUIRE, reason="no Python with the UNO bindings (python3-uno)"),
]
needs_proc = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DATE_LINE = "Hưng Yên, ngày 05 tháng 01 năm 2023"


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


def _page_field(paragraph: object) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), ("instr", "PAGE"), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def make_docx(marker: str = "Thông báo số 01/TB-UBND", *, pages: int = 2) -> bytes:
    """A notice-like A4 DOCX in Times New Roman with a page number in the header."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    rfonts.set(qn("w:eastAsia"), "Times New Roman")
    rfonts.set(qn("w:cs"), "Times New Roman")
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)

    for text, bold in ((NATIONAL, True), (MOTTO, True), (DATE_LINE, False), (marker, True)):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(unicodedata.normalize("NFC", text))
        run.bold = bold
    for page in range(1, pages):
        doc.add_paragraph("Nội dung thông báo: các cơ quan, đơn vị thực hiện nghiêm túc.")
        doc.paragraphs[-1].runs[0].add_break(WD_BREAK.PAGE)
        doc.add_paragraph(f"Trang tiếp theo {page + 1}: Nơi nhận; Lưu: VT.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _processes_matching(text: str) -> list[tuple[int, str]]:
    """Like ``pgrep -f TEXT`` (without needing procps): live, non-zombie processes."""
    found: list[tuple[int, str]] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state not in ("Z", "X"):
            found.append((int(entry.name), cmdline.strip()))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _soffice_bin_pid(converter: LibreOfficeConverter) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for pid, cmdline in _processes_matching(str(converter.profile_dir)):
            if "soffice.bin" in cmdline.split(" ", 1)[0]:
                return pid
        time.sleep(0.05)
    raise AssertionError("soffice.bin not found")


def _wait_gone(text: str, timeout: float = 10.0) -> list[tuple[int, str]]:
    deadline = time.monotonic() + timeout
    left = _processes_matching(text)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = _processes_matching(text)
    return left


def assert_valid_notice_pdf(pdf: bytes, marker: str | None = None, *, pages: int = 2) -> None:
    facts = pdf_facts(pdf)
    assert facts.version_tuple >= (1, 4)
    assert facts.page_count == pages
    for page in facts.pages:
        assert page.is_a4, (page.width_mm, page.height_mm)
        assert page.orientation == "portrait"
        assert page.fonts and all(f.embedded for f in page.fonts), page.fonts
    text = _nfc(facts.text)
    for expected in (NATIONAL, MOTTO, DATE_LINE):
        assert _nfc(expected) in text
    if marker is not None:
        assert _nfc(marker) in text


# ------------------------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def converter() -> Iterator[LibreOfficeConverter]:
    with LibreOfficeConverter(timeout=60) as conv:
        yield conv


@pytest.fixture(scope="module")
def notice_docx() -> bytes:
    return make_docx()


# ------------------------------------------------------------------------------------------------
# Not installed
# ------------------------------------------------------------------------------------------------


def _assert_install_hint(message: str) -> None:
    assert "sudo apt-get install -y libreoffice-writer-nogui fonts-liberation" in message
    assert "brew install --cask libreoffice" in message
    assert "libreoffice.org/download" in message
    assert "scripts/install-system-deps.sh" in message


def test_missing_soffice_names_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = str(tmp_path / "no" / "soffice")
    with pytest.raises(LibreOfficeNotFound) as excinfo:
        LibreOfficeConverter(soffice=missing)
    _assert_install_hint(str(excinfo.value))
    assert missing in str(excinfo.value)

    with pytest.raises(LibreOfficeNotFound) as excinfo:
        convert_once(make_docx(), soffice=missing)
    _assert_install_hint(str(excinfo.value))

    monkeypatch.setenv("THONGBAO_SOFFICE", missing)
    with pytest.raises(LibreOfficeNotFound):
        find_soffice()


def test_missing_uno_bindings_names_python3_uno(monkeypatch: pytest.MonkeyPatch) -> None:
    import thongbao.render.libreoffice as lo

    monkeypatch.setattr(lo, "_has_uno", lambda python: False)
    monkeypatch.delenv("THONGBAO_UNO_PYTHON", raising=False)
    with pytest.raises(UnoNotFound) as excinfo:
        lo.find_uno_python("/usr/bin/soffice")
    assert "python3-uno" in str(excinfo.value)
    assert isinstance(excinfo.value, LibreOfficeNotFound)


def test_rejects_non_docx_input_without_starting_anything(tmp_path: Path) -> None:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    conv = LibreOfficeConverter()
    try:
        with pytest.raises(ConversionError, match="not a DOCX"):
            conv.convert(b"%PDF-1.4 not a docx")
        with pytest.raises(ConversionError, match="cannot read"):
            conv.convert(tmp_path / "missing.docx")
        assert conv.office_pid is None
    finally:
        conv.close()
    with pytest.raises(ConversionError, match="closed"):
        conv.convert(make_docx())


# ------------------------------------------------------------------------------------------------
# Conversion
# ------------------------------------------------------------------------------------------------


class TestWarmConverter:
    pytestmark = needs_warm

    def test_notice_is_a4_with_vietnamese_text_and_embedded_fonts(
        self, converter: LibreOfficeConverter, notice_docx: bytes
    ) -> None:
        pdf = converter.convert(notice_docx)
        assert pdf.startswith(b"%PDF-1.")
        assert_valid_notice_pdf(pdf, "Thông báo số 01/TB-UBND")
        facts = pdf_facts(pdf)
        # Times New Roman is rendered with its metric-compatible substitute.
        assert {f.name for f in facts.fonts} <= {"LiberationSerif", "LiberationSerif-Bold", "TimesNewRomanPSMT"}
        assert not facts.pdf_a_declared
        # Header page numbers: "1" on page 1, "2" on page 2.
        assert "2" in facts.pages[1].text.split()
        assert "1" in facts.pages[0].text.split()

    def test_path_input(self, converter: LibreOfficeConverter, notice_docx: bytes, tmp_path: Path) -> None:
        path = tmp_path / "thông báo.docx"
        path.write_bytes(notice_docx)
        assert_valid_notice_pdf(converter.convert(path))

    def test_pdf_a_2b_and_tagged(self, converter: LibreOfficeConverter, notice_docx: bytes) -> None:
        pdf = converter.convert(notice_docx, pdf_options=PdfOptions(pdf_a=True, tagged=True))
        facts = pdf_facts(pdf)
        assert facts.pdf_a == (2, "B")
        assert facts.all_fonts_embedded
        assert b"/StructTreeRoot" in pdf  # tagged
        assert_valid_notice_pdf(pdf)

    def test_document_rejected_by_libreoffice_is_not_retried(self, converter: LibreOfficeConverter) -> None:
        bogus = io.BytesIO()
        with zipfile.ZipFile(bogus, "w") as zf:
            zf.writestr("hello.bin", b"\x00\x01\x02 nothing to see")
        restarts = converter.restarts
        try:
            pdf = converter.convert(bogus.getvalue())
        except ConversionError:
            pass
        else:  # LibreOffice may import anything as plain text; then it is at least a PDF
            assert pdf.startswith(b"%PDF-")
        assert converter.restarts == restarts
        assert_valid_notice_pdf(converter.convert(make_docx()))  # still warm and working

    def test_many_documents_reuse_one_process(self, converter: LibreOfficeConverter) -> None:
        converter.convert(make_docx())
        pid = converter.office_pid
        for i in range(3):
            marker = f"Văn bản thứ {i}"
            assert_valid_notice_pdf(converter.convert(make_docx(marker)), marker)
        assert converter.office_pid == pid


class TestPool:
    pytestmark = needs_warm

    def test_map_preserves_order(self) -> None:
        markers = [f"Thông báo số {i:02d}/TB-UBND" for i in range(6)]
        with ConverterPool(size=2, timeout=60) as pool:
            profiles = {c.profile_dir for c in pool.converters}
            assert len(profiles) == 2
            pdfs = pool.map(make_docx(m, pages=1) for m in markers)
        assert len(pdfs) == len(markers)
        for marker, pdf in zip(markers, pdfs, strict=True):
            text = _nfc(pdf_facts(pdf).text)
            assert _nfc(marker) in text
            assert [m for m in markers if _nfc(m) in text] == [marker]
        for profile in profiles:
            assert not _processes_matching(str(profile))

    def test_map_reports_the_failing_document(self) -> None:
        with ConverterPool(size=2) as pool, pytest.raises(ConversionError, match="document 1 of 3"):
            pool.map([make_docx(pages=1), b"garbage", make_docx(pages=1)])


# ------------------------------------------------------------------------------------------------
# Recovery: crash, hang
# ------------------------------------------------------------------------------------------------


@needs_proc
class TestRecovery:
    pytestmark = needs_warm

    def test_kill_9_in_the_middle_of_a_batch(self) -> None:
        markers = [f"Quyết định số {i}/QĐ-UBND" for i in range(10)]
        docs = [make_docx(m, pages=1) for m in markers]
        pdfs: list[bytes] = []
        with LibreOfficeConverter(timeout=30, retries=2) as conv:
            for i, doc in enumerate(docs):
                if i == 3:  # during a conversion (or right before it)
                    pid = _soffice_bin_pid(conv)
                    threading.Timer(0.01, os.kill, (pid, signal.SIGKILL)).start()
                if i == 7:  # while idle, between documents
                    os.kill(_soffice_bin_pid(conv), signal.SIGKILL)
                    time.sleep(0.2)
                pdfs.append(conv.convert(doc))
            assert conv.restarts >= 1
        for marker, pdf in zip(markers, pdfs, strict=True):
            assert_valid_notice_pdf(pdf, marker, pages=1)

    def test_kill_9_of_every_pool_worker_in_the_middle_of_a_batch(self) -> None:
        """A batch through the pool survives its offices being killed while it runs: no document
        lost, each PDF valid, in input order."""
        markers = [f"Thông báo số {i}/TB-SKHCN" for i in range(30)]
        docs = [make_docx(m, pages=1) for m in markers]
        with ConverterPool(size=2, timeout=30, retries=2) as pool:
            pool.convert(make_docx(pages=1))  # both offices up (the pool starts them together)
            victims = [_soffice_bin_pid(conv) for conv in pool.converters]

            def kill_all() -> None:
                for pid in victims:
                    os.kill(pid, signal.SIGKILL)

            killer = threading.Timer(0.5, kill_all)
            killer.start()
            pdfs = pool.map(docs)
            killer.join()
            assert sum(conv.restarts for conv in pool.converters) >= 1
            assert all(not _alive(pid) for pid in victims)
        for marker, pdf in zip(markers, pdfs, strict=True):
            assert_valid_notice_pdf(pdf, marker, pages=1)

    def test_hung_office_times_out_is_killed_and_the_document_retried(self) -> None:
        with LibreOfficeConverter(timeout=2, retries=1) as conv:
            conv.convert(make_docx(pages=1))
            stopped = _soffice_bin_pid(conv)
            os.kill(stopped, signal.SIGSTOP)
            started = time.monotonic()
            pdf = conv.convert(make_docx("Sau khi treo", pages=1))
            assert time.monotonic() - started < 30
            assert conv.restarts == 1
            assert_valid_notice_pdf(pdf, "Sau khi treo", pages=1)
            assert not _alive(stopped)  # the hung soffice.bin was killed, not left stopped

            # Every attempt hangs: a clear error after retries, and the converter still works.
            conv.retries = 0
            os.kill(_soffice_bin_pid(conv), signal.SIGSTOP)
            with pytest.raises(ConversionError, match=r"after 1 attempt.*timed out after 2 s"):
                conv.convert(make_docx(pages=1))
            assert_valid_notice_pdf(conv.convert(make_docx(pages=1)), pages=1)


# ------------------------------------------------------------------------------------------------
# No orphans
# ------------------------------------------------------------------------------------------------


@needs_proc
class TestNoOrphans:
    pytestmark = needs_warm

    def test_close_kills_everything_and_removes_the_profile(self) -> None:
        conv = LibreOfficeConverter()
        conv.start()
        workdir = conv.workdir
        assert len(_processes_matching(str(workdir))) >= 2  # soffice(.bin) + helper
        conv.close()
        assert not _processes_matching(str(workdir))
        assert not workdir.exists()
        conv.close()  # idempotent

    CHILD = r"""
import gc, sys, time
from pathlib import Path
from thongbao.render.libreoffice import ConverterPool, LibreOfficeConverter

mode, docx = sys.argv[1], Path(sys.argv[2]).read_bytes()
if mode == "sigint-pool":
    pool = ConverterPool(size=2, timeout=30)
    pool.start()
    print("WORKDIRS", *[c.workdir for c in pool.converters], flush=True)
    pool.map([docx, docx])
    print("BUSY", flush=True)
    while True:  # Ctrl-C lands in the middle of a batch
        pool.map([docx] * 4)
conv = LibreOfficeConverter(timeout=30)
conv.start()
print("WORKDIRS", conv.workdir, flush=True)
conv.convert(docx)
if mode == "gc":
    del conv
    gc.collect()
    print("BUSY", flush=True)
    time.sleep(60)
print("BUSY", flush=True)
if mode == "exit":
    sys.exit(0)  # no close(): atexit/finalizer must clean up
while True:
    conv.convert(docx)
"""

    @pytest.mark.parametrize("mode", ["sigint-pool", "sigterm", "exit", "gc", "sigkill-parent"])
    def test_no_soffice_left_behind(self, mode: str, tmp_path: Path) -> None:
        docx = tmp_path / "in.docx"
        docx.write_bytes(make_docx(pages=1))
        stderr_path = tmp_path / "stderr.txt"
        with open(stderr_path, "w") as stderr:
            child = subprocess.Popen(
                [sys.executable, "-c", self.CHILD, mode, str(docx)],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                start_new_session=True,  # its own group, as a terminal's foreground job
            )
        lines: queue.Queue[str] = queue.Queue()
        assert child.stdout is not None
        threading.Thread(target=lambda: [lines.put(line) for line in child.stdout], daemon=True).start()  # type: ignore[union-attr]
        workdirs: list[str] = []
        try:
            while True:
                try:
                    line = lines.get(timeout=60)
                except queue.Empty:
                    raise AssertionError(f"child stuck; stderr: {stderr_path.read_text()}") from None
                if line.startswith("WORKDIRS"):
                    workdirs = line.split()[1:]
                if line.startswith("BUSY"):
                    break
            assert workdirs
            if mode == "gc":
                for workdir in workdirs:
                    assert not _wait_gone(workdir), "finalizer did not kill soffice"
                    assert not Path(workdir).exists()
                return
            if mode != "exit":  # (in "exit" mode the child may already be gone)
                for workdir in workdirs:
                    assert _processes_matching(workdir)
            time.sleep(0.3)
            if mode == "sigint-pool":
                os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
            elif mode == "sigterm":
                os.kill(child.pid, signal.SIGTERM)
            elif mode == "sigkill-parent":
                os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
            if mode == "exit":
                assert child.returncode == 0, stderr_path.read_text()
            else:
                assert child.returncode != 0
            for workdir in workdirs:
                assert not _wait_gone(workdir), f"orphans after {mode}: {_processes_matching(workdir)}"
                if mode != "sigkill-parent":  # nobody is left to remove it after SIGKILL
                    assert not Path(workdir).exists()
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
            for workdir in workdirs:
                for pid, _ in _processes_matching(workdir):
                    os.kill(pid, signal.SIGKILL)
                shutil.rmtree(workdir, ignore_errors=True)


# ------------------------------------------------------------------------------------------------
# One-shot fallback
# ------------------------------------------------------------------------------------------------


class TestConvertOnce:
    pytestmark = needs_soffice

    def test_convert_once(self, notice_docx: bytes) -> None:
        assert_valid_notice_pdf(convert_once(notice_docx))

    def test_convert_once_pdf_a(self, notice_docx: bytes) -> None:
        facts = pdf_facts(convert_once(notice_docx, pdf_options=PdfOptions(pdf_a=True)))
        assert facts.pdf_a == (2, "B")
