"""The small public API: load, render, check. Re-exported by ``thongbao``.

Writing files, from the top down:

- :func:`render`: a data file (or a loaded document) → files. It loads the data with the models
  of its type (a template pack's with ``pack=``), names the files after the data file and renders
  the appendices; it is what ``thongbao render`` does.
- :func:`render_files`: a loaded document → files named ``<stem>.*``.
- :func:`render_outputs` (the bytes of every file, nothing written) and :func:`write_outputs`
  (all the files or none): the two halves of :func:`render_files`.

Template packs (:mod:`thongbao.plugins`): without ``pack=`` thongbao's own types render with the
built-in pack, however many packs are installed; ``pack="dang"`` renders with that pack's model,
context and layouts, exactly as ``discover().render(data, pack="dang")``.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import stat
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from thongbao.errors import ThongbaoError
from thongbao.findings import FindingSet, is_finding_set_data, load_finding_set, render_finding_set
from thongbao.models import AdministrativeDocument, load_data
from thongbao.models.types import Appendix, QuyetDinh, document_from_data, model_for
from thongbao.render.atomic import write_atomic
from thongbao.render.context import build_context
from thongbao.render.engine import TemplateEnvironment, builtin_templates, default_environment

if TYPE_CHECKING:
    from thongbao.plugins import Registry
    from thongbao.render.pdf import PdfMetadata

__all__ = [
    "FORMATS",
    "AppendixSource",
    "OutputError",
    "appendix_name",
    "layout_name",
    "load_document",
    "pack_for",
    "render",
    "render_docx",
    "render_files",
    "render_outputs",
    "write_outputs",
]

#: The output formats: ``docx`` and ``pdf``.
FORMATS = frozenset({"docx", "pdf"})

#: An appendix: a loaded document, or the path of its data file (YAML/JSON).
AppendixSource = AdministrativeDocument | str | os.PathLike[str]


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------

_REASONS_VI = {
    errno.ENOENT: "đường dẫn không tồn tại và không tạo được",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đã có một thư mục trùng tên tệp kết quả",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng",
    errno.ENAMETOOLONG: "tên quá dài",
}


class OutputError(ThongbaoError, OSError):
    """The output folder, or a file in it, cannot be created or written. Nothing was written.

    Also an :class:`OSError` (``errno`` is the system's), so ``except OSError`` still catches it.
    ``path`` is the folder or file concerned.
    """

    def __init__(self, path: Path, reason_en: str, reason_vi: str, code: int | None = None) -> None:
        self.path = path
        super().__init__(
            f"cannot write the output to {path}: {reason_en}. Nothing was written.\n"
            f"không ghi được kết quả vào {path}: {reason_vi}. Chưa ghi tệp nào."
        )
        self.errno = code

    def __str__(self) -> str:
        return str(self.args[0])

    @classmethod
    def from_os_error(cls, path: Path, exc: OSError, *, exact: bool = False) -> OutputError:
        """From ``exc`` about ``path``; the file the system names instead, unless ``exact``."""
        where = Path(exc.filename) if not exact and isinstance(exc.filename, str) and exc.filename else path
        reason = exc.strerror or type(exc).__name__
        vi = _REASONS_VI.get(exc.errno or 0, f"lỗi hệ thống ({reason})")
        return cls(where, reason, vi, exc.errno)


def _check_formats(formats: Collection[str]) -> None:
    unknown = set(formats) - FORMATS
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ThongbaoError(
            f"unknown output format(s): {names}; use docx and/or pdf\n"
            f"định dạng kết quả không hợp lệ: {names}; dùng docx và/hoặc pdf"
        )


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def _discover(pack: str | None = None, folders: Sequence[str | os.PathLike[str]] = ()) -> Registry:
    from thongbao.plugins import discover

    return discover([Path(f) for f in folders], select=[pack] if pack else [])


@overload
def load_document(
    path: str | Path, *, pack: None = None, registry: Registry | None = None
) -> AdministrativeDocument: ...
@overload
def load_document(path: str | Path, *, pack: str | None, registry: Registry | None = None) -> Any: ...
def load_document(path: str | Path, *, pack: str | None = None, registry: Registry | None = None) -> Any:
    """Load a document data file (YAML or JSON); a thông báo comes back as :class:`Notice`.

    A finding set (a file with ``findings`` or ``findings_table``, see docs/findings.md) comes back
    as :class:`thongbao.findings.FindingSet`, which :func:`render_docx` renders through its layouts.
    With ``pack``, the data is validated with that template pack's model instead (a pack that
    declares none uses thongbao's), from ``registry`` (default: the installed packs).
    """
    data: Any = load_data(path)
    if pack is not None:
        return (registry or _discover(pack)).load(data, pack=pack, source=str(path))
    if is_finding_set_data(data):
        return load_finding_set(path, data=data)
    # The model of the document's type (Notice, CongVan, QuyetDinh …; Appendix; copies).
    return document_from_data(data, source=str(path))


def _foreign_type(data: Any) -> str | None:
    """The document type of ``data`` when thongbao's models do not know it, else ``None``."""
    if not isinstance(data, Mapping) or is_finding_set_data(data) or "appendix" in data:
        return None
    raw = data.get("document_type", "thong_bao")
    if not isinstance(raw, str):
        return None
    try:
        model_for(raw)
    except KeyError:
        return raw
    return None


def pack_for(data: Any, registry: Registry | None = None) -> str | None:
    """The template pack that renders ``data`` (as loaded from YAML/JSON) when none is named.

    ``None``, i.e. thongbao's own models, context and layouts, for a finding set, a Phụ lục and
    every document type thongbao knows (copies included), so installing a pack never changes how
    those render.
    For a type thongbao does not know (a Party ``ket_luan``), the highest-precedence pack of
    ``registry`` (default: the installed packs) with a layout serving it, or ``None`` if none does
    (the models then report the unknown type).
    """
    key = _foreign_type(data)
    if key is None:
        return None
    found = (registry or _discover()).serving(key)
    return found.name if found is not None else None


def layout_name(document: AdministrativeDocument) -> str:
    """The built-in layout of a document: its Phụ lục III sample, e.g. ``nd30/mau-1.4``.

    A quyết định with ``form: indirect`` is Mẫu 1.3; an appendix Mẫu 2.1 (2.2 when electronic). A
    copy uses the layout of its type: the copy elements (Mẫu 3.1, 3.2) belong to every layout.
    """
    if isinstance(document, Appendix):
        return "nd30/mau-2.2" if document.appendix.electronic else "nd30/mau-2.1"
    if isinstance(document, QuyetDinh) and document.form == "indirect":
        return "nd30/mau-1.3"
    return f"nd30/mau-{document.type_info.layout}"


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


@functools.cache
def _builtin_files() -> frozenset[str]:
    from thongbao.plugins.pack import template_files

    return frozenset(template_files(builtin_templates()))


def _is_builtin(layout: str) -> bool:
    name = layout.strip().lstrip("/")
    return (name if name.lower().endswith(".docx") else f"{name}.docx") in _builtin_files()


def render_docx(
    document: Any,
    *,
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
    pack: str | None = None,
    registry: Registry | None = None,
) -> bytes:
    """Render ``document`` to DOCX bytes. Pure: the same document and template give the same bytes.

    Without ``pack`` and ``registry``, a thongbao document renders with the built-in pack (in
    ``environment`` when given); a ``layout`` that is not built-in (``dang/cong-van``) is looked up
    in the installed packs too. With ``pack``, ``document`` is that pack's (see
    :func:`load_document`) and renders with its context and layout, as
    :meth:`thongbao.plugins.Registry.render` does. ``registry`` gives the packs to search (folder
    packs come first: one may override a built-in file); default: the installed ones.
    """
    if pack is None and registry is None and isinstance(document, AdministrativeDocument):
        if environment is None and layout is not None and not _is_builtin(layout):
            environment = _discover().environment()
        if isinstance(document, FindingSet):
            return render_finding_set(document, layout=layout, environment=environment)
        env = environment or default_environment()
        return env.get_layout(layout or layout_name(document)).render(build_context(document))
    registry = registry or _discover(pack)
    return registry.render_document(document, pack=pack, layout=layout, environment=environment)


def appendix_name(stem: str, index: int) -> str:
    """The DOCX file of the ``index``-th (from 1) appendix of ``<stem>.docx``: ``<stem>-phu-luc-1.docx``."""
    return f"{stem}-phu-luc-{index}.docx"


def _pack_metadata(document: Any, pack: str | None, registry: Registry | None) -> PdfMetadata | None:
    """PDF metadata from the pack's context for a pack's own documents; ``None``: thongbao's."""
    if isinstance(document, AdministrativeDocument) and (
        pack is None or registry is None or registry.pack(pack).context is None
    ):
        return None
    from thongbao.render.pdf_output import properties_metadata

    doc = (registry or _discover(pack)).context(document, pack=pack).get("doc", {})
    properties = doc.get("properties", {}) if isinstance(doc, Mapping) else {}
    return properties_metadata(properties, date=getattr(document, "date", None))


def render_outputs(
    document: Any,
    *,
    stem: str,
    formats: Collection[str] = ("docx",),
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
    pdf_a: bool = False,
    appendices: Sequence[AppendixSource] = (),
    pack: str | None = None,
    registry: Registry | None = None,
) -> dict[str, bytes]:
    """What :func:`render_files` writes, as file name → bytes, in order; nothing is written.

    - ``<stem>.docx``, then ``<stem>-phu-luc-1.docx`` … one per appendix (a Phụ lục is its own
      file, Mẫu 2.1);
    - ``<stem>.pdf``: the document, then each appendix, each numbered from its own first page.

    ``appendices`` are documents or data files (e.g. examples/types/phu_luc.yaml), loaded with
    thongbao's models and rendered with their own layout in the same templates as the document
    (``environment``, or ``registry``'s). ``pack``/``registry`` as in :func:`render_docx`.
    Raises :class:`~thongbao.render.libreoffice.LibreOfficeError` if the PDF cannot be made.
    """
    _check_formats(formats)
    if pack is not None and registry is None:
        registry = _discover(pack)
    extra = [item if isinstance(item, AdministrativeDocument) else load_document(Path(item)) for item in appendices]
    docx = render_docx(document, layout=layout, environment=environment, pack=pack, registry=registry)
    attached = [render_docx(item, environment=environment, registry=registry) for item in extra]
    outputs: dict[str, bytes] = {}
    if "docx" in formats:
        outputs[f"{stem}.docx"] = docx
        for index, data in enumerate(attached, 1):
            outputs[appendix_name(stem, index)] = data
    if "pdf" in formats:
        from thongbao.render.pdf_output import render_pdf

        main = document if isinstance(document, AdministrativeDocument) else None
        metadata = _pack_metadata(document, pack, registry)
        outputs[f"{stem}.pdf"] = render_pdf(main, docx, pdf_a=pdf_a, appendices=attached, metadata=metadata)
    return outputs


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _make_folder(out: Path) -> list[Path]:
    """Create ``out`` (and its missing parents); the folders created, deepest first."""
    if out.exists():
        if not out.is_dir():
            raise OutputError(out, "it is a file, not a folder", "đây là một tệp, không phải thư mục", errno.ENOTDIR)
        return []
    missing, node = [], out
    while not node.exists() and node != node.parent:
        missing.append(node)
        node = node.parent
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        for folder in missing:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise OutputError.from_os_error(out, exc) from None
    return missing


def write_outputs(out_dir: str | os.PathLike[str], outputs: Mapping[str, bytes]) -> list[Path]:
    """Write ``outputs`` (file name → bytes) into ``out_dir``, created if missing: all or nothing.

    Every file is first written in full beside its destination (a hidden temporary file, synced
    to disk); only then is each renamed over its destination. So a failure (a folder that cannot
    be made, no permission, a full disk) leaves no new or half-written file, and no folder this
    call created; an existing file keeps its permissions. Raises :class:`OutputError`.
    """
    out = Path(out_dir)
    for name in outputs:
        if not name or name in {".", ".."} or Path(name).name != name:
            raise ThongbaoError(
                f"{name!r} is not a file name (no folders in a stem)\n"
                f"{name!r} không phải tên tệp (tên tệp không được chứa thư mục)"
            )
    created = _make_folder(out)
    staged: list[tuple[Path, Path]] = []
    current = out
    try:
        for name, data in outputs.items():
            current = out / name
            if current.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(current))
            staged.append((write_atomic(out / f".{name}.{secrets.token_hex(4)}.part", data), current))
        for part, target in staged:
            current = target
            with contextlib.suppress(FileNotFoundError):
                os.chmod(part, stat.S_IMODE(target.stat().st_mode))
            os.replace(part, target)
    except OSError as exc:
        for part, _ in staged:
            with contextlib.suppress(OSError):
                part.unlink()  # already renamed: gone, nothing to do
        for folder in created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise OutputError.from_os_error(current, exc, exact=True) from None  # the file, not its temporary
    return [target for _, target in staged]


