"""Template packs: a folder of ``.docx`` templates plus what it declares (``pack.toml``).

A pack is a folder put on the engine's search path. Its ``pack.toml`` (optional for a plain
folder) declares its name, its layouts and the document types they serve, the extra context keys
its layouts use, a model and a context builder for its own data (optional), and rule data for the
checker (``[rules]`` records shaped like nd30.toml's, and ``[overrides]`` of nd30.toml values).
See docs/template-authors.md for the format.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from thongbao.errors import ThongbaoError
from thongbao.render.engine import TemplateSource, builtin_templates
from thongbao.rules import ND30

__all__ = [
    "BUILTIN",
    "PACK_FILE",
    "LayoutInfo",
    "PackError",
    "PackKind",
    "TemplatePack",
    "builtin_pack",
    "load_pack",
    "template_files",
]

PACK_FILE = "pack.toml"
BUILTIN = "nd30"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_LAYOUT = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$")
_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")
_SEVERITIES = ("error", "warning")
_RULE_FIELDS = ("source", "severity", "vi", "en")

#: Where a pack comes from, highest precedence first.
PackKind = Literal["folder", "entry-point", "builtin"]


class PackError(ThongbaoError):
    """A template pack cannot be loaded, or two packs clash."""


@dataclass(frozen=True)
class LayoutInfo:
    """A layout a pack provides: its name (``dang/quyet-dinh``, no ``.docx``) and the types it serves."""

    name: str
    types: tuple[str, ...] = ()
    description: str = ""

    @property
    def file(self) -> str:
        return self.name if self.name.endswith(".docx") else f"{self.name}.docx"


@dataclass(frozen=True, eq=False)
class TemplatePack:
    """A template pack: ``root`` goes on the search path; the rest is what the pack declares.

    ``rules`` are rule records (``{"DANG-QH": {"source", "severity", "vi", "en"}}``) and
    ``overrides`` nd30.toml values the checker must read differently for this pack's documents
    (``elements``, ``patterns``, ``texts``, ``authorities``, ``page``, ``profiles`` …; see
    :func:`thongbao.plugins.rules_for`). ``model`` and ``context`` name (``module:attr``) a
    pydantic model for the pack's data and a function model → template context; both optional.
    ``style_elements`` (``[styles]``) replaces the linter's style name → element map when given.
    """

    name: str
    root: TemplateSource
    kind: PackKind
    origin: str
    layouts: tuple[LayoutInfo, ...] = ()
    version: str = ""
    description: str = ""
    context_keys: frozenset[str] = frozenset()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    overrides: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    remove_elements: tuple[str, ...] = ()
    model: str | None = None
    context: str | None = None
    style_elements: Mapping[str, str] | None = None

    def __repr__(self) -> str:
        return f"<TemplatePack {self.name!r} ({self.kind}) at {self.root}>"

    @property
    def has_rules(self) -> bool:
        return bool(self.rules or self.overrides or self.remove_elements)

    def files(self) -> list[str]:
        """Every ``.docx`` under the pack root, as template names (``dang/blocks/header.docx``)."""
        return template_files(self.root)

    def layout(self, name: str) -> LayoutInfo | None:
        wanted = name.removesuffix(".docx")
        return next((info for info in self.layouts if info.name.removesuffix(".docx") == wanted), None)

    def load_model(self) -> Callable[..., Any] | None:
        """The pack's model class (or factory), imported on demand."""
        return _import(self.model, self) if self.model else None

    def load_context(self) -> Callable[[Any], dict[str, Any]] | None:
        """The pack's context builder (document → ``{"doc": {...}}``), imported on demand."""
        return _import(self.context, self) if self.context else None


def _import(target: str, pack: TemplatePack) -> Any:
    module, _, attr = target.partition(":")
    try:
        value: Any = importlib.import_module(module)
        for piece in attr.split("."):
            value = getattr(value, piece)
    except (ImportError, AttributeError) as exc:
        raise PackError(f"pack {pack.name!r} ({pack.origin}): cannot import {target!r}: {exc}") from None
    return value


def template_files(root: TemplateSource) -> list[str]:
    """Template names of every ``.docx`` under ``root`` (``/``-separated, sorted)."""
    found: list[str] = []

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.lower().endswith(".docx") and not child.name.startswith("~$"):
                found.append(prefix + child.name)

    if root.is_dir():
        walk(root, "")
    return found


def _table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise PackError(f"{where}: [{key}] must be a table")
    return value


