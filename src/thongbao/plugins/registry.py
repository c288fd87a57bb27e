"""Discovering template packs and ordering them into one search path.

Precedence, highest first (a template name found in a higher tier hides the same name below):

1. **explicit folders** (``discover(folders=[...])``, ``--folder``), in the order given;
2. **entry-point packs**: installed distributions declaring the ``thongbao.templates`` group;
3. the **built-in** ND30 pack.

Two packs of the *same* tier that provide the same template file, or the same document type, or
share a name, clash: :class:`~thongbao.plugins.pack.PackError` names both, unless one of them is
selected explicitly (``select=["dang"]``), which puts it first in its tier.
"""

from __future__ import annotations

import importlib.metadata as metadata
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thongbao.errors import DocumentValidationError
from thongbao.models import AdministrativeDocument, document_from_data
from thongbao.plugins.pack import (
    PackError,
    PackKind,
    TemplatePack,
    builtin_pack,
    is_traversable,
    load_pack,
)
from thongbao.render.engine import TemplateEnvironment, TemplateSource, builtin_templates, default_environment

__all__ = ["ENTRY_POINT_GROUP", "Registry", "discover", "entry_point_packs"]

ENTRY_POINT_GROUP = "thongbao.templates"
_TIERS: tuple[PackKind, ...] = ("folder", "entry-point", "builtin")

# One environment per search path for the whole process, so each template compiles once however
# many registries are discovered (the CLI, the API and plugins all share them).
_ENVIRONMENTS: dict[tuple[str, ...], TemplateEnvironment] = {}
_ENVIRONMENTS_LOCK = threading.Lock()


def _root_key(root: TemplateSource) -> str:
    """What identifies a search-path folder: its absolute path (a relative folder stays put when
    the working directory changes), or the resource folder's own text."""
    where = str(root.resolve()) if isinstance(root, Path) else str(root)
    return f"{type(root).__qualname__}:{where}"


def _unknown_pack(names: Sequence[str], installed: Iterable[str]) -> PackError:
    wanted = ", ".join(map(repr, names))
    have = ", ".join(sorted(set(installed)))
    return PackError(
        f"no template pack named {wanted}; installed: {have} (a pack in a folder must be given too: "
        "`thongbao render --templates DIR`, `thongbao templates … --folder DIR`)\n"
        f"không có bộ mẫu {wanted}; các bộ mẫu đã cài: {have} (bộ mẫu trong một thư mục thì phải chỉ "
        "thư mục đó: `thongbao render --templates DIR`, `thongbao templates … --folder DIR`)"
    )


def _from_object(value: Any, *, name: str, origin: str) -> TemplatePack:
    """An entry point's object: a TemplatePack, a folder (Path/Traversable/str), or a callable giving one."""
    if callable(value) and not isinstance(value, TemplatePack) and not is_traversable(value):
        value = value()
    if isinstance(value, TemplatePack):
        return value
    if isinstance(value, str):
        value = Path(value)
    if is_traversable(value):
        pack = load_pack(value, kind="entry-point", origin=origin)
        return pack
    raise PackError(
        f"{origin}: the entry point {name!r} gives {type(value).__name__}, not a pack folder or TemplatePack"
    )


def entry_point_packs(group: str = ENTRY_POINT_GROUP) -> list[TemplatePack]:
    """Packs of every installed distribution with an entry point in ``group`` (sorted by name)."""
    packs = []
    for ep in sorted(metadata.entry_points(group=group), key=lambda e: (e.name, e.value)):
        dist = getattr(ep, "dist", None)
        where = f"{dist.name} {dist.version}" if dist is not None else "?"
        origin = f"entry point {ep.name} = {ep.value} ({where})"
        try:
            value = ep.load()
        except Exception as exc:  # a broken plugin must name itself
            raise PackError(f"{origin}: cannot load: {type(exc).__name__}: {exc}") from exc
        packs.append(_from_object(value, name=ep.name, origin=origin))
    return packs


