"""Optional marks: urgency (ô 10b), secrecy (ô 10a), circulation (ô 11), drafter (ô 12), contact (ô 13)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from thongbao.models.base import JsonAlternatives, Model, Text, accepts, rule_error, string_form
from thongbao.rules import ND30
from thongbao.vietnamese import fold, upper

__all__ = ["Circulation", "Contact", "DrafterMark", "Secrecy", "Urgency"]


class Urgency(StrEnum):
    """Mức độ khẩn (ô 10b)."""

    KHAN = "KHẨN"
    THUONG_KHAN = "THƯỢNG KHẨN"
    HOA_TOC = "HỎA TỐC"


class Secrecy(StrEnum):
    """Độ mật (ô 10a)."""

    MAT = "MẬT"
    TOI_MAT = "TỐI MẬT"
    TUYET_MAT = "TUYỆT MẬT"


class Circulation(StrEnum):
    """Chỉ dẫn về phạm vi lưu hành (ô 11)."""

    XEM_XONG_TRA_LAI = "XEM XONG TRẢ LẠI"
    LUU_HANH_NOI_BO = "LƯU HÀNH NỘI BỘ"


for _enum, _data in ((Urgency, ND30.urgency_boxes_mm), (Secrecy, ND30.secrecy), (Circulation, ND30.circulation)):
    if {m.value for m in _enum} != set(_data):  # pragma: no cover - data drift guard
        raise RuntimeError(f"{_enum.__name__} is out of step with nd30.toml")


def mark_input(enum: type[StrEnum]) -> JsonAlternatives:
    """JSON Schema metadata of a mark field: the values, or the words in any case and spelling."""
    words = ", ".join(m.value for m in enum)
    return accepts(string_form(f"{words}, in any case, with or without diacritics."))


UrgencyInput = Annotated[Urgency, mark_input(Urgency)]
SecrecyInput = Annotated[Secrecy, mark_input(Secrecy)]
CirculationInput = Annotated[Circulation, mark_input(Circulation)]


def mark_from_text(enum: type[StrEnum], value: object) -> object:
    """Accept a mark by value in any case/diacritics form (``khẩn``, ``HOẢ TỐC``) or by name."""
    if not isinstance(value, str):
        return value
    wanted = fold(value)
    for member in enum:
        if wanted in {fold(member.value), fold(member.name)}:
            return member
    return value


class DrafterMark(Model):
    """Ký hiệu người soạn thảo và số lượng bản phát hành (ô 12), e.g. ``PL.(300)``."""

    code: Text = Field(description="Ký hiệu người soạn thảo (in hoa).")
    copies: int | None = Field(default=None, ge=1, description="Số lượng bản phát hành.")

    @field_validator("code")
    @classmethod
    def _upper(cls, value: str) -> str:
        value = upper(value).rstrip(".")
        if not ND30.patterns["drafter_code"].match(value):
            raise rule_error(
                "ND30-DRAFTER",
                f"{value!r} is not a drafter code: capital letters without tone marks (A-Z, Đ) and digits",
                f"{value!r} không phải ký hiệu người soạn thảo: chữ in hoa không dấu (A-Z, Đ) và chữ số",
            )
        return value

    @property
    def text(self) -> str:
        """``PL.(300)``."""
        return f"{self.code}." + (f"({self.copies})" if self.copies else "")


class Contact(Model):
    """Địa chỉ cơ quan; thư điện tử; trang thông tin điện tử; số điện thoại; số Fax (ô 13)."""

    address: Text | None = None
    phone: Text | None = None
    fax: Text | None = None
    email: Text | None = None
    website: Text | None = None

    @property
    def lines(self) -> list[str]:
        """The footer lines, as Phụ lục I Mục V row 12 writes them."""
        first = [p for p in (self.address and f"Địa chỉ: {self.address}",) if p]
        second = [
            p
            for p in (
                self.phone and f"ĐT: {self.phone}",
                self.fax and f"Fax: {self.fax}",
                self.email and f"E-Mail: {self.email}",
                self.website and f"Website: {self.website}",
            )
            if p
        ]
        return [line for line in ("; ".join(first), ", ".join(second)) if line]