def render_files(
    document: Any,
    out_dir: str | os.PathLike[str],
    *,
    stem: str,
    formats: Collection[str] = ("docx",),
    layout: str | None = None,
    environment: TemplateEnvironment | None = None,
    pdf_a: bool = False,
    appendices: Sequence[AppendixSource] = (),
    pack: str | None = None,
    registry: Registry | None = None,
) -> list[Path]:
    """Render a loaded document to ``out_dir/<stem>.docx`` (and ``.pdf``); returns the paths.

    :func:`render_outputs` then :func:`write_outputs`: everything is rendered before anything is
    written, and written all at once, so a failure leaves no half-written output (not even the
    folder). With ``appendices``, ``<stem>-phu-luc-<n>.docx`` too, and the PDF holds them.
    """
    outputs = render_outputs(
        document,
        stem=stem,
        formats=formats,
        layout=layout,
        environment=environment,
        pdf_a=pdf_a,
        appendices=appendices,
        pack=pack,
        registry=registry,
    )
    return write_outputs(out_dir, outputs)


def render(
    source: Any,
    out_dir: str | os.PathLike[str] = ".",
    *,
    stem: str | None = None,
    formats: Collection[str] = ("docx",),
    layout: str | None = None,
    pack: str | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
    appendices: Sequence[AppendixSource] = (),
    pdf_a: bool = False,
    registry: Registry | None = None,
) -> list[Path]:
    """Render a data file (a path), or a loaded document, into ``out_dir``; returns the paths written.

    ``render("notice.yaml", "out", formats={"docx", "pdf"})`` writes ``out/notice.docx`` and
    ``out/notice.pdf``: what ``thongbao render notice.yaml -o out --format both`` does. A wrapper
    over :func:`render_files` that also loads the data and names the files after it (``stem``
    overrides; required for a loaded document):

    - ``pack``: render with that template pack's model, context and layouts
      (``discover().render(data, pack=…)``); without it, thongbao's types use the built-in pack
      and a type only a pack serves uses that pack (:func:`pack_for`);
    - ``templates``: pack folders, first on the search path (a file there overrides the built-in
      one of the same name);
    - ``registry``: the packs, instead of discovering them (then ``templates`` is not allowed);
    - ``appendices``: Phụ lục data files or documents (see :func:`render_outputs`).
    """
    if registry is not None and templates:
        raise ValueError("give registry= or templates=, not both")
    if registry is None and (pack or templates):
        registry = _discover(pack, templates)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if pack is None:
            data = load_data(path)
            if _foreign_type(data) is not None:
                registry = registry or _discover()
                pack = pack_for(data, registry)
        document = load_document(path, pack=pack, registry=registry)
        stem = stem or path.stem
    else:
        document = source
        if not stem:
            raise ValueError("render(document) needs stem= (the output file name without extension)")
    return render_files(
        document,
        out_dir,
        stem=stem,
        formats=formats,
        layout=layout,
        pdf_a=pdf_a,
        appendices=appendices,
        pack=pack,
        registry=registry,
    )
