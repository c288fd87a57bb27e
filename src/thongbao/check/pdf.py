"""Checks on a PDF (issue #4): A4 pages, embedded Times New Roman-compatible fonts, version >= 1.4, page
numbers only from page 2, and the required elements' text present in reading order.

A PDF keeps no styles, so formatting rules stay with the DOCX check; what a PDF can prove is checked here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from thongbao.check.report import Finding, Report
from thongbao.check.safety import UnreadableDocument
from thongbao.rules import ND30, Lang, RuleSet

MAX_PDF_BYTES = 100 * 1024 * 1024


def _unanchored(name: str) -> re.Pattern[str]:
    return re.compile(ND30.patterns[name].pattern.removeprefix("^").removesuffix("$"), re.M)


def _font_family(base_font: str) -> str:
    name = base_font.split("+", 1)[-1]
    return re.sub(r"[-,].*$", "", name).replace(" ", "").lower()


_ACCEPTED_FONTS = {re.sub(r"\s", "", f).lower() for f in (ND30.font_family, *ND30.pdf_font_substitutes)} | {
    "timesnewromanpsmt",
    "timesnewromanps",
}


__all__ = ["check_pdf"]


def _finding(
    rules: RuleSet, rule_id: str, element: str, location: str, *, excerpt: str = "", found: str = "", expected: str = ""
) -> Finding:
    rule = rules.rule(rule_id)
    return Finding(
        rule=rule_id,
        severity=rule.severity,
        element=element,
        location=location,
        excerpt=excerpt[:60],
        found=found,
        expected=expected,
        statement_vi=rule.vi,
        statement_en=rule.en,
        source=rule.source,
    )


def _read(source: bytes | Path | BinaryIO) -> tuple[bytes, str | None]:
    if isinstance(source, bytes):
        data, name = source, None
    elif isinstance(source, Path | str):
        path = Path(source)
        if path.stat().st_size > MAX_PDF_BYTES:
            raise UnreadableDocument(
                f"the PDF is larger than {MAX_PDF_BYTES // 2**20} MiB",
                f"tệp PDF lớn hơn {MAX_PDF_BYTES // 2**20} MiB",
                code="too-large",
            )
        data, name = path.read_bytes(), str(path)
    else:
        data, name = source.read(MAX_PDF_BYTES + 1), getattr(source, "name", None)
    if len(data) > MAX_PDF_BYTES:
        raise UnreadableDocument("the PDF is too large", "tệp PDF quá lớn", code="too-large")
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnreadableDocument("this is not a PDF file", "đây không phải tệp PDF", code="not-pdf")
    return data, name


def check_pdf(
    source: bytes | Path | BinaryIO,
    *,
    lang: Lang = "vi",
    rules: RuleSet | None = None,
    expected_texts: Sequence[str] = (),
) -> Report:
    """Check a PDF: A4 pages, embedded Times New Roman-compatible fonts, version >= 1.4, page numbers from
    page 2 only, and the required elements (plus ``expected_texts``, e.g. a model's strings) in reading order.
    """
    from thongbao.pdfinfo import pdf_facts

    rules = rules or ND30
    data, name = _read(source)
    try:
        facts = pdf_facts(data)
    except Exception as exc:  # pypdf raises many types on damaged files
        raise UnreadableDocument(
            f"the PDF cannot be read ({type(exc).__name__}: {exc})",
            f"không đọc được tệp PDF ({type(exc).__name__}: {exc})",
            code="corrupt",
        ) from exc
    if facts.encrypted:
        raise UnreadableDocument("the PDF is encrypted", "tệp PDF đã bị mã hóa", code="encrypted")
    out: list[Finding] = []
    if facts.version_tuple < (1, 4):
        out.append(_finding(rules, "ND30-PDF-VERSION", "page", "document", found=facts.version, expected="≥ 1.4"))
    page_rules = rules.page
    for page in facts.pages:
        if not page.is_size(page_rules.width_mm, page_rules.height_mm, page_rules.size_tolerance_mm) or (
            page.orientation != "portrait"
        ):
            out.append(
                _finding(
                    rules,
                    "ND30-PAGE-SIZE",
                    "page",
                    f"page {page.number}",
                    found=f"{page.width_mm:.1f} x {page.height_mm:.1f} mm, {page.orientation}",
                    expected="210 x 297 mm, portrait",
                )
            )
    bad_fonts: dict[str, str] = {}
    for page in facts.pages:
        for font in page.fonts:
            if not font.embedded:
                bad_fonts.setdefault(font.base_font, f"page {page.number}: not embedded")
            elif _font_family(font.base_font) not in _ACCEPTED_FONTS:
                bad_fonts.setdefault(font.base_font, f"page {page.number}")
    for font_name, where in bad_fonts.items():
        out.append(
            _finding(
                rules,
                "ND30-PDF-FONTS",
                "font",
                where,
                excerpt=font_name,
                found=font_name,
                expected=f"{rules.font_family}, embedded",
            )
        )
    # Page numbers: the header is extracted first; page 1 shows none, page n >= 2 shows n.
    for page in facts.pages:
        first = next((line.strip() for line in page.text.splitlines() if line.strip()), "")
        if page.number == 1 and first == "1":
            out.append(
                _finding(
                    rules,
                    "ND30-PNUM",
                    "page_number",
                    "page 1",
                    excerpt=first,
                    found="a page number on page 1",
                    expected="none on page 1",
                )
            )
        elif page.number > 1 and first != str(page.number):
            out.append(
                _finding(
                    rules,
                    "ND30-PNUM",
                    "page_number",
                    f"page {page.number}",
                    excerpt=first,
                    found="no page number" if not first.isdigit() else first,
                    expected=str(page.number),
                )
            )
    out += _reading_order(rules, "\n".join(p.text for p in facts.pages), expected_texts)
    return Report(findings=tuple(out), source=name, lang=lang)


def _reading_order(rules: RuleSet, text: str, expected_texts: Sequence[str]) -> list[Finding]:
    """Required elements present, in the order of the layout."""
    probes: list[tuple[str, re.Pattern[str] | str]] = []
    if rules.elements["national_title"].text:
        accepted = rules.elements["national_title"].accepted_texts or (rules.elements["national_title"].text,)
        probes.append(("national_title", re.compile("|".join(re.escape(t) for t in accepted))))
    if rules.elements["motto"].text:
        probes.append(("motto", rules.elements["motto"].text))
    probes += [
        ("number_line", re.compile(r"Số:? ?(?:\d+| *)[/-]\S+")),
        ("date_line", re.compile(r", ngày (?:\d{1,2}| +) tháng (?:\d{1,2}| +) năm \d{4}")),
        ("recipients_label", rules.texts["recipients_label"]),
        ("recipients", re.compile(r"- Lưu:? ?\S")),
    ]
    found_at: list[tuple[str, int]] = []
    out: list[Finding] = []
    for element, probe in probes:
        pos = text.find(probe) if isinstance(probe, str) else (m.start() if (m := probe.search(text)) else -1)
        if pos < 0:
            shown = probe if isinstance(probe, str) else probe.pattern
            out.append(_finding(rules, "ND30-STRUCTURE", element, "document", found="missing", expected=shown[:60]))
        else:
            found_at.append((element, pos))
    for (prev, pos_prev), (cur, pos) in itertools.pairwise(found_at):
        if pos < pos_prev:
            out.append(
                _finding(
                    rules,
                    "ND30-STRUCTURE",
                    cur,
                    "document",
                    found=f"{cur} before {prev}",
                    expected=f"{prev} before {cur}",
                )
            )
    cursor = 0
    for wanted in expected_texts:
        pos = text.find(wanted, cursor) if wanted else cursor
        if pos < 0:
            out.append(
                _finding(
                    rules,
                    "ND30-STRUCTURE",
                    "body",
                    "document",
                    excerpt=wanted,
                    found="missing or out of order",
                    expected=wanted[:60],
                )
            )
        else:
            cursor = pos
    if not rules.body_ending or rules.body_ending not in text:
        out.append(_finding(rules, "ND30-ENDING", "body", "document", found="no ./.", expected=rules.body_ending))
    return out
