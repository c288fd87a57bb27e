"""Document theme (``word/theme/theme1.xml``): theme fonts and theme colours."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field

from lxml import etree

from thongbao.check.reader.oxml import hex_color, local, qn

__all__ = ["Theme"]

# ST_ThemeColor (w:themeColor) → clrScheme slot, with the default clrSchemeMapping.
_COLOR_SLOTS = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
    "text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
    "accent5": "accent5", "accent6": "accent6",
    "hyperlink": "hlink", "followedHyperlink": "folHlink",
}


@dataclass(frozen=True, slots=True)
class Theme:
    """Theme font scheme (major = headings, minor = body) and colour scheme."""

    major_latin: str | None = None
    minor_latin: str | None = None
    major_east_asia: str | None = None
    minor_east_asia: str | None = None
    major_cs: str | None = None
    minor_cs: str | None = None
    colors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Theme:
        if root is None:
            return cls()
        fonts: dict[str, str | None] = {}
        font_scheme = next(root.iter(qn("a:fontScheme")), None)
        if font_scheme is not None:
            for which in ("major", "minor"):
                node = font_scheme.find(qn(f"a:{which}Font"))
                if node is None:
                    continue
                for script, tag in (("latin", "a:latin"), ("east_asia", "a:ea"), ("cs", "a:cs")):
                    el = node.find(qn(tag))
                    face = el.get("typeface") if el is not None else None
                    fonts[f"{which}_{script}"] = face or None
        colors: dict[str, str] = {}
        scheme = next(root.iter(qn("a:clrScheme")), None)
        if scheme is not None:
            for slot in scheme:
                if not isinstance(slot.tag, str):
                    continue
                for c in slot:
                    if not isinstance(c.tag, str):
                        continue
                    kind = local(c.tag)
                    value = c.get("lastClr") if kind == "sysClr" else c.get("val")
                    hx = hex_color(value)
                    if hx and hx != "auto":
                        colors[local(slot.tag)] = hx
                    break
        return cls(colors=colors, **fonts)

    def font(self, theme_attr: str) -> str | None:
        """Resolve a theme font reference (``minorHAnsi``, ``majorEastAsia``, ``minorBidi`` …)."""
        which = "major" if theme_attr.startswith("major") else "minor"
        rest = theme_attr[5:]
        if rest in ("HAnsi", "Ascii"):
            return self.major_latin if which == "major" else self.minor_latin
        if rest == "EastAsia":
            return self.major_east_asia if which == "major" else self.minor_east_asia
        if rest == "Bidi":
            return self.major_cs if which == "major" else self.minor_cs
        return None

    def color(self, theme_color: str, tint: str | None = None, shade: str | None = None) -> str | None:
        """Resolve ``w:themeColor`` (+ ``themeTint``/``themeShade``) to ``RRGGBB``."""
        slot = _COLOR_SLOTS.get(theme_color)
        base = self.colors.get(slot) if slot else None
        if base is None:
            return None
        if not tint and not shade:
            return base
        r, g, b = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
        h, lum, s = colorsys.rgb_to_hls(r, g, b)
        try:
            if shade:
                lum = lum * int(shade, 16) / 255
            if tint:
                t = int(tint, 16) / 255
                lum = lum * t + (1 - t)
        except ValueError:
            return base
        r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
        return "".join(f"{round(c * 255):02X}" for c in (r, g, b))
