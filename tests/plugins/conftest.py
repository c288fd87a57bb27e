"""Fixtures of the plugin tests: the example Party pack installed as an installer would leave it."""

from __future__ import annotations

import importlib
import shutil
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "examples" / "party-pack"
PROJECT = tomllib.loads((PACK / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _install_site(site: Path) -> None:
    """What an installer leaves: the package and a dist-info whose entry points come from the
    pack's pyproject.toml (``pip install`` itself is exercised by test_pip_install)."""
    name, version = PROJECT["name"], PROJECT["version"]
    dist = site / f"{name.replace('-', '_')}-{version}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    groups = PROJECT["entry-points"]
    lines = [f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()) for group, eps in groups.items()]
    (dist / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    shutil.copytree(PACK / "src" / "thongbao_party_pack", site / "thongbao_party_pack")


def _forget() -> None:
    for module in [m for m in sys.modules if m == "thongbao_party_pack" or m.startswith("thongbao_party_pack.")]:
        del sys.modules[module]
    importlib.invalidate_caches()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A site folder on ``sys.path`` holding the Party pack and its entry point (for one module)."""
    path = tmp_path_factory.mktemp("site")
    _install_site(path)
    sys.path.insert(0, str(path))
    _forget()
    yield path
    sys.path.remove(str(path))
    _forget()