def _strings(value: Any, what: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: {what} must be a list of strings")
    return tuple(value)


def _rules(data: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for rule_id, record in _table(data, "rules", where).items():
        if not isinstance(record, Mapping):
            raise PackError(f"{where}: [rules.{rule_id!r}] must be a table")
        missing = [k for k in _RULE_FIELDS if k not in record]
        if missing:
            raise PackError(f"{where}: rule {rule_id!r} lacks {', '.join(missing)}")
        if record["severity"] not in _SEVERITIES:
            raise PackError(f"{where}: rule {rule_id!r}: severity must be error or warning")
        if rule_id in ND30.rules:
            raise PackError(f"{where}: rule {rule_id!r} exists in nd30.toml; change it under [overrides.rules]")
        out[str(rule_id)] = dict(record)
    return out


def parse_pack(text: str, *, root: TemplateSource, kind: PackKind, origin: str, where: str) -> TemplatePack:
    """A pack from the text of its ``pack.toml`` (``where`` names it in errors)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{where}: {exc}") from None
    head = _table(data, "pack", where)
    name = head.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise PackError(f"{where}: [pack] name must be lower case letters, digits, '-', '_' or '.'")
    templates = head.get("templates", ".")
    if not isinstance(templates, str) or templates.startswith("/") or ".." in Path(templates).parts:
        raise PackError(f"{where}: [pack] templates must be a folder inside the pack")
    node: Any = root
    for piece in Path(templates).parts:
        node = node / piece
    if not node.is_dir():
        raise PackError(f"{where}: the templates folder {templates!r} does not exist")
    files = set(template_files(node))
    layouts = []
    raw_layouts = data.get("layouts", [])
    if not isinstance(raw_layouts, list):
        raise PackError(f"{where}: [[layouts]] must be an array of tables")
    for i, item in enumerate(raw_layouts, 1):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str) or not _LAYOUT.match(item["name"]):
            raise PackError(f"{where}: layout #{i} needs a name like 'mypack/mau-cong-van'")
        info = LayoutInfo(
            name=item["name"].removesuffix(".docx"),
            types=_strings(item.get("types", []), f"layout {item['name']!r} types", where),
            description=str(item.get("description", "")),
        )
        if info.file not in files:
            raise PackError(f"{where}: layout {info.name!r} has no file {info.file} under {templates!r}")
        layouts.append(info)
    for key in ("model", "context"):
        value = head.get(key)
        if value is not None and (not isinstance(value, str) or not _TARGET.match(value)):
            raise PackError(f"{where}: [pack] {key} must be 'module:attribute'")
    styles = data.get("styles")
    if styles is not None and (not isinstance(styles, Mapping) or not all(isinstance(v, str) for v in styles.values())):
        raise PackError(f"{where}: [styles] maps style names to element keys (strings)")
    overrides = dict(_table(data, "overrides", where))
    remove = _strings(overrides.pop("remove_elements", []), "overrides.remove_elements", where)
    return TemplatePack(
        name=name,
        root=node,
        kind=kind,
        origin=origin,
        layouts=tuple(layouts),
        version=str(head.get("version", "")),
        description=str(head.get("description", "")),
        context_keys=frozenset(_strings(head.get("context_keys", []), "[pack] context_keys", where)),
        rules=MappingProxyType(_rules(data, where)),
        overrides=MappingProxyType(overrides),
        remove_elements=remove,
        model=head.get("model"),
        context=head.get("context"),
        style_elements=MappingProxyType(dict(styles)) if styles is not None else None,
    )


def load_pack(source: TemplateSource, *, kind: PackKind = "folder", origin: str | None = None) -> TemplatePack:
    """The pack in folder ``source``: from its ``pack.toml``, or (a plain folder of templates) named
    after the folder, every non-block ``.docx`` a layout serving no declared type."""
    if not source.is_dir():
        raise PackError(f"{source}: not a folder")
    origin = origin or f"folder {source}"
    manifest = source / PACK_FILE
    if manifest.is_file():
        return parse_pack(
            manifest.read_text(encoding="utf-8"), root=source, kind=kind, origin=origin, where=str(manifest)
        )
    name = source.name.lower() if _NAME.match(source.name.lower()) else "folder"
    layouts = tuple(
        LayoutInfo(name=f.removesuffix(".docx")) for f in template_files(source) if "/blocks/" not in f"/{f}"
    )
    return TemplatePack(name=name, root=source, kind=kind, origin=origin, layouts=layouts)


def builtin_pack() -> TemplatePack:
    """The built-in ND30 pack: one layout per Phụ lục III sample, with the types of nd30.toml."""
    by_layout: dict[str, list[str]] = {}
    for info in ND30.document_types.values():
        by_layout.setdefault(info.layout, []).append(info.key)
    extra = {
        "1.3": ("quyet_dinh", "Quyết định (cá biệt) quy định gián tiếp (form: indirect)"),
        "2.1": ("", "Phụ lục văn bản hành chính giấy (data with appendix:)"),
        "2.2": ("", "Phụ lục văn bản hành chính điện tử (appendix.electronic: true)"),
    }
    root = builtin_templates()
    files = set(template_files(root))
    layouts = []
    for file in sorted(f for f in files if f.startswith("nd30/mau-")):
        number = file.removeprefix("nd30/mau-").removesuffix(".docx")
        types = tuple(by_layout.get(number, ()))
        description = ""
        if number in extra:
            key, description = extra[number]
            types = (key,) if key else ()
        layouts.append(LayoutInfo(name=file.removesuffix(".docx"), types=types, description=description))
    layouts.sort(key=lambda info: [int(p) for p in info.name.removeprefix("nd30/mau-").split(".")])
    return TemplatePack(
        name=BUILTIN,
        root=root,
        kind="builtin",
        origin="built-in (thongbao)",
        layouts=tuple(layouts),
        description="Nghị định 30/2020/NĐ-CP, Phụ lục III (Mẫu 1.1-2.2; copies 3.1/3.2 in every layout)",
    )


def is_traversable(value: object) -> bool:
    return isinstance(value, Path | Traversable)
