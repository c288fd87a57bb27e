"""DOCX -> PDF with LibreOffice, keeping one headless ``soffice`` warm for many documents.

Mechanism
---------
Each :class:`LibreOfficeConverter` starts two processes, each in its own process group:

1. ``soffice --headless ... --accept=socket,host=127.0.0.1,port=N;urp;`` with a private user
   profile (``-env:UserInstallation=file:///tmp/thongbao-lo-XXXX/profile``), listening only on
   the loopback interface, on a port that was free a moment before;
2. a ~100-line *UNO helper* (:data:`_HELPER_SOURCE`, written next to the profile) run by a
   Python interpreter that has the UNO bindings: the system ``python3`` with Debian's
   ``python3-uno``, or LibreOffice's bundled Python on macOS/Windows. It connects to the
   socket, then serves JSON-lines requests on its stdin/stdout: "load this DOCX hidden,
   store it with ``writer_pdf_Export`` and these ``FilterData``".

Why not import ``uno`` in our own interpreter: ``pyuno`` is a C extension built against the
*system* libpython (Debian: ``/usr/lib/python3/dist-packages``); our interpreter is often a
pyenv/venv/conda Python of another patch or minor version, so importing it is fragile at best,
impossible at worst — and a UNO call into a crashed or hung office blocks the calling thread in
C code where no timeout can reach it. Why not ``unoserver`` (PyPI): it has the very same need
(it must run under a Python that imports ``uno``), adds an XML-RPC server on a second port and
gives no control over the process group, the per-document timeout or restarts. The helper
keeps our side pure Python (subprocess + pipes), works with whatever interpreter the project
uses, and makes every failure mode observable: a hang is a timeout on a pipe read, a crash is
EOF or an error reply; both are handled by killing both process groups and starting again.

No orphans: the processes are registered in a module-level table and killed (``SIGKILL`` to
the whole process group, which takes ``oosplash`` and ``soffice.bin`` with it) by
:meth:`LibreOfficeConverter.close`, by a :func:`weakref.finalize` finalizer (also run at
interpreter exit), and by SIGINT/SIGTERM/SIGHUP handlers that kill first and then chain to the
previous handler. The helper also watches its parent and kills ``soffice`` if the parent
disappears (even after ``kill -9`` of our process).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any, Final, Self

from thongbao.render.pdf import PdfOptions

__all__ = [
    "ConversionError",
    "ConverterPool",
    "LibreOfficeConverter",
    "LibreOfficeError",
    "LibreOfficeNotFound",
    "UnoNotFound",
    "convert_once",
    "find_soffice",
    "find_uno_python",
]

log = logging.getLogger(__name__)

IS_WINDOWS: Final = sys.platform == "win32"

INSTALL_HINT: Final = (
    "Install LibreOffice:\n"
    "  Debian/Ubuntu: sudo apt-get install -y libreoffice-writer-nogui fonts-liberation\n"
    "                 (the warm converter also needs: sudo apt-get install -y python3-uno),\n"
    "                 or run scripts/install-system-deps.sh from the thongbao source tree\n"
    "  macOS:         brew install --cask libreoffice\n"
    "  Windows:       https://www.libreoffice.org/download/download-libreoffice/\n"
    "Or point THONGBAO_SOFFICE (or soffice=...) at the soffice executable."
)

_SOFFICE_FLAGS: Final = (
    "--headless",
    "--invisible",
    "--nologo",
    "--norestore",
    "--nodefault",
    "--nolockcheck",
    "--nofirststartwizard",
)

# Variables that would point another interpreter at our environment.
_PY_ENV_VARS: Final = ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONUSERBASE", "PYTHONEXECUTABLE")


class LibreOfficeError(RuntimeError):
    """Base class of this module's errors."""


class LibreOfficeNotFound(LibreOfficeError):
    """``soffice`` (or a Python with the UNO bindings) is not installed."""


class UnoNotFound(LibreOfficeNotFound):
    """No Python interpreter with the LibreOffice UNO bindings (``import uno``) was found."""


class ConversionError(LibreOfficeError):
    """A document could not be converted (after retries), or the converter is closed."""


class _OfficeFailure(Exception):
    """The office process hung, crashed or could not start: restart and retry."""


class _DocumentFailure(Exception):
    """LibreOffice is fine but rejected this document: do not retry."""


