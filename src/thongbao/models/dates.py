"""Issue date (thời gian ban hành, ô 4): a full date, or a draft with the day left blank."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, model_validator

from thongbao.models.base import Model, rule_error
from thongbao.vietnamese import date_line

__all__ = ["IssueDate"]

_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")


class IssueDate(Model):
    """Ngày ban hành. ``day`` (and ``month``) may be ``None`` in a draft (dự thảo).

    Accepts ``{"year": 2023, "month": 5}``, a ``datetime.date``, or ``"2023-01-05"``.
    """

    year: int = Field(ge=1945, le=2200, description="Năm.")
    month: int | None = Field(default=None, ge=1, le=12, description="Tháng; None = để trống.")
    day: int | None = Field(default=None, ge=1, le=31, description="Ngày; None = để trống (dự thảo).")

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
