"""Model → template context: the plain dict of docs/architecture.md, all text final.

Templates never see models; everything a template prints is decided here (labels, case,
punctuation, rule lengths), so any layout renders the same words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from thongbao.fontmetrics import text_width_pt, underscores_for_width, wrap_lines
from thongbao.models import AdministrativeDocument
from thongbao.models.body import Basis, Block, DashList, Enumeration, Heading, Paragraph, Table
from thongbao.models.types import (
    Appendix,
    BienBan,
    CongDien,
    CopyInfo,
    Decision,
    GiayGioiThieu,
    GiayMoi,
    GiayNghiPhep,
    copy_info,
)
from thongbao.render import geometry
from thongbao.rules import ND30, SizeProfile
from thongbao.vietnamese import day_text, month_text, ordinal_lead, point_label, roman, upper

__all__ = [
    "BASE_KEYS",
    "BODY_KINDS",
    "CONTEXT_KEYS",
    "TYPE_KEYS",
    "body_blocks",
    "build_context",
    "document_properties",
    "ensure_ending",
    "type_keys",
]


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
    """Body blocks as template dicts, with heading labels, ``Một là,`` leads and ``./.``.

    ``./.`` closes the last block's text; when the body ends with a table it is a paragraph of its
    own after the table.
    """
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
    # The body's last words end with ./. (spec §4.5). After a final table there are none: a văn
    # thư then closes the body with a paragraph of its own holding only ./. (never a mark inside
    # the table, nor on the paragraph before it, which would end the body before the table).
    # A heading is not the content's last words either ("I. KẾT QUẢ./." would read as a title).
    if out and out[-1]["kind"] not in ("table", "heading"):
        out[-1]["text"] = ensure_ending(out[-1]["text"])
    else:
        out.append({"kind": "paragraph", "text": ND30.body_ending})
    return out


def _agency_lines(name: str, explicit: tuple[str, ...], size: float, *, bold: bool) -> list[str]:
    if explicit:
        return [upper(line) for line in explicit]
    return wrap_lines(upper(name), geometry.HEADER_LEFT_TEXT_PT, size, bold=bold)


DRAFT = "dự thảo"
"""Added to the Subject of a draft (no number yet, or the day left blank)."""


def document_properties(document: AdministrativeDocument) -> dict[str, Any]:
    """Title, author, subject and keywords: the DOCX core properties and the PDF's document
    information, defined once.

    - title: the trích yếu; for a Phụ lục its label and title (``Phụ lục I: Danh sách …``);
    - author: the issuing agency, upper case;
    - subject: the type and số/ký hiệu, ``THÔNG BÁO 05/TB-SKHCN``; a draft says so: with no number
      yet ``THÔNG BÁO TB-SKHCN (dự thảo)``, numbered but undated ``THÔNG BÁO 05/TB-SKHCN (dự thảo)``;
    - keywords: the document's keywords.
    """
    number = document.symbol if document.number is None else document.number_line.removeprefix("Số:").strip()
    subject = f"{document.type_info.title} {number}".strip()
    if document.is_draft:
        subject += f" ({DRAFT})"
    title = document.summary
    if isinstance(document, Appendix):
        label = f"Phụ lục {document.appendix.label}" if document.appendix.label else "Phụ lục"
        title = f"{label}: {document.appendix.title}"
    return {"title": title, "author": upper(document.issuer.name), "subject": subject,
            "keywords": tuple(document.keywords)}


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
    properties = document_properties(document)
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
        "properties": {**properties, "keywords": ", ".join(properties["keywords"])},
    }
    doc.update(type_keys(document, doc))
    return {"doc": doc}


# ---------------------------------------------------------------------------------------------
# Per-type keys (Phụ lục III Mẫu 1.1-3.2). Always present, empty when a type does not use them,
# so that any layout renders any document; the built-in Mẫu 1.4 root only reads them behind
# ``is defined`` so hand-made contexts with just BASE_KEYS still render it.
# ---------------------------------------------------------------------------------------------

#: The keys of docs/architecture.md (every layout may use them).
BASE_KEYS: frozenset[str] = frozenset(
    {
        "profile", "circulation", "parent_agency_lines", "agency_lines", "agency_rule", "number_line",
        "subject_line", "secrecy", "urgency", "date_line", "type_name", "summary", "summary_rule", "body",
        "recipients_label", "recipient_lines", "drafter_mark", "authority_lines", "signer_name",
        "contact_lines", "properties",
    }
)  # fmt: skip

#: Per-type keys with their empty values (see docs/template-authors.md for what each holds).
TYPE_KEYS: dict[str, Any] = {
    "authority_title": "",  # 1.1-1.3 thẩm quyền ban hành, upper case (ND30 Preamble)
    "bases": [],  # 1.1-1.3 căn cứ lines, punctuation included (ND30 Basis)
    "enacting_words": "",  # 1.1-1.3 "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" (ND30 Preamble)
    "addressee_inline": "",  # ô 9a, one addressee: "Kính gửi: Bộ Nội vụ"
    "addressee_label": "",  # ô 9a, several: "Kính gửi:" (then addressee_lines)
    "addressee_lines": [],  # ô 9a / công điện: "- …;" … "- …."
    "lead": "",  # centred lead line: 1.6 "<sender> điện:", 1.8 "<agency> trân trọng giới thiệu:"
    "secretary_lines": [],  # 1.9 left signature: ["THƯ KÝ"]
    "secretary_name": "",  # 1.9
    "confirmation_lines": [],  # 1.10 box for the place of leave
    "appendix_label": "",  # 2.x "Phụ lục I"
    "appendix_title": "",  # 2.x upper case
    "appendix_reference": "",  # 2.x "(Kèm theo Quyết định số … ngày … của …)"
    "appendix_rule": "",  # 2.x underscores under the reference line
    "signature_info": "",  # 2.2 / 3.2 top right of page 1, 10 pt: "Số: …; 05/01/2023; 14:05:09 +07:00"
    "copy_info": {},  # 3.1 paper copy block, see COPY_KEYS
}

#: Keys of ``doc.copy_info`` (3.1), when it is not empty.
COPY_KEYS = frozenset(
    {
        "words", "agency_lines", "agency_rule", "number_line", "date_line", "recipients_label",
        "recipient_lines", "authority_lines", "signer_name",
    }
)  # fmt: skip

#: Every key of ``doc`` that :func:`build_context` provides.
CONTEXT_KEYS: frozenset[str] = BASE_KEYS | frozenset(TYPE_KEYS)

#: ``kind`` values of ``doc.body`` items. ``article``: ``label`` (bold: "Điều 1." or "Điều 1. Tên
#: điều") and ``text`` (regular, may be empty).
BODY_KINDS = frozenset({"paragraph", "basis", "heading", "table", "article"})


def _punctuate(lines: list[str]) -> list[str]:
    """Căn cứ lines: each ends with ``;``, the last with ``.`` (Phụ lục I II.6.a)."""
    out = [line.rstrip(" ;,.") for line in lines]
    return [line + ("." if i == len(out) - 1 else ";") for i, line in enumerate(out)]


def _addressees(names: tuple[str, ...]) -> list[str]:
    return [f"- {name.rstrip(' ;,.')}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


def _articles(document: Decision) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, article in enumerate(document.articles, 1):
        label = f"Điều {n}."
        if article.title:
            out.append({"kind": "article", "label": f"{label} {article.title}", "text": ""})
            if article.text:
                out.append({"kind": "paragraph", "text": article.text})
        else:
            out.append({"kind": "article", "label": label, "text": f" {article.text or ''}".rstrip()})
        out += [{"kind": "paragraph", "text": f"{i}. {c}"} for i, c in enumerate(article.clauses, 1)]
    last = out[-1]
    if last["kind"] == "article" and not last["text"]:
        last["label"] = ensure_ending(last["label"])
    else:
        last["text"] = ensure_ending(last["text"])
    return out


def _date(value: dt.date) -> str:
    """``ngày 05 tháng 01 năm 2023`` inside running text."""
    return f"ngày {day_text(value.day)} tháng {month_text(value.month)} năm {value.year}"


def _stamp(value: dt.datetime) -> str:
    """``05/01/2023; 14:05:09 +07:00`` (ISO 8601 offset; a naive time is Vietnam time)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
    offset = value.strftime("%z")
    return f"{value:%d/%m/%Y}; {value:%H:%M:%S} {offset[:3]}:{offset[3:]}"


