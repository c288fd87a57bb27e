"""Shared base for models: immutable, strict about unknown fields, every string cleaned."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from thongbao.rules import ND30
from thongbao.vietnamese import InvalidText, clean_text

__all__ = ["Code", "Model", "MultilineText", "Text", "rule_error"]


def rule_error(rule_id: str, detail_en: str = "", detail_vi: str = "") -> PydanticCustomError:
    """A validation error that carries its ND30 rule id and both messages."""
    rule = ND30.rule(rule_id)
    en = f"{detail_en}. {rule.en}" if detail_en else rule.en
    vi = f"{detail_vi}. {rule.vi}" if detail_vi else rule.vi
    return PydanticCustomError(
        "nd30", "{en} [{rule}] / {vi}", {"rule": rule_id, "en": en, "vi": vi}
    )


def _clean(value: Any, *, multiline: bool) -> Any:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise rule_error(
                "ND30-INPUT-TEXT", "the bytes are not valid UTF-8", "dữ liệu không phải UTF-8 hợp lệ"
            ) from exc
    if not isinstance(value, str):
        return value
    try:
        return clean_text(value, multiline=multiline)
    except InvalidText as exc:
        raise rule_error("ND30-INPUT-TEXT", f"the text {exc.reason_en}", f"văn bản {exc.reason_vi}") from exc


def _non_empty(value: str) -> str:
    if not value:
        raise PydanticCustomError(
            "nd30", "{en} / {vi}", {"rule": "schema", "en": "must not be empty", "vi": "không được để trống"}
        )
    return value


Text = Annotated[
    str, BeforeValidator(lambda v: _clean(v, multiline=False)), AfterValidator(_non_empty)
]
"""A one-line user string: NFC, no control characters, not empty."""

MultilineText = Annotated[
    str, BeforeValidator(lambda v: _clean(v, multiline=True)), AfterValidator(_non_empty)
]
"""User text that may contain line breaks."""

_CODE = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise rule_error(
            "ND30-INPUT-CODE",
            f"{value!r} is not an abbreviation",
            f"{value!r} không phải chữ viết tắt hợp lệ",
        )
    return value


Code = Annotated[Text, AfterValidator(_code)]
"""An abbreviation (chữ viết tắt) of an agency or unit: ``SKHCN``, ``QLKH``."""


class Model(BaseModel):
    """Base of every thongbao model: frozen, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)
