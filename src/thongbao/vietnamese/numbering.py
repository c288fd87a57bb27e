"""Words and labels for numbering: Một là, Hai là …; I, II …; điểm a), b) … đ) …"""

from __future__ import annotations

__all__ = ["VIETNAMESE_LETTERS", "cardinal_words", "ordinal_lead", "point_label", "roman"]

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

# The Vietnamese alphabet as used for điểm (Phụ lục I II.6.đ): no f, j, w, z; đ after d.
VIETNAMESE_LETTERS = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
)


def cardinal_words(n: int) -> str:
    """A number from 1 to 999 in words: 21 → ``hai mươi mốt``, 15 → ``mười lăm``."""
    if not 1 <= n <= 999:
        raise ValueError(f"{n} is outside 1-999")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds:
        words += [_DIGITS[hundreds], "trăm"]
        if rest and tens == 0:
            words.append("linh")
    if tens == 1:
        words.append("mười")
    elif tens > 1:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def ordinal_lead(n: int) -> str:
    """The enumeration lead ``Một là,`` … ``Hai mươi là,`` (capitalised, with the comma)."""
    words = cardinal_words(n)
    return f"{words[0].upper()}{words[1:]} là,"


def roman(n: int) -> str:
    """Roman numerals for Phần, Chương and level-1 headings: 4 → ``IV``."""
    if not 1 <= n <= 3999:
        raise ValueError(f"{n} cannot be written in Roman numerals")
    out = []
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def point_label(n: int) -> str:
    """The label of the n-th điểm (1-based): 1 → ``a)``, 5 → ``đ)``, 6 → ``e)``."""
    if not 1 <= n <= len(VIETNAMESE_LETTERS):
        raise ValueError(f"a khoản has at most {len(VIETNAMESE_LETTERS)} điểm (a-y), not {n}")
    return f"{VIETNAMESE_LETTERS[n - 1]})"
