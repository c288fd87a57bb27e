"""DOCX templates compiled once: a Jinja2-style environment over ``.docx`` files.

A :class:`TemplateEnvironment` is to DOCX what :class:`jinja2.Environment` is to text. It looks
template files up on a *search path* of folders (the seam for template packs: a folder earlier on
the path overrides a file of the same name later on it, the built-in pack comes last), turns each
into Jinja source with docxtpl's tag handling (``{%p``, ``{%tr``, ``{%tc``, ``{%r``), compiles it
**once**, and hands out :class:`Layout` objects whose :meth:`Layout.render` is a pure function of
the context.

Template names
==============

``env.get_layout("nd30/mau-1.4")`` loads ``nd30/mau-1.4.docx``. Inside a template:

``{%p include "nd30/blocks/header.docx" %}``
    inserts the *body content* of that file (the children of its ``w:body`` without
    ``w:sectPr``), rendered with the current context. Includes work in the main document and in
    header/footer parts alike. A block's content may use the layout's styles but may not refer to
    package parts of its own (images, hyperlinks: ``r:id`` attributes), which cannot follow it.

``{%p extends "nd30/mau-1.4.docx" %}`` in a layout's document
    makes the layout a child of that one: it overrides ``{%p block NAME %}…{%p endblock %}``
    sections (Mẫu 1.4 defines ``header``, ``title``, ``body``, ``signature``) and everything outside
    its blocks is ignored, as in Jinja. **The output package is the root ancestor's**: its styles,
    numbering, settings, header/footer parts (rendered from the ancestor's templates), relationships
    and ``w:sectPr``; a child contributes only the content of its blocks. Only the main document
    part may use ``extends``, with a quoted constant name.

Internally the Jinja loader knows two kinds of name: ``<file>.docx`` (body content, for include)
and ``<file>.docx!<part>`` (a whole part such as ``word/header1.xml``); ``extends`` targets are
rewritten to the second form.

Rendering
=========

Every part is rendered with a :class:`jinja2.sandbox.SandboxedEnvironment` with autoescape always
on and :class:`jinja2.StrictUndefined`; context values are plain data (``str``, lists, dicts), so
``R&D <2026>`` reaches the DOCX as text, never as markup. docxtpl's escapes for literal delimiters
in a template's text (``{_{`` ``}_}`` ``{_%`` ``%_}`` print ``{{`` ``}}`` ``{%`` ``%}``) are resolved in
the template source when it is loaded, never on the output, so a value holding them comes out
verbatim. After rendering, docxtpl's ``fix_tables`` is applied (for ``{%tc`` loops), table cells
and headers that rendered empty get an empty paragraph (Word refuses them otherwise), drawing ids
are renumbered, ``docProps/core.xml`` is filled from ``doc.properties`` and a new zip is assembled
from the template's other parts, unchanged, with fixed entry dates: the same context gives the
same bytes.

Two template globals exist besides the context: ``table_widths(widths)`` (used as
``{{r table_widths(b.widths) }}`` inside a table: sets its column widths in twips when the count
matches the rendered columns) and ``fail(message)`` (raises a :class:`TemplateError`).

Extra filters and globals
=========================

A feature that ships its own layouts registers the Jinja filters and globals they use on the
environment: ``env.add_filters({"ordinal": ordinal_lead})``, ``env.add_globals({...})``. Register
them **before** the first :meth:`TemplateEnvironment.get_layout` of a layout that uses them (Jinja
resolves filter names when it compiles, and each template is compiled once). Registering the same
object again is a no-op; a different object under a name already taken raises ``ValueError``, so
a feature can neither replace a built-in nor another feature's function by accident. Filters and
globals get context values and must return plain values (the output is still autoescaped). See
:mod:`thongbao.findings.filters` for an example.
"""

from __future__ import annotations

import functools
import io
import re
import threading
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from thongbao.errors import ThongbaoError
from thongbao.render import _docx_xml as X
from thongbao.render.atomic import write_atomic

__all__ = [
    "DocxLoader",
    "Layout",
    "TemplateEnvironment",
    "TemplateError",
    "TemplateNotFoundError",
    "TemplateSource",
    "builtin_templates",
    "default_environment",
]

