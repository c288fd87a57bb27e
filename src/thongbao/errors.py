"""Errors raised by thongbao, each with an English and a Vietnamese message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

__all__ = ["DocumentValidationError", "InputProblem", "ThongbaoError"]


class ThongbaoError(Exception):
    """Base class of every error thongbao raises on purpose."""


# Vietnamese for pydantic's own error types (ours carry their messages in the rule data). A
# ``{name}`` is filled from the error's context (``{le}`` = 12 for "less than or equal to 12").
# Every type pydantic-core can raise on data is here; tests/models/test_errors.py checks the list
# against pydantic-core's own, so a new pydantic type cannot come out in English alone.
_PYDANTIC_VI = {
    # Presence and shape.
    "missing": "Thiếu trường bắt buộc",
    "extra_forbidden": "Trường không được khai báo trong mẫu dữ liệu",
    "frozen_field": "Trường này không được thay đổi",
    "frozen_instance": "Đối tượng này không được thay đổi",
    "invalid_key": "Tên trường phải là chuỗi ký tự",
    "none_required": "Phải để trống (null)",
    "model_type": "Phải là một đối tượng (từ điển)",
    "model_attributes_type": "Phải là một đối tượng (từ điển)",
    "dataclass_type": "Phải là một đối tượng (từ điển)",
    "dataclass_exact_type": "Phải là một đối tượng (từ điển)",
    "named_tuple_type": "Phải là danh sách hoặc đối tượng",
    "dict_type": "Phải là một đối tượng (từ điển)",
    "frozen_dict_type": "Phải là một đối tượng (từ điển)",
    "mapping_type": "Phải là một đối tượng (từ điển)",
    "ordered_dict_type": "Phải là một đối tượng (từ điển)",
    "counter_type": "Phải là một đối tượng (từ điển) đếm số lượng",
    "list_type": "Phải là danh sách",
    "tuple_type": "Phải là danh sách",
    "set_type": "Phải là danh sách không trùng lặp",
    "frozen_set_type": "Phải là danh sách không trùng lặp",
    "deque_type": "Phải là danh sách",
    "iterable_type": "Phải là danh sách",
    "iteration_error": "Không đọc được các phần tử của danh sách",
    "set_item_not_hashable": "Phần tử không dùng được trong danh sách không trùng lặp",
    "too_short": "Phải có ít nhất {min_length} phần tử (đang có {actual_length})",
    "too_long": "Chỉ được có tối đa {max_length} phần tử (đang có {actual_length})",
    "union_tag_invalid": "Loại {tag} không hợp lệ ({discriminator}); dùng một trong: {expected_tags}",
    "union_tag_not_found": "Thiếu trường {discriminator} cho biết loại",
    "default_factory_not_called": "Không tính được giá trị mặc định vì có lỗi ở trường khác",
    "recursion_loop": "Dữ liệu tự tham chiếu (vòng lặp)",
    "recursion_depth_exceeded": "Dữ liệu lồng nhau quá sâu",
    "json_invalid": "Không phải JSON hợp lệ",
    "json_type": "Dữ liệu JSON phải là chuỗi ký tự hoặc byte",
    # Text.
    "string_type": "Phải là chuỗi ký tự",
    "string_unicode": "Phải là chuỗi ký tự Unicode hợp lệ",
    "string_too_short": "Phải có ít nhất {min_length} ký tự",
    "string_too_long": "Chỉ được có tối đa {max_length} ký tự",
    "string_pattern_mismatch": "Không đúng dạng quy định ({pattern})",
    "string_not_ascii": "Chỉ được dùng ký tự ASCII",
    "bytes_type": "Phải là dữ liệu byte",
    "bytes_too_short": "Phải có ít nhất {min_length} byte",
    "bytes_too_long": "Chỉ được có tối đa {max_length} byte",
    "bytes_invalid_encoding": "Dữ liệu byte không đúng bảng mã {encoding}",
    # Choices.
    "literal_error": "Giá trị không nằm trong danh sách cho phép: {expected}",
    "enum": "Giá trị không nằm trong danh sách cho phép: {expected}",
    "bool_type": "Phải là đúng/sai (true/false)",
    "bool_parsing": "Phải là đúng/sai (true/false)",
    # Numbers.
    "int_type": "Phải là số nguyên",
    "int_parsing": "Phải là số nguyên",
    "int_parsing_size": "Số nguyên quá lớn",
    "int_from_float": "Phải là số nguyên, không có phần thập phân",
    "float_type": "Phải là số",
    "float_parsing": "Phải là số",
    "finite_number": "Phải là số hữu hạn",
    "decimal_type": "Phải là số",
    "decimal_parsing": "Phải là số thập phân hợp lệ",
    "decimal_max_digits": "Chỉ được có tối đa {max_digits} chữ số",
    "decimal_max_places": "Chỉ được có tối đa {decimal_places} chữ số thập phân",
    "decimal_whole_digits": "Chỉ được có tối đa {whole_digits} chữ số phần nguyên",
    "fraction_type": "Phải là phân số hoặc số",
    "fraction_parsing": "Không phải phân số hợp lệ",
    "complex_type": "Phải là số phức",
    "complex_str_parsing": "Không phải số phức hợp lệ",
    "greater_than": "Phải lớn hơn {gt}",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}",
    "less_than": "Phải nhỏ hơn {lt}",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}",
    "multiple_of": "Phải là bội số của {multiple_of}",
    # Dates and times.
    "date_type": "Phải là ngày (YYYY-MM-DD)",
    "date_parsing": "Ngày không hợp lệ (dạng YYYY-MM-DD, ngày phải có thật)",
    "date_from_datetime_parsing": "Ngày không hợp lệ (dạng YYYY-MM-DD, ngày phải có thật)",
    "date_from_datetime_inexact": "Chỉ ghi ngày, không ghi giờ",
    "date_past": "Ngày phải ở trong quá khứ",
    "date_future": "Ngày phải ở trong tương lai",
    "time_type": "Phải là giờ (HH:MM:SS)",
    "time_parsing": "Giờ không hợp lệ (dạng HH:MM:SS)",
    "datetime_type": "Phải là ngày giờ (YYYY-MM-DDTHH:MM:SS+07:00)",
    "datetime_parsing": "Ngày giờ không hợp lệ (dạng YYYY-MM-DDTHH:MM:SS+07:00)",
    "datetime_object_invalid": "Ngày giờ không hợp lệ",
    "datetime_from_date_parsing": "Ngày giờ không hợp lệ (dạng YYYY-MM-DDTHH:MM:SS+07:00)",
    "datetime_past": "Thời điểm phải ở trong quá khứ",
    "datetime_future": "Thời điểm phải ở trong tương lai",
    "timezone_naive": "Không được ghi múi giờ",
    "timezone_aware": "Phải ghi múi giờ (ví dụ +07:00)",
    "timezone_offset": "Múi giờ không đúng",
    "time_delta_type": "Phải là khoảng thời gian",
    "time_delta_parsing": "Khoảng thời gian không hợp lệ",
    # Other values.
    "value_error": "Giá trị không hợp lệ",
    "assertion_error": "Giá trị không hợp lệ",
    "url_type": "Phải là địa chỉ URL",
    "url_parsing": "Địa chỉ URL không hợp lệ",
    "url_syntax_violation": "Địa chỉ URL không đúng cú pháp",
    "url_too_long": "Địa chỉ URL dài quá {max_length} ký tự",
    "url_scheme": "Địa chỉ URL phải bắt đầu bằng {expected_schemes}",
    "uuid_type": "Phải là mã UUID",
    "uuid_parsing": "Mã UUID không hợp lệ",
    "uuid_version": "Mã UUID phải là phiên bản {expected_version}",
    "missing_sentinel_error": "Giá trị không hợp lệ",
    "ellipsis_error": "Giá trị không hợp lệ",
}

# Types a data file cannot cause: they come from calling Python code wrongly (arguments, objects
# of a class, attributes). They still get the generic Vietnamese message of _vietnamese.
_NOT_FROM_DATA = frozenset(
    {
        "no_such_attribute",
        "get_attribute_error",
        "needs_python_object",
        "is_instance_of",
        "is_subclass_of",
        "callable_type",
        "arguments_type",
        "missing_argument",
        "unexpected_keyword_argument",
        "missing_keyword_only_argument",
        "unexpected_positional_argument",
        "missing_positional_only_argument",
        "multiple_argument_values",
    }
)


class _Context(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "…"


def _vietnamese(error_type: str, ctx: Mapping[str, Any]) -> str:
    """The Vietnamese message of a pydantic error, never the English one."""
    template = _PYDANTIC_VI.get(error_type)
    if template is None:
        return f"Giá trị không hợp lệ ({error_type})"
    # "'KHẨN', 'THƯỢNG KHẨN' or 'HỎA TỐC'": the lists of choices are joined in English.
    values = {k: str(v).replace(" or ", " hoặc ") for k, v in ctx.items()}
    return template.format_map(_Context(values))


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One refused value: where it is, what it was, which rule it breaks, in both languages."""

    field: str
    value: Any
    rule: str
    message_en: str
    message_vi: str
    line: int | None = None
    """1-based line in the data file, when the problem is a position in it (a syntax error)."""
    column: int | None = None
    """1-based column in the data file, with :attr:`line`."""

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