# --------------------------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------------------------


def find_soffice(soffice: str | os.PathLike[str] | None = None) -> str:
    """Path of the ``soffice`` executable: ``soffice`` argument, ``$THONGBAO_SOFFICE``, ``PATH``,
    then the usual install locations. Raises :class:`LibreOfficeNotFound`."""
    candidates: list[str] = []
    if soffice is not None:
        candidates.append(os.fspath(soffice))
    elif os.environ.get("THONGBAO_SOFFICE"):
        candidates.append(os.environ["THONGBAO_SOFFICE"])
    else:
        for name in ("soffice", "libreoffice"):
            found = shutil.which(name)
            if found:
                candidates.append(found)
        candidates += [
            "/usr/lib/libreoffice/program/soffice",
            "/opt/libreoffice/program/soffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            r"C:\Program Files\LibreOffice\program\soffice.exe",
            r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        ]
    for candidate in candidates:
        path = shutil.which(candidate) or (candidate if os.path.isfile(candidate) else None)
        if path and os.access(path, os.X_OK):
            return path
    where = f" at {candidates[0]!r}" if soffice is not None or os.environ.get("THONGBAO_SOFFICE") else ""
    raise LibreOfficeNotFound(f"LibreOffice (soffice) was not found{where}.\n{INSTALL_HINT}")


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _PY_ENV_VARS}
    env.setdefault("LANG", "C.UTF-8")
    return env


