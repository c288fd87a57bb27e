"""The scripts in examples/ run as documented (they are what users copy first)."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_render_seed_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = runpy.run_path(str(ROOT / "examples" / "render_seed.py"))
    assert script["main"](tmp_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "hung-yen-skhcn-2023-notice.docx",
        "hung-yen-skhcn-2023-notice.pdf",
    ]
    assert capsys.readouterr().out.count("Đạt: không có lỗi.") == 2
