"""Text widths in Times New Roman, from the metric-compatible Liberation Serif (data in times.json).

Used to size the horizontal rules (đường kẻ ngang) the decree measures against a text line, and
by the checker to measure them back. Widths are advance widths; kerning is ignored, as Word does
by default.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

__all__ = ["text_width_pt", "underscores_for_width", "wrap_lines"]

_FALLBACK = 500  # an average em fraction for characters outside the table


@cache
def _table() -> dict[str, dict[str, int]]:
    data = resources.files(__package__).joinpath("times.json").read_text(encoding="utf-8")
    table: dict[str, dict[str, int]] = json.loads(data)
    return table


def _face(bold: bool, italic: bool) -> str:
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` set in Times New Roman at ``size_pt``, in points."""
    widths = _table()[_face(bold, italic)]
    total = 0
    for ch in unicodedata.normalize("NFC", text):
        w = widths.get(ch)
        if w is None:
            base = unicodedata.normalize("NFD", ch)[:1]
            w = widths.get(base, _FALLBACK)
        total += w
    return total * size_pt / 1000


def underscores_for_width(width_pt: float, size_pt: float, *, bold: bool = False) -> int:
    """How many underscores (the official samples' way of drawing a rule) make ``width_pt``."""
    one = text_width_pt("_", size_pt, bold=bold)
    return max(1, round(width_pt / one))


def wrap_lines(
    text: str, max_width_pt: float, size_pt: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Greedy word wrap of ``text`` to ``max_width_pt``, as a word processor breaks a line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width_pt(candidate, size_pt, bold=bold, italic=italic) > max_width_pt:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