@lru_cache(maxsize=8)
def _has_uno(python: str) -> bool:
    try:
        proc = subprocess.run(
            [python, "-c", "import uno; from com.sun.star.beans import PropertyValue"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_clean_env(),
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def find_uno_python(soffice: str | None = None) -> str:
    """A Python interpreter that can ``import uno``: ``$THONGBAO_UNO_PYTHON``, LibreOffice's bundled
    Python (macOS/Windows builds), the system ``python3`` (Debian's ``python3-uno``), then ours.
    Raises :class:`UnoNotFound`."""
    candidates: list[str] = []
    if os.environ.get("THONGBAO_UNO_PYTHON"):
        candidates.append(os.environ["THONGBAO_UNO_PYTHON"])
    if soffice:
        program = Path(os.path.realpath(soffice)).parent
        candidates += [
            str(program / "python.exe"),
            str(program / "python"),
            str(program.parent / "Resources" / "python"),  # macOS app bundle
        ]
    candidates += ["/usr/bin/python3", "/usr/local/bin/python3"]
    found = shutil.which("python3")
    if found:
        candidates.append(found)
    candidates.append(sys.executable)
    seen: set[str] = set()
    for candidate in candidates:
        if candidate in seen or not os.path.isfile(candidate):
            continue
        seen.add(candidate)
        if _has_uno(candidate):
            return candidate
    raise UnoNotFound(
        "No Python interpreter with the LibreOffice UNO bindings was found (tried "
        + ", ".join(sorted(seen))
        + ").\n  Debian/Ubuntu: sudo apt-get install -y python3-uno "
        "(or run scripts/install-system-deps.sh)\n"
        "  or set THONGBAO_UNO_PYTHON to such an interpreter; convert_once() works without it."
    )


# --------------------------------------------------------------------------------------------
# Process bookkeeping: kill whole process groups, on close, exit and signals
# --------------------------------------------------------------------------------------------

_LIVE_GROUPS: dict[int, int] = {}  # pid -> process group id, for every process we started
_LIVE_CONVERTERS: weakref.WeakValueDictionary[int, LibreOfficeConverter] = weakref.WeakValueDictionary()
_TEMP_DIRS: dict[str, None] = {}  # private temp dirs, removed on SIGTERM/SIGHUP before dying
_HANDLERS_LOCK = threading.Lock()
_PREVIOUS_HANDLERS: dict[int, Any] = {}


def _popen_group_kwargs() -> dict[str, Any]:
    if IS_WINDOWS:  # pragma: no cover - not exercised on Linux CI
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def _kill_group(pid: int) -> None:
    """SIGKILL the process group led by ``pid`` (the pid of a process we started with a new
    session, so pid == pgid). Never raises. Safe in a signal handler."""
    if IS_WINDOWS:  # pragma: no cover
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def _kill_all_groups() -> None:
    for pid in list(_LIVE_GROUPS):
        _kill_group(pid)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    # Kill first (no locks taken: this may interrupt a thread that holds them), then chain.
    _kill_all_groups()
    with contextlib.suppress(RuntimeError):
        for converter in list(_LIVE_CONVERTERS.values()):
            converter._interrupted = signal.Signals(signum).name
    previous = _PREVIOUS_HANDLERS.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
    elif previous == signal.SIG_DFL:
        for path in list(_TEMP_DIRS):
            shutil.rmtree(path, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def _install_signal_handlers() -> None:
    """Install once, from the main thread only; never over an ignored signal."""
    if threading.current_thread() is not threading.main_thread():
        return
    with _HANDLERS_LOCK:
        names = ["SIGINT", "SIGTERM"] + ([] if IS_WINDOWS else ["SIGHUP"])
        for name in names:
            signum = int(getattr(signal, name))
            if signum in _PREVIOUS_HANDLERS:
                continue
            current = signal.getsignal(signum)
            if current in (signal.SIG_IGN, None) or current is _on_signal:
                continue
            try:
                signal.signal(signum, _on_signal)
            except (ValueError, OSError):  # pragma: no cover - e.g. embedded interpreters
                continue
            _PREVIOUS_HANDLERS[signum] = current


def _reap(proc: subprocess.Popen[Any] | None, timeout: float = 5.0) -> None:
    if proc is None:
        return
    _kill_group(proc.pid)
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        proc.wait(timeout=timeout)
    _LIVE_GROUPS.pop(proc.pid, None)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _start(args: Sequence[str], **kwargs: Any) -> subprocess.Popen[Any]:
    proc: subprocess.Popen[Any] = subprocess.Popen(list(args), **_popen_group_kwargs(), **kwargs)
    _LIVE_GROUPS[proc.pid] = proc.pid
    return proc


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(path: Path, limit: int = 1500) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return text[-limit:]


def _docx_bytes(docx: bytes | os.PathLike[str] | str) -> bytes:
    if isinstance(docx, bytes | bytearray | memoryview):
        data = bytes(docx)
    else:
        try:
            data = Path(docx).read_bytes()
        except OSError as exc:
            raise ConversionError(f"cannot read {docx}: {exc}") from exc
    if not data.startswith(b"PK\x03\x04"):
        raise ConversionError("input is not a DOCX (not a ZIP/OOXML package)")
    return data


def _profile_url(path: Path) -> str:
    return path.resolve().as_uri()


# --------------------------------------------------------------------------------------------
# The UNO helper (runs under a Python that has ``uno``; must stay Python 3.6+-compatible)
# --------------------------------------------------------------------------------------------

_HELPER_SOURCE: Final = r"""
import json, os, signal, sys, threading, time

PORT, OFFICE_PID, CONNECT_TIMEOUT = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
# The protocol owns the real stdout; anything LibreOffice or pyuno print goes to stderr.
proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
PARENT = os.getppid()


def kill_office():
    try:
        os.killpg(OFFICE_PID, signal.SIGKILL)
    except Exception:
        pass


def watchdog():
    while True:
        time.sleep(0.5)
        if os.getppid() != PARENT:  # our parent died (even by SIGKILL): take soffice along
            kill_office()
            os._exit(3)


def send(obj):
    proto.write(json.dumps(obj) + "\n")
    proto.flush()


threading.Thread(target=watchdog, daemon=True).start()
try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except Exception as exc:
    send({"event": "error", "error": "cannot import uno: %r" % (exc,)})
    sys.exit(2)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
url = "uno:socket,host=127.0.0.1,port=%d,tcpNoDelay=1;urp;StarOffice.ComponentContext" % PORT
deadline = time.monotonic() + CONNECT_TIMEOUT
while True:
    try:
        ctx = resolver.resolve(url)
        break
    except NoConnectException:
        if time.monotonic() > deadline:
            send({"event": "error", "error": "could not connect to soffice on port %d" % PORT})
            sys.exit(2)
        time.sleep(0.05)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
send({"event": "ready", "pid": os.getpid()})

DOCUMENT_ERRORS = ("IllegalArgumentException", "IOException", "DocumentError", "ValueError")


class DocumentError(Exception):
    pass


def convert(req):
    in_url = uno.systemPathToFileUrl(req["in"])
    out_url = uno.systemPathToFileUrl(req["out"])
    load = (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0),
            prop("UpdateDocMode", 0))
    doc = desktop.loadComponentFromURL(in_url, "_blank", 0, load)
    if doc is None:
        raise DocumentError("LibreOffice could not load the document")
    try:
        data = tuple(prop(k, v) for k, v in sorted(req["filter_data"].items()))
        args = (prop("FilterName", req.get("filter", "writer_pdf_Export")),
                prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)),
                prop("Overwrite", True))
        uno.invoke(doc, "storeToURL", (out_url, args))
    finally:
        try:
            doc.close(True)
        except Exception:
            try:
                doc.dispose()
            except Exception:
                pass


def serve():
    for line in sys.stdin:
        req = json.loads(line)
        if req.get("cmd") == "quit":
            try:
                desktop.terminate()
            except Exception:
                pass
            return 0
        try:
            convert(req)
            send({"id": req["id"], "ok": True})
        except Exception as exc:
            name = type(exc).__name__
            fatal = name not in DOCUMENT_ERRORS
            msg = getattr(exc, "Message", "") or str(exc)
            send({"id": req["id"], "ok": False, "fatal": fatal, "error": "%s: %s" % (name, msg)})
            if fatal:
                return 1
    return 0  # EOF: our parent closed the pipe or died


try:
    code = serve()
finally:
    kill_office()  # never leave soffice running without someone to talk to it
sys.exit(code)
"""


# --------------------------------------------------------------------------------------------
# One soffice + helper pair
# --------------------------------------------------------------------------------------------


class _Office:
    """One running ``soffice`` and its UNO helper. Not thread-safe (the converter locks)."""

    def __init__(self, *, soffice: str, uno_python: str, profile: Path, workdir: Path) -> None:
        self.soffice = soffice
        self.uno_python = uno_python
        self.profile = profile
        self.workdir = workdir
        self.office: subprocess.Popen[bytes] | None = None
        self.helper: subprocess.Popen[bytes] | None = None
        self.replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.port = 0
        self.converted = 0
        self._next_id = 0
        self.office_log = workdir / "soffice.log"
        self.helper_log = workdir / "helper.log"

    # -- lifecycle
    def start(self, startup_timeout: float) -> None:
        helper_path = self.workdir / "uno_helper.py"
        if not helper_path.exists():
            helper_path.write_text(_HELPER_SOURCE, encoding="utf-8")
        self.port = _free_port()
        env = _clean_env()
        args = [
            self.soffice,
            f"-env:UserInstallation={_profile_url(self.profile)}",
            *_SOFFICE_FLAGS,
            f"--accept=socket,host=127.0.0.1,port={self.port},tcpNoDelay=1;urp;StarOffice.ComponentContext",
        ]
        with open(self.office_log, "wb") as office_log, open(self.helper_log, "wb") as helper_log:
            self.office = _start(args, stdin=subprocess.DEVNULL, stdout=office_log, stderr=subprocess.STDOUT, env=env)
            self.helper = _start(
                [self.uno_python, str(helper_path), str(self.port), str(self.office.pid), str(startup_timeout)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=helper_log,
                env=env,
            )
        assert self.helper.stdout is not None
        threading.Thread(target=self._read_replies, args=(self.helper.stdout, self.replies), daemon=True).start()
        reply = self._wait(startup_timeout + 5, f"LibreOffice did not start within {startup_timeout + 5:g} s")
        if reply is None or reply.get("event") != "ready":
            detail = reply.get("error") if reply else "no answer"
            self.kill()
            raise _OfficeFailure(
                f"LibreOffice did not start ({detail}); soffice output: {_tail(self.office_log)!r}; "
                f"helper output: {_tail(self.helper_log)!r}"
            )

    @staticmethod
    def _read_replies(stream: IO[bytes], replies: queue.Queue[dict[str, Any] | None]) -> None:
        try:
            for raw in stream:
                try:
                    replies.put(json.loads(raw))
                except ValueError:
                    continue
        except (OSError, ValueError):
            pass
        replies.put(None)

    def _wait(self, timeout: float, what: str) -> dict[str, Any] | None:
        try:
            return self.replies.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            raise _OfficeFailure(what) from None

    def alive(self) -> bool:
        return (
            self.office is not None
            and self.helper is not None
            and self.office.poll() is None
            and self.helper.poll() is None
        )

    def kill(self) -> None:
        _reap(self.helper)
        _reap(self.office)
        self.helper = self.office = None

    def close(self, grace: float = 3.0) -> None:
        """Ask LibreOffice to terminate (so a profile is left consistent), then kill the groups."""
        helper, office = self.helper, self.office
        if helper is not None and office is not None and helper.poll() is None and helper.stdin:
            try:
                helper.stdin.write(b'{"cmd": "quit"}\n')
                helper.stdin.flush()
                helper.stdin.close()
                office.wait(timeout=grace)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        self.kill()

    # -- work
    def convert(self, src: Path, dst: Path, filter_data: dict[str, Any], timeout: float) -> None:
        if not self.alive():
            raise _OfficeFailure("LibreOffice is not running")
        self._next_id += 1
        request = {"id": self._next_id, "in": str(src), "out": str(dst), "filter_data": filter_data}
        assert self.helper is not None and self.helper.stdin is not None
        try:
            self.helper.stdin.write(json.dumps(request).encode() + b"\n")
            self.helper.stdin.flush()
        except (OSError, ValueError) as exc:
            raise _OfficeFailure(f"lost the UNO helper: {exc}") from exc
        deadline = time.monotonic() + timeout
        hung = f"timed out after {timeout:g} s (LibreOffice hung)"
        while True:
            reply = self._wait(deadline - time.monotonic(), hung)
            if reply is None:
                raise _OfficeFailure(
                    f"LibreOffice or its UNO helper died; helper output: {_tail(self.helper_log, 500)!r}"
                )
            if reply.get("id") != self._next_id:
                continue
            if reply.get("ok"):
                self.converted += 1
                return
            if reply.get("fatal", True):
                raise _OfficeFailure(str(reply.get("error")))
            raise _DocumentFailure(str(reply.get("error")))


# --------------------------------------------------------------------------------------------
# Public converter
# --------------------------------------------------------------------------------------------


class _State:
    """What the finalizer needs; holds no reference to the converter."""

    def __init__(self, tempdir: Path | None) -> None:
        self.office: _Office | None = None
        self.tempdir = tempdir

    def cleanup(self) -> None:
        office, self.office = self.office, None
        if office is not None:
            office.kill()
        if self.tempdir is not None:
            shutil.rmtree(self.tempdir, ignore_errors=True)
            _TEMP_DIRS.pop(str(self.tempdir), None)


class LibreOfficeConverter:
    """A warm headless LibreOffice converting DOCX to PDF. Use as a context manager.

    ``timeout`` is per document; a hung or crashed office is killed (whole process group),
    restarted and the document retried up to ``retries`` times before :class:`ConversionError`.
    ``profile_dir`` (kept at exit) replaces the private temporary profile (removed at exit).
    ``recycle_after`` restarts the office after that many documents (bounds memory growth).
    """

    def __init__(
        self,
        *,
        soffice: str | None = None,
        timeout: float = 60,
        retries: int = 2,
        profile_dir: Path | None = None,
        startup_timeout: float = 60,
        recycle_after: int | None = 500,
        uno_python: str | None = None,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if retries < 0:
            raise ValueError("retries must be >= 0")
        self.soffice = find_soffice(soffice)
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.startup_timeout = float(startup_timeout)
        self.recycle_after = recycle_after
        self._uno_python = uno_python
        self._lock = threading.RLock()
        self._closed = False
        self._interrupted: str | None = None
        self.restarts = 0
        """How many times the office was (re)started after a failure."""
        self.documents = 0
        self._workdir = Path(tempfile.mkdtemp(prefix="thongbao-lo-"))
        _TEMP_DIRS[str(self._workdir)] = None
        self._profile = Path(profile_dir) if profile_dir is not None else self._workdir / "profile"
        self._state = _State(self._workdir)
        self._finalizer = weakref.finalize(self, _State.cleanup, self._state)
        _LIVE_CONVERTERS[id(self)] = self

    # -- context manager / lifecycle
    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def profile_dir(self) -> Path:
        """The LibreOffice user profile in use (unique per converter unless given)."""
        return self._profile

    @property
    def workdir(self) -> Path:
        """Private temporary directory (profile, helper, scratch files); removed on close."""
        return self._workdir

    @property
    def office_pid(self) -> int | None:
        """PID (= process group id) of the running ``soffice`` launcher, if any."""
        office = self._state.office
        return office.office.pid if office is not None and office.office is not None else None

    @property
    def closed(self) -> bool:
        return self._closed or self._interrupted is not None

    def start(self) -> None:
        """Start LibreOffice now (otherwise it starts with the first document)."""
        with self._lock:
            self._check_open()
            self._ensure_office()

    def close(self) -> None:
        """Stop LibreOffice, kill its process groups, remove the private temp dir. Idempotent.

        If another thread is converting right now, its office is killed at once (that
        conversion fails with :class:`ConversionError`) rather than waited for."""
        self._closed = True
        if not self._lock.acquire(blocking=False):
            busy = self._state.office
            if busy is not None:
                for proc in (busy.helper, busy.office):
                    if proc is not None:
                        _kill_group(proc.pid)
            self._lock.acquire()
        try:
            office, self._state.office = self._state.office, None
            if office is not None:
                office.close()
            self._finalizer()
            _LIVE_CONVERTERS.pop(id(self), None)
        finally:
            self._lock.release()

    def _check_open(self) -> None:
        if self._interrupted is not None:
            raise ConversionError(f"LibreOffice converter was shut down by {self._interrupted}")
        if self._closed:
            raise ConversionError("LibreOffice converter is closed")

    def _ensure_office(self) -> _Office:
        office = self._state.office
        if office is not None and office.alive():
            if self.recycle_after is None or office.converted < self.recycle_after:
                return office
            office.close()
        elif office is not None:
            office.kill()
        self._state.office = None
        _install_signal_handlers()
        uno_python = self._uno_python or find_uno_python(self.soffice)
        self._profile.mkdir(parents=True, exist_ok=True)
        last: _OfficeFailure | None = None
        for attempt in range(3):
            office = _Office(soffice=self.soffice, uno_python=uno_python, profile=self._profile, workdir=self._workdir)
            self._state.office = office  # registered before start: the finalizer can kill it
            try:
                office.start(self.startup_timeout)
            except _OfficeFailure as exc:
                self._state.office = None
                last = exc
                self._check_open()
                log.warning("LibreOffice start attempt %d failed: %s", attempt + 1, exc)
                if attempt == 1 and self._profile == self._workdir / "profile":
                    shutil.rmtree(self._profile, ignore_errors=True)  # maybe a corrupt profile
                continue
            if self._interrupted is not None:
                office.kill()
                self._check_open()
            return office
        assert last is not None
        raise last

    def convert(self, docx: bytes | Path, *, pdf_options: PdfOptions | None = None) -> bytes:
        """Convert one DOCX (bytes or path) to PDF bytes."""
        data = _docx_bytes(docx)
        options = pdf_options or PdfOptions()
        with self._lock:
            self._check_open()
            self.documents += 1
            src = self._workdir / f"doc-{self.documents}.docx"
            dst = self._workdir / f"doc-{self.documents}.pdf"
            src.write_bytes(data)
            failures: list[str] = []
            try:
                for attempt in range(self.retries + 1):
                    self._check_open()
                    try:
                        office = self._ensure_office()
                        dst.unlink(missing_ok=True)
                        office.convert(src, dst, dict(options.filter_data()), self.timeout)
                        pdf = dst.read_bytes()
                        if not pdf.startswith(b"%PDF-"):
                            raise _OfficeFailure("LibreOffice wrote no PDF")
                        return pdf
                    except _DocumentFailure as exc:
                        raise ConversionError(f"LibreOffice rejected the document: {exc}") from None
                    except (_OfficeFailure, OSError) as exc:
                        self._check_open()
                        failures.append(f"attempt {attempt + 1}: {exc}")
                        log.warning("LibreOffice conversion failed (%s); restarting", exc)
                        office_now = self._state.office
                        self._state.office = None
                        if office_now is not None:
                            office_now.kill()
                        self.restarts += 1
            finally:
                src.unlink(missing_ok=True)
                dst.unlink(missing_ok=True)
            raise ConversionError(
                f"LibreOffice failed to convert the document after {self.retries + 1} attempt(s): "
                + "; ".join(failures)
            )


class ConverterPool:
    """``size`` independent converters (own process, profile and port each) for parallel batches."""

    def __init__(self, size: int = 2, **converter_kwargs: Any) -> None:
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self._kwargs = converter_kwargs
        self._converters: list[LibreOfficeConverter] = []
        self._idle: queue.Queue[LibreOfficeConverter] = queue.Queue()
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def converters(self) -> tuple[LibreOfficeConverter, ...]:
        return tuple(self._converters)

    def start(self) -> None:
        """Create the converters and start their offices in parallel."""
        with self._lock:
            if self._closed:
                raise ConversionError("converter pool is closed")
            if self._executor is not None:
                return
            profile_dir = self._kwargs.pop("profile_dir", None)
            for index in range(self.size):
                kwargs = dict(self._kwargs)
                if profile_dir is not None:
                    kwargs["profile_dir"] = Path(profile_dir) / f"worker-{index}"
                self._converters.append(LibreOfficeConverter(**kwargs))
            self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="thongbao-lo")
            try:
                for future in [self._executor.submit(c.start) for c in self._converters]:
                    future.result()
            except BaseException:
                self._close_locked()
                raise
            for converter in self._converters:
                self._idle.put(converter)

    def _convert_one(self, doc: bytes | Path, pdf_options: PdfOptions | None) -> bytes:
        converter = self._idle.get()
        try:
            return converter.convert(doc, pdf_options=pdf_options)
        finally:
            self._idle.put(converter)

    def map(self, docs: Iterable[bytes | Path], *, pdf_options: PdfOptions | None = None) -> list[bytes]:
        """Convert all documents in parallel; results in input order. If any document fails, the
        rest still run and then the first failure (in input order) is raised."""
        self.start()
        executor = self._executor
        assert executor is not None
        futures = [executor.submit(self._convert_one, doc, pdf_options) for doc in docs]
        results: list[bytes] = []
        first_error: tuple[int, Exception] | None = None
        for index, future in enumerate(futures):
            try:
                results.append(future.result())
            except Exception as exc:
                results.append(b"")
                if first_error is None:
                    first_error = (index, exc)
        if first_error is not None:
            failed, error = first_error
            raise ConversionError(f"document {failed} of {len(futures)}: {error}") from error
        return results

    def convert(self, docx: bytes | Path, *, pdf_options: PdfOptions | None = None) -> bytes:
        return self.map([docx], pdf_options=pdf_options)[0]

    def close(self) -> None:
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        self._closed = True
        for converter in self._converters:
            converter._closed = True  # running conversions stop at their next check
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        threads = [threading.Thread(target=c.close) for c in self._converters]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


# --------------------------------------------------------------------------------------------
# One-shot fallback
# --------------------------------------------------------------------------------------------


def convert_once(
    docx: bytes | Path,
    *,
    soffice: str | None = None,
    pdf_options: PdfOptions | None = None,
    timeout: float = 120,
) -> bytes:
    """Convert with one ``soffice --convert-to pdf`` run in a fresh profile (slow: starts
    LibreOffice every time, but needs no UNO bindings)."""
    exe = find_soffice(soffice)
    data = _docx_bytes(docx)
    options = pdf_options or PdfOptions()
    tmp = Path(tempfile.mkdtemp(prefix="thongbao-lo1-"))
    _TEMP_DIRS[str(tmp)] = None
    proc: subprocess.Popen[bytes] | None = None
    try:
        src = tmp / "document.docx"
        src.write_bytes(data)
        outdir = tmp / "out"
        args = [
            exe,
            f"-env:UserInstallation={_profile_url(tmp / 'profile')}",
            *_SOFFICE_FLAGS,
            "--convert-to",
            "pdf:writer_pdf_Export:" + options.filter_options_json(),
            "--outdir",
            str(outdir),
            str(src),
        ]
        log_path = tmp / "soffice.log"
        with open(log_path, "wb") as log_file:
            _install_signal_handlers()
            proc = _start(args, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT, env=_clean_env())
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise ConversionError(f"soffice --convert-to timed out after {timeout:g} s") from None
        out = outdir / "document.pdf"
        if proc.returncode != 0 or not out.is_file():
            raise ConversionError(f"soffice --convert-to failed (exit code {proc.returncode}): {_tail(log_path)!r}")
        return out.read_bytes()
    finally:
        _reap(proc)
        shutil.rmtree(tmp, ignore_errors=True)
        _TEMP_DIRS.pop(str(tmp), None)
