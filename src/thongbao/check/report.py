"""What the checker reports: :class:`Finding` (one defect) and :class:`Report` (all of them).

``found``/``expected``/``location`` are stored in English; :meth:`Finding.found_in`,
:meth:`Finding.expected_in` and :meth:`Finding.location_in` give them in Vietnamese too (the
vocabulary is small and closed: sizes, "bold", "centre", "table 1, row 2" …). Text excerpts are
never translated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from thongbao.rules import Lang, Severity

__all__ = ["ELEMENT_NAMES", "Finding", "Report", "translate"]

#: Display names of the elements a finding can be about (vi, en).
ELEMENT_NAMES: Mapping[str, tuple[str, str]] = {
    "document": ("toàn văn bản", "whole document"),
    "page": ("trang", "page"),
    "page_number": ("số trang", "page number"),
    "national_title": ("Quốc hiệu", "national title"),
    "motto": ("Tiêu ngữ", "motto"),
    "parent_agency": ("tên cơ quan chủ quản", "parent agency"),
    "agency": ("tên cơ quan ban hành", "issuing agency"),
    "number_line": ("số, ký hiệu", "number and symbol"),
    "date_line": ("địa danh và thời gian", "place and date"),
    "type_name": ("tên loại văn bản", "document type name"),
    "summary": ("trích yếu", "summary"),
    "subject_line": ("trích yếu công văn (V/v)", "official-letter subject (V/v)"),
    "addressee": ("Kính gửi", "addressee (Kính gửi)"),
    "basis": ("căn cứ ban hành", "legal basis"),
    "body": ("nội dung", "body"),
    "heading": ("đề mục", "heading"),
    "authority": ("quyền hạn, chức vụ người ký", "signing authority and title"),
    "signer_name": ("họ tên người ký", "signer's name"),
    "recipients_label": ("\"Nơi nhận:\"", "\"Nơi nhận:\" label"),
    "recipients": ("danh sách nơi nhận", "recipient list"),
    "drafter_mark": ("ký hiệu người soạn thảo", "drafter mark"),
    "contact": ("địa chỉ, liên hệ", "contact block"),
    "stamp": ("dấu chỉ mức độ khẩn, mật, phạm vi lưu hành", "urgency / secrecy / circulation mark"),
    "appendix_label": ("chữ \"Phụ lục\"", "appendix label"),
    "appendix_title": ("tên phụ lục", "appendix title"),
    "appendix_reference": ("dòng \"Kèm theo\" của phụ lục", "appendix reference line"),
    "lead": ("dòng dẫn", "lead line"),
    "header": ("đầu trang", "page header"),
    "footer": ("chân trang", "page footer"),
}

# English phrase → Vietnamese, for the closed vocabulary of found/expected/location values.
_VI: Mapping[str, str] = {
    "bold": "đậm",
    "not bold": "không đậm",
    "partly bold": "đậm một phần",
    "italic": "nghiêng",
    "upright": "đứng",
    "not italic": "không nghiêng",
    "partly italic": "nghiêng một phần",
    "upper case": "in hoa",
    "not upper case": "không in hoa",
    "left": "canh trái",
    "right": "canh phải",
    "center": "canh giữa",
    "centre": "canh giữa",
    "justify": "canh đều hai lề",
    "justified": "canh đều hai lề",
    "distribute": "dàn đều",
    "missing": "không có",
    "none": "không có",
    "present": "có",
    "black": "đen",
    "portrait": "dọc",
    "landscape": "ngang",
    "no rule": "không có đường kẻ",
    "no space": "không có dấu cách",
    "not found": "không tìm thấy",
    "in the footer": "ở chân trang",
    "in the header": "ở đầu trang",
    "shown on page 1": "hiện ở trang 1",
    "not shown on page 1": "không hiện ở trang 1",
    "no page numbers": "không đánh số trang",
    "left column": "cột trái",
    "right column": "cột phải",
    "top right": "phía trên bên phải",
    "not at the top right": "không ở phía trên bên phải",
    "same row as the number": "cùng dòng với số, ký hiệu",
    "not on the number's row": "không cùng dòng với số, ký hiệu",
    "under the national title": "dưới Quốc hiệu",
    "not under the national title": "không ở dưới Quốc hiệu",
    "under the motto": "dưới Tiêu ngữ",
    "not under the motto": "không ở dưới Tiêu ngữ",
    "level with the authority line": "ngang hàng với dòng quyền hạn, chức vụ",
    "not level with the authority line": "không ngang hàng với dòng quyền hạn, chức vụ",
    "flush left": "sát lề trái",
    "the last line": "dòng cuối",
    "lines after it": "còn dòng sau nó",
    "no type name": "không có tên loại",
    "a type name": "có tên loại",
    "a known document type": "tên một loại văn bản của Điều 7",
    "Arabic numerals": "chữ số Ả Rập",
    "numbered from 1": "đánh từ số 1",
    "Roman numerals": "số La Mã",
    "legacy font": "phông chữ cũ",
    "theme font": "phông chữ theo chủ đề",
    "not NFC": "không ở dạng NFC",
    "NFC": "dạng NFC",
    "English dash": "gạch ngang dài",
    "en/em dash": "gạch ngang dài (–)",
    "spaced ASCII hyphens": "gạch nối (-) có cách chữ",
    "of the text": "so với dòng chữ",
    "single to 1.5 lines": "từ dòng đơn đến 1,5 dòng",
    "lines": "dòng",
    "in a text box": "trong hộp văn bản",
    "not a known document type": "không phải tên loại văn bản",
    "a period and a space": "dấu chấm và dấu cách",
    "an order of prefixes Điều 13 allows": "thứ tự quyền hạn ký theo Điều 13",
    "prefix order": "thứ tự quyền hạn ký",
    "for this document type": "cho loại văn bản này",
    "only công văn, tờ trình, báo cáo": "chỉ công văn, tờ trình, báo cáo",
    "a line break": "ngắt dòng",
    "box": "khung",
    "unknown": "không xác định",
}

_LOCATION_WORDS: tuple[tuple[str, str], ...] = (
    ("text box", "hộp văn bản"),
    ("first page", "trang đầu"),
    ("even pages", "trang chẵn"),
    ("default", "mặc định"),
    ("header", "đầu trang"),
    ("footer", "chân trang"),
    ("footnote", "chú thích"),
    ("endnote", "chú thích cuối"),
    ("section", "phần"),
    ("table", "bảng"),
    ("row", "hàng"),
    ("column", "cột"),
    ("paragraph", "đoạn"),
    ("line", "dòng"),
    ("and", "và"),
    ("more", "chỗ khác"),
    ("document", "văn bản"),
    ("page", "trang"),
)
_LOCATION_RE = re.compile(r"\b(" + "|".join(re.escape(en) for en, _ in _LOCATION_WORDS) + r")\b")
_LOCATION_VI = dict(_LOCATION_WORDS)


def translate(value: str, lang: Lang) -> str:
    """``value`` (English, from the closed vocabulary) in ``lang``; unknown parts stay as they are.

    Parts separated by ``", "`` or ``"; "`` are translated one by one, and so is the word after
    a leading ``"not "``; quoted text and numbers are kept.
    """
    if lang == "en" or not value:
        return value
    if value in _VI:
        return _VI[value]
    parts = re.split(r"(; |, | or | / )", value)
    out: list[str] = []
    for part in parts:
        if part in ("; ", ", ", " / "):
            out.append(part)
        elif part == " or ":
            out.append(" hoặc ")
        else:
            out.append(_translate_part(part))
    return "".join(out)


def _translate_part(part: str) -> str:
    if part in _VI:
        return _VI[part]
    for suffix in (" of the text",):
        if part.endswith(suffix) and part[: -len(suffix)]:
            return part[: -len(suffix)] + " " + _VI[suffix.strip()]
    if part.endswith(" lines") and part[:-6].replace(".", "", 1).replace("-", "").strip().isdigit():
        return part[:-6] + " dòng"
    return part


def _location_vi(location: str) -> str:
    return _LOCATION_RE.sub(lambda m: _LOCATION_VI[m.group(1)], location)


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect: ``rule`` (id), ``severity``, the ``element`` it is about (``national_title``,
    ``body``, ``page`` …), where (``location``: "table 1, row 1, column 2, paragraph 1"), a text
    ``excerpt`` (≤ 60 characters), what was ``found`` and what is ``expected``.

    ``note_vi``/``note_en`` say more than the rule's statement when useful ("en dash instead of a
    hyphen"). ``count`` > 1 when the same defect occurs in several places (``locations``).
    """

    rule: str
    severity: Severity
    element: str
    location: str
    excerpt: str = ""
    found: str = ""
    expected: str = ""
    statement_vi: str = ""
    statement_en: str = ""
    source: str = ""
    note_vi: str = ""
    note_en: str = ""
    count: int = 1
    locations: tuple[str, ...] = field(default=(), repr=False)
    found_vi: str = field(default="", repr=False)
    expected_vi: str = field(default="", repr=False)

    def message(self, lang: Lang = "vi") -> str:
        """The rule's statement, then the specific note, in Vietnamese (default) or English."""
        statement = self.statement_vi if lang == "vi" else self.statement_en
        statement = _fill(statement, self.found_in(lang), self.expected_in(lang))
        note = self.note_vi if lang == "vi" else self.note_en
        return f"{statement} {note}".strip() if note else statement

    def found_in(self, lang: Lang = "vi") -> str:
        if lang == "vi" and self.found_vi:
            return self.found_vi
        return translate(self.found, lang)

    def expected_in(self, lang: Lang = "vi") -> str:
        if lang == "vi" and self.expected_vi:
            return self.expected_vi
        return translate(self.expected, lang)

    def location_in(self, lang: Lang = "vi") -> str:
        return _location_vi(self.location) if lang == "vi" else self.location

    def element_name(self, lang: Lang = "vi") -> str:
        names = ELEMENT_NAMES.get(self.element)
        if names is None:
            return self.element
        return names[0] if lang == "vi" else names[1]

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "element": self.element,
            "element_name": self.element_name(lang),
            "location": self.location_in(lang),
            "excerpt": self.excerpt,
            "found": self.found_in(lang),
            "expected": self.expected_in(lang),
            "message": self.message(lang),
            "source": self.source,
            "count": self.count,
            "locations": [_location_vi(loc) if lang == "vi" else loc for loc in self.locations or (self.location,)],
        }


