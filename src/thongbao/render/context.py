"""Model → template context: the plain dict of docs/architecture.md, all text final.

Templates never see models; everything a template prints is decided here (labels, case,
punctuation, rule lengths), so any layout renders the same words.
"""

from __future__ import annotations

from typing import Any

from thongbao.fontmetrics import text_width_pt, underscores_for_width, wrap_lines
from thongbao.models import AdministrativeDocument
from thongbao.models.body import Basis, Block, DashList, Enumeration, Heading, Paragraph, Table
from thongbao.render import geometry
from thongbao.rules import ND30, SizeProfile
from thongbao.vietnamese import ordinal_lead, point_label, roman, upper

__all__ = ["body_blocks", "build_context", "ensure_ending"]


def ensure_ending(text: str) -> str:
    """Close the body with ``./.`` (Mẫu 1.1-1.10), adding what is missing."""
    ending = ND30.body_ending
    if text.endswith(ending):
        return text
    if text.endswith("."):
        return text + ending[1:]
    return text.rstrip(";,: ") + ending


def _rule(lines: list[str], size: float, *, bold: bool, element: str, rule_size: float) -> str:
    target = ND30.elements[element].rule_target or 0.42
    longest = max(text_width_pt(line, size, bold=bold) for line in lines)
    return "_" * underscores_for_width(longest * target, rule_size)


def body_blocks(blocks: tuple[Block, ...], table_width_twips: int) -> list[dict[str, Any]]:
    """Body blocks as template dicts, with heading labels, ``Một là,`` leads and ``./.``."""
    out: list[dict[str, Any]] = []
    counters = [0, 0, 0]
    for block in blocks:
        if isinstance(block, Paragraph | Basis):
            out.append({"kind": block.kind, "text": block.text})
        elif isinstance(block, Heading):
            text = upper(block.title) if block.level == 1 else block.title
            if block.numbered:
                counters[block.level - 1] += 1
                for deeper in range(block.level, 3):
                    counters[deeper] = 0
                n = counters[block.level - 1]
                label = {1: f"{roman(n)}.", 2: f"{n}.", 3: point_label(n)}[block.level]
                text = f"{label} {text}"
            out.append({"kind": "heading", "level": block.level, "text": text})
        elif isinstance(block, Enumeration):
            out += [
                {"kind": "paragraph", "text": f"{ordinal_lead(i)} {item}"}
                for i, item in enumerate(block.items, 1)
            ]
        elif isinstance(block, DashList):
            out += [{"kind": "paragraph", "text": f"- {item}"} for item in block.items]
        elif isinstance(block, Table):
            weights = block.widths or (1.0,) * len(block.header)
            total = sum(weights)
            out.append(
                {
                    "kind": "table",
                    "header": list(block.header),
                    "rows": [list(r) for r in block.rows],
                    "widths": [round(table_width_twips * w / total) for w in weights],
                }
            )
    for item in reversed(out):
        if item["kind"] != "table":
            item["text"] = ensure_ending(item["text"])
            break
    else:
        out.append({"kind": "paragraph", "text": ND30.body_ending})
    return out


def _agency_lines(name: str, explicit: tuple[str, ...], size: float, *, bold: bool) -> list[str]:
    if explicit:
        return [upper(line) for line in explicit]
    return wrap_lines(upper(name), geometry.HEADER_LEFT_TEXT_PT, size, bold=bold)


def build_context(document: AdministrativeDocument) -> dict[str, Any]:
    """The template context for ``document`` (``{"doc": {...}}``)."""
    # The size profile is the layout's (its styles are generated for it), not the data's.
    profile: SizeProfile = geometry.PROFILE
    issuer = document.issuer
    parent_lines = (
        _agency_lines(issuer.parent.name, issuer.parent.lines, profile["parent_agency"], bold=False)
        if issuer.parent
        else []
    )
    agency_lines = _agency_lines(issuer.name, issuer.lines, profile["agency"], bold=True)
    summary_lines = wrap_lines(document.summary, geometry.BODY_TEXT_PT, profile["summary"], bold=True)
    info = document.type_info
    subject_line = "" if info.has_type_name else f"{ND30.texts['subject_prefix']} {document.summary}"
    doc: dict[str, Any] = {
        "profile": profile.name,
        "circulation": document.circulation.value if document.circulation else "",
        "parent_agency_lines": parent_lines,
        "agency_lines": agency_lines,
        "agency_rule": _rule(
            agency_lines, profile["agency"], bold=True, element="agency", rule_size=geometry.RULE_SIZE_PT
        ),
        "number_line": document.number_line,
        "subject_line": subject_line,
        "secrecy": document.secrecy.value if document.secrecy else "",
        "urgency": document.urgency.value if document.urgency else "",
        "date_line": document.date_line,
        "type_name": info.title if info.has_type_name else "",
        "summary": document.summary if info.has_type_name else "",
        "summary_rule": _rule(
            summary_lines, profile["summary"], bold=True, element="summary", rule_size=geometry.RULE_SIZE_PT
        )
        if info.has_type_name
        else "",
        "body": body_blocks(document.body, geometry.BODY_TABLE_TWIPS),
        "recipients_label": ND30.texts["recipients_label"],
        "recipient_lines": document.recipients.lines,
        "drafter_mark": document.drafter.text if document.drafter else "",
        "authority_lines": document.signature.lines,
        "signer_name": document.signature.name,
        "contact_lines": document.contact.lines if document.contact else [],
        "properties": {
            "title": document.summary,
            "author": upper(issuer.name),
            "subject": f"{info.title} {document.number_line.removeprefix('Số:').strip()}",
            "keywords": ", ".join(document.keywords),
        },
    }
    return {"doc": doc}
