"""Document type (tên loại) and number and symbol (số, ký hiệu, ô 3)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from thongbao.models.base import Model, Text, rule_error
from thongbao.rules import ND30, DocumentTypeInfo
from thongbao.vietnamese import BLANK_NUMBER

__all__ = ["DocumentNumber", "DocumentTypeKey", "document_symbol", "format_number_line"]


def _document_type(value: str) -> str:
    try:
        return ND30.document_type(value).key
    except KeyError:
        raise rule_error(
            "ND30-INPUT-TYPE", f"unknown document type {value!r}", f"không có loại văn bản {value!r}"
        ) from None


DocumentTypeKey = Annotated[Text, AfterValidator(_document_type)]
"""A document type of Điều 7, given by key (``thong_bao``), name (``Thông báo``) or code (``TB``)."""


def document_symbol(info: DocumentTypeInfo, agency: str, unit: str | None = None) -> str:
    """Ký hiệu: ``TB-SKHCN`` for a type with a name; ``SKHCN-QLKH`` for a công văn (no type code)."""
    if info.abbreviation is None:
        if not unit:
            raise ValueError(f"a {info.name} needs the drafting unit's abbreviation for its symbol")
        return f"{agency}-{unit}"
    return f"{info.abbreviation}-{agency}"


def format_number_line(number: int | None, symbol: str) -> str:
    """ô 3: ``Số: 05/TB-SKHCN``; a draft keeps the number blank: ``Số:      /TB-SKHCN``."""
    if number is None:
        return f"Số:{BLANK_NUMBER}/{symbol}"
    return f"Số: {number:02d}/{symbol}"


def _positive(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise rule_error("ND30-INPUT-NUMBER", f"{value} is not a document number", f"{value} không phải số văn bản")
    return value


PositiveNumber = Annotated[int | None, AfterValidator(_positive)]


class DocumentNumber(Model):
    """Số và ký hiệu of a document, as cited: ``50/KH-SKHCN`` (``number`` is ``None`` in a draft)."""

    number: PositiveNumber = Field(default=None, description="Số thứ tự trong năm (1, 2, …); None = để trống.")
    symbol: Text = Field(description="Ký hiệu, e.g. KH-SKHCN.")

    @property
    def line(self) -> str:
        """The ô 3 line, ``Số: 50/KH-SKHCN``."""
        return format_number_line(self.number, self.symbol)

    @property
    def cited(self) -> str:
        """As cited in running text: ``50/KH-SKHCN`` (blank number in a draft)."""
        return f"{'' if self.number is None else f'{self.number:02d}'}/{self.symbol}"
