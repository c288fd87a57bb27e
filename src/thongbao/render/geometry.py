"""Layout geometry shared by the template builder (``tools/build_templates.py``) and the context
builder (``render/context.py``).

Everything here is derived from :data:`thongbao.rules.ND30` (page, sizes, texts) plus a few layout
choices that the decree leaves open (column split of the header and signature tables, spacing).
The built-in templates are generated from these numbers, and the context builder wraps lines and
sizes the underscore rules with the same numbers, so both always agree.

Units: ``*_TWIPS`` are twentieths of a point (what DOCX stores), ``*_PT`` are points.
Column widths are also usable text widths: the header and signature tables have zero cell margins.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Final

from thongbao.fontmetrics import text_width_pt, underscores_for_width
from thongbao.rules import ND30, TWIPS_PER_MM, PageRules

__all__ = [
    "AGENCY_RULE_PT",
    "BODY_FIRST_LINE_INDENT_TWIPS",
    "BODY_SPACE_BEFORE_TWIPS",
    "BODY_TABLE_TWIPS",
    "BODY_TEXT_PT",
    "CIRCULATION_BOX_PADDING_PT",
    "HEADER_INDENT_TWIPS",
    "HEADER_LEFT_TEXT_PT",
    "HEADER_LEFT_TWIPS",
    "HEADER_RIGHT_CENTRE_TWIPS",
    "HEADER_RIGHT_TEXT_PT",
    "HEADER_RIGHT_TWIPS",
    "HEADER_TOTAL_TWIPS",
    "MARGIN_TWIPS",
    "MOTTO_RULE_PT",
    "MOTTO_RULE_UNDERSCORES",
    "PAGE_HEIGHT_TWIPS",
    "PAGE_WIDTH_TWIPS",
    "PROFILE",
    "RULE_SIZE_PT",
    "SIGNATURE_LEFT_TEXT_PT",
    "SIGNATURE_LEFT_TWIPS",
    "SIGNATURE_RIGHT_TEXT_PT",
    "SIGNATURE_RIGHT_TWIPS",
    "SIGNATURE_SPACE_BEFORE_PT",
    "SIGNATURE_SPACE_LINES",
    "STAMP_BOX_PADDING_PT",
    "SUMMARY_RULE_PT",
    "TABLE_CELL_MARGIN_TWIPS",
    "TABLE_TEXT_PT",
    "TEXT_WIDTH_PT",
    "TEXT_WIDTH_TWIPS",
    "TITLE_SPACE_AFTER_PT",
    "TITLE_SPACE_BEFORE_PT",
    "TWIPS_PER_PT",
    "mm_to_twips",
    "pt_to_twips",
]

TWIPS_PER_PT: Final = 20

#: The size profile the built-in templates are generated for (``13/14/14``).
PROFILE: Final = ND30.profile()


def mm_to_twips(mm: float) -> int:
    """Millimetres to whole twips (1 mm ≈ 56.69 twips)."""
    return PageRules.mm_to_twips(mm)


def pt_to_twips(pt: float) -> int:
    """Points to whole twips."""
    return round(pt * TWIPS_PER_PT)


# --- page (spec §1) -------------------------------------------------------------------------
PAGE_WIDTH_TWIPS: Final = mm_to_twips(ND30.page.width_mm)  # 11906
PAGE_HEIGHT_TWIPS: Final = mm_to_twips(ND30.page.height_mm)  # 16838
# Rounded up, into the lawful range: 15 mm is 850.39 twips, and 850 would be 14.99 mm.
MARGIN_TWIPS: Final = MappingProxyType(
    {side: math.ceil(mm * TWIPS_PER_MM) for side, mm in ND30.page.default_margins_mm.items()}
)
#: Width of the text area (vùng trình bày): 210 - 30 - 15 = 165 mm.
TEXT_WIDTH_TWIPS: Final = PAGE_WIDTH_TWIPS - MARGIN_TWIPS["left"] - MARGIN_TWIPS["right"]
TEXT_WIDTH_PT: Final = TEXT_WIDTH_TWIPS / TWIPS_PER_PT
#: Usable line width of body paragraphs (no side indents), for wrapping the trích yếu etc.
BODY_TEXT_PT: Final = TEXT_WIDTH_PT
#: Total width of a body table (ô 6); the context builder splits it into ``widths``.
BODY_TABLE_TWIPS: Final = TEXT_WIDTH_TWIPS
#: Left/right cell margin of body tables. Their ``w:tblInd`` equals it, so that (in the Word 2010
#: compatibility mode of the templates, and in LibreOffice) the borders sit on the text margins.
TABLE_CELL_MARGIN_TWIPS: Final = 108

# --- header table: ô 2/3 left, ô 1/4 right (spec §2) ----------------------------------------
# The official Mẫu 1.4 uses 3829 + 5670 twips. We widen the left column so that common one-line
# agency names at 13 pt bold fit ("SỞ KHOA HỌC VÀ CÔNG NGHỆ" is 199 pt) and keep the right one wide
# enough for the Quốc hiệu (271 pt at 13 pt bold) with a safety margin for renderer differences.
HEADER_LEFT_TWIPS: Final = 4100
HEADER_RIGHT_TWIPS: Final = 5600
HEADER_TOTAL_TWIPS: Final = HEADER_LEFT_TWIPS + HEADER_RIGHT_TWIPS
#: ``w:tblInd`` that centres the header table on the text area (negative: it overhangs both margins
#: slightly, like the official sample's -199).
HEADER_INDENT_TWIPS: Final = (TEXT_WIDTH_TWIPS - HEADER_TOTAL_TWIPS) // 2
HEADER_LEFT_TEXT_PT: Final = HEADER_LEFT_TWIPS / TWIPS_PER_PT
HEADER_RIGHT_TEXT_PT: Final = HEADER_RIGHT_TWIPS / TWIPS_PER_PT
#: Horizontal centre of the right header column, measured from the left text margin (where ô 11,
#: the circulation mark, is centred).
HEADER_RIGHT_CENTRE_TWIPS: Final = HEADER_INDENT_TWIPS + HEADER_LEFT_TWIPS + HEADER_RIGHT_TWIPS // 2

# --- signature table: ô 9b left, ô 7 right --------------------------------------------------
SIGNATURE_LEFT_TWIPS: Final = round(TEXT_WIDTH_TWIPS * 0.4)
SIGNATURE_RIGHT_TWIPS: Final = TEXT_WIDTH_TWIPS - SIGNATURE_LEFT_TWIPS
SIGNATURE_LEFT_TEXT_PT: Final = SIGNATURE_LEFT_TWIPS / TWIPS_PER_PT
SIGNATURE_RIGHT_TEXT_PT: Final = SIGNATURE_RIGHT_TWIPS / TWIPS_PER_PT
#: Vertical gap between the body and the signature table.
SIGNATURE_SPACE_BEFORE_PT: Final = 12.0
#: Empty lines (at the signer-name size) left for the handwritten signature and seal (ô 7c, 8).
SIGNATURE_SPACE_LINES: Final = 4

# --- underscore rules ------------------------------------------------------------------------
# A rule (đường kẻ) is a run of underscores in its own paragraph; its width is
# ``count * width("_", RULE_SIZE_PT)``. All rule paragraphs use one size so that one number sizes
# them all: the context builder computes ``doc.agency_rule`` / ``doc.summary_rule`` for it.
# 13 pt (the agency size) keeps the rule close under the text and gives 6.5 pt steps.
RULE_SIZE_PT: Final = PROFILE["agency"]
AGENCY_RULE_PT: Final = RULE_SIZE_PT
MOTTO_RULE_PT: Final = RULE_SIZE_PT
SUMMARY_RULE_PT: Final = RULE_SIZE_PT
_MOTTO = ND30.elements["motto"]
#: The line under the Tiêu ngữ is as long as the Tiêu ngữ (spec §3 row 2a): 26 at 13 pt.
MOTTO_RULE_UNDERSCORES: Final = underscores_for_width(
    text_width_pt(_MOTTO.text or "", PROFILE["motto"], bold=bool(_MOTTO.bold)), MOTTO_RULE_PT
)

# --- title and body -------------------------------------------------------------------------
TITLE_SPACE_BEFORE_PT: Final = 24.0  # between the header table and the type name
TITLE_SPACE_AFTER_PT: Final = 6.0  # after the rule under the trích yếu
BODY_FIRST_LINE_INDENT_TWIPS: Final = round(ND30.body_indent_cm[0] * 10 * 1440 / 25.4)  # 567
BODY_SPACE_BEFORE_TWIPS: Final = pt_to_twips(ND30.body_space_between_min_pt)  # 120
#: Text in body tables. The rule data has no table size yet; one step under the body size
#: (13 pt for ``13/14/14``) unless a ``table`` size is added to the profile.
TABLE_TEXT_PT: Final = float(PROFILE.sizes.get("table", PROFILE["body"] - 1))

# --- stamps (ô 10a, 10b, 11) ----------------------------------------------------------------
#: Horizontal padding between a mark's text and its box, each side.
STAMP_BOX_PADDING_PT: Final = 6.0
CIRCULATION_BOX_PADDING_PT: Final = 6.0
