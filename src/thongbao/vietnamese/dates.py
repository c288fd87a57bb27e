"""Dates as Vietnamese administrative documents write them (Phụ lục I II.4.b, spec §4.2)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

__all__ = [
    "BLANK_DAY",
    "BLANK_NUMBER",
    "date_line",
    "day_text",
    "meeting_time",
    "month_text",
    "short_date",
    "short_date_range",
    "weekday_name",
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


def weekday_name(date: dt.date) -> str:
    """The day of the week as written inside a sentence, from Babel's Vietnamese locale data:
    ``thứ Hai`` … ``thứ Bảy``, ``Chủ nhật``."""
    name = format_date(date, "EEEE", locale="vi")  # "Thứ Hai", "Chủ Nhật"
    return "Chủ nhật" if date.weekday() == 6 else name[0].lower() + name[1:]


def meeting_time(at: dt.datetime) -> str:
    """When a meeting is held, as a giấy mời writes it: ``08 giờ 00, thứ Hai, ngày 15 tháng 5 năm 2023``
    (the day and month padded as in the date line, Phụ lục I II.4.b)."""
    return (
        f"{at.hour:02d} giờ {at.minute:02d}, {weekday_name(at.date())}, "
        f"ngày {day_text(at.day)} tháng {month_text(at.month)} năm {at.year}"
    )