#: A folder (or importlib resource folder) holding ``.docx`` templates.
TemplateSource = Path | Traversable

_PART_SEP = "!"
_CORE_KEYS = ("title", "author", "subject", "keywords")

# docxtpl's own patch_xml / fix_tables are stateless methods: one instance serves every template.
_DOCXTPL = DocxTemplate(io.BytesIO())

_P_OPEN = re.compile(r"<w:p([ >])")
_P_OPEN_MARKED = re.compile(r"\n<w:p([ >])")
_EXTENDS = re.compile(r"\{%-?\s*extends\b(?P<arg>(?:(?!%\}).)*?)-?%\}", re.S)
_QUOTED = re.compile(r"""\s*(["'])(?P<name>[^"'!]+)\1\s*""")
_BODY = re.compile(r"<w:body\b[^>]*?(?:/>|>(?P<inner>.*)</w:body>)", re.S)
# docxtpl's escapes for literal Jinja delimiters in a template's text ({_{ prints "{{" …). docxtpl
# undoes them on the *rendered* output, which also rewrites context values that hold them; here
# they are turned into Jinja that prints the delimiter, in the source, before compiling. Tags and
# raw sections are matched first so that a marker is only replaced in template data, where the
# Jinja lexer would see it (a "{_{" directly before "{{", "{%" or "{#" is data then a tag).
_MARKER = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})"
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"
    r"|(?P<marker>\{_\{(?![{%#])|\}_\}|\{_%|%_\})",
    re.S,
)
_MARKER_TEXT = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_MARKER_JINJA = {marker: f"{{{{ {text!r} }}}}" for marker, text in _MARKER_TEXT.items()}
_MARKER_IN_RAW = re.compile("|".join(re.escape(m) for m in _MARKER_TEXT))


def _undo_markers(source: str) -> str:
    """Replace docxtpl's ``{_{`` ``}_}`` ``{_%`` ``%_}`` in template data by Jinja printing ``{{`` ``}}`` …"""

    def replace(m: re.Match[str]) -> str:
        if m.group("marker") is not None:
            return _MARKER_JINJA[m.group("marker")]
        if m.group("raw") is not None:  # printed as is: the delimiter itself
            return _MARKER_IN_RAW.sub(lambda r: _MARKER_TEXT[r.group(0)], m.group(0))
        return m.group(0)

    return _MARKER.sub(replace, source) if "_" in source else source


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


class TemplateError(ThongbaoError):
    """A template could not be loaded, compiled or rendered.

    ``template`` is the template file (``nd30/blocks/body.docx``), ``part`` the package part
    (``word/document.xml``, ``word/header1.xml``…), ``lineno`` the line in the patched part source
    (one line per paragraph) when known, ``excerpt`` the text near the error, and ``layout`` the
    layout being loaded or rendered when that is another file.
    """

    def __init__(
        self,
        message: str,
        *,
        template: str,
        part: str,
        excerpt: str = "",
        lineno: int | None = None,
        layout: str | None = None,
    ) -> None:
        self.message = message
        self.template = template
        self.part = part
        self.excerpt = excerpt
        self.lineno = lineno
        self.layout = layout
        where = f"{template} [{part}" + (f", line {lineno}" if lineno else "") + "]"
        text = f"{where}: {message}"
        if excerpt:
            text += f"\n  near: {excerpt}"
        if layout and layout != template:
            text += f"\n  in layout {layout}"
        super().__init__(text)


class TemplateNotFoundError(TemplateError, LookupError):
    """No file of that name on the search path."""


def _fail(message: object) -> NoReturn:
    """Template global ``fail(message)``: stop rendering with an error naming the template."""
    raise jinja2.TemplateRuntimeError(str(message))


def _table_widths(widths: Iterable[Any]) -> Markup:
    """Template global: a marker the engine turns into the column widths (twips) of its table."""
    try:
        values = [int(v) for v in widths]
    except (TypeError, ValueError):
        return Markup("")
    if not values or any(v <= 0 for v in values):
        return Markup("")
    return Markup(f"<?{X.WIDTHS_PI} {' '.join(str(v) for v in values)}?>")


