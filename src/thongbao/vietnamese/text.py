"""Text hygiene for Vietnamese input: NFC, control characters, upper-casing, folding."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["InvalidText", "clean_text", "collapse_spaces", "fold", "in_capitals", "nfc", "upper"]

# C0/C1 controls other than tab and newline, plus the Unicode non-characters; XML 1.0 cannot hold them
# and Word refuses files that do.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0]+")


class InvalidText(ValueError):
    """Text that cannot be put in a document: control characters or broken Unicode."""

    def __init__(self, reason_en: str, reason_vi: str, char: str | None = None) -> None:
        self.reason_en = reason_en
        self.reason_vi = reason_vi
        self.char = char
        super().__init__(reason_en)


def nfc(text: str) -> str:
    """Normalise to Unicode NFC (dựng sẵn), the form TCVN 6909:2001 documents are compared in."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Validate and normalise one user string.

    NFC, no surrogates (text that was not valid Unicode), no control characters; newlines are
    allowed only when ``multiline``. Leading and trailing white space is removed.
    """
    if _SURROGATE.search(text):
        raise InvalidText(
            "is not valid Unicode (it contains a lone surrogate)",
            "không phải Unicode hợp lệ (chứa ký tự thay thế lẻ)",
        )
    m = _CONTROL.search(text)
    if m or (not multiline and ("\n" in text or "\r" in text)):
        char = m.group(0) if m else ("\n" if "\n" in text else "\r")
        raise InvalidText(
            f"contains the control character U+{ord(char):04X}",
            f"chứa ký tự điều khiển U+{ord(char):04X}",
            char,
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text).strip()


def upper(text: str) -> str:
    """Vietnamese upper case (in hoa): ``Sở Khoa học`` → ``SỞ KHOA HỌC``; keeps NFC."""
    return nfc(nfc(text).upper())


def in_capitals(text: str, min_words: int) -> bool:
    """Whether ``text`` is typed in capitals: no lower-case letter and at least ``min_words`` words
    with letters (``NGUYỄN VĂN AN``; not ``UBND`` or ``KH&CN`` alone)."""
    if any(ch.islower() for ch in text):
        return False
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word)) >= min_words


def fold(text: str) -> str:
    """Lower case without diacritics, for lookups: ``Quyết định`` → ``quyet dinh``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.replace("_", " ")).strip().lower()


def collapse_spaces(text: str) -> str:
    """Runs of spaces, tabs and no-break spaces as one space (for comparing extracted text)."""
    return _SPACES.sub(" ", text).strip()
