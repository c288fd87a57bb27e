"""Nơi nhận (ô 9b): recipients and the archive line (``- Lưu: VT, QLKH.``)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from thongbao.models.base import Code, Model, Text, rule_error, string_form
from thongbao.rules import ND30

__all__ = ["Archive", "Recipients"]

_EDGE_PUNCT = re.compile(r"^[-–•\s]+|[;.,\s]+$")


class Archive(Model):
    """The ``Lưu:`` entry: the văn thư (VT, always first) then the drafting unit(s), and copies."""

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (
        string_form("The entry as written; VT is implied.", examples=("VT, QLKH", "Lưu: VT, QLKH.")),
        {"type": "array", "items": {"type": "string"}, "description": "The drafting units; VT is implied."},
    )

    units: tuple[Code, ...] = Field(default=(), description="Đơn vị soạn thảo, e.g. QLKH (after VT).")
    copies: int | None = Field(default=None, ge=1, description="Số lượng bản lưu (nếu cần).")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # "VT, QLKH" or ["QLKH"] are accepted; VT is implied.
        if isinstance(value, str):
            value = [u.strip() for u in value.removeprefix("Lưu:").strip(" .").split(",")]
        if isinstance(value, list | tuple):
            value = {"units": value}
        if isinstance(value, dict) and "units" in value:
            office = ND30.texts["archive_office"]
            value = {**value, "units": [u for u in value["units"] if str(u).strip() != office]}
        return value

    @property
    def line(self) -> str:
        """``- Lưu: VT, QLKH.`` (with ``, 02b`` when a copy count is given)."""
        parts = [ND30.texts["archive_office"], *self.units]
        if self.copies:
            parts.append(f"{self.copies:02d}b")
        return f"- {ND30.texts['archive_prefix']} {', '.join(parts)}."


class Recipients(Model):
    """Nơi nhận. Give the names; the library writes the dashes, ``;`` and the final ``.``.

    ``as_above`` adds ``- Như trên;`` first (công văn, tờ trình, báo cáo with Kính gửi).
    """

    to: tuple[Text, ...] = Field(default=(), description="Recipients, one per line, without dash or ';'.")
    archive: Archive | None = Field(default=None, description="Lưu: VT, <đơn vị soạn thảo>.")
    as_above: bool = Field(default=False, description="Start with '- Như trên;'.")

    @field_validator("to", mode="before")
    @classmethod
    def _strip_punctuation(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(_EDGE_PUNCT.sub("", v) if isinstance(v, str) else v for v in value)
        return value

    @model_validator(mode="after")
    def _needs_archive(self) -> Recipients:
        if self.archive is None:
            if not self.to:
                raise rule_error(
                    "ND30-NN-ARCHIVE",
                    "there are no recipients and no Lưu entry",
                    "không có nơi nhận và không có dòng Lưu",
                )
            raise rule_error("ND30-NN-ARCHIVE", "the Lưu entry is missing", "thiếu dòng Lưu")
        return self

    @property
    def lines(self) -> list[str]:
        """Every line of the list, the Lưu line last."""
        names = ([ND30.texts["as_above"]] if self.as_above else []) + list(self.to)
        assert self.archive is not None
        return [f"- {name};" for name in names] + [self.archive.line]
