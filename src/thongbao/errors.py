"""Errors raised by thongbao, each with an English and a Vietnamese message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

__all__ = ["DocumentValidationError", "InputProblem", "ThongbaoError"]


class ThongbaoError(Exception):
    """Base class of every error thongbao raises on purpose."""


# Vietnamese for pydantic's own error types (ours carry their messages in the rule data).
_PYDANTIC_VI = {
    "missing": "Thiếu trường bắt buộc",
    "extra_forbidden": "Trường không được khai báo trong mẫu dữ liệu",
    "int_parsing": "Phải là số nguyên",
    "int_type": "Phải là số nguyên",
    "string_type": "Phải là chuỗi ký tự",
    "bool_parsing": "Phải là đúng/sai (true/false)",
    "greater_than_equal": "Giá trị quá nhỏ",
    "greater_than": "Giá trị quá nhỏ",
    "less_than_equal": "Giá trị quá lớn",
    "less_than": "Giá trị quá lớn",
    "too_short": "Quá ngắn hoặc danh sách rỗng",
    "too_long": "Quá dài hoặc quá nhiều phần tử",
    "string_too_short": "Không được để trống",
    "string_too_long": "Quá dài",
    "literal_error": "Giá trị không nằm trong danh sách cho phép",
    "enum": "Giá trị không nằm trong danh sách cho phép",
    "union_tag_invalid": "Loại khối nội dung không hợp lệ",
    "union_tag_not_found": "Thiếu loại khối nội dung (kind)",
    "date_from_datetime_parsing": "Ngày không hợp lệ",
    "date_parsing": "Ngày không hợp lệ",
    "tuple_type": "Phải là danh sách",
    "list_type": "Phải là danh sách",
    "model_type": "Phải là một đối tượng (từ điển)",
    "dict_type": "Phải là một đối tượng (từ điển)",
    "value_error": "Giá trị không hợp lệ",
}


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One refused value: where it is, what it was, which rule it breaks, in both languages."""

    field: str
    value: Any
    rule: str
    message_en: str
    message_vi: str

    def __str__(self) -> str:
        value = repr(self.value)
        if len(value) > 80:
            value = value[:77] + "..."
        return (
            f"{self.field} = {value}: {self.message_en} [{self.rule}]\n"
            f"    {self.field}: {self.message_vi}"
        )


def _field_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


class DocumentValidationError(ThongbaoError, ValueError):
    """The input data is not a valid document. Nothing was written.

    ``problems`` lists every refused value with its field path, the value, the rule id
    (``ND30-INPUT-NUMBER`` …, or ``schema`` for shape errors) and the messages.
    """

    def __init__(self, problems: Sequence[InputProblem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f" in {source}" if source else ""
        head = (
            f"{len(self.problems)} invalid value(s){where} / "
            f"{len(self.problems)} giá trị không hợp lệ{' trong ' + source if source else ''}:"
        )
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))

    @classmethod
    def from_problems_text(cls, source: str, en: str, vi: str) -> DocumentValidationError:
        """A whole-file problem (unreadable, not YAML/JSON)."""
        return cls([InputProblem("(file)", source, "schema", en, vi)], source=source)

    @classmethod
    def from_pydantic(cls, exc: ValidationError, *, source: str | None = None) -> DocumentValidationError:
        """Translate a pydantic ``ValidationError`` (ours carry rule ids in their context)."""
        problems = []
        for err in exc.errors(include_url=False):
            ctx = err.get("ctx") or {}
            rule = str(ctx.get("rule", "schema"))
            en = str(ctx.get("en") or err["msg"])
            vi = str(ctx.get("vi") or _PYDANTIC_VI.get(err["type"], err["msg"]))
            value = err.get("input")
            problems.append(InputProblem(_field_path(err["loc"]), value, rule, en, vi))
        return cls(problems, source=source)
