"""``thongbao render``: appendices, and failures (LibreOffice, output folder) reported in English and
Vietnamese with a non-zero exit code, a clean message and nothing written."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import thongbao.api
import thongbao.render.pdf_output as pdf_output
from docx_props import iter_paragraphs, open_docx
from thongbao.api import appendix_name, load_document, render_docx
from thongbao.cli import EXIT_INPUT, EXIT_PDF, app
from thongbao.render.libreoffice import ConversionError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
TYPES = ROOT / "examples" / "types"
DECISION = TYPES / "quyet_dinh.yaml"
APPENDIX = TYPES / "phu_luc.yaml"
E_APPENDIX = TYPES / "phu_luc_dien_tu.yaml"

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, ["render", *map(str, args)], env=env)


def files(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, hidden ones included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ---------------------------------------------------------------------------------------------
# Appendices
# ---------------------------------------------------------------------------------------------


def test_appendix_docx_files_are_written_next_to_the_document(tmp_path: Path) -> None:
    result = invoke(DECISION, "-o", tmp_path, "--appendix", APPENDIX, "--appendix", E_APPENDIX)
    assert result.exit_code == 0, result.output
    names = ["quyet_dinh.docx", "quyet_dinh-phu-luc-1.docx", "quyet_dinh-phu-luc-2.docx"]
    assert result.output.split() == [str(tmp_path / n) for n in names]
    assert files(tmp_path) == sorted(names)
    assert appendix_name("quyet_dinh", 2) == names[2]
    assert (tmp_path / names[0]).read_bytes() == render_docx(load_document(DECISION))
    assert (tmp_path / names[1]).read_bytes() == render_docx(load_document(APPENDIX))  # Mẫu 2.1, its own file
    assert (tmp_path / names[2]).read_bytes() == render_docx(load_document(E_APPENDIX))  # Mẫu 2.2
    lines = [p.text for p in iter_paragraphs(open_docx((tmp_path / names[1]).read_bytes()))]
    assert "Phụ lục I" in lines


def test_a_bad_appendix_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("appendix: {title: X}\n", encoding="utf-8")
    result = invoke(DECISION, "-o", tmp_path / "out", "--appendix", bad)
    assert result.exit_code == EXIT_INPUT
    assert "bad.yaml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.libreoffice
@needs_libreoffice
def test_appendices_are_merged_into_the_pdf_each_numbered_on_its_own(tmp_path: Path) -> None:
    from thongbao.pdfinfo import pdf_facts
    from thongbao.render.pdf_output import render_pdf

    result = invoke(DECISION, "-o", tmp_path, "--format", "both", "--appendix", APPENDIX)
    assert result.exit_code == 0, result.output
    assert files(tmp_path) == ["quyet_dinh-phu-luc-1.docx", "quyet_dinh.docx", "quyet_dinh.pdf"]
    merged = pdf_facts((tmp_path / "quyet_dinh.pdf").read_bytes())
    decision, appendix = load_document(DECISION), load_document(APPENDIX)
    alone = pdf_facts(render_pdf(decision, render_docx(decision)))
    attached = pdf_facts(render_pdf(appendix, render_docx(appendix)))
    assert merged.page_count == alone.page_count + attached.page_count
    assert merged.title == alone.title and merged.subject == "QUYẾT ĐỊNH 45/QĐ-SKHCN"  # the document's metadata
    first = merged.pages[alone.page_count].text
    assert "PHỤ LỤC I" in first.upper() and not first.lstrip()[:1].isdigit()  # its page 1: no number
    for i, page in enumerate(merged.pages[1 : alone.page_count], 2):
        assert page.text.lstrip().startswith(str(i))


# ---------------------------------------------------------------------------------------------
# LibreOffice failures
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def cold_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    """No warm converter yet, so this test's environment decides which soffice is started."""
    monkeypatch.setattr(pdf_output, "_converter", None)