def _inside(loc: Sequence[int | str], errors: Sequence[ErrorDetails]) -> bool:
    """Whether another error is about a part of ``loc`` (an item of that list)."""
    return any(len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == tuple(loc) for e in errors)


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
    def from_parse_error(
        cls, source: str, line: int, column: int, en: str, vi: str, *, value: Any = None, rule: str = "schema"
    ) -> DocumentValidationError:
        """A syntax error at a position of a data file: the field is ``file.yaml:3:5`` and both
        messages say ``line 3, column 5`` / ``dòng 3, cột 5``; ``value`` is what is there (the line)."""
        problem = InputProblem(
            f"{PurePath(source).name}:{line}:{column}",
            source if value is None else value,
            rule,
            f"cannot parse the file at line {line}, column {column}: {en}",
            f"không đọc được tệp tại dòng {line}, cột {column}: {vi}",
            line=line,
            column=column,
        )
        return cls([problem], source=source)

    @classmethod
    def from_pydantic(cls, exc: ValidationError, *, source: str | None = None) -> DocumentValidationError:
        """Translate a pydantic ``ValidationError`` (ours carry rule ids in their context)."""
        problems = []
        errors = exc.errors(include_url=False)
        for err in errors:
            if err["type"] == "too_short" and _inside(err["loc"], errors):
                # pydantic counts a list's items after validation: a list whose items were all
                # refused is also "too short". The items' own problems say what is wrong.
                continue
            ctx = err.get("ctx") or {}
            rule = str(ctx.get("rule", "schema"))
            en = str(ctx.get("en") or err["msg"])
            vi = str(ctx.get("vi") or _vietnamese(err["type"], ctx))
            value = err.get("input")
            problems.append(InputProblem(_field_path(err["loc"]), value, rule, en, vi))
        return cls(problems, source=source)