def _fill(template: str, found: str, expected: str) -> str:
    if "{" not in template:
        return template
    try:
        return template.format_map({"found": found, "expected": expected})
    except (KeyError, ValueError, IndexError):
        return template


_SEVERITY_WORDS: Mapping[str, tuple[str, str]] = {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning")}


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a check. ``findings`` are in document order, errors and warnings mixed."""

    findings: tuple[Finding, ...]
    source: str | None = None
    lang: Lang = "vi"
    document_type: str | None = None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def rule_ids(self, severity: Severity | None = None) -> set[str]:
        """The ids of the rules that fired (optionally only errors or only warnings)."""
        return {f.rule for f in self.findings if severity is None or f.severity == severity}

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        lang = lang or self.lang
        return {
            "source": self.source,
            "document_type": self.document_type,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict(lang) for f in self.findings],
        }

    def to_json(self, lang: Lang | None = None, *, indent: int | None = 2) -> str:
        """The report as JSON (UTF-8 text, Vietnamese kept as is)."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def format_text(self, lang: Lang | None = None) -> str:
        """A readable report: one block per finding, then a summary line."""
        lang = lang or self.lang
        vi = lang == "vi"
        lines: list[str] = []
        if self.source:
            lines.append(("Tệp: " if vi else "File: ") + self.source)
        for f in self.findings:
            sev = _SEVERITY_WORDS[f.severity][0 if vi else 1]
            where = f.location_in(lang)
            if f.count > 1:
                more = f.count - 1
                where += f" (và {more} chỗ khác)" if vi else f" (and {more} more)"
            head = f"{f.rule} [{sev}] {f.element_name(lang)} — {where}"
            if f.excerpt:
                head += f': "{f.excerpt}"'
            lines.append(head)
            if f.found or f.expected:
                fl, el = ("thấy", "cần") if vi else ("found", "expected")
                lines.append(f"    {fl}: {f.found_in(lang) or '—'}; {el}: {f.expected_in(lang) or '—'}")
            lines.append(f"    {f.message(lang)}")
        n_err, n_warn = len(self.errors), len(self.warnings)
        if vi:
            summary = "Đạt: không có lỗi." if self.ok else "Không đạt."
            summary += f" {n_err} lỗi, {n_warn} cảnh báo."
        else:
            summary = "Pass: no errors." if self.ok else "Fail."
            summary += f" {n_err} error(s), {n_warn} warning(s)."
        lines.append(summary)
        return "\n".join(lines)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)
