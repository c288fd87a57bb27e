"""Agencies: the issuing agency (cơ quan ban hành, ô 2) and its parent (cơ quan chủ quản)."""

from __future__ import annotations

from pydantic import Field, field_validator

from thongbao.models.base import Code, Model, Text, rule_error

__all__ = ["Agency", "Issuer"]


class Agency(Model):
    """A cơ quan, tổ chức: its official name and abbreviation (chữ viết tắt).

    ``lines`` optionally fixes where a long name breaks (it must join to ``name``); otherwise
    the renderer breaks it to fit the header column.
    """

    name: Text = Field(description="Tên cơ quan, tổ chức (official name; printed in upper case).")
    abbreviation: Code | None = Field(
        default=None, description="Chữ viết tắt tên cơ quan, e.g. SKHCN (used in the ký hiệu)."
    )
    lines: tuple[Text, ...] = Field(default=(), description="Explicit line breaks of the printed name.")

    def model_post_init(self, __context: object) -> None:
        if self.lines and " ".join(self.lines).split() != self.name.split():
            raise rule_error(
                "ND30-CQ",
                f"the lines {list(self.lines)!r} do not spell the name {self.name!r}",
                f"các dòng {list(self.lines)!r} không khớp với tên {self.name!r}",
            )


class Issuer(Agency):
    """Cơ quan, tổ chức ban hành văn bản (ô 2), with its chủ quản and địa danh (ô 4)."""

    abbreviation: Code = Field(description="Chữ viết tắt tên cơ quan ban hành, e.g. SKHCN.")
    place: Text = Field(description="Địa danh, e.g. Hưng Yên (ô 4).")
    parent: Agency | None = Field(
        default=None,
        description="Tên cơ quan, tổ chức chủ quản trực tiếp, e.g. UBND TỈNH HƯNG YÊN (may be abbreviated).",
    )

    @field_validator("place")
    @classmethod
    def _one_place(cls, value: str) -> str:
        # ô 4 is "<địa danh>, ngày …": the comma after the place name is the only one (spec §4.2,
        # ^[^,]+, ngày …), and the địa danh is the name of one administrative unit (Phụ lục I II.4.a).
        if "," in value:
            first = value.split(",", 1)[0].strip() or "Hà Nội"
            raise rule_error(
                "ND30-DATE",
                f"the place name {value!r} contains a comma; give only the name of the administrative unit where "
                f"the issuer sits, e.g. {first!r} (the date line puts the only comma after it)",
                f"địa danh {value!r} có dấu phẩy; chỉ ghi tên đơn vị hành chính nơi cơ quan đóng trụ sở, "
                f"ví dụ {first!r} (dòng địa danh và thời gian chỉ có một dấu phẩy, ngay sau địa danh)",
            )
        return value
