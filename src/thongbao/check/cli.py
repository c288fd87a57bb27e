"""``thongbao check FILE [--lang vi|en] [--format text|json]``.

Wire it with ``app.command("check")(check_command)``. Exit codes: 0 no rule errors (warnings
allowed), 1 rule errors, 2 the file cannot be read or is neither a DOCX nor a PDF. A ``.pdf``
(by suffix or by its ``%PDF`` signature) goes to ``thongbao.check.pdf.check_pdf`` when that
module exists. The file is only read.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from thongbao.check.engine import check_docx
from thongbao.check.report import Report
from thongbao.check.safety import UnreadableDocument
from thongbao.rules import Lang

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_UNREADABLE", "CheckLang", "ReportFormat", "check_command", "check_path"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2

_PDF_MAGIC = b"%PDF-"


class CheckLang(StrEnum):
    vi = "vi"
    en = "en"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


def _is_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(len(_PDF_MAGIC)) == _PDF_MAGIC
    except OSError:
        return False


def _check_pdf(path: Path, lang: Lang) -> Report:
    try:
        module = importlib.import_module("thongbao.check.pdf")
    except ModuleNotFoundError as exc:
        if exc.name not in ("thongbao.check.pdf", "thongbao.check"):
            raise
        raise UnreadableDocument(
            "Checking PDF files is not available in this installation.",
            "Bản cài đặt này chưa hỗ trợ kiểm tra tệp PDF.",
            code="pdf-unsupported",
        ) from None
    fn: Any = module.check_pdf
    report = fn(path, lang=lang)
    if not isinstance(report, Report):
        raise TypeError("thongbao.check.pdf.check_pdf must return a thongbao.check.Report")
    return report


def check_path(path: Path, *, lang: Lang = "vi") -> Report:
    """Check a DOCX or PDF file by path (PDF: by suffix or signature)."""
    if not path.is_file():
        raise UnreadableDocument(f"No such file: {path}", f"Không có tệp: {path}", code="not-found")
    if _is_pdf(path):
        return _check_pdf(path, lang)
    return check_docx(path, lang=lang)


def check_command(
    file: Annotated[Path, typer.Argument(help="The .docx (or .pdf) to check; it is only read.")],
    lang: Annotated[CheckLang, typer.Option("--lang", help="Language of the report: vi or en.")] = CheckLang.vi,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = ReportFormat.text,
) -> None:
    """Check FILE against Decree 30/2020/NĐ-CP. Exit 0 = no errors, 1 = errors, 2 = unreadable."""
    language: Lang = "en" if lang is CheckLang.en else "vi"
    try:
        report = check_path(file, lang=language)
    except UnreadableDocument as exc:
        if fmt is ReportFormat.json:
            import json

            typer.echo(json.dumps({"source": str(file), "unreadable": True, "code": exc.code,
                                   "reason": exc.message(language)}, ensure_ascii=False))
        typer.echo(exc.message(language), err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    out = report.to_json(language) if fmt is ReportFormat.json else report.format_text(language)
    typer.echo(out)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_ERRORS)
