"""Figures (số liệu) as people type them: ``1.234.567``, ``12,5``, ``98,5%``, ``1.500.000 đồng``."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

__all__ = ["FigureError", "parse_figure"]

_SUFFIX = re.compile(r"(?:đồng|đ|vnđ|vnd)$", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_VI_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")


class FigureError(ValueError):
    """A value that is not a number; carries an English and a Vietnamese message."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.message_en = f"{value!r} is not a number (write 1.234.567 or 12,5 or 98,5%)"
        self.message_vi = f"{value!r} không phải số (viết 1.234.567 hoặc 12,5 hoặc 98,5%)"
        super().__init__(self.message_en)


def parse_figure(value: object) -> tuple[Decimal, bool]:
    """``(number, written_with_percent_sign)`` of a cell or data value.

    Numbers pass through (floats via their shortest repr). Strings are read the Vietnamese way:
    ``.`` groups thousands and ``,`` is the decimal mark (``1.234.567,5``); a string without a comma
    is read with ``.`` as the decimal mark unless it is grouped in threes (``1.234`` is 1234).
    Spaces, a trailing ``%`` and a currency word (``đồng``, ``đ``, ``VNĐ``) are allowed.
    """
    if isinstance(value, bool):
        raise FigureError(value)
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FigureError(value)
        return Decimal(repr(value)), False
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise FigureError(value)
        return value, False
    if not isinstance(value, str):
        raise FigureError(value)
    text = re.sub(r"[\s\u00a0]+", "", value)
    percent = text.endswith("%")
    text = _SUFFIX.sub("", text.removesuffix("%"))
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _VI_THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _PLAIN.match(text):
        raise FigureError(value)
    try:
        return Decimal(text), percent
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise FigureError(value) from None
