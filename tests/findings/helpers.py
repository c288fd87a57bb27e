"""Shared helpers of the findings tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docx_props import iter_paragraphs, open_docx
from thongbao.rules import ND30

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "findings"
SEED_FINDINGS = EXAMPLES / "hung-yen-skhcn-2023-findings.yaml"
SEED_NOTICE = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"
SEED_TEXT = ROOT.parent / "shared" / "examples" / "hung-yen-skhcn-2023-notice.txt"
INSPECTION = EXAMPLES / "inspection-2026.yaml"
INSPECTION_CSV = EXAMPLES / "inspection-2026.csv"

HEADER_FIXED = {ND30.elements["national_title"].text, ND30.elements["motto"].text}


def texts(data: bytes) -> list[str]:
    """Every paragraph's text, table cells included, in reading order."""
    return [p.text for p in iter_paragraphs(open_docx(data))]


BODY_STYLES = {"ND30 Body", "ND30 Basis", "ND30 Heading 1", "ND30 Heading 2", "ND30 Heading 3"}


def body_paragraphs(data: bytes) -> list[Any]:
    """The body's (ô 6) text paragraphs, table cells excluded."""
    return [
        p for p in iter_paragraphs(open_docx(data)) if p.style is not None and p.style.name in BODY_STYLES and p.text
    ]


def body_texts(data: bytes) -> list[str]:
    return [p.text for p in body_paragraphs(data)]


def assert_checker_passes(data: bytes) -> None:
    """The compliance checker (built concurrently as thongbao.check) reports no error."""
    check = pytest.importorskip("thongbao.check")
    check_docx = getattr(check, "check_docx", None)
    if check_docx is None:
        pytest.skip("thongbao.check.check_docx is not available yet")
    report = check_docx(data)
    assert not report.errors, "\n".join(str(e) for e in report.errors)
