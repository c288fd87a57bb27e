"""``thongbao templates``: list the installed template packs, lint template files.

Registered by the main app as ``app.add_typer(templates_app, name="templates")``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from thongbao.plugins import PackError, discover, lint_template
from thongbao.plugins.registry import describe

__all__ = ["templates_app"]

templates_app = typer.Typer(
    name="templates",
    help="Template packs: what is installed (list) and whether a template is sound (check).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FolderOption = Annotated[
    list[Path] | None,
    typer.Option("--folder", help="A pack folder (highest precedence); repeatable.", exists=True, file_okay=False),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", help="Prefer this pack within its tier (resolves a clash); repeatable."),
]


@templates_app.command("list")
def list_packs(
    folder: FolderOption = None,
    select: SelectOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show every template pack, highest precedence first: where it comes from, its layouts and the
    document types they serve."""
    try:
        registry = discover(folder or [], select=select or [])
    except PackError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    packs = describe(registry)
    if as_json:
        typer.echo(json.dumps(packs, ensure_ascii=False, indent=2))
        return
    for rank, pack in enumerate(packs, 1):
        version = f" {pack['version']}" if pack["version"] else ""
        rules = "  [+rules]" if pack["rules"] else ""
        typer.echo(f"{rank}. {pack['name']}{version}  ({pack['kind']}){rules}")
        typer.echo(f"   from: {pack['origin']}")
        typer.echo(f"   path: {pack['root']}")
        if pack["description"]:
            typer.echo(f"   {pack['description']}")
        for layout in pack["layouts"]:
            types = ", ".join(layout["types"]) or "-"
            typer.echo(f"   - {layout['name']}: {types}")
        for hidden in pack["shadowed"]:
            typer.echo(f"   ! {hidden['file']} is hidden by pack {hidden['by']!r}")


@templates_app.command("check")
def check(
    paths: Annotated[list[Path], typer.Argument(help="Template .docx files.", exists=True, dir_okay=False)],
    pack: Annotated[str | None, typer.Option("--pack", help="Check against this pack's rules and keys.")] = None,
    folder: FolderOption = None,
) -> None:
    """Lint templates: Jinja syntax, unknown variables, tags docxtpl cannot repair, formatting that
    breaks the rules. Every problem is reported with its location; exit code 1 if any."""
    try:
        registry = discover(folder or [], select=[pack] if pack else [])
    except PackError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    total = 0
    for path in paths:
        try:
            problems = lint_template(str(path), pack=pack, registry=registry)
        except PackError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        total += len(problems)
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        typer.echo(f"{path}: {status}")
        for problem in problems:
            typer.echo(f"  {problem}".replace("\n", "\n  "))
    if total:
        raise typer.Exit(1)
