"""Signing block (ô 7a-7c): authority (thẩm quyền ký), the signer's title and name."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_validator

from thongbao.models.base import Model, Text, accepts, refuse_capitals, rule_error, string_form
from thongbao.rules import ND30
from thongbao.vietnamese import upper

__all__ = ["AuthorityLine", "SignatureBlock", "SigningAuthority"]


class SigningAuthority(StrEnum):
    """Thẩm quyền ký: TM. (thay mặt), KT. (ký thay), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q. (quyền)."""

    TM = "TM."
    KT = "KT."
    TL = "TL."
    TUQ = "TUQ."
    Q = "Q."


if {a.value for a in SigningAuthority} != set(ND30.authorities):  # pragma: no cover - data drift guard
    raise RuntimeError("SigningAuthority is out of step with nd30.toml [authorities]")

_PREFIXED = re.compile(r"^\s*([A-Za-zĐđ]{1,4})\.\s*(.*)$")


_PREFIX_PATTERN = "|".join(
    "".join(f"[{c}{c.lower()}]" for c in a.value.rstrip(".")) for a in SigningAuthority
)


class AuthorityLine(Model):
    """One authority line: ``KT. GIÁM ĐỐC`` = (KT., GIÁM ĐỐC); in data, the string ``KT. Giám đốc``."""

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (
        string_form(
            "The line as written: the authority prefix (TM., KT., TL., TUQ., Q.; any case) and the title.",
            pattern=rf"^\s*({_PREFIX_PATTERN})\.\s*\S",
            examples=("KT. Giám đốc", "TM. Ủy ban nhân dân"),
        ),
    )

    authority: Annotated[
        SigningAuthority,
        accepts({"enum": [a.value.rstrip(".") for a in SigningAuthority], "description": "Without the dot."}),
    ] = Field(description="TM., KT., TL., TUQ. or Q.")
    title: Text = Field(description="The collective's name or the principal's title (in hoa).")

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            m = _PREFIXED.match(value)
            if not m:
                raise rule_error(
                    "ND30-SIGN",
                    f"{value!r} has no authority prefix",
                    f"{value!r} không có chữ viết tắt thẩm quyền ký",
                )
            if not m.group(2).strip():
                raise rule_error(
                    "ND30-SIGN",
                    f"{value!r} has no principal title after the prefix",
                    f"{value!r} thiếu chức vụ sau chữ viết tắt thẩm quyền",
                )
            return {"authority": upper(m.group(1)) + ".", "title": m.group(2)}
        if isinstance(value, dict) and isinstance(value.get("authority"), str):
            a = value["authority"].strip()
            value = {**value, "authority": a if a.endswith(".") else a + "."}
        return value

    @field_validator("authority", mode="before")
    @classmethod
    def _known(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in ND30.authorities:
            raise rule_error(
                "ND30-SIGN",
                f"unknown authority prefix {value!r}",
                f"không có thẩm quyền ký {value!r}",
            )
        return value

    @property
    def text(self) -> str:
        """``KT. GIÁM ĐỐC``."""
        return f"{self.authority.value} {upper(self.title)}"


class SignatureBlock(Model):
    """Quyền hạn, chức vụ, họ tên người ký (ô 7).

    ``KT. GIÁM ĐỐC`` / ``PHÓ GIÁM ĐỐC`` / name is
    ``authorities=["KT. GIÁM ĐỐC"], title="Phó Giám đốc", name=...``. Nested forms chain
    authorities: ``["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]`` + ``PHÓ CHỦ TỊCH``. With ``Q.`` the
    authority line is the title itself (``Q. GIÁM ĐỐC``), so ``title`` stays empty.
    """

    authorities: tuple[AuthorityLine, ...] = Field(default=(), description="Authority lines, outermost first.")
    title: Text | None = Field(default=None, description="Chức vụ người ký, e.g. PHÓ GIÁM ĐỐC.")
    name: Text = Field(description="Họ và tên người ký.")

    @field_validator("name")
    @classmethod
    def _name_case(cls, value: str) -> str:
        return refuse_capitals(value, "ND30-SIGN-NAME", "signer's name", "họ tên người ký")

    @model_validator(mode="after")
    def _chain(self) -> SignatureBlock:
        previous = "start"
        for i, line in enumerate(self.authorities):
            info = ND30.authorities[line.authority.value]
            if previous not in info.may_follow:
                where = "first" if previous == "start" else f"after {previous}"
                raise rule_error(
                    "ND30-SIGN",
                    f"{line.authority.value} cannot stand {where}",
                    f"{line.authority.value} không thể đứng "
                    + ("đầu" if previous == "start" else f"sau {previous}"),
                )
            if info.closes_title and i != len(self.authorities) - 1:
                raise rule_error(
                    "ND30-SIGN",
                    f"{line.authority.value} is the signer's own title and must be the last line",
                    f"{line.authority.value} là chức vụ người ký, phải ở dòng cuối",
                )
            previous = line.authority.value
        closes = bool(self.authorities) and ND30.authorities[previous].closes_title
        if closes and self.title:
            raise rule_error(
                "ND30-SIGN",
                f"{previous} {self.authorities[-1].title} already is the signer's title; drop title {self.title!r}",
                f"{previous} {self.authorities[-1].title} đã là chức vụ người ký; bỏ chức vụ {self.title!r}",
            )
        if not closes and not self.title:
            needed = f"after {previous}" if self.authorities else ""
            raise rule_error(
                "ND30-SIGN",
                f"the signer's title is missing {needed}".strip(),
                "thiếu chức vụ người ký",
            )
        return self

    @property
    def lines(self) -> list[str]:
        """Every ô 7a line, upper case: ``["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]``."""
        out = [line.text for line in self.authorities]
        if self.title:
            out.append(upper(self.title))
        return out
