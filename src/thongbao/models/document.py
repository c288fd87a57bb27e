"""Administrative documents (văn bản hành chính) and the THÔNG BÁO (notice)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Self

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from thongbao.errors import DocumentValidationError
from thongbao.models.agency import Issuer
from thongbao.models.base import Code, Model, Text, refuse_capitals, rule_error
from thongbao.models.body import Body, Heading, coerce_blocks
from thongbao.models.dates import IssueDate
from thongbao.models.marks import (
    Circulation,
    CirculationInput,
    Contact,
    DrafterMark,
    Secrecy,
    SecrecyInput,
    Urgency,
    UrgencyInput,
    mark_from_text,
)
from thongbao.models.numbering import (
    DocumentTypeKey,
    NumberInput,
    document_symbol,
    format_number_line,
    number_input,
)
from thongbao.models.recipients import Recipients
from thongbao.models.signing import SignatureBlock
from thongbao.rules import ND30, DocumentTypeInfo

__all__ = ["AdministrativeDocument", "Notice", "load_data"]

class AdministrativeDocument(Model):
    """A văn bản hành chính laid out per Phụ lục I (ô 1-13).

    The number is ``None`` and the day blank in a draft (dự thảo), as the văn thư fills them in
    when the document is issued.
    """

    document_type: DocumentTypeKey = Field(default="thong_bao", description="Tên loại văn bản (Điều 7).")
    issuer: Issuer = Field(description="Cơ quan ban hành (ô 2) with its chủ quản and địa danh.")
    number: NumberInput | None = Field(
        default=None, description="Số (ô 3); None = để trống (dự thảo).", json_schema_extra={"minimum": 1}
    )
    unit: Code | None = Field(
        default=None, description="Đơn vị soạn thảo / lĩnh vực: the second part of a công văn's ký hiệu."
    )
    date: IssueDate = Field(description="Ngày ban hành (ô 4).")
    summary: Text = Field(description="Trích yếu nội dung (ô 5).")
    body: Body = Field(min_length=1, description="Nội dung (ô 6).")
    signature: SignatureBlock = Field(description="Quyền hạn, chức vụ, họ tên người ký (ô 7).")
    recipients: Recipients = Field(description="Nơi nhận (ô 9b).")
    urgency: UrgencyInput | None = Field(default=None, description="Mức độ khẩn (ô 10b).")
    secrecy: SecrecyInput | None = Field(default=None, description="Độ mật (ô 10a).")
    circulation: CirculationInput | None = Field(default=None, description="Phạm vi lưu hành (ô 11).")
    drafter: DrafterMark | None = Field(default=None, description="Ký hiệu người soạn thảo, số bản (ô 12).")
    contact: Contact | None = Field(default=None, description="Địa chỉ, điện thoại, thư điện tử (ô 13).")
    keywords: tuple[Text, ...] = Field(default=(), description="PDF/DOCX keywords.")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return number_input(value)

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> Any:
        return coerce_blocks(value)

    @field_validator("summary")
    @classmethod
    def _summary_case(cls, value: str) -> str:
        return refuse_capitals(value, "ND30-TY", "trích yếu", "trích yếu")

    @field_validator("urgency", mode="before")
    @classmethod
    def _urgency(cls, value: Any) -> Any:
        return mark_from_text(Urgency, value)

    @field_validator("secrecy", mode="before")
    @classmethod
    def _secrecy(cls, value: Any) -> Any:
        return mark_from_text(Secrecy, value)

    @field_validator("circulation", mode="before")
    @classmethod
    def _circulation(cls, value: Any) -> Any:
        return mark_from_text(Circulation, value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.type_info.abbreviation is None and self.unit is None:
            # Công văn and thư công have no code in Phụ lục III: their ký hiệu is <agency>-<unit>.
            name = self.type_info.name.lower()
            raise rule_error(
                "ND30-SO",
                f"a {name} needs `unit` (the drafting unit's abbreviation) for its symbol",
                f"{name} cần `unit` (chữ viết tắt đơn vị soạn thảo) để ghi ký hiệu",
            )
        points = 0
        for block in self.body:
            if isinstance(block, Heading) and block.numbered:
                points = points + 1 if block.level == 3 else 0
                if points > 23:
                    raise rule_error(
                        "ND30-STR", "more than 23 điểm under one khoản", "quá 23 điểm trong một khoản"
                    )
        return self

    # Derived text (what ô 3 and ô 4 print).
    @property
    def type_info(self) -> DocumentTypeInfo:
        """The rule data of this document's type."""
        return ND30.document_types[self.document_type]

    @property
    def symbol(self) -> str:
        """Ký hiệu: ``TB-SKHCN``; a công văn's ``SKHCN-QLKH``."""
        return document_symbol(self.type_info, self.issuer.abbreviation, self.unit)

    @property
    def number_line(self) -> str:
        """ô 3: ``Số: 05/TB-SKHCN`` (blank number in a draft)."""
        return format_number_line(self.number, self.symbol)

    @property
    def date_line(self) -> str:
        """ô 4: ``Hưng Yên, ngày 05 tháng 01 năm 2023``."""
        return self.date.line(self.issuer.place)

    @property
    def is_draft(self) -> bool:
        """A draft has a blank number or a blank day."""
        return self.number is None or not self.date.is_complete

    # Loading.
    @classmethod
    def from_data(cls, data: Any, *, source: str | None = None) -> Self:
        """Validate a dict (from YAML/JSON); errors become :class:`DocumentValidationError`."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise DocumentValidationError.from_pydantic(exc, source=source) from None

    @classmethod
    def from_file(cls, path: str | Path) -> Self:
        """Load a document from a ``.yaml``/``.yml`` or ``.json`` file."""
        return cls.from_data(load_data(path), source=str(path))


class Notice(AdministrativeDocument):
    """THÔNG BÁO (notice), Mẫu 1.4 of Phụ lục III."""

    document_type: DocumentTypeKey = Field(default="thong_bao", description="Always thông báo.")

    @field_validator("document_type")
    @classmethod
    def _is_notice(cls, value: str) -> str:
        if value != "thong_bao":
            raise rule_error(
                "ND30-INPUT-TYPE",
                f"a Notice is a thông báo, not {value!r}",
                f"Notice là thông báo, không phải {value!r}",
            )
        return value


class _DataLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so that a date such as ``2023-02-30`` reaches the
    models and is refused there with the field and rule named, not by PyYAML with a traceback."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_data(path: str | Path) -> Any:
    """Read a YAML or JSON data file (UTF-8) into plain Python data."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentValidationError.from_problems_text(
            str(path), "the file is not UTF-8 text", "tệp không phải văn bản UTF-8"
        ) from exc
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_DataLoader)  # a SafeLoader subclass: no arbitrary objects
    except json.JSONDecodeError as exc:
        en = exc.msg.removesuffix(" at")  # "Invalid control character at"
        rule = _CONTROL_RULE if en.startswith("Invalid control character") else "schema"
        raise DocumentValidationError.from_parse_error(
            str(path), exc.lineno, exc.colno, en, _vi_syntax(en), value=_line_text(text, exc.lineno), rule=rule
        ) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a raw control character
        line, column = _line_column(text, exc.position)
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise DocumentValidationError.from_parse_error(
            str(path),
            line,
            column,
            f"unacceptable character {char}: {exc.reason}",
            f"ký tự {char} không được phép (ký tự điều khiển hoặc ký tự đặc biệt)",
            value=_line_text(text, line),
            rule=_CONTROL_RULE,
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        if mark is None:  # pragma: no cover - PyYAML marks every parse error
            raise DocumentValidationError.from_problems_text(
                str(path), f"cannot parse the file: {problem}", f"không đọc được tệp: {_vi_syntax(problem)}"
            ) from exc
        en, vi = problem, _vi_syntax(problem)
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            where = f"line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
            noi = f"dòng {exc.context_mark.line + 1}, cột {exc.context_mark.column + 1}"
            en += f" ({exc.context} at {where})"
            vi += f" (khối bắt đầu tại {noi})"
        raise DocumentValidationError.from_parse_error(
            str(path), mark.line + 1, mark.column + 1, en, vi, value=_line_text(text, mark.line + 1)
        ) from exc
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is one of the above
        raise DocumentValidationError.from_problems_text(
            str(path), f"cannot parse the file: {exc}", f"không đọc được tệp: {exc}"
        ) from exc


_CONTROL_RULE = "ND30-INPUT-TEXT"
"""A raw control character is refused by the input text rule, wherever it stands in the file."""


def _line_text(text: str, line: int) -> str:
    """Line ``line`` (1-based) of ``text``, shown as the refused value of a syntax error."""
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _line_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character index in ``text``."""
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


# Vietnamese for the syntax errors of PyYAML and json, by the start of their English text.
_SYNTAX_VI = (
    ("found character '\\t' that cannot start any token", "có ký tự tab; YAML thụt lề bằng dấu cách, không dùng tab"),
    ("found character", "có ký tự không được đứng ở vị trí này (đặt giá trị trong dấu nháy)"),
    ("mapping values are not allowed here", "dấu hai chấm (:) không được đặt ở đây (thụt lề sai, hoặc đặt giá trị "
     "có dấu hai chấm trong dấu nháy)"),
    ("expected <block end>", "thụt lề không đúng"),
    ("expected <document start>", "thụt lề không đúng hoặc có nội dung thừa"),
    ("could not find expected ':'", "thiếu dấu hai chấm (:) sau tên trường"),
    ("found undefined alias", "bí danh (alias *) chưa được khai báo"),
    ("found duplicate anchor", "nhãn (anchor &) bị khai báo hai lần"),
    ("found unexpected end of stream", "tệp kết thúc khi chuỗi chưa được đóng (thiếu dấu nháy)"),
    ("found unknown escape character", "chuỗi có ký tự thoát (\\) không hợp lệ"),
    ("expected ',' or ']'", "thiếu dấu phẩy (,) hoặc dấu đóng ngoặc (])"),
    ("expected ',' or '}'", "thiếu dấu phẩy (,) hoặc dấu đóng ngoặc (})"),
    ("did not find expected key", "thiếu tên trường hoặc thụt lề không đúng"),
    ("did not find expected node content", "thiếu giá trị"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không đúng"),
    ("did not find expected", "thiếu thành phần theo cú pháp YAML"),
    ("expected a single document", "tệp có nhiều hơn một tài liệu YAML (---)"),
    ("Invalid control character", "chuỗi có ký tự điều khiển"),
    ("Invalid \\escape", "chuỗi có ký tự thoát (\\) không hợp lệ"),
    ("Invalid \\uXXXX escape", "mã \\uXXXX không hợp lệ"),
    ("Unterminated string", "chuỗi chưa được đóng (thiếu dấu nháy kép)"),
    ("Expecting property name enclosed in double quotes", "tên trường phải đặt trong dấu nháy kép (\")"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy (,)"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm (:)"),
    ("Expecting value", "thiếu giá trị"),
    ("Extra data", "có dữ liệu thừa sau phần kết thúc"),
)


def _vi_syntax(problem: str) -> str:
    for start, vi in _SYNTAX_VI:
        if problem.startswith(start):
            return vi
    return f"lỗi cú pháp ({problem})"