# ---------------------------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------------------------


def _file_name(name: str) -> str:
    """``nd30/mau-1.4`` → ``nd30/mau-1.4.docx`` (names are ``/``-separated, relative)."""
    name = name.strip().lstrip("/")
    return name if name.lower().endswith(".docx") else f"{name}.docx"


@dataclass
class _Package:
    """One template file, read once: its package data and the patched sources made from it."""

    name: str
    origin: TemplateSource
    data: X.PackageData
    parent: str | None = None  # the file its main part extends, once the source is prepared
    sources: dict[str, str] = field(default_factory=dict)


class DocxLoader(jinja2.BaseLoader):
    """Jinja loader resolving names to patched DOCX XML on a search path (first match wins).

    ``<file>.docx`` gives the file's body content (for ``include``); ``<file>.docx!<part>`` gives a
    whole part (the layouts' own parts and ``extends`` targets).
    """

    def __init__(self, search_path: Sequence[TemplateSource]) -> None:
        self.search_path: tuple[TemplateSource, ...] = tuple(search_path)
        self._packages: dict[str, _Package] = {}
        self._sources: dict[str, str] = {}
        self._lock = threading.RLock()

    def package(self, name: str) -> _Package:
        """The template file ``name``, read and indexed once (``jinja2.TemplateNotFound`` if absent)."""
        file = _file_name(name)
        with self._lock:
            cached = self._packages.get(file)
            if cached is not None:
                return cached
            pieces = split_template_path(file)
            for root in self.search_path:
                node: Any = root
                for piece in pieces:
                    node = node / piece
                if node.is_file():
                    try:
                        data = X.PackageData(node.read_bytes())
                    except ValueError as exc:
                        raise TemplateError(str(exc), template=file, part="(package)") from None
                    package = _Package(file, node, data)
                    self._packages[file] = package
                    return package
            raise jinja2.TemplateNotFound(file)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        file, sep, part = template.partition(_PART_SEP)
        package = self.package(file)
        if sep and part not in package.data.template_parts:
            raise jinja2.TemplateNotFound(template)
        with self._lock:
            key = part if sep else ""
            source = package.sources.get(key)
            if source is None:
                source = self._part_source(package, part) if sep else self._body_source(package)
                package.sources[key] = source
            self._sources[template] = source
        return source, template, lambda: True

    def source_of(self, template: str) -> str | None:
        """The patched source last served for ``template`` (for error excerpts)."""
        return self._sources.get(template)

    def list_templates(self) -> list[str]:
        found: set[str] = set()

        def walk(node: Any, prefix: str) -> None:
            for child in node.iterdir():
                if child.is_dir():
                    walk(child, f"{prefix}{child.name}/")
                elif child.name.lower().endswith(".docx"):
                    found.add(prefix + child.name)

        for root in self.search_path:
            if root.is_dir():
                walk(root, "")
        return sorted(found)

    # -- sources ---------------------------------------------------------------------------

    @staticmethod
    def _patch(xml: str) -> str:
        """docxtpl's tag handling, then one paragraph per line (for line numbers in errors)."""
        patched: str = _DOCXTPL.patch_xml(xml)
        return _undo_markers(_P_OPEN.sub(r"\n<w:p\1", patched))

    def _part_source(self, package: _Package, part: str) -> str:
        try:
            source = self._patch(package.data.part_xml(part))
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"invalid XML: {exc}", template=package.name, part=part) from None
        found = list(_EXTENDS.finditer(source))
        if not found:
            return source
        first = found[0]
        excerpt = X.text_excerpt(first.group(0))
        if part != package.data.main_part:
            raise TemplateError(
                "{% extends %} is only supported in the main document part",
                template=package.name,
                part=part,
                excerpt=excerpt,
            )
        if len(found) > 1:
            raise TemplateError("more than one {% extends %}", template=package.name, part=part, excerpt=excerpt)
        quoted = _QUOTED.fullmatch(first.group("arg"))
        if quoted is None:
            raise TemplateError(
                "{% extends %} needs a quoted template name", template=package.name, part=part, excerpt=excerpt
            )
        parent = self.package(quoted.group("name"))
        package.parent = parent.name
        # Jinja prints whatever precedes {% extends %}: keep only its line breaks (line numbers).
        prefix = "\n" * source.count("\n", 0, first.start())
        tag = f'{{% extends "{parent.name}{_PART_SEP}{parent.data.main_part}" %}}'
        return prefix + tag + source[first.end() :]

    def _body_source(self, package: _Package) -> str:
        part = f"{package.data.main_part} (body)"
        try:
            xml = package.data.body_xml()
        except (ValueError, etree.XMLSyntaxError) as exc:
            raise TemplateError(str(exc), template=package.name, part=part) from None
        patched: str = _DOCXTPL.patch_xml(xml)
        match = _BODY.fullmatch(patched)
        inner = (match.group("inner") or "") if match else ""
        if match is None:
            raise TemplateError("unexpected body markup", template=package.name, part=part)
        if _EXTENDS.search(inner):
            raise TemplateError(
                "a block included with {% include %} cannot use {% extends %}", template=package.name, part=part
            )
        return _undo_markers(_P_OPEN.sub(r"\n<w:p\1", inner))


