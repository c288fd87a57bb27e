"""The checker's heuristics, read from the ``[checker]`` and ``[addressee]`` tables of the rule data.

They say how elements are found and measured in documents the library did not make; the
decree's own values stay in :data:`thongbao.rules.ND30`. A pack's rule set inherits them from
nd30.toml unless it overrides them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from thongbao.rules import ND30, RuleSet

__all__ = ["Tuning"]


@dataclass(frozen=True, slots=True)
class Tuning:
    superscript_scale: float
    single_line_em: float
    line_spacing_tolerance: float
    exact_line_spacing_tolerance: float
    spacing_tolerance_pt: float
    flush_left_tolerance_cm: float
    stamp_box_tolerance_mm: float
    right_column_indent: float
    header_search_lines: int
    summary_max_lines: int
    page_fill: float
    parent_agency_starts: tuple[str, ...]
    agency_starts: tuple[str, ...]
    addressee_types: tuple[str, ...]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> Tuning:
        base: Mapping[str, Any] = ND30.raw["checker"]
        data: dict[str, Any] = {**base, **dict(rules.raw.get("checker", {}))}
        addressee = rules.raw.get("addressee", ND30.raw["addressee"])
        return cls(
            superscript_scale=float(data["superscript_scale"]),
            single_line_em=float(data["single_line_em"]),
            line_spacing_tolerance=float(data["line_spacing_tolerance"]),
            exact_line_spacing_tolerance=float(data["exact_line_spacing_tolerance"]),
            spacing_tolerance_pt=float(data["spacing_tolerance_pt"]),
            flush_left_tolerance_cm=float(data["flush_left_tolerance_cm"]),
            stamp_box_tolerance_mm=float(data["stamp_box_tolerance_mm"]),
            right_column_indent=float(data["right_column_indent"]),
            header_search_lines=int(data["header_search_lines"]),
            summary_max_lines=int(data["summary_max_lines"]),
            page_fill=float(data["page_fill"]),
            parent_agency_starts=tuple(data["parent_agency_starts"]),
            agency_starts=tuple(data["agency_starts"]),
            addressee_types=tuple(addressee["types"]),
        )
