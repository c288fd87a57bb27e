"""Administrative documents (văn bản hành chính) and the THÔNG BÁO (notice)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Self

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from thongbao.errors import DocumentValidationError
from thongbao.models.agency import Issuer
from thongbao.models.base import Code, Model, Text, rule_error
from thongbao.models.body import Block, Heading, coerce_blocks
from thongbao.models.dates import IssueDate
from thongbao.models.marks import Circulation, Contact, DrafterMark, Secrecy, Urgency, mark_from_text
from thongbao.models.numbering import DocumentTypeKey, document_symbol, format_number_line
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
    number: int | None = Field(default=None, description="Số (ô 3); None = để trống (dự thảo).")
    unit: Code | None = Field(
        default=None, description="Đơn vị soạn thảo / lĩnh vực: the second part of a công văn's ký hiệu."
    )
    date: IssueDate = Field(description="Ngày ban hành (ô 4).")
    summary: Text = Field(description="Trích yếu nội dung (ô 5).")
    body: tuple[Block, ...] = Field(min_length=1, description="Nội dung (ô 6).")
    signature: SignatureBlock = Field(description="Quyền hạn, chức vụ, họ tên người ký (ô 7).")
    recipients: Recipients = Field(description="Nơi nhận (ô 9b).")
    urgency: Urgency | None = Field(default=None, description="Mức độ khẩn (ô 10b).")
    secrecy: Secrecy | None = Field(default=None, description="Độ mật (ô 10a).")
    circulation: Circulation | None = Field(default=None, description="Phạm vi lưu hành (ô 11).")
    drafter: DrafterMark | None = Field(default=None, description="Ký hiệu người soạn thảo, số bản (ô 12).")
    contact: Contact | None = Field(default=None, description="Địa chỉ, điện thoại, thư điện tử (ô 13).")
    keywords: tuple[Text, ...] = Field(default=(), description="PDF/DOCX keywords.")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, bool):
            raise rule_error("ND30-INPUT-NUMBER", f"{value!r} is not a number", f"{value!r} không phải số")
        if isinstance(value, int) and value < 1:
            raise rule_error(
                "ND30-INPUT-NUMBER", f"{value} is not a document number", f"{value} không phải số văn bản"
            )
        return value

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> Any:
        return coerce_blocks(value)

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
        if not self.type_info.has_type_name and self.unit is None:
            raise rule_error(
                "ND30-SO",
                "a công văn needs `unit` (the drafting unit's abbreviation) for its symbol",
                "công văn cần `unit` (chữ viết tắt đơn vị soạn thảo) để ghi ký hiệu",
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
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise DocumentValidationError.from_problems_text(
            str(path), f"cannot parse the file: {exc}", f"không đọc được tệp: {exc}"
        ) from exc