# ---------------------------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------------------------


def builtin_templates() -> TemplateSource:
    """The built-in pack: ``thongbao/templates`` in a wheel, else the repository's ``templates/``."""
    packaged = resources.files("thongbao") / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


class TemplateEnvironment:
    """Loads, patches and compiles DOCX templates once; hands out :class:`Layout` objects.

    ``search_path``: folders searched in order (earlier wins); default: the built-in pack only.
    To let a pack override built-in blocks, put it first: ``[pack, builtin_templates()]``.
    Thread-safe; keep one per process (see :func:`default_environment`).
    """

    def __init__(self, search_path: Sequence[TemplateSource] | None = None) -> None:
        self.search_path: tuple[TemplateSource, ...] = (
            tuple(search_path) if search_path is not None else (builtin_templates(),)
        )
        self.loader = DocxLoader(self.search_path)
        self.jinja = SandboxedEnvironment(
            loader=self.loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
            cache_size=-1,  # never evict: each template is compiled once per environment
            keep_trailing_newline=True,
        )
        self.jinja.globals.update(fail=_fail, table_widths=_table_widths)
        self._layouts: dict[str, Layout] = {}
        self._analysis: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
        self._lock = threading.RLock()

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Register Jinja filters (see "Extra filters and globals" in the module docstring)."""
        self._add(self.jinja.filters, filters, "filter")

    def add_globals(self, values: Mapping[str, Any]) -> None:
        """Register template globals (see "Extra filters and globals" in the module docstring)."""
        self._add(self.jinja.globals, values, "global")

    def _add(self, target: dict[str, Any], new: Mapping[str, Any], kind: str) -> None:
        with self._lock:
            for name, value in new.items():
                if name in target and target[name] is not value:
                    raise ValueError(f"a template {kind} named {name!r} is already registered")
            target.update(new)

    def get_layout(self, name: str) -> Layout:
        """The compiled layout ``name`` (``nd30/mau-1.4``), compiled on first use and then cached."""
        file = _file_name(name)
        with self._lock:
            layout = self._layouts.get(file)
            if layout is None:
                try:
                    layout = self._compile(name, file)
                except TemplateError:
                    raise
                except jinja2.TemplateError as exc:
                    raise self.wrap_error(exc, layout=file, part=None) from exc
                self._layouts[file] = layout
            return layout

    def list_layouts(self) -> list[str]:
        """Template files on the search path that are not blocks (``…/blocks/…``)."""
        return [n for n in self.loader.list_templates() if "/blocks/" not in f"/{n}"]

    # -- compilation -------------------------------------------------------------------------

    def _compile(self, name: str, file: str) -> Layout:
        own = self.loader.package(file)
        main = self.jinja.get_template(f"{file}{_PART_SEP}{own.data.main_part}")
        root, seen = own, {file}
        while root.parent is not None:
            if root.parent in seen:
                raise TemplateError(
                    f"circular {{% extends %}} through {root.parent}", template=file, part=own.data.main_part
                )
            seen.add(root.parent)
            root = self.loader.package(root.parent)
            self.jinja.get_template(f"{root.name}{_PART_SEP}{root.data.main_part}")
        templates = {root.data.main_part: main}
        for part in root.data.template_parts[1:]:
            templates[part] = self.jinja.get_template(f"{root.name}{_PART_SEP}{part}")
        names = [main.name or "", *(t.name or "" for t in list(templates.values())[1:])]
        self._warm(names)
        return Layout(self, name=name, file=file, source=own.origin, package=root, templates=templates, names=names)

    def _warm(self, names: Iterable[str]) -> None:
        """Compile every template reachable by constant include/extends now, not mid-render."""
        todo: list[tuple[str, str | None]] = [(n, None) for n in names]
        seen: set[str] = set()
        while todo:
            current, parent = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            try:
                self.jinja.get_template(current)
            except jinja2.TemplateNotFound as exc:
                raise self.wrap_error(exc, layout=None, part=None, origin=parent) from exc
            todo.extend((ref, current) for ref in self.references(current))

    def analyse(self, name: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """(undeclared variables, constant referenced template names) of one loaded template."""
        cached = self._analysis.get(name)
        if cached is None:
            source = self.loader.source_of(name)
            if source is None:
                source = self.loader.get_source(self.jinja, name)[0]
            ast = self.jinja.parse(source, name)
            refs = tuple(r for r in meta.find_referenced_templates(ast) if r is not None)
            cached = (frozenset(meta.find_undeclared_variables(ast)), refs)
            self._analysis[name] = cached
        return cached

    def references(self, name: str) -> tuple[str, ...]:
        return self.analyse(name)[1]

    # -- errors ------------------------------------------------------------------------------

    def _describe(self, name: str) -> tuple[str, str]:
        file, sep, part = name.partition(_PART_SEP)
        if sep:
            return file, part
        try:
            return file, f"{self.loader.package(file).data.main_part} (body)"
        except (jinja2.TemplateError, TemplateError):
            return file, "word/document.xml (body)"

    def _location(self, exc: BaseException) -> tuple[str, int] | None:
        """The innermost template frame of ``exc``'s traceback (Jinja rewrites them to template lines)."""
        hit = None
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            filename = frame.f_code.co_filename
            if self.loader.source_of(filename) is not None:
                hit = (filename, lineno)
        return hit

    def wrap_error(
        self,
        exc: BaseException,
        *,
        layout: str | None,
        part: str | None,
        origin: str | None = None,
    ) -> TemplateError:
        """A :class:`TemplateError` naming the template, part, line and text near the error."""
        name, lineno = origin, None
        if isinstance(exc, jinja2.TemplateSyntaxError) and exc.name:
            name, lineno = exc.name, exc.lineno
        else:
            found = self._location(exc)
            if found is not None:
                name, lineno = found
        if name is not None:
            template, where = self._describe(name)
        else:
            template, where = layout or "?", part or "?"
        excerpt = ""
        source = self.loader.source_of(name) if name else None
        missing = exc.name if isinstance(exc, jinja2.TemplateNotFound) else None
        if source is not None and lineno is None and isinstance(missing, str) and missing:
            lineno = next((i for i, line in enumerate(source.split("\n"), 1) if missing in line), None)
        if source is not None and lineno:
            lines = source.split("\n")
            excerpt = X.text_excerpt(lines[lineno - 1]) if 0 < lineno <= len(lines) else ""
            if not excerpt:
                excerpt = X.text_excerpt("".join(lines[max(lineno - 2, 0) : lineno + 1]))
        if isinstance(exc, jinja2.TemplateNotFound):
            message = f"template not found: {exc.name}"
        elif isinstance(exc, jinja2.TemplateError):
            message = exc.message or type(exc).__name__
        else:
            message = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, jinja2.TemplateSyntaxError):
            message = f"syntax error: {message}"
        cls = TemplateNotFoundError if isinstance(exc, jinja2.TemplateNotFound) else TemplateError
        return cls(message, template=template, part=where, excerpt=excerpt, lineno=lineno, layout=layout)


