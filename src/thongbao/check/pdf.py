"""Checks on a PDF (issue #4): A4 pages, embedded Times New Roman-compatible fonts, version >= 1.4, page
numbers only from page 2, and the required elements' text present in reading order.

A PDF keeps no styles, so formatting rules stay with the DOCX check; what a PDF can prove is checked here.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from thongbao.check.report import Finding, Report
from thongbao.check.safety import UnreadableDocument
from thongbao.rules import ND30, Lang, RuleSet
from thongbao.vietnamese import upper

if TYPE_CHECKING:
    from thongbao.pdfinfo import PageFacts

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
    docx: bytes | Path | BinaryIO | None = None,
) -> Report:
    """Check a PDF: A4 pages, embedded Times New Roman-compatible fonts, version >= 1.4, page numbers from
    page 2 only, and the required elements (plus ``expected_texts``, e.g. a model's strings) in reading order.

    Appendices merged after the document (each opening with "Phụ lục …") are numbered on their own; a PDF
    that is itself an appendix (Mẫu 2.1/2.2) needs no Quốc hiệu, number or Nơi nhận. With ``docx``, the
    DOCX the PDF was converted from, every line of it must also be in the PDF: nothing was lost.
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
    parts = _parts(facts.pages, rules)
    for part in parts:
        out += _page_numbers(rules, part)
    main = [page for part in parts if not part.is_appendix for page in part.pages]
    text = "\n".join(page.text for page in facts.pages)
    if main:
        out += _reading_order(rules, "\n".join(page.text for page in main), expected_texts)
    else:
        out += _reading_order(rules, text, expected_texts, appendix=True)
    if docx is not None:
        # without the page numbers, which fall inside the paragraphs that run on to the next page
        running = "\n".join(line for page in facts.pages for line in _content_lines(page))
        out += _texts_of_the_docx(rules, running, docx)
    if not rules.body_ending or rules.body_ending not in text:
        out.append(_finding(rules, "ND30-ENDING", "body", "document", found="no ./.", expected=rules.body_ending))
    return Report(findings=tuple(out), source=name, lang=lang)


@dataclass(frozen=True)
class _Part:
    """The pages of the document itself, or of one appendix merged after it (numbered on its own)."""

    is_appendix: bool
    pages: tuple[PageFacts, ...]


def _content_lines(page: PageFacts) -> list[str]:
    """The page's lines without the page number the header puts first."""
    lines = [line.strip() for line in page.text.splitlines() if line.strip()]
    return lines[1:] if lines and lines[0].isdigit() else lines


def _parts(pages: Sequence[PageFacts], rules: RuleSet) -> list[_Part]:
    """Split at each page that opens with a "Phụ lục …" label (Mẫu 2.1/2.2: the label may follow the
    ô 14 signature line of an electronic appendix)."""
    label = rules.patterns.get("appendix_label")
    parts: list[tuple[bool, list[PageFacts]]] = []
    for page in pages:
        opens_appendix = label is not None and any(label.match(line) for line in _content_lines(page)[:3])
        if not parts or opens_appendix:
            parts.append((opens_appendix, [page]))
        else:
            parts[-1][1].append(page)
    return [_Part(is_appendix, tuple(part_pages)) for is_appendix, part_pages in parts]


def _page_numbers(rules: RuleSet, part: _Part) -> list[Finding]:
    """The header is extracted first: a part's first page shows no number, its page n >= 2 shows n."""
    out: list[Finding] = []
    for n, page in enumerate(part.pages, start=1):
        first = next((line.strip() for line in page.text.splitlines() if line.strip()), "")
        if n == 1 and first == "1":
            found, expected = "a page number on the first page", "none on the first page"
        elif n > 1 and first != str(n):
            found, expected = ("no page number" if not first.isdigit() else first), str(n)
        else:
            continue
        out.append(_finding(rules, "ND30-PNUM", "page_number", f"page {page.number}", excerpt=first,
                            found=found, expected=expected))
    return out


def _reading_order(
    rules: RuleSet, text: str, expected_texts: Sequence[str], *, appendix: bool = False
) -> list[Finding]:
    """Required elements present, in the order of the layout (of Mẫu 2.1/2.2 for an appendix file)."""
    probes: list[tuple[str, re.Pattern[str] | str]] = []
    if appendix:
        probes.append(("appendix_label", _unanchored("appendix_label")))
    else:
        national_title, motto = rules.elements.get("national_title"), rules.elements.get("motto")
        if national_title is not None and national_title.text:
            accepted = national_title.accepted_texts or (national_title.text,)
            probes.append(("national_title", re.compile("|".join(re.escape(t) for t in accepted))))
        if motto is not None and motto.text:
            probes.append(("motto", motto.text))
        probes += [
            ("number_line", re.compile(r"Số:? ?(?:\d+| *)[/-]\S+")),
            ("date_line", re.compile(r", ngày (?:\d{1,2}| +) tháng (?:\d{1,2}| +) năm \d{4}")),
        ]
        probes += [
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
    # ô 5 is only looked for: where its text falls among the header lines depends on the layout
    # (a công văn's V/v line is under the number, a biên bản has no date line above it).
    title = _type_name_or_subject(rules) if not appendix else None
    if title is not None and title.search(text) is None:
        out.append(_finding(rules, "ND30-STRUCTURE", "type_name", "document", found="missing",
                            expected=title.pattern[:60]))
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
    return out


def _type_name_or_subject(rules: RuleSet) -> re.Pattern[str] | None:
    """ô 5: a line that is a type name in upper case (THÔNG BÁO), or a công văn's "V/v …" line.
    ``None`` when the rule set's công văn has no prefix to recognise it by (Party documents)."""
    subject = rules.elements.get("subject_line")
    prefix = (subject.prefix if subject is not None else None) or ""
    if not prefix.strip():
        return None
    names = sorted({upper(t.title) for t in rules.document_types.values() if t.has_type_name}, key=len, reverse=True)
    alternatives = [re.escape(n) for n in names] + [re.escape(prefix.strip()) + r"\s"]
    return re.compile(r"^(?:" + "|".join(alternatives) + r")", re.M)


def _squeeze(text: str) -> str:
    """Text compared without white space (PDF extraction breaks and spaces lines its own way)
    and in compatibility form (a ligature glyph is extracted as ﬁ)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _texts_of_the_docx(rules: RuleSet, pdf_text: str, docx: bytes | Path | BinaryIO) -> list[Finding]:
    """Every line of the DOCX the PDF was made from is in the PDF (rules, the underscores, excepted)."""
    from thongbao.check.reader import read_docx
    from thongbao.check.registry import CheckContext

    layout = CheckContext(read_docx(docx), rules).layout
    element_of = layout.element_of()
    haystack = _squeeze(pdf_text)
    out: list[Finding] = []
    for item in layout.items:
        wanted = _squeeze(item.text)
        if not wanted or item.is_rule or wanted in haystack:
            continue
        out.append(
            _finding(
                rules,
                "ND30-STRUCTURE",
                element_of.get(id(item.para), "body"),
                "document",
                excerpt=item.text.strip(),
                found="in the DOCX, not in the PDF",
                expected=item.text.strip()[:60],
            )
        )
    return out
