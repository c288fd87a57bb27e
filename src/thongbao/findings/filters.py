"""Jinja filters the findings layouts use, registered on an environment through its seam.

=================  ============================================  ==========================
filter             does                                          example
=================  ============================================  ==========================
``ordinal``        the enumeration lead in words                 ``3|ordinal`` → ``Ba là,``
``roman``          Roman numerals (level-1 headings)             ``4|roman`` → ``IV``
``number``         Babel ``vi_VN`` number, optional decimals     ``1234567|number`` → ``1.234.567``
``vnd``            an amount in đồng (``vnd(false)``: no word)   ``1500000|vnd`` → ``1.500.000 đồng``
``percent``        a ratio as a percentage, optional decimals    ``0.125|percent`` → ``12,5%``
``ending``         closes the body with ``./.``                  ``"… bền vững."|ending`` → ``… bền vững./.``
``capfirst``       upper-cases a lower-case first letter only    ``"một số"|capfirst`` → ``Một số``
=================  ============================================  ==========================

They take and return plain values; the engine still escapes the result.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from thongbao.render.context import ensure_ending
from thongbao.render.engine import TemplateEnvironment
from thongbao.vietnamese import format_number, format_percent_vi, ordinal_lead, roman

__all__ = ["FILTERS", "capfirst", "ending", "install", "number", "ordinal", "percent", "roman_numeral", "vnd"]

Number = int | float | Decimal


def ordinal(n: int) -> str:
    """``1`` → ``Một là,``."""
    return ordinal_lead(int(n))


def roman_numeral(n: int) -> str:
    """``4`` → ``IV``."""
    return roman(int(n))


def number(value: Number, decimals: int | None = None) -> str:
    """``1234567`` → ``1.234.567``; ``12.5`` → ``12,5``; with ``decimals`` fixed places."""
    return format_number(value, decimals=decimals)


def vnd(value: Number, suffix: bool = True) -> str:
    """An amount in đồng, rounded to the đồng: ``1.500.000 đồng`` (``suffix=False``: ``1.500.000``)."""
    text = format_number(value, decimals=0)
    return f"{text} đồng" if suffix else text


def percent(ratio: Number, decimals: int | None = None) -> str:
    """A ratio as a percentage: ``0.125`` → ``12,5%``; up to ``decimals`` places (default 1)."""
    return format_percent_vi(ratio, decimals=1 if decimals is None else decimals)


def capfirst(text: str) -> str:
    """Start with a capital: ``một số …`` → ``Một số …``; anything else is left as it is."""
    text = str(text)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def ending(text: str) -> str:
    """Ensure the text ends with ``./.`` (the end of the body, Mẫu 1.1-1.10)."""
    return ensure_ending(str(text))


FILTERS: dict[str, Callable[..., Any]] = {
    "ordinal": ordinal,
    "roman": roman_numeral,
    "number": number,
    "vnd": vnd,
    "percent": percent,
    "ending": ending,
    "capfirst": capfirst,
}


def install(environment: TemplateEnvironment) -> TemplateEnvironment:
    """Register :data:`FILTERS` on ``environment`` (idempotent); returns it."""
    environment.add_filters(FILTERS)
    return environment
