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
) -> None:
    """Render DATA to OUT/<stem>.docx (and .pdf); print the paths written."""
    from thongbao.api import load_document, render_files

    formats = {"docx", "pdf"} if fmt is OutputFormat.both else {fmt.value}
    try:
        document = load_document(data)
        written = render_files(document, out, stem=data.stem, formats=formats, layout=layout)
    except ThongbaoError as exc:
        raise _fail(exc) from None
    for path in written:
        typer.echo(str(path))


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="notice or document.")] = "notice",
) -> None:
    """Print the JSON Schema of the input data."""
    from thongbao.models import AdministrativeDocument, Notice

    models = {"notice": Notice, "document": AdministrativeDocument}
    if kind not in models:
        raise _fail(ValueError(f"unknown schema {kind!r}; choose from {', '.join(models)}"))
    json.dump(models[kind].model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main() -> None:  # pragma: no cover - console entry
    app()
