"""Party documents (văn bản của Đảng) per Hướng dẫn 36-HD/VPTW, as far as spec §9 describes them.

Differences from Decree 30 that the data model carries: the number is ``Số 127-QĐ/TU`` (no colon,
a hyphen before the type code, the issuing body's code after the slash); the signing prefixes are
``T/M``, ``K/T``, ``T/L``; the archive line is ``- Lưu Văn phòng …`` (no colon, no VT).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator

from thongbao.models import IssueDate
from thongbao.models.agency import Agency
from thongbao.models.base import Code, Model, Text
from thongbao.models.body import Block, coerce_blocks
from thongbao.vietnamese import upper

__all__ = ["PARTY_TYPES", "PartyDocument", "PartyIssuer", "PartyRecipients", "PartySignature"]

#: Party document types this pack lays out: key → (printed name, code). None: no type name.
PARTY_TYPES: dict[str, tuple[str | None, str]] = {
    "nghi_quyet": ("NGHỊ QUYẾT", "NQ"),
    "quyet_dinh": ("QUYẾT ĐỊNH", "QĐ"),
    "chi_thi": ("CHỈ THỊ", "CT"),
    "ket_luan": ("KẾT LUẬN", "KL"),
    "quy_che": ("QUY CHẾ", "QC"),
    "quy_dinh": ("QUY ĐỊNH", "QĐi"),
    "thong_bao": ("THÔNG BÁO", "TB"),
    "huong_dan": ("HƯỚNG DẪN", "HD"),
    "bao_cao": ("BÁO CÁO", "BC"),
    "ke_hoach": ("KẾ HOẠCH", "KH"),
    "chuong_trinh": ("CHƯƠNG TRÌNH", "CTr"),
    "to_trinh": ("TỜ TRÌNH", "TTr"),
    "cong_van": (None, "CV"),
}
PREFIXES = ("T/M", "K/T", "T/L")
_LINE = re.compile(r"^\s*(T/M|K/T|T/L)\s+(.+)$", re.I)


class PartyIssuer(Agency):
    """The issuing Party body: ``TỈNH ỦY HƯNG YÊN`` (code ``TU``), its superior (optional) and place."""

    abbreviation: Code = Field(description="Code after the slash in the number: TU, HU, ĐU, BTGTU …")
    place: Text
    parent: Agency | None = Field(default=None, description="Cấp ủy cấp trên (superior body), optional.")


class PartySignature(Model):
    """``T/M BAN THƯỜNG VỤ`` / ``BÍ THƯ`` / name. Lines are upper-cased; prefixes T/M, K/T, T/L."""

    authorities: tuple[Text, ...] = ()
    title: Text
    name: Text

    @field_validator("authorities")
    @classmethod
    def _prefixes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for line in value:
            m = _LINE.match(line)
            if not m:
                raise ValueError(f"{line!r}: a Party signing line starts with T/M, K/T or T/L")
            out.append(f"{m.group(1).upper()} {upper(m.group(2))}")
        return tuple(out)

    @property
    def lines(self) -> list[str]:
        return [*self.authorities, upper(self.title)]


class PartyRecipients(Model):
    """Nơi nhận; the last line is ``- Lưu <nơi lưu>.`` (``archive``, e.g. ``Văn phòng Tỉnh ủy``)."""

    to: tuple[Text, ...] = ()
    archive: Text = Field(default="Văn phòng", description="Nơi lưu, e.g. 'Văn phòng Tỉnh ủy'.")

    @property
    def lines(self) -> list[str]:
        return [f"- {n.rstrip(' ;.')};" for n in self.to] + [f"- Lưu {self.archive.rstrip('.')}."]


class PartyDocument(Model):
    """A Party document: type (key of :data:`PARTY_TYPES`), issuer, number, date, trích yếu, body."""

    document_type: str = Field(description="nghi_quyet, quyet_dinh, … cong_van")
    issuer: PartyIssuer
    number: int | None = Field(default=None, ge=1, description="Continuous within the term (nhiệm kỳ).")
    date: IssueDate
    summary: Text = Field(description="Trích yếu, starting in lower case: 'về …'.")
    body: tuple[Block, ...] = Field(min_length=1)
    signature: PartySignature
    recipients: PartyRecipients

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in PARTY_TYPES:
            raise ValueError(f"unknown Party document type {value!r}; known: {', '.join(PARTY_TYPES)}")
        return value

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> Any:
        return coerce_blocks(value)

    @property
    def type_name(self) -> str:
        return PARTY_TYPES[self.document_type][0] or ""

    @property
    def number_line(self) -> str:
        """``Số 127-QĐ/TU`` (a draft keeps the number blank: ``Số    -QĐ/TU``)."""
        code = PARTY_TYPES[self.document_type][1]
        number = "    " if self.number is None else str(self.number)
        return f"Số {number}-{code}/{self.issuer.abbreviation}"

    @property
    def date_line(self) -> str:
        return self.date.line(self.issuer.place)