@pytest.mark.parametrize("fmt", ["pdf", "both"])
def test_missing_libreoffice_is_a_clean_bilingual_error(cold_converter: None, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "x"
    result = invoke(SEED, "-o", out, "--format", fmt, env={"THONGBAO_SOFFICE": "/nonexistent"})
    assert result.exit_code == EXIT_PDF, result.output
    text = result.output
    assert "Traceback" not in text and "LibreOfficeNotFound" not in text
    assert "PDF conversion failed: LibreOffice (soffice) was not found at '/nonexistent'" in text
    assert "sudo apt-get install -y libreoffice-writer-nogui" in text
    assert "Không tạo được PDF: không tìm thấy LibreOffice (soffice) tại '/nonexistent'" in text
    assert "Nothing was written." in text and "Chưa ghi tệp nào." in text
    assert not out.exists()  # not even the DOCX of --format both, nor the folder


def test_a_failed_conversion_leaves_the_old_files_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Broken:
        def convert(self, docx: bytes, **_: Any) -> bytes:
            raise ConversionError("LibreOffice failed to convert the document after 2 attempt(s): crashed")

    monkeypatch.setattr(pdf_output, "shared_converter", Broken)
    (tmp_path / "hung-yen-skhcn-2023-notice.docx").write_bytes(b"old")
    result = invoke(SEED, "-o", tmp_path, "--format", "both")
    assert result.exit_code == EXIT_PDF
    assert "crashed" in result.output and "LibreOffice không chuyển được văn bản sang PDF" in result.output
    assert files(tmp_path) == ["hung-yen-skhcn-2023-notice.docx"]
    assert (tmp_path / "hung-yen-skhcn-2023-notice.docx").read_bytes() == b"old"


# ---------------------------------------------------------------------------------------------
# Output folder failures
# ---------------------------------------------------------------------------------------------


def test_output_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = invoke(SEED, "-o", tmp_path / "file" / "sub")
    assert result.exit_code == EXIT_INPUT
    text = result.output
    assert "Traceback" not in text and "NotADirectoryError" not in text
    assert f"cannot write the output to {tmp_path / 'file' / 'sub'}: Not a directory" in text
    assert "một phần của đường dẫn là tệp, không phải thư mục" in text
    assert files(tmp_path) == ["file"]


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = invoke(SEED, "-o", tmp_path / "file")
    assert result.exit_code == EXIT_INPUT
    assert f"{tmp_path / 'file'}: it is a file, not a folder" in result.output
    assert "đây là một tệp, không phải thư mục" in result.output
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_an_impossible_output_folder_is_refused(tmp_path: Path) -> None:
    result = invoke(SEED, "-o", "/proc/thongbao-cannot-be-here/out")
    assert result.exit_code == EXIT_INPUT
    assert "cannot write the output to /proc/thongbao-cannot-be-here" in result.output
    assert "không ghi được kết quả vào /proc/thongbao-cannot-be-here" in result.output
    assert "Traceback" not in result.output


def test_an_unwritable_folder_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Permission denied on the second file (as a non-root user in a read-only folder): the first
    is not left behind, the folder made for them is removed, the message names the file."""
    real = thongbao.api.write_atomic
    calls: list[Path] = []

    def write(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, data)

    monkeypatch.setattr(thongbao.api, "write_atomic", write)
    out = tmp_path / "new" / "out"
    result = invoke(DECISION, "-o", out, "--appendix", APPENDIX)
    assert result.exit_code == EXIT_INPUT, result.output
    assert "Traceback" not in result.output and "PermissionError" not in result.output
    assert "Permission denied" in result.output and "không có quyền ghi" in result.output
    assert f"cannot write the output to {out / 'quyet_dinh-phu-luc-1.docx'}: Permission denied" in result.output
    assert files(tmp_path) == []  # neither file, nor a temporary one, nor the folders


def test_files_are_replaced_keeping_their_permissions(tmp_path: Path) -> None:
    target = tmp_path / "hung-yen-skhcn-2023-notice.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    result = invoke(SEED, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == render_docx(load_document(SEED))
    assert target.stat().st_mode & 0o777 == 0o640
    assert files(tmp_path) == [target.name]
