"""PartyDocument → the template context of thongbao (docs/architecture.md), Party words included."""

from __future__ import annotations

from typing import Any

from thongbao.models.body import Block
from thongbao.render import geometry
from thongbao.render.context import TYPE_KEYS, body_blocks
from thongbao.vietnamese import upper
from thongbao_party_pack.models import PartyDocument

__all__ = ["build_context"]


def _lines(name: str, explicit: tuple[str, ...]) -> list[str]:
    return [upper(line) for line in explicit] if explicit else [upper(name)]


def build_context(document: PartyDocument) -> dict[str, Any]:
    """The context of ``document``: every contract key, with the Party's texts."""
    issuer = document.issuer
    is_letter = not document.type_name
    blocks: tuple[Block, ...] = document.body
    doc: dict[str, Any] = {k: (v.copy() if isinstance(v, list | dict) else v) for k, v in TYPE_KEYS.items()}
    doc.update(
        {
            "profile": "dang",
            "circulation": "",
            "parent_agency_lines": _lines(issuer.parent.name, issuer.parent.lines) if issuer.parent else [],
            "agency_lines": _lines(issuer.name, issuer.lines),
            "agency_rule": "",  # a Party header has an asterisk, not a rule
            "number_line": document.number_line,
            # Công văn: "về việc …", italic 12 under the number (no "V/v").
            "subject_line": document.summary if is_letter else "",
            "secrecy": "",
            "urgency": "",
            "date_line": document.date_line,
            "type_name": document.type_name,
            "summary": "" if is_letter else document.summary,
            "summary_rule": "",  # the layout prints "-----" under the trích yếu
            "body": body_blocks(blocks, geometry.BODY_TABLE_TWIPS),
            "recipients_label": "Nơi nhận:",
            "recipient_lines": document.recipients.lines,
            "drafter_mark": "",
            "authority_lines": document.signature.lines,
            "signer_name": document.signature.name,
            "contact_lines": [],
            "properties": {
                "title": document.summary,
                "author": upper(issuer.name),
                "subject": f"{document.type_name or 'CÔNG VĂN'} {document.number_line.removeprefix('Số ')}",
                "keywords": "Đảng Cộng sản Việt Nam",
            },
        }
    )
    return {"doc": doc}
