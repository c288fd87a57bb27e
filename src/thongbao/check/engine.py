"""Running the checks: :func:`check_docx` (bytes, path or file → :class:`Report`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from thongbao.check.locate import Item, describe, excerpt
from thongbao.check.overrides import resolve_rules
from thongbao.check.reader import Document, Paragraph, read_docx
from thongbao.check.registry import CheckContext, CheckFn, Issue, registered_rules
from thongbao.check.report import Finding, Report
from thongbao.rules import Lang, RuleSet

__all__ = ["check_document", "check_docx"]

_STORY_RANK = {"body": 1, "header": 2, "footer": 3, "footnote": 4, "endnote": 5}


def _position(where: Item | Paragraph | str | None) -> tuple[int, int, int]:
    if isinstance(where, Item):
        return (_STORY_RANK.get(where.para.location.part, 6), where.para.index, where.line)
    if isinstance(where, Paragraph):
        return (_STORY_RANK.get(where.location.part, 6), where.index, 0)
    return (0, 0, 0)


def _source_name(source: object) -> str | None:
    if isinstance(source, str | Path):
        return str(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def check_docx(
    source: bytes | Path | str | BinaryIO,
    *,
    lang: Lang = "vi",
    extra_rules: object = None,
    rules: RuleSet | None = None,
) -> Report:
    """Check a DOCX against Decree 30/2020 (or ``rules``, changed by ``extra_rules``).

    The file is only read. Raises :class:`~thongbao.check.safety.UnreadableDocument` (with a
    bilingual reason) when it is not a readable DOCX.
    """
    document = read_docx(source)
    return check_document(document, lang=lang, extra_rules=extra_rules, rules=rules, source=_source_name(source))


def check_document(
    document: Document,
    *,
    lang: Lang = "vi",
    extra_rules: object = None,
    rules: RuleSet | None = None,
    source: str | None = None,
) -> Report:
    """Check a document already read with :func:`~thongbao.check.reader.read_docx`."""
    ruleset, extra = resolve_rules(rules, extra_rules)
    ctx = CheckContext(document, ruleset)
    checks: dict[str, CheckFn] = dict(registered_rules())
    checks.update(extra.checks)
    raw: list[tuple[tuple[int, int, int], int, Finding]] = []
    order = {rid: i for i, rid in enumerate(ruleset.rules)}
    part_types = ctx.layout.part_types
    for rule_id, fn in checks.items():
        if rule_id in extra.disable or rule_id not in ruleset.rules:
            continue
        for issue in fn(ctx):
            finding = _finding(issue, rule_id, ruleset, part_types)
            if finding.rule in extra.disable:
                continue
            raw.append((_position(issue.where), order.get(finding.rule, len(order)), finding))
    raw.sort(key=lambda t: (t[0], t[1]))
    return Report(_aggregate(f for _, _, f in raw), source=source, lang=lang, document_type=ctx.layout.kind)


def _finding(issue: Issue, rule_id: str, rules: RuleSet, part_types: dict[str, str]) -> Finding:
    rid = issue.rule or rule_id
    record = rules.rules.get(rid) or rules.rules[rule_id]
    where = issue.where
    if isinstance(where, Item | Paragraph):
        location = describe(where, part_types)
        text = where.text
    else:
        location = where or "document"
        text = ""
    return Finding(
        rule=record.id,
        severity=record.severity,
        element=issue.element,
        location=location,
        excerpt=excerpt(issue.excerpt if issue.excerpt is not None else text),
        found=issue.found,
        expected=issue.expected,
        statement_vi=record.vi,
        statement_en=record.en,
        source=record.source,
        note_vi=issue.note_vi,
        note_en=issue.note_en,
        found_vi=issue.found_vi,
        expected_vi=issue.expected_vi,
    )


def _aggregate(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Identical findings (same rule, element, found, expected, note) in several places become
    one with ``count`` and ``locations``."""
    groups: dict[tuple[str, str, str, str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.rule, f.element, f.found, f.expected, f.note_en), []).append(f)
    out: list[Finding] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            out.append(first)
            continue
        locations = tuple(dict.fromkeys(f.location for f in group))
        out.append(Finding(
            rule=first.rule, severity=first.severity, element=first.element, location=first.location,
            excerpt=first.excerpt, found=first.found, expected=first.expected, statement_vi=first.statement_vi,
            statement_en=first.statement_en, source=first.source, note_vi=first.note_vi, note_en=first.note_en,
            count=len(group), locations=locations, found_vi=first.found_vi, expected_vi=first.expected_vi,
        ))
    return tuple(out)
