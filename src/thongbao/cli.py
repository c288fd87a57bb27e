"""The ``thongbao`` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

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


@app.command()
def render(
    data: Annotated[Path, typer.Argument(help="A document or finding set as .yaml/.yml/.json.", exists=True)],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output directory.")] = Path("."),
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="docx, pdf or both.")] = OutputFormat.docx,
    layout: Annotated[str | None, typer.Option(help="Layout name (default: by document type).")] = None,
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
    """Render DATA to OUT/<stem>.docx (and .pdf); print the paths written."""
    from thongbao.api import load_document, render_files
    from thongbao.findings import FindingSet, load_table, split_by_unit

    formats = {"docx", "pdf"} if fmt is OutputFormat.both else {fmt.value}
    try:
        document = load_table(table, data, sheet=sheet) if table else load_document(data)
        if (per_unit or doc_type) and not isinstance(document, FindingSet):
            raise ThongbaoError("--per-unit and --type apply to finding sets only")
        if isinstance(document, FindingSet) and doc_type:
            document = document.with_type(doc_type)
        jobs = [(data.stem, document)]
        if per_unit and isinstance(document, FindingSet):
            parts = split_by_unit(document)
            jobs = [(f"{data.stem}-{i:02d}", part) for i, part in enumerate(parts, 1)]
        for stem, doc in jobs:
            for path in render_files(doc, out, stem=stem, formats=formats, layout=layout, pdf_a=pdf_a):
                typer.echo(str(path))
    except ThongbaoError as exc:
        raise _fail(exc) from None


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="notice, document or findings.")] = "notice",
) -> None:
    """Print the JSON Schema of the input data."""
    from thongbao.findings import FindingSet
    from thongbao.models import AdministrativeDocument, Notice

    models = {"notice": Notice, "document": AdministrativeDocument, "findings": FindingSet}
    if kind not in models:
        raise _fail(ValueError(f"unknown schema {kind!r}; choose from {', '.join(models)}"))
    json.dump(models[kind].model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _register_subcommands() -> None:
    from thongbao.check.cli import check_command
    from thongbao.plugins.cli import templates_app

    app.command(name="check")(check_command)
    app.add_typer(templates_app, name="templates", help="Template packs: list what is installed, lint a template.")


_register_subcommands()


def main() -> None:  # pragma: no cover - console entry
    app()
