"""Body content (nội dung, ô 6) as blocks."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from thongbao.models.base import Model, Text, accepts, rule_error, string_form
from thongbao.vietnamese import VIETNAMESE_LETTERS

__all__ = ["Basis", "Block", "Body", "DashList", "Enumeration", "Heading", "Paragraph", "Table", "coerce_blocks"]


class Paragraph(Model):
    """An ordinary paragraph (đoạn văn)."""

    kind: Literal["paragraph"] = "paragraph"
    text: Text


class Basis(Model):
    """A căn cứ line (legal basis), printed in italic; ends with ``;`` (the last with ``.``)."""

    kind: Literal["basis"] = "basis"
    text: Text


class Heading(Model):
    """A heading of the Mục V structure: level 1 ``I. TITLE`` (upper case), 2 ``1. Title``, 3 ``a) Title``.

    Numbers are assigned in order unless ``numbered`` is false.
    """

    kind: Literal["heading"] = "heading"
    level: Literal[1, 2, 3] = 1
    title: Text
    numbered: bool = True


class Enumeration(Model):
    """A numbered enumeration in words: ``Một là, …``, ``Hai là, …`` (each item its own paragraph)."""

    kind: Literal["enumeration"] = "enumeration"
    items: tuple[Text, ...] = Field(min_length=1)


class DashList(Model):
    """A dash list: each item a paragraph starting with ``- `` (the item's text kept as given)."""

    kind: Literal["list"] = "list"
    items: tuple[Text, ...] = Field(min_length=1)


_Cell = Annotated[str, accepts({"type": "number"}, {"type": "null"})]


class Table(Model):
    """A simple table: a header row and data rows of text (all rows as wide as the header)."""

    kind: Literal["table"] = "table"
    header: tuple[Text, ...] = Field(min_length=1)
    rows: tuple[tuple[_Cell, ...], ...] = Field(
        default=(), description="Data rows; a number is written as given, null as an empty cell."
    )
    widths: tuple[float, ...] | None = Field(
        default=None, description="Relative column widths (e.g. 1, 4, 2); even when omitted."
    )

    @model_validator(mode="before")
    @classmethod
    def _clean_cells(cls, value: Any) -> Any:
        from thongbao.models.base import _clean

        if isinstance(value, dict) and isinstance(value.get("rows"), list | tuple):
            value = {
                **value,
                "rows": [
                    [_clean(c if isinstance(c, str) else "" if c is None else str(c), multiline=False) for c in row]
                    if isinstance(row, list | tuple)
                    else row
                    for row in value["rows"]
                ],
            }
        return value

    @model_validator(mode="after")
    def _rectangular(self) -> Table:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise rule_error(
                    "ND30-BODY",
                    f"row {i + 1} has {len(row)} cells, the header has {len(self.header)}",
                    f"hàng {i + 1} có {len(row)} ô, hàng tiêu đề có {len(self.header)}",
                )
        if self.widths is not None and (len(self.widths) != len(self.header) or min(self.widths) <= 0):
            raise rule_error(
                "ND30-BODY",
                "widths must give one positive number per column",
                "độ rộng cột phải là số dương cho từng cột",
            )
        return self


Block = Annotated[
    Paragraph | Basis | Heading | Enumeration | DashList | Table,
    Field(discriminator="kind"),
    accepts(string_form("A paragraph (kind: paragraph) given as its text.")),
]
"""One body block; a plain string in data files is a :class:`Paragraph`."""

Body = Annotated[tuple[Block, ...], accepts(string_form("The whole body as one paragraph."))]
"""The body (ô 6): blocks, a string being a paragraph; a single string is a one-paragraph body."""


def coerce_blocks(value: Any) -> Any:
    """Data-file shorthand: a string is a paragraph."""
    if isinstance(value, str):
        return [{"kind": "paragraph", "text": value}]
    if isinstance(value, list | tuple):
        return [{"kind": "paragraph", "text": v} if isinstance(v, str) else v for v in value]
    return value


MAX_POINTS = len(VIETNAMESE_LETTERS)
