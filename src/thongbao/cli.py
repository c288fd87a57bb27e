"""The ``thongbao`` command line."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from thongbao.errors import ThongbaoError

app = typer.Typer(
    name="thongbao",
    help="Vietnamese administrative documents per Decree 30/2020/NĐ-CP: render and check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    both = "both"


def _fail(exc: Exception, code: int = 2) -> typer.Exit:
    typer.echo(str(exc), err=True)
    return typer.Exit(code)


#: Exit codes of ``thongbao render``.
EXIT_INPUT = 2  # bad data, options, pack, template or output folder
EXIT_PDF = 3  # LibreOffice missing or failing


def _libreoffice_message(exc: Exception) -> str:
    """A LibreOffice failure in English and Vietnamese, with what to install or set."""
    from thongbao.render.libreoffice import LibreOfficeNotFound, UnoNotFound

    if isinstance(exc, UnoNotFound):
        vi = (
            "không tìm thấy Python có gói UNO của LibreOffice. Cài đặt (Debian/Ubuntu): "
            "sudo apt-get install -y python3-uno"
        )
    elif isinstance(exc, LibreOfficeNotFound):
        given = os.environ.get("THONGBAO_SOFFICE")
        where = f" tại {given!r} (biến THONGBAO_SOFFICE)" if given else ""
        vi = (
            f"không tìm thấy LibreOffice (soffice){where}. Cài đặt: sudo apt-get install -y "
            "libreoffice-writer-nogui fonts-liberation python3-uno (Debian/Ubuntu), "
            "brew install --cask libreoffice (macOS), hoặc đặt THONGBAO_SOFFICE là đường dẫn tới soffice"
        )
    else:
        vi = "LibreOffice không chuyển được văn bản sang PDF (chi tiết ở trên)"
    return f"PDF conversion failed: {exc}\nNothing was written.\nKhông tạo được PDF: {vi}.\nChưa ghi tệp nào."


def _hint(exc: ThongbaoError, data: Path, *, pack: str | None, layout: str | None) -> str:
    """What to try next, when an installed template pack could have rendered ``data``."""
    from thongbao.errors import DocumentValidationError
    from thongbao.render.engine import TemplateNotFoundError

    if pack is None and isinstance(exc, DocumentValidationError):
        names = _packs_serving(data)
        if names:
            options = " or ".join(f"--pack {name}" for name in names)
            return (
                f"\nIf this is a document of a template pack, name the pack: {options}"
                f"\nNếu đây là văn bản theo một bộ mẫu, hãy chỉ rõ bộ mẫu: {options}"
            )
    if layout and isinstance(exc, TemplateNotFoundError):
        return (
            f"\nNo template pack has the layout {layout!r} (thongbao templates list; a pack in a folder: "
            f"--templates DIR)\nKhông bộ mẫu nào có mẫu {layout!r} (xem thongbao templates list; bộ mẫu trong"
            " thư mục: --templates DIR)"
        )
    return ""


def _packs_serving(data: Path) -> list[str]:
    """Installed packs other than the built-in one serving the document type of ``data``."""
    from thongbao.models import load_data
    from thongbao.plugins import discover
    from thongbao.rules import ND30

    try:
        raw = load_data(data)
        kind = raw.get("document_type") if isinstance(raw, dict) else None
        if not isinstance(kind, str):
            return []
        keys = {kind}
        with contextlib.suppress(KeyError):
            keys.add(ND30.document_type(kind).key)
        packs = discover().packs
    except (ThongbaoError, OSError):  # only a hint: never hide the real error behind another
        return []
    return [p.name for p in packs if p.kind != "builtin" and any(k in i.types for i in p.layouts for k in keys)]


@app.command()
def render(
    data: Annotated[Path, typer.Argument(help="A document or finding set as .yaml/.yml/.json.", exists=True)],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output directory.")] = Path("."),
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="docx, pdf or both.")] = OutputFormat.docx,
    layout: Annotated[str | None, typer.Option(help="Layout name (default: by document type).")] = None,
    pack: Annotated[
        str | None,
        typer.Option(
            "--pack", help="Render with this template pack's model, context and layouts (thongbao templates list)."
        ),
    ] = None,
    templates: Annotated[
        list[Path] | None,
        typer.Option(
            "--templates",
            help="A template pack folder, searched before the installed packs; repeatable.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    appendix: Annotated[
        list[Path] | None,
        typer.Option(
            "--appendix",
            help="A Phụ lục data file, rendered with its own layout and page numbers; repeatable.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    table: Annotated[
        Path | None, typer.Option(help="Findings table (.csv/.xlsx) for a finding-set shell.", exists=True)
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Excel sheet of --table.")] = None,
    per_unit: Annotated[bool, typer.Option("--per-unit", help="One document per unit of a finding set.")] = False,
    doc_type: Annotated[
        str | None, typer.Option("--type", help='Render a finding set as another type, e.g. "Báo cáo".')
    ] = None,
    pdf_a: Annotated[bool, typer.Option("--pdf-a", help="PDF/A-2b output.")] = False,
) -> None:
    """Render DATA to OUT/<stem>.docx (and .pdf); print the paths written.

    Each --appendix is also written as OUT/<stem>-phu-luc-<n>.docx and merged into the PDF after
    the document. Nothing is written unless everything renders. Exit code 2: bad input, options or
    output folder; 3: LibreOffice missing or failing (PDF).
    """
    from thongbao.api import load_document, render_outputs, write_outputs
    from thongbao.api import render as render_data
    from thongbao.findings import FindingSet, load_table, split_by_unit
    from thongbao.render.libreoffice import LibreOfficeError

    formats = {"docx", "pdf"} if fmt is OutputFormat.both else {fmt.value}
    folders = templates or []
    appendices = appendix or []
    try:
        if table is None and not per_unit and not doc_type:
            paths = render_data(
                data,
                out,
                formats=formats,
                layout=layout,
                pack=pack,
                templates=folders,
                appendices=appendices,
                pdf_a=pdf_a,
            )
        else:
            if pack:
                raise ThongbaoError(
                    "--pack does not apply to finding sets (--table, --per-unit, --type): they use thongbao's"
                    " layouts\n--pack không dùng cho bộ kết quả (--table, --per-unit, --type): chúng dùng mẫu"
                    " của thongbao"
                )
            document = load_table(table, data, sheet=sheet) if table else load_document(data)
            if not isinstance(document, FindingSet):
                raise ThongbaoError(
                    "--per-unit and --type apply to finding sets only\n"
                    "--per-unit và --type chỉ dùng cho bộ kết quả (finding set)"
                )
            if doc_type:
                document = document.with_type(doc_type)
            jobs: list[tuple[str, FindingSet]] = [(data.stem, document)]
            if per_unit:
                jobs = [(f"{data.stem}-{i:02d}", part) for i, part in enumerate(split_by_unit(document), 1)]
            registry = None
            if folders:
                from thongbao.plugins import discover

                registry = discover(folders)
            attached = [load_document(path) for path in appendices]
            outputs: dict[str, bytes] = {}
            for stem, doc in jobs:
                outputs.update(
                    render_outputs(
                        doc,
                        stem=stem,
                        formats=formats,
                        layout=layout,
                        pdf_a=pdf_a,
                        appendices=attached,
                        registry=registry,
                    )
                )
            paths = write_outputs(out, outputs)
    except ThongbaoError as exc:
        typer.echo(f"{exc}{_hint(exc, data, pack=pack, layout=layout)}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    except LibreOfficeError as exc:
        typer.echo(_libreoffice_message(exc), err=True)
        raise typer.Exit(EXIT_PDF) from None
    for path in paths:
        typer.echo(str(path))


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            help="notice, document, findings, appendix, or a document type (key, name or code: cong_van, "
            "'Giấy mời', QĐ)."
        ),
    ] = "notice",
) -> None:
    """Print the JSON Schema of the input data of one kind of document."""
    from thongbao.findings import FindingSet
    from thongbao.models import AdministrativeDocument, Notice
    from thongbao.models.types import Appendix, model_for

    models: dict[str, type[Any]] = {
        "notice": Notice,
        "document": AdministrativeDocument,
        "findings": FindingSet,
        "appendix": Appendix,
    }
    model = models.get(kind)
    if model is None:
        try:
            model = model_for(kind)
        except KeyError:
            raise _fail(
                ValueError(
                    f"unknown schema {kind!r}; choose from {', '.join(models)} or a document type / "
                    f"không có lược đồ {kind!r}; chọn {', '.join(models)} hoặc một loại văn bản"
                )
            ) from None
    json.dump(model.model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _register_subcommands() -> None:
    from thongbao.check.cli import check_command
    from thongbao.plugins.cli import templates_app

    app.command(name="check")(check_command)
    app.add_typer(templates_app, name="templates", help="Template packs: list what is installed, lint a template.")


_register_subcommands()


def main() -> None:  # pragma: no cover - console entry
    app()
