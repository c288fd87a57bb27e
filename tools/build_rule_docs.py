"""Generate docs/rules/: one Markdown page per rule id, from the rule data and the checks.

    python tools/build_rule_docs.py            # write docs/rules/*.md
    python tools/build_rule_docs.py --check    # exit 1 when the pages are out of date

Each page (like ruff's rule pages) gives the id, severity, source, the messages in Vietnamese and
English (all from ``src/thongbao/rules/nd30.toml``), the typography of the element(s) the rule
covers and the patterns it uses (also from the TOML), and what is checked with a compliant and a
non-compliant example — the docstring of the check function registered for the id
(``@rule("ND30-…")`` in ``thongbao.check.checks``). Rules checked elsewhere (input validation by
the models, PDF checks) get a short description from this script.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from pathlib import Path

from thongbao.check import registered_rules
from thongbao.rules import ND30, ElementStyle, Rule

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "rules"

#: Rules the DOCX checker does not run: where they are enforced, and examples.
ELSEWHERE: dict[str, tuple[str, str, str]] = {
    "ND30-INPUT-TEXT": (
        "Enforced by the models (`thongbao.models`) when document data is loaded: text is NFC Unicode without "
        "control characters or lone surrogates. The renderer never writes such text.",
        'summary: "Kết quả làm việc"',
        'summary: "Kết quả\\u0007 làm việc"   (a control character)',
    ),
    "ND30-INPUT-NUMBER": (
        "Enforced by the models: a document number is a positive integer (printed from 01), or absent in a draft.",
        "number: 5        → Số: 05/TB-SKHCN",
        "number: 0;  number: -3",
    ),
    "ND30-INPUT-DATE": (
        "Enforced by the models: the issue date exists in the calendar; the day (and month) may be blank in a draft.",
        "date: {year: 2023, month: 5}   (draft: ngày … tháng 5 năm 2023)",
        "date: {year: 2023, month: 2, day: 30}",
    ),
    "ND30-INPUT-TYPE": (
        "Enforced by the models: the document type is one of the 29 administrative types of Điều 7 "
        "(`[[document_types]]`).",
        "document_type: Thông báo",
        "document_type: Công văn hỏa tốc",
    ),
    "ND30-INPUT-CODE": (
        "Enforced by the models: agency and unit abbreviations are upper-case letters and digits, no spaces.",
        "abbreviation: SKHCN",
        "abbreviation: S KHCN;  abbreviation: skhcn",
    ),
}
PDF_NOTE = "Checked by `thongbao.check.pdf.check_pdf` on PDF files (`thongbao check file.pdf`)."


def _split_doc(doc: str) -> tuple[str, str, str]:
    m = re.search(r"^Compliant:\n(?P<good>.*?)^Non-compliant:\n(?P<bad>.*)", doc, re.S | re.M)
    if m is None:
        return doc.strip(), "", ""
    what = doc[: m.start()].strip()
    return what, _dedent(m.group("good")), _dedent(m.group("bad"))


def _reflow(text: str) -> str:
    """Docstring paragraphs as Markdown paragraphs (lines of one paragraph joined)."""
    paras = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(line.strip() for line in para.splitlines()) for para in paras)


def _dedent(block: str) -> str:
    return inspect.cleandoc(block).strip()


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


def _element_rows(rule_id: str) -> list[ElementStyle]:
    return [el for el in ND30.elements.values() if el.rule == rule_id]


def _element_table(elements: list[ElementStyle]) -> str:
    lines = [
        "| element | ô | size (pt) | bold | italic | case | align | text | rule under it |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for el in elements:
        lo, hi = el.size
        size = f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"
        texts = " / ".join(dict.fromkeys(t for t in (el.text, *el.accepted_texts) if t)) or "—"
        if el.prefix:
            texts = f"prefix `{el.prefix}`"
        rule = "—"
        if el.rule_length is not None:
            a, b = el.rule_length
            share = f"{a:g}" if a == b else f"{a:.2f}-{b:.2f}"
            rule = f"{share} of the text ± {el.rule_tolerance:g}"
        lines.append(f"| `{el.key}` | {el.box or '—'} | {size} | {_yes_no(el.bold)} | {_yes_no(el.italic)} | "
                     f"{el.case or '—'} | {el.align or '—'} | {texts} | {rule} |")
    return "\n".join(lines)


def _patterns(doc: str) -> list[str]:
    names = dict.fromkeys(re.findall(r"patterns\.(\w+)", doc))
    out: list[str] = []
    for name in names:
        if name.endswith("_"):
            out += [k for k in ND30.patterns if k.startswith(name)]
        elif name in ND30.patterns:
            out.append(name)
    return list(dict.fromkeys(out))


def page(rule: Rule) -> str:
    checks = registered_rules()
    fn = checks.get(rule.id)
    doc = inspect.getdoc(fn) if fn is not None else None
    if doc:
        what, good, bad = _split_doc(doc)
        where = f"`{fn.__module__}.{fn.__name__}`" if fn is not None else ""
    elif rule.id in ELSEWHERE:
        what, good, bad = ELSEWHERE[rule.id]
        where = ""
    else:
        what, good, bad = (PDF_NOTE if rule.id.startswith("ND30-PDF-") else rule.en), "", ""
        where = ""
    parts = [
        f"# {rule.id}",
        "",
        f"**Severity:** {rule.severity} · **Source:** {rule.source}",
        "",
        "## Message",
        "",
        f"- **vi:** {rule.vi}",
        f"- **en:** {rule.en}",
        "",
        "## What is checked",
        "",
        _reflow(what),
    ]
    if where:
        parts += ["", f"Check function: {where}."]
    elements = _element_rows(rule.id)
    if elements:
        parts += ["", "## Values (nd30.toml)", "", _element_table(elements)]
    pats = _patterns(doc or "")
    if pats:
        parts += ["", "## Patterns (nd30.toml `[patterns]`)", ""]
        parts += [f"- `{name}`: `{ND30.patterns[name].pattern}`" for name in pats]
    if good or bad:
        parts += ["", "## Compliant", "", "```text", good or "—", "```", "", "## Non-compliant", "", "```text",
                  bad or "—", "```"]
    return "\n".join(parts).rstrip() + "\n"


def index() -> str:
    lines = [
        "# Rules",
        "",
        "Generated by `tools/build_rule_docs.py` from `src/thongbao/rules/nd30.toml` and the checks in",
        "`thongbao.check.checks`. Do not edit by hand.",
        "",
        "| id | severity | message | source |",
        "|---|---|---|---|",
    ]
    for rule in ND30.rules.values():
        lines.append(f"| [{rule.id}]({rule.id}.md) | {rule.severity} | {rule.en} | {rule.source} |")
    return "\n".join(lines) + "\n"


def build() -> dict[Path, str]:
    pages = {OUT / f"{rule.id}.md": page(rule) for rule in ND30.rules.values()}
    pages[OUT / "README.md"] = index()
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report pages that are out of date")
    args = parser.parse_args(argv)
    pages = build()
    stale = [path for path, text in pages.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    extra = [p for p in OUT.glob("*.md") if p not in pages] if OUT.exists() else []
    if args.check:
        for path in [*stale, *extra]:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale or extra else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.write_text(pages[path], encoding="utf-8")
    for path in extra:
        path.unlink()
    print(f"{len(pages)} pages in {OUT.relative_to(ROOT)} ({len(stale)} written, {len(extra)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
