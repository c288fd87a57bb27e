"""Shared base for models: immutable, strict about unknown fields, every string cleaned."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from thongbao.rules import ND30
from thongbao.vietnamese import InvalidText, clean_text, in_capitals

__all__ = [
    "Code",
    "JsonAlternatives",
    "Model",
    "MultilineText",
    "Text",
    "accepts",
    "rule_error",
    "string_form",
]


def rule_error(rule_id: str, detail_en: str = "", detail_vi: str = "") -> PydanticCustomError:
    """A validation error that carries its ND30 rule id and both messages."""
    rule = ND30.rule(rule_id)
    en = f"{detail_en}. {rule.en}" if detail_en else rule.en
    vi = f"{detail_vi}. {rule.vi}" if detail_vi else rule.vi
    return PydanticCustomError(
        "nd30", "{en} [{rule}] / {vi}", {"rule": rule_id, "en": en, "vi": vi}
    )


def refuse_capitals(value: str, rule_id: str, what_en: str, what_vi: str) -> str:
    """An "in thường" text (trích yếu, họ tên người ký) must not be typed in capitals: the library
    writes the case each element needs, and the checker would report it (``[case]`` in nd30.toml)."""
    if in_capitals(value, ND30.capitals_min_words):
        raise rule_error(
            rule_id,
            f"the {what_en} is typed in capitals; give it in normal case (the template sets the case)",
            f"{what_vi} được gõ bằng chữ in hoa; hãy nhập chữ thường (mẫu tự trình bày chữ hoa, thường)",
        )
    return value


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


# ---------------------------------------------------------------------------------------------
# JSON Schema of the shorthand forms
# ---------------------------------------------------------------------------------------------
# The models accept shorter forms than their fields' types in data files (a string for a paragraph
# or for "KT. Giám đốc", a list for the Lưu entry, "13/4/2023" for a date…). The JSON Schema that
# ``thongbao schema`` publishes must accept them too, so each shorthand is declared where it is
# accepted: a model's own in ``Model.json_shorthand``, a field's with ``Annotated[..., accepts(...)]``.
# They only widen the validation schema (``anyOf``); the serialization schema is the plain type.


@dataclass(frozen=True, eq=False)
class JsonAlternatives:
    """``Annotated`` metadata: in the validation JSON Schema the type also accepts these forms."""

    alternatives: tuple[dict[str, Any], ...]

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        if handler.mode != "validation":
            return schema
        return {"anyOf": [schema, *(dict(a) for a in self.alternatives)]}


def accepts(*alternatives: dict[str, Any]) -> JsonAlternatives:
    """``Annotated[T, accepts({"type": "string"})]``: data may also give ``T`` in these forms."""
    return JsonAlternatives(alternatives)


def string_form(description: str, *, pattern: str | None = None, examples: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON Schema of a string shorthand."""
    schema: dict[str, Any] = {"type": "string", "description": description}
    if pattern is not None:
        schema["pattern"] = pattern
    if examples:
        schema["examples"] = list(examples)
    return schema


class Model(BaseModel):
    """Base of every thongbao model: frozen, unknown fields refused.

    ``json_shorthand`` lists the JSON Schemas of the other forms a model accepts in data files
    (``"KT. Giám đốc"`` for an :class:`~thongbao.models.AuthorityLine`); the validation JSON Schema
    of the model is then ``anyOf`` the object and these forms.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = ()

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = super().__get_pydantic_json_schema__(core_schema, handler)
        shorthand = cls.json_shorthand
        if handler.mode != "validation" or not shorthand:
            return schema
        target = handler.resolve_ref_schema(schema)
        obj = dict(target)
        target.clear()
        target.update({k: obj[k] for k in ("title", "description") if k in obj})
        target["anyOf"] = [obj, *(dict(a) for a in shorthand)]
        return schema