@dataclass(frozen=True)
class Registry:
    """Packs in precedence order (see the module docstring) and what they provide."""

    packs: tuple[TemplatePack, ...]

    # -- lookup --------------------------------------------------------------------------

    def pack(self, name: str) -> TemplatePack:
        for pack in self.packs:
            if pack.name == name:
                return pack
        raise _unknown_pack([name], (p.name for p in self.packs))

    @property
    def search_path(self) -> list[TemplateSource]:
        return [pack.root for pack in self.packs]

    def environment(self) -> TemplateEnvironment:
        """The template environment over every pack, shared by the whole process.

        Registries with the same search path get the same environment, so each template is read
        and compiled once per process (a template changed on disk afterwards is not re-read).
        With the built-in pack alone this is :func:`~thongbao.render.engine.default_environment`.
        """
        key = tuple(_root_key(root) for root in self.search_path)
        if key == (_root_key(builtin_templates()),):
            return default_environment()
        with _ENVIRONMENTS_LOCK:
            env = _ENVIRONMENTS.get(key)
            if env is None:
                env = _ENVIRONMENTS[key] = TemplateEnvironment(self.search_path)
            return env

    def provider(self, template: str) -> TemplatePack | None:
        """The pack whose file the engine uses for ``template`` (``dang/quyet-dinh``)."""
        file = template if template.endswith(".docx") else f"{template}.docx"
        return next((p for p in self.packs if file in p.files()), None)

    def shadowed(self, pack: TemplatePack) -> list[tuple[str, TemplatePack]]:
        """Files of ``pack`` hidden by a pack earlier on the path, with the pack that wins."""
        out = []
        for file in pack.files():
            winner = self.provider(file)
            if winner is not None and winner is not pack:
                out.append((file, winner))
        return out

    def layout_for(self, document_type: str, *, pack: str | None = None) -> str:
        """The layout serving ``document_type`` (key): from ``pack`` if given, else the first pack
        in precedence order that declares one."""
        candidates = [self.pack(pack)] if pack else list(self.packs)
        for candidate in candidates:
            for info in candidate.layouts:
                if document_type in info.types:
                    return info.name
        served = sorted({t for c in candidates for info in c.layouts for t in info.types}) if pack else []
        where, where_vi = (f"pack {pack!r}", f"bộ mẫu {pack!r}") if pack else ("any installed pack", "bộ mẫu nào")
        has, has_vi = (f" (it serves: {', '.join(served)})", f" (có: {', '.join(served)})") if served else ("", "")
        raise PackError(
            f"no layout in {where} serves the document type {document_type!r}{has}; give the layout (--layout)\n"
            f"không có mẫu nào trong {where_vi} dùng cho loại văn bản {document_type!r}{has_vi}; "
            "chỉ rõ mẫu (--layout)"
        )

    def serving(self, document_type: str) -> TemplatePack | None:
        """The highest-precedence pack other than the built-in one with a layout serving
        ``document_type`` (a key), if any."""
        for pack in self.packs:
            if pack.kind != "builtin" and any(document_type in info.types for info in pack.layouts):
                return pack
        return None

    # -- documents ------------------------------------------------------------------------

    def load(self, data: Any, *, pack: str | None = None, source: str | None = None) -> Any:
        """Validate data with ``pack``'s model (if it declares one), else with thongbao's models.

        Errors name ``source`` and, for a pack's model, the pack: ``… in x.yaml (pack 'dang')``.
        """
        if pack:
            factory = self.pack(pack).load_model()
            if factory is not None:
                validate = getattr(factory, "model_validate", factory)
                try:
                    return validate(data)
                except ValidationError as exc:
                    where = f"{source} (pack {pack!r})" if source else f"pack {pack!r}"
                    raise DocumentValidationError.from_pydantic(exc, source=where) from None
        return document_from_data(data, source=source)

    def context(self, document: Any, *, pack: str | None = None) -> dict[str, Any]:
        """The template context of ``document``: ``pack``'s builder if it declares one."""
        if pack:
            build = self.pack(pack).load_context()
            if build is not None:
                return build(document)
        from thongbao.render.context import build_context

        if not isinstance(document, AdministrativeDocument):
            raise PackError(
                f"no context builder for {type(document).__name__}; name the pack that defines it (--pack)\n"
                f"không có hàm dựng ngữ cảnh cho {type(document).__name__}; chỉ rõ bộ mẫu định nghĩa nó (--pack)"
            )
        return build_context(document)

    def render(
        self,
        data: Any,
        *,
        pack: str | None = None,
        layout: str | None = None,
        environment: TemplateEnvironment | None = None,
    ) -> bytes:
        """Data → DOCX bytes with a pack's model, context and layout (``pack`` picks them)."""
        return self.render_document(self.load(data, pack=pack), pack=pack, layout=layout, environment=environment)

    def layout_of(self, document: Any, *, pack: str | None = None) -> str:
        """The layout :meth:`render_document` uses for ``document``: ``pack``'s layout serving its
        type, else thongbao's own (:func:`thongbao.api.layout_name`; a folder pack may override
        that file)."""
        if pack:
            key = getattr(document, "document_type", None)
            if not isinstance(key, str):
                raise PackError(
                    "the document has no document_type; give the layout (--layout)\n"
                    "văn bản không có document_type; chỉ rõ mẫu (--layout)"
                )
            return self.layout_for(key, pack=pack)
        if isinstance(document, AdministrativeDocument):
            from thongbao.api import layout_name

            return layout_name(document)
        raise PackError(
            f"no layout for {type(document).__name__}; give the pack or the layout\n"
            f"không biết mẫu cho {type(document).__name__}; chỉ rõ bộ mẫu (--pack) hoặc mẫu (--layout)"
        )

    def render_document(
        self,
        document: Any,
        *,
        pack: str | None = None,
        layout: str | None = None,
        environment: TemplateEnvironment | None = None,
    ) -> bytes:
        """A loaded document (:meth:`load`) → DOCX bytes with ``pack``'s context and layout."""
        env = environment or self.environment()
        if pack is None:
            from thongbao.findings import FindingSet, render_finding_set

            if isinstance(document, FindingSet):  # its own context and the findings filters
                return render_finding_set(document, layout=layout, environment=env)
        return env.get_layout(layout or self.layout_of(document, pack=pack)).render(self.context(document, pack=pack))


