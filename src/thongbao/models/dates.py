"""Issue date (thời gian ban hành, ô 4): a full date, or a draft with the day left blank."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from thongbao.models.base import Model, accepts, rule_error, string_form
from thongbao.vietnamese import date_line

__all__ = ["CalendarDate", "IssueDate", "calendar_date"]

_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")

YEARS = (1945, 2200)
"""The years an issue date may have (the Democratic Republic's first documents date from 1945)."""

_Part = Annotated[int, accepts(string_form("The number written as text.", pattern=r"^\s*[0-9]+\s*$"))]

_RANGES = {"year": YEARS, "month": (1, 12), "day": (1, 31)}
_PARTS = {"year": ("year", "năm"), "month": ("month", "tháng"), "day": ("day", "ngày")}


def calendar_date(value: Any) -> Any:
    """A date given as text must be ``YYYY-MM-DD`` and exist; refused with ``ND30-INPUT-DATE``."""
    if not isinstance(value, str):
        return value
    match = _ISO_DATE.fullmatch(value.strip())
    if match is None:
        raise rule_error(
            "ND30-INPUT-DATE", f"{value!r} is not a date (YYYY-MM-DD)", f"{value!r} không phải ngày (YYYY-MM-DD)"
        )
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise rule_error("ND30-INPUT-DATE", f"{value!r} does not exist", f"ngày {value!r} không có thật") from None


CalendarDate = Annotated[dt.date, BeforeValidator(calendar_date)]
"""A complete date other than the issue date (valid until, leave period…): ``2023-05-15``."""


class IssueDate(Model):
    """Ngày ban hành. ``day`` (and ``month``) may be ``None`` in a draft (dự thảo).

    Accepts ``{"year": 2023, "month": 5}``, a ``datetime.date``, or ``"2023-01-05"``.
    """

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (
        string_form(
            "A complete date, YYYY-MM-DD.", pattern=r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$", examples=("2023-01-05",)
        ),
    )

    # The ranges are checked by _in_range (ND30-INPUT-DATE, both languages), not by Field(ge=, le=),
    # whose errors carry no rule; json_schema_extra keeps them in the JSON Schema.
    year: _Part = Field(description="Năm.", json_schema_extra={"minimum": YEARS[0], "maximum": YEARS[1]})
    month: _Part | None = Field(
        default=None, description="Tháng; None = để trống.", json_schema_extra={"minimum": 1, "maximum": 12}
    )
    day: _Part | None = Field(
        default=None, description="Ngày; None = để trống (dự thảo).", json_schema_extra={"minimum": 1, "maximum": 31}
    )

    @model_validator(mode="before")
    @classmethod
    def _from_date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, str):
            match = _ISO_DATE.fullmatch(value.strip())
            if match is None:
                raise rule_error(
                    "ND30-INPUT-DATE",
                    f"{value!r} is not a date (YYYY-MM-DD)",
                    f"{value!r} không phải ngày (YYYY-MM-DD)",
                )
            # Existence (30/02) is checked after field validation, with the day/month/year named.
            return {"year": int(match["year"]), "month": int(match["month"]), "day": int(match["day"])}
        return value

    @field_validator("year", "month", "day", mode="before")
    @classmethod
    def _whole_number(cls, value: Any, info: ValidationInfo) -> Any:
        name = str(info.field_name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        en, vi = _PARTS[name]
        raise rule_error(
            "ND30-INPUT-DATE", f"{value!r} is not a {en} (a whole number)", f"{value!r} không phải {vi} (số nguyên)"
        )

    @field_validator("year", "month", "day")
    @classmethod
    def _in_range(cls, value: int | None, info: ValidationInfo) -> int | None:
        name = str(info.field_name)
        low, high = _RANGES[name]
        if value is not None and not low <= value <= high:
            en, vi = _PARTS[name]
            raise rule_error(
                "ND30-INPUT-DATE",
                f"{en} {value} is outside {low}-{high}",
                f"{vi} {value} nằm ngoài khoảng {low}-{high}",
            )
        return value

    @model_validator(mode="after")
    def _exists(self) -> IssueDate:
        if self.day is not None:
            if self.month is None:
                raise rule_error(
                    "ND30-INPUT-DATE", "a day is given without a month", "có ngày nhưng không có tháng"
                )
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                shown = f"{self.day:02d}/{self.month:02d}/{self.year}"
                raise rule_error(
                    "ND30-INPUT-DATE", f"{shown} does not exist", f"ngày {shown} không có thật"
                ) from None
        return self

    @property
    def is_complete(self) -> bool:
        """Whether day and month are both filled in."""
        return self.day is not None and self.month is not None

    @property
    def date(self) -> dt.date | None:
        """The calendar date, or ``None`` in a draft."""
        if self.day is None or self.month is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def line(self, place: str) -> str:
        """ô 4: ``Hưng Yên, ngày 05 tháng 01 năm 2023``."""
        return date_line(place, self.year, self.month, self.day)
