"""Dates as Vietnamese administrative documents write them (Phụ lục I II.4.b, spec §4.2)."""

from __future__ import annotations

import datetime as dt

__all__ = [
    "BLANK_DAY",
    "BLANK_NUMBER",
    "date_line",
    "day_text",
    "month_text",
    "short_date",
    "short_date_range",
]

# Blanks left in a draft for the văn thư to fill in by hand (the seed notice: "ngày     tháng 5").
BLANK_DAY = "   "
BLANK_NUMBER = "      "


def day_text(day: int) -> str:
    """Days below 10 take a leading zero: 5 → ``05``."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only months 1 and 2 take a leading zero: 1 → ``01``, 3 → ``3``."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, year: int, month: int | None, day: int | None) -> str:
    """ô 4: ``Hưng Yên, ngày 05 tháng 01 năm 2023``; a ``None`` day or month is left blank."""
    d = day_text(day) if day is not None else BLANK_DAY
    m = month_text(month) if month is not None else BLANK_DAY
    return f"{place}, ngày {d} tháng {m} năm {year}"


def short_date(date: dt.date) -> str:
    """The short form used inside the text when citing documents: ``13/4/2023``."""
    return f"{date.day}/{date.month}/{date.year}"


def short_date_range(start: dt.date, end: dt.date) -> str:
    """A period as the body text writes it.

    Same month: ``18-27/4/2023``; same year: ``28/4 đến ngày 05/5/2023`` (callers add "từ ngày");
    otherwise ``20/12/2022 đến ngày 10/01/2023``.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    if start == end:
        return short_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day}/{end.month}/{end.year}"
    if start.year == end.year:
        return f"{start.day}/{start.month} đến ngày {end.day:02d}/{end.month}/{end.year}"
    return f"{short_date(start)} đến ngày {end.day:02d}/{end.month}/{end.year}"