def _check_clashes(packs: Sequence[TemplatePack], selected: Iterable[str]) -> None:
    chosen = set(selected)
    for tier in _TIERS:
        members = [p for p in packs if p.kind == tier]
        seen_names: dict[str, TemplatePack] = {}
        files: dict[str, TemplatePack] = {}
        types: dict[str, TemplatePack] = {}
        for pack in members:
            other = seen_names.get(pack.name)
            if other is not None:
                raise PackError(f"two {tier} packs are named {pack.name!r}: {other.origin} and {pack.origin}")
            seen_names[pack.name] = pack
            if pack.name in chosen:
                continue  # a selected pack wins its tier; others are checked among themselves
            for file in pack.files():
                owner = files.setdefault(file, pack)
                if owner is not pack:
                    raise PackError(
                        f"template {file} is provided by two {tier} packs: {owner.name!r} ({owner.origin}) and "
                        f"{pack.name!r} ({pack.origin}); select one (select=[...] / --pack) or remove one"
                    )
            for info in pack.layouts:
                for key in info.types:
                    owner = types.setdefault(key, pack)
                    if owner is not pack:
                        raise PackError(
                            f"document type {key!r} is served by two {tier} packs: {owner.name!r} ({owner.origin}) "
                            f"and {pack.name!r} ({pack.origin}); select one (select=[...] / --pack)"
                        )


def discover(
    folders: Sequence[str | Path] = (),
    *,
    select: Iterable[str] = (),
    entry_points: bool = True,
    extra: Sequence[TemplatePack] = (),
    loader: Callable[[], list[TemplatePack]] = entry_point_packs,
) -> Registry:
    """The packs visible to this process, in precedence order; raises :class:`PackError` on clashes.

    ``folders`` are explicit pack folders (highest precedence); ``select`` names packs chosen
    explicitly (each first in its tier; a clash within the tier is then allowed); ``extra`` adds
    packs made in code (tier of their ``kind``).
    """
    explicit = [load_pack(Path(f), kind="folder", origin=f"folder {Path(f).resolve()}") for f in folders]
    installed = loader() if entry_points else []
    packs = [*explicit, *installed, *extra, builtin_pack()]
    chosen = list(select)
    names = {p.name for p in packs}
    unknown = [n for n in chosen if n not in names]
    if unknown:
        raise _unknown_pack(unknown, names)
    _check_clashes(packs, chosen)
    order = {kind: i for i, kind in enumerate(_TIERS)}
    ranked = sorted(
        enumerate(packs),
        key=lambda item: (order[item[1].kind], 0 if item[1].name in chosen else 1, item[0]),
    )
    return Registry(tuple(p for _, p in ranked))


def describe(registry: Registry) -> list[Mapping[str, Any]]:
    """Plain data for ``thongbao templates list``."""
    out: list[Mapping[str, Any]] = []
    for pack in registry.packs:
        out.append(
            {
                "name": pack.name,
                "version": pack.version,
                "kind": pack.kind,
                "origin": pack.origin,
                "root": str(pack.root),
                "description": pack.description,
                "rules": pack.has_rules,
                "layouts": [
                    {"name": info.name, "types": list(info.types), "description": info.description}
                    for info in pack.layouts
                ],
                "shadowed": [{"file": f, "by": w.name} for f, w in registry.shadowed(pack)],
            }
        )
    return out