@functools.cache
def default_environment() -> TemplateEnvironment:
    """The process-wide environment over the built-in pack (each template compiled once)."""
    return TemplateEnvironment()


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def _core_values(context: Mapping[str, Any]) -> dict[str, str]:
    doc = context.get("doc")
    props = doc.get("properties") if isinstance(doc, Mapping) else getattr(doc, "properties", None)
    if not isinstance(props, Mapping):
        props = {}
    values = {}
    for key in _CORE_KEYS:
        value = props.get(key)
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        values[key] = "" if value is None else str(value)
    return values


class Layout:
    """A compiled layout: :meth:`render` is a pure function of the context.

    ``name`` is the name it was asked for, ``file`` the template file, ``source`` where that file
    was loaded from, ``package_source`` where the output package comes from (the root ancestor
    when the layout uses ``extends``; else the same), ``parts`` the rendered package parts.
    """

    def __init__(
        self,
        environment: TemplateEnvironment,
        *,
        name: str,
        file: str,
        source: TemplateSource,
        package: _Package,
        templates: Mapping[str, jinja2.Template],
        names: Sequence[str],
    ) -> None:
        self.environment = environment
        self.name = name
        self.file = file
        self.source = source
        self.package_source = package.origin
        self._package = package
        self._templates = dict(templates)
        self._names = tuple(names)
        dynamic = {*self._templates, package.data.core_part}
        # Parts copied unchanged into every output, deflated once; None marks a rendered part.
        self._entries: dict[str, X.ZipEntry | None] = {
            name: None if name in dynamic else X.ZipEntry.deflate(name, data)
            for name, data in package.data.entries.items()
        }

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self._templates)

    def __repr__(self) -> str:
        return f"<Layout {self.name!r} from {self.source}>"

    def variables(self) -> frozenset[str]:
        """Undeclared (context) variables used across all parts and the blocks they include."""
        found: set[str] = set()
        todo, seen = list(self._names), set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            undeclared, refs = self.environment.analyse(current)
            found |= undeclared
            todo.extend(refs)
        return frozenset(found - set(self.environment.jinja.globals))

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The DOCX bytes for ``context`` (``{"doc": {...}}``, see docs/architecture.md)."""
        ctx = dict(context)
        roots = {part: self._render_part(part, template, ctx) for part, template in self._templates.items()}
        X.renumber_docpr(roots.values())
        output = {
            part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            for part, root in roots.items()
        }
        core = self._package.data.core_part
        try:
            output[core] = X.set_core_properties(self._package.data.entries[core], _core_values(ctx))
        except ValueError as exc:
            raise TemplateError(f"core properties: {exc}", template=self.file, part=core) from None
        return X.write_zip(
            entry if entry is not None else X.ZipEntry.deflate(name, output[name])
            for name, entry in self._entries.items()
        )

    def render_to(self, path: str | Path, context: Mapping[str, Any]) -> Path:
        """Render and write to ``path`` atomically; returns the path."""
        return write_atomic(path, self.render(context))

    def _render_part(self, part: str, template: jinja2.Template, context: dict[str, Any]) -> etree._Element:
        try:
            text = template.render(context)
        except TemplateError:
            raise
        except Exception as exc:
            raise self.environment.wrap_error(exc, layout=self.file, part=part) from exc
        # Only the line breaks the loader put before each paragraph are undone here; docxtpl's
        # {_{ … markers were resolved in the source (_undo_markers), so values are never rewritten.
        text = _P_OPEN_MARKED.sub(r"<w:p\1", text)
        try:
            root = X.parse_xml(text)
        except etree.XMLSyntaxError as exc:
            column = exc.position[1] if exc.position else 0
            raise TemplateError(
                f"the rendered XML is not well-formed: {exc.msg}",
                template=self.file,
                part=part,
                excerpt=X.text_excerpt(text[max(column - 300, 0) : column + 100]),
            ) from None
        if root.find(f".//{X.W_TBL}") is not None:
            root = _DOCXTPL.fix_tables(text)
            X.apply_table_widths(root)
        X.ensure_block_content(root)
        return root
