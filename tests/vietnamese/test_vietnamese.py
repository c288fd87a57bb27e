import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thongbao.vietnamese import (
    InvalidText,
    cardinal_words,
    clean_text,
    date_line,
    fold,
    format_number,
    format_percent_vi,
    month_text,
    ordinal_lead,
    point_label,
    roman,
    short_date_range,
    upper,
)


def test_nfc_and_strip():
    decomposed = unicodedata.normalize("NFD", "  Hưng Yên ")
    assert clean_text(decomposed) == "Hưng Yên"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


@pytest.mark.parametrize("bad", ["a\x00b", "tab\x0bx", "a\x1fb", "x\x85", "a\ud800b", "line\nbreak"])
def test_control_characters_and_broken_unicode_refused(bad):
    with pytest.raises(InvalidText):
        clean_text(bad)


def test_multiline_allows_newlines_only():
    assert clean_text("a\r\nb", multiline=True) == "a\nb"


def test_upper_vietnamese():
    assert upper("Sở Khoa học và Công nghệ") == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert upper("ủy ban nhân dân đ") == "ỦY BAN NHÂN DÂN Đ"


def test_fold():
    assert fold("Quyết định") == "quyet dinh"
    assert fold("Đề án") == "de an"


@pytest.mark.parametrize(("month", "text"), [(1, "01"), (2, "02"), (3, "3"), (10, "10"), (12, "12")])
def test_month_padding_only_january_february(month, text):
    assert month_text(month) == text


def test_date_lines():
    assert date_line("Hà Nội", 2020, 1, 5) == "Hà Nội, ngày 05 tháng 01 năm 2020"
    assert date_line("Thành phố Hồ Chí Minh", 2019, 6, 29) == "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
    assert date_line("Hưng Yên", 2023, 5, None) == "Hưng Yên, ngày     tháng 5 năm 2023"


def test_short_date_ranges():
    assert short_date_range(dt.date(2023, 4, 18), dt.date(2023, 4, 27)) == "18-27/4/2023"
    assert short_date_range(dt.date(2023, 4, 28), dt.date(2023, 5, 5)) == "28/4 đến ngày 05/5/2023"
    with pytest.raises(ValueError):
        short_date_range(dt.date(2023, 5, 5), dt.date(2023, 4, 28))


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "Một là,"), (4, "Bốn là,"), (5, "Năm là,"), (10, "Mười là,"), (11, "Mười một là,"),
     (15, "Mười lăm là,"), (20, "Hai mươi là,"), (21, "Hai mươi mốt là,"), (24, "Hai mươi tư là,"),
     (25, "Hai mươi lăm là,")],
)
def test_ordinal_leads(n, words):
    assert ordinal_lead(n) == words


def test_cardinal_hundreds():
    assert cardinal_words(105) == "một trăm linh năm"
    assert cardinal_words(300) == "ba trăm"


def test_roman_and_points():
    assert [roman(i) for i in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [point_label(i) for i in range(1, 8)] == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]
    with pytest.raises(ValueError):
        point_label(24)


def test_babel_numbers():
    assert format_number(1234567) == "1.234.567"
    assert format_number(12.5) == "12,5"
    assert format_number(3, decimals=2) == "3,00"
    assert format_percent_vi(0.125) == "12,5%"


@given(st.integers(1, 999))
def test_ordinal_is_capitalised_words(n):
    lead = ordinal_lead(n)
    assert lead[0].isupper() and lead.endswith(" là,") and not any(c.isdigit() for c in lead)


def test_weekday_names_and_meeting_time_from_babel() -> None:
    import datetime as dt

    from thongbao.vietnamese import meeting_time, weekday_name

    week = [weekday_name(dt.date(2023, 5, 15) + dt.timedelta(days=i)) for i in range(7)]
    assert week == ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
    assert meeting_time(dt.datetime(2023, 5, 15, 8, 0)) == "08 giờ 00, thứ Hai, ngày 15 tháng 5 năm 2023"
    # day and month padded as in the date line: day < 10, months 1 and 2
    assert meeting_time(dt.datetime(2024, 1, 7, 14, 30)) == "14 giờ 30, Chủ nhật, ngày 07 tháng 01 năm 2024"