def _paragraphs(*texts: str | None) -> tuple[Block, ...]:
    return tuple(Paragraph(text=t) for t in texts if t)


def _type_rule(title: str) -> str:
    """Rule under a type name that has no trích yếu (Mẫu 1.8, 1.10)."""
    profile = geometry.PROFILE
    return _rule([title], profile["type_name"], bold=True, element="summary", rule_size=geometry.RULE_SIZE_PT)


def _copy_keys(info: CopyInfo) -> dict[str, Any]:
    profile = geometry.PROFILE
    lines = _agency_lines(info.issuer.name, info.issuer.lines, profile["agency"], bold=True)
    return {
        "words": info.words,
        "agency_lines": lines,
        "agency_rule": _rule(lines, profile["agency"], bold=True, element="agency", rule_size=geometry.RULE_SIZE_PT),
        "number_line": info.number_line,
        "date_line": info.date_line,
        "recipients_label": ND30.texts["recipients_label"],
        "recipient_lines": info.recipients.lines,
        "authority_lines": info.signature.lines,
        "signer_name": info.signature.name,
    }


def type_keys(document: AdministrativeDocument, doc: dict[str, Any]) -> dict[str, Any]:
    """The per-type keys of ``document`` (all of :data:`TYPE_KEYS`), plus base keys it changes."""
    out: dict[str, Any] = {k: (v.copy() if isinstance(v, list | dict) else v) for k, v in TYPE_KEYS.items()}
    width = geometry.BODY_TABLE_TWIPS
    agency = document.issuer.name
    names: tuple[str, ...] = getattr(document, "addressees", ())
    if isinstance(document, Decision):
        out["authority_title"] = upper(document.authority)
        out["bases"] = _punctuate([*document.bases, *([document.proposal] if document.proposal else [])])
        out["enacting_words"] = document.enacting_words
        out["body"] = _articles(document)
    elif isinstance(document, CongDien):
        out["lead"] = f"{document.sender} điện:"
        out["addressee_lines"] = _addressees(names)
    elif len(names) == 1:
        out["addressee_inline"] = f"{ND30.texts['addressee_label']} {names[0].rstrip(' ;,.')}"
    elif names:
        out["addressee_label"] = ND30.texts["addressee_label"]
        out["addressee_lines"] = _addressees(names)
    if isinstance(document, GiayMoi):
        blocks = _paragraphs(
            f"{agency} trân trọng kính mời: {document.invitee}",
            f"Tới dự {document.event}.",
            document.chair and f"Chủ trì: {document.chair}.",
            f"Thời gian: {document.time}.",
            f"Địa điểm: {document.venue}.",
            *document.notes,
        )
        out["body"] = body_blocks(blocks + document.body, width)
    elif isinstance(document, GiayGioiThieu):
        pronoun = document.honorific.lower()
        out["lead"] = f"{agency} trân trọng giới thiệu:"
        out["summary"] = ""
        out["summary_rule"] = _type_rule(doc["type_name"])
        out["body"] = body_blocks(
            _paragraphs(
                f"{document.honorific}: {document.person}",
                document.position and f"Chức vụ: {document.position}",
                f"Được cử đến: {document.sent_to}",
                f"Về việc: {document.purpose}",
                f"Đề nghị Quý cơ quan tạo điều kiện để {pronoun} có tên ở trên hoàn thành nhiệm vụ.",
                f"Giấy này có giá trị đến hết {_date(document.valid_until)}.",
            ),
            width,
        )
    elif isinstance(document, BienBan):
        out["date_line"] = ""  # Mẫu 1.9: the time is in the body
        out["secretary_lines"] = ["THƯ KÝ"]
        out["secretary_name"] = document.secretary.name
        head = _paragraphs(
            f"Thời gian bắt đầu: {document.started_at}",
            f"Địa điểm: {document.venue}",
            f"Thành phần tham dự: {document.attendees}",
            f"Chủ trì (chủ tọa): {document.chair.text}",
            f"Thư ký (người ghi biên bản): {document.secretary.text}",
            "Nội dung (theo diễn biến cuộc họp/hội nghị/hội thảo):",
        )
        tail = _paragraphs(f"{document.meeting} kết thúc vào {document.ended_at}.")
        out["body"] = body_blocks(head + document.body + tail, width)
    elif isinstance(document, GiayNghiPhep):
        pronoun = document.honorific.lower()
        period = document.period
        out["summary"] = ""
        out["summary_rule"] = _type_rule(doc["type_name"])
        out["body"] = body_blocks(
            _paragraphs(
                f"Xét Đơn đề nghị nghỉ phép {_date(document.request_date)} của {pronoun} {document.person}, "
                f"{agency} cấp cho:",
                f"{document.honorific}: {document.person}",
                document.position and f"Chức vụ: {document.position}",
                f"Được nghỉ phép trong thời gian {period.days:02d} ngày, kể từ {_date(period.start)} đến hết "
                f"{_date(period.end)} tại {document.leave_place}.",
                f"Số ngày nghỉ phép nêu trên được tính vào thời gian {document.counted_as}.",
            ),
            width,
        )
        if document.confirmation:
            out["confirmation_lines"] = [
                "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép"
            ]
    elif isinstance(document, Appendix):
        info = document.appendix
        title = upper(info.title)
        what = document.type_info.name
        if info.electronic:
            blank = " " * 5
            cited = f"số{blank}ngày{blank}tháng{blank}năm{blank}"
        else:
            cited = f"số {document.number_line.removeprefix('Số:').strip()} {_date_of(document)}"
        out["appendix_label"] = f"Phụ lục {info.label}" if info.label else "Phụ lục"
        out["appendix_title"] = title
        out["appendix_reference"] = f"(Kèm theo {what} {cited} của {agency})"
        profile = geometry.PROFILE
        title_lines = wrap_lines(title, geometry.BODY_TEXT_PT, profile["type_name"], bold=True)
        out["appendix_rule"] = _rule(
            title_lines, profile["type_name"], bold=True, element="summary", rule_size=geometry.RULE_SIZE_PT
        )
        if info.electronic and info.signed_at is not None:
            out["signature_info"] = f"{document.number_line}; {_stamp(info.signed_at)}"
        out["type_name"] = ""
        out["summary"] = ""
        out["summary_rule"] = ""
        out["contact_lines"] = []
    info_copy = copy_info(document)
    if info_copy is not None:
        if info_copy.electronic:
            stamp = f"; {_stamp(info_copy.signed_at)}" if info_copy.signed_at else ""
            out["signature_info"] = f"{info_copy.words}; {info_copy.issuer.name}{stamp}"
        else:
            out["copy_info"] = _copy_keys(info_copy)
    return out


def _date_of(document: AdministrativeDocument) -> str:
    d = document.date
    day = day_text(d.day) if d.day is not None else "   "
    month = month_text(d.month) if d.month is not None else "   "
    return f"ngày {day} tháng {month} năm {d.year}"
