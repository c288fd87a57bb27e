"""Vietnamese number formatting through Babel (locale data kept apart from code)."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent

__all__ = ["format_number", "format_percent_vi"]

LOCALE = "vi_VN"


def format_number(value: int | float | Decimal, *, decimals: int | None = None) -> str:
    """``1234567`` → ``1.234.567``; ``12.5`` → ``12,5``."""
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_percent_vi(ratio: float | Decimal, *, decimals: int = 1) -> str:
    """A ratio as a Vietnamese percentage: ``0.125`` → ``12,5%``."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return format_percent(ratio, format=pattern, locale=LOCALE)
