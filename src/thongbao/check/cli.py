"""``thongbao check FILE [--lang vi|en] [--format text|json] [--pack NAME] [--against DOCX]``.

Wire it with ``app.command("check")(check_command)``. Exit codes: 0 no rule errors (warnings
allowed), 1 rule errors, 2 the file cannot be read or is neither a DOCX nor a PDF. A ``.pdf``
(by suffix or by its ``%PDF`` signature) goes to :func:`thongbao.check.pdf.check_pdf`. The file
is only read.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thongbao.check.engine import check_docx
from thongbao.check.pdf import check_pdf
from thongbao.check.report import Report
from thongbao.check.safety import UnreadableDocument
from thongbao.rules import Lang, RuleSet

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


def _pack_rules(pack: str) -> RuleSet:
    """The rule set of an installed template pack (``thongbao templates list``)."""
    from thongbao.plugins import rules_for
    from thongbao.plugins.pack import PackError

    try:
        return rules_for(pack)
    except PackError as exc:
        raise UnreadableDocument(
            f"Unknown template pack {pack!r}: {exc}", f"Không có bộ mẫu {pack!r}: {exc}", code="unknown-pack"
        ) from None


def check_path(
    path: Path, *, lang: Lang = "vi", rules: RuleSet | None = None, against: Path | None = None
) -> Report:
    """Check a DOCX or PDF file by path (PDF: by suffix or signature).

    ``against``: for a PDF, the DOCX it was converted from; every line of it must be in the PDF.
    """
    for file in (path, against):
        if file is not None and not file.is_file():
            raise UnreadableDocument(f"No such file: {file}", f"Không có tệp: {file}", code="not-found")
    if _is_pdf(path):
        return check_pdf(path, lang=lang, rules=rules, docx=against)
    if against is not None:
        raise UnreadableDocument(
            "--against goes with a PDF: the DOCX the PDF was made from",
            "--against dùng khi kiểm tra tệp PDF: tệp DOCX đã tạo ra tệp PDF đó",
            code="usage",
        )
    return check_docx(path, lang=lang, rules=rules)


def check_command(
    file: Annotated[Path, typer.Argument(help="The .docx (or .pdf) to check; it is only read.")],
    lang: Annotated[CheckLang, typer.Option("--lang", help="Language of the report: vi or en.")] = CheckLang.vi,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = ReportFormat.text,
    pack: Annotated[
        str | None, typer.Option("--pack", help="Check by the rules of this template pack (e.g. dang).")
    ] = None,
    against: Annotated[
        Path | None, typer.Option("--against", help="For a PDF: the DOCX it was made from (nothing may be lost).")
    ] = None,
) -> None:
    """Check FILE against Decree 30/2020/NĐ-CP. Exit 0 = no errors, 1 = errors, 2 = unreadable."""
    language: Lang = "en" if lang is CheckLang.en else "vi"
    try:
        report = check_path(file, lang=language, rules=_pack_rules(pack) if pack else None, against=against)
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
