"""Generate the Party pack's layouts (``src/thongbao_party_pack/templates/dang/*.docx``).

    python examples/party-pack/build_templates.py

A developer tool, like thongbao's own tools/build_templates.py, whose helpers it reuses. The
layouts *extend thongbao's built-in Mẫu 1.4* and replace only what a Party document changes:

- ``dang/van-ban``: ``header`` (the superior and issuing bodies with an asterisk under them,
  ``Số 127-QĐ/TU``; ``ĐẢNG CỘNG SẢN VIỆT NAM`` 15 pt bold with its rule; the date), ``title``
  (type name 16 pt, trích yếu 14 pt, ``-----``), ``signature`` (``Nơi nhận:`` 14 pt underlined),
  and no Kính gửi or copy block; page setup, styles, page numbers and the body come from Mẫu 1.4;
- ``dang/cong-van`` extends ``dang/van-ban`` and drops the title (a Party công văn has no type
  name; its trích yếu ``về việc …`` is printed in italic 12 pt under the number).

Party sizes are direct formatting on paragraphs in thongbao's styles (the styles of the output
package are the root layout's).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from thongbao.fontmetrics import text_width_pt, underscores_for_width

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = HERE / "src" / "thongbao_party_pack" / "templates"
TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_templates", REPO / "tools" / "build_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_templates", module)
    spec.loader.exec_module(module)
    return module


B = _builder()
g = B.g


def prun(text: str, *, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> Any:
    """A run with explicit size, weight, slant (and underline)."""
    rpr = B.el("rPr")
    for tag, on in (("b", bold), ("bCs", bold), ("i", italic), ("iCs", italic)):
        rpr.append(B.el(tag, {"val": int(on)}))
    if underline:
        rpr.append(B.el("u", {"val": "single"}))
    rpr.append(B.el("sz", {"val": round(size * 2)}))
    rpr.append(B.el("szCs", {"val": round(size * 2)}))
    t = B.el("t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return B.el("r", None, rpr, t)


def header() -> list[Any]:
    # The rule under the title is as long as the title (spec §9).
    rule = "_" * underscores_for_width(text_width_pt(TITLE, 15, bold=True), g.RULE_SIZE_PT)
    left_top = [
        B.tag("{%p for l in doc.parent_agency_lines %}"),
        B.para("ND30 Parent Agency", prun("{{ l }}", size=14)),
        B.tag("{%p endfor %}"),
        B.tag("{%p for l in doc.agency_lines %}"),
        B.para("ND30 Agency", prun("{{ l }}", size=14, bold=True)),
        B.tag("{%p endfor %}"),
        B.para("ND30 Agency", prun("*", size=14)),
    ]
    right_top = [
        B.para("ND30 National Title", prun(TITLE, size=15, bold=True)),
        B.para("ND30 Rule", rule),
    ]
    left_bottom = [
        B.para("ND30 Number", prun("{{ doc.number_line }}", size=14)),
        B.tag("{%p if doc.subject_line %}"),
        B.para("ND30 Subject", prun("{{ doc.subject_line }}", size=12, italic=True)),
        B.tag("{%p endif %}"),
    ]
    right_bottom = [B.para("ND30 Date", prun("{{ doc.date_line }}", size=14, italic=True))]
    return [
        B.layout_table(
            (g.HEADER_LEFT_TWIPS, g.HEADER_RIGHT_TWIPS),
            [(left_top, right_top), (left_bottom, right_bottom)],
            indent=g.HEADER_INDENT_TWIPS,
        )
    ]


def title() -> list[Any]:
    return [
        B.tag("{%p if doc.type_name %}"),
        B.para("ND30 Type Name", prun("{{ doc.type_name }}", size=16, bold=True)),
        B.tag("{%p endif %}"),
        B.tag("{%p if doc.summary %}"),
        B.para("ND30 Summary", prun("{{ doc.summary }}", size=14, bold=True)),
        B.para("ND30 Summary", prun("-----", size=14), after=g.pt_to_twips(g.TITLE_SPACE_AFTER_PT)),
        B.tag("{%p endif %}"),
    ]


def signature() -> list[Any]:
    left = [
        B.para("ND30 Recipients Label", prun("{{ doc.recipients_label }}", size=14, underline=True)),
        B.tag("{%p for l in doc.recipient_lines %}"),
        B.para("ND30 Recipients", "{{ l }}"),
        B.tag("{%p endfor %}"),
    ]
    right = [
        B.tag("{%p for l in doc.authority_lines %}"),
        B.para("ND30 Authority", prun("{{ l }}", size=14, bold=True)),
        B.tag("{%p endfor %}"),
        *(B.para("ND30 Signature Space") for _ in range(g.SIGNATURE_SPACE_LINES)),
        B.para("ND30 Signer", prun("{{ doc.signer_name }}", size=14, bold=True)),
    ]
    widths = (g.SIGNATURE_LEFT_TWIPS, g.SIGNATURE_RIGHT_TWIPS)
    return [B.spacer(g.SIGNATURE_SPACE_BEFORE_PT), B.layout_table(widths, [(left, right)])]


LAYOUTS: dict[str, Callable[[], bytes]] = {
    "dang/van-ban.docx": lambda: B.child_layout(
        "Văn bản của Đảng (HD 36-HD/VPTW)",
        {"header": header(), "title": title(), "addressee": [], "signature": signature(), "copy": []},
    ),
    "dang/cong-van.docx": lambda: B.child_layout(
        "Công văn của Đảng (HD 36-HD/VPTW)", {"title": []}, parent="dang/van-ban.docx"
    ),
}


def main() -> int:
    for rel, build in LAYOUTS.items():
        path = OUT / rel
        data = build()
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
