"""Document type (tên loại) and number and symbol (số, ký hiệu, ô 3)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

from thongbao.models.base import Model, Text, accepts, rule_error, string_form
from thongbao.rules import ND30, AmbiguousDocumentType, DocumentTypeInfo
from thongbao.vietnamese import BLANK_NUMBER

__all__ = [
    "DocumentNumber",
    "DocumentTypeKey",
    "NumberInput",
    "document_symbol",
    "format_number_line",
    "lookup_document_type",
    "number_input",
]


def _document_type(value: str) -> str:
    return lookup_document_type(value).key


def lookup_document_type(value: str) -> DocumentTypeInfo:
    """The type named by ``value`` (see :meth:`RuleSet.document_type`), or an ``ND30-INPUT-TYPE``
    error: unknown, or so loosely spelled that it could be several types (never guessed)."""
    try:
        return ND30.document_type(value)
    except AmbiguousDocumentType as exc:
        raise rule_error(
            "ND30-INPUT-TYPE",
            f"{value!r} is ambiguous: it could be {exc.choices}; write the code or name exactly",
            f"{value!r} không rõ là loại nào: {exc.choices}; ghi đúng chữ viết tắt hoặc tên loại",
        ) from None
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


def number_input(value: Any) -> Any:
    """The document number as data gives it: ``5``, ``"05"``, ``5.0``; blank (``""``, ``None``) in a
    draft. Anything else (``0``, ``5.5``, ``true``, ``"năm"``) is refused with ``ND30-INPUT-NUMBER``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None:
        raise rule_error(
            "ND30-INPUT-NUMBER", f"{value!r} is not a whole number", f"{value!r} không phải số nguyên"
        )
    if number < 1:
        raise rule_error(
            "ND30-INPUT-NUMBER", f"{value!r} is not a document number", f"{value!r} không phải số văn bản"
        )
    return number


NumberInput = Annotated[
    int, accepts(string_form("The number written as text; blank in a draft.", pattern=r"^\s*[0-9]*\s*$"))
]
"""A document number as data may give it (see :func:`number_input`, which the field validators call)."""


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
