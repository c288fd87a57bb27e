"""Effective (resolved) formatting values: what Word actually applies to a run or paragraph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from thongbao.check.reader.oxml import twips_to_mm, twips_to_pt

__all__ = [
    "Alignment",
    "Border",
    "FontRef",
    "FontSlot",
    "Indent",
    "ParagraphProps",
    "RunFonts",
    "RunProps",
    "Spacing",
    "TabStop",
]

Alignment = Literal["left", "center", "right", "justify", "distribute"]
FontSlot = Literal["ascii", "hAnsi", "eastAsia", "cs"]

_EMPTY: Mapping[str, str] = MappingProxyType({})

#: Word's font when no level of the hierarchy names one.
BUILTIN_FONT = "Times New Roman"
#: Word's size when no level of the hierarchy sets one (``w:sz`` absent = 20 half-points).
BUILTIN_SIZE_PT = 10.0


@dataclass(frozen=True, slots=True)
class FontRef:
    """The font of one ``w:rFonts`` slot after resolution.

    ``theme`` is the theme reference it came from (``minorHAnsi`` …) or ``None``; ``source`` says
    where in the hierarchy it was set (``direct``, ``style:Normal``, ``docDefaults``,
    ``default`` for Word's built-in Times New Roman).
    """

    name: str
    theme: str | None = None
    source: str = "default"

    @property
    def from_theme(self) -> bool:
        return self.theme is not None


@dataclass(frozen=True, slots=True)
class RunFonts:
    """The four font slots of a run and the ``w:hint``."""

    ascii: FontRef
    h_ansi: FontRef
    east_asia: FontRef
    cs: FontRef
    hint: str | None = None

    def slot(self, slot: FontSlot) -> FontRef:
        if slot == "ascii":
            return self.ascii
        if slot == "hAnsi":
            return self.h_ansi
        if slot == "eastAsia":
            return self.east_asia
        return self.cs


@dataclass(frozen=True, slots=True)
class RunProps:
    """Effective character formatting of a run (định dạng ký tự thực tế).

    Sizes are in pt. ``color`` is ``RRGGBB`` (``auto`` → ``000000`` with ``color_auto``).
    ``sources`` maps a property name (``size``, ``bold``, ``font.hAnsi``, ``color`` …) to the level
    that set it: ``direct``, ``char-style:<id>``, ``style:<id>``, ``table-style:<id>``,
    ``docDefaults`` or ``default``.
    """

    size_pt: float = BUILTIN_SIZE_PT
    size_cs_pt: float = BUILTIN_SIZE_PT
    bold: bool = False
    bold_cs: bool = False
    italic: bool = False
    italic_cs: bool = False
    caps: bool = False
    small_caps: bool = False
    strike: bool = False
    double_strike: bool = False
    hidden: bool = False
    underline: str | None = None
    color: str = "000000"
    color_auto: bool = True
    color_theme: str | None = None
    #: A ``themeColor`` the theme could not resolve (the colour is then ``w:val`` or black).
    color_unresolved: bool = False
    highlight: str | None = None
    vert_align: str = "baseline"
    fonts: RunFonts = field(
        default_factory=lambda: RunFonts(FontRef(BUILTIN_FONT), FontRef(BUILTIN_FONT),
                                         FontRef(BUILTIN_FONT), FontRef(BUILTIN_FONT))
    )
    rtl: bool = False
    complex_script: bool = False
    lang: str | None = None
    spacing_pt: float = 0.0
    style_id: str | None = None
    sources: Mapping[str, str] = field(default_factory=lambda: _EMPTY, compare=False, repr=False)

    @property
    def is_black(self) -> bool:
        return self.color == "000000"

    @property
    def underlined(self) -> bool:
        return self.underline is not None


@dataclass(frozen=True, slots=True)
class Indent:
    """Paragraph indentation in twips. ``first_line`` is negative for a hanging indent.

    The ``*_chars`` variants (in character units, ``w:leftChars="100"`` → 1.0) win over the twips
    values in Word when set; they are reported as is (``None`` when absent or zero).
    """

    left: int = 0
    right: int = 0
    first_line: int = 0
    left_chars: float | None = None
    right_chars: float | None = None
    first_line_chars: float | None = None

    @property
    def hanging(self) -> int:
        return -self.first_line if self.first_line < 0 else 0

    @property
    def left_cm(self) -> float:
        return twips_to_mm(self.left) / 10

    @property
    def right_cm(self) -> float:
        return twips_to_mm(self.right) / 10

    @property
    def first_line_cm(self) -> float:
        return twips_to_mm(self.first_line) / 10


@dataclass(frozen=True, slots=True)
class Spacing:
    """Paragraph spacing. ``before``/``after`` in twips; ``line`` raw with ``line_rule``."""

    before: int = 0
    after: int = 0
    before_auto: bool = False
    after_auto: bool = False
    before_lines: float | None = None
    after_lines: float | None = None
    line: int = 240
    line_rule: Literal["auto", "exact", "atLeast"] = "auto"

    @property
    def before_pt(self) -> float:
        """Space before in pt; HTML auto spacing is 14 pt in Word."""
        return 14.0 if self.before_auto else twips_to_pt(self.before)

    @property
    def after_pt(self) -> float:
        return 14.0 if self.after_auto else twips_to_pt(self.after)

    @property
    def line_multiple(self) -> float | None:
        """Line spacing as a multiple of single (``auto`` rule) or ``None`` for exact/at-least."""
        return self.line / 240 if self.line_rule == "auto" else None

    @property
    def line_pt(self) -> float | None:
        """Line height in pt for ``exact``/``atLeast`` rules, else ``None``."""
        return twips_to_pt(self.line) if self.line_rule != "auto" else None


@dataclass(frozen=True, slots=True)
class Border:
    """A border line (paragraph, table or cell). ``width_pt`` from ``w:sz`` (eighths of a point)."""

    style: str
    width_pt: float = 0.0
    space_pt: float = 0.0
    color: str | None = None

    @property
    def visible(self) -> bool:
        return self.style not in ("nil", "none", "")


@dataclass(frozen=True, slots=True)
class TabStop:
    """A custom tab stop: ``alignment`` (left/center/right/decimal/bar…), position in twips."""

    alignment: str
    position: int
    leader: str | None = None


@dataclass(frozen=True, slots=True)
class ParagraphProps:
    """Effective paragraph formatting (định dạng đoạn thực tế)."""

    alignment: Alignment = "left"
    indent: Indent = field(default_factory=Indent)
    spacing: Spacing = field(default_factory=Spacing)
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    widow_control: bool = False
    contextual_spacing: bool = False
    bidi: bool = False
    outline_level: int | None = None
    num_id: int | None = None
    num_level: int = 0
    borders: Mapping[str, Border] = field(default_factory=lambda: MappingProxyType({}))
    tabs: tuple[TabStop, ...] = ()
    frame: bool = False
    shading: str | None = None
    style_id: str | None = None
    sources: Mapping[str, str] = field(default_factory=lambda: _EMPTY, compare=False, repr=False)

    @property
    def border_top(self) -> Border | None:
        b = self.borders.get("top")
        return b if b is not None and b.visible else None

    @property
    def border_bottom(self) -> Border | None:
        b = self.borders.get("bottom")
        return b if b is not None and b.visible else None
