"""Vietnamese language helpers (tiếng Việt): text hygiene, dates, numbering words, numbers.

Pure functions with no knowledge of documents; models, renderer and checker reuse them.
"""

from thongbao.vietnamese.dates import (
    BLANK_DAY,
    BLANK_NUMBER,
    date_line,
    day_text,
    meeting_time,
    month_text,
    short_date,
    short_date_range,
    weekday_name,
)
from thongbao.vietnamese.numbering import VIETNAMESE_LETTERS, cardinal_words, ordinal_lead, point_label, roman
from thongbao.vietnamese.numbers import format_number, format_percent_vi
from thongbao.vietnamese.text import InvalidText, clean_text, collapse_spaces, fold, in_capitals, nfc, upper

__all__ = [
    "BLANK_DAY",
    "BLANK_NUMBER",
    "VIETNAMESE_LETTERS",
    "InvalidText",
    "cardinal_words",
    "clean_text",
    "collapse_spaces",
    "date_line",
    "day_text",
    "fold",
    "format_number",
    "format_percent_vi",
    "in_capitals",
    "meeting_time",
    "month_text",
    "nfc",
    "ordinal_lead",
    "point_label",
    "roman",
    "short_date",
    "short_date_range",
    "upper",
    "weekday_name",
]
