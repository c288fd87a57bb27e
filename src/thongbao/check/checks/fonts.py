"""Font, colour and encoding of every run (spec §1 Phông chữ; §10 FONT-1, FONT-2):
ND30-FONT-FAMILY, ND30-FONT-THEME, ND30-TEXT-UNICODE, ND30-FONT-COLOR, ND30-TEXT-NFC.

Every visible, non-blank run of every story (body, text boxes, headers, footers, notes) is
looked at once. For each character the font Word uses is the one of its ``w:rFonts`` slot
(:meth:`~thongbao.check.reader.Run.font_segments`); one cause is reported per segment: a legacy
TCVN3/VNI font first, then a theme font in effect, then any other family.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thongbao.check.reader import FontRef, Paragraph, Run
from thongbao.check.registry import CheckContext, Issue, rule


@dataclass(frozen=True, slots=True)
class _Hit:
    rule: str
    para: Paragraph
    found: str
    excerpt: str


def _element(ctx: CheckContext, p: Paragraph) -> str:
    owners: dict[int, str] | None = ctx.cache.get("owners")
    if owners is None:
        owners = ctx.cache["owners"] = ctx.layout.element_of()
    name = owners.get(id(p))
    if name is not None:
        return name
    part = p.location.part
    if part in ("header", "footer"):
        return part
    return "document"


def _stamp_paragraphs(ctx: CheckContext) -> set[int]:
    return {id(p) for st in ctx.layout.stamps for p in st.paragraphs}


def _scan(ctx: CheckContext) -> list[_Hit]:
    cached: list[_Hit] | None = ctx.cache.get("font-scan")
    if cached is not None:
        return cached
    rules = ctx.rules
    family = rules.font_family.casefold()
    legacy = tuple(x.casefold() for x in rules.legacy_font_prefixes)
    color = rules.font_color.upper()
    stamps = _stamp_paragraphs(ctx)
    hits: list[_Hit] = []
    for story in ctx.document.stories():
        for p in story.paragraphs:
            for run in p.visible_runs:
                if not run.raw_text.strip():
                    continue
                hits.extend(_run_hits(run, p, family, legacy, color, id(p) in stamps))
    ctx.cache["font-scan"] = hits
    return hits


#: Characters Word sets in the ascii/hAnsi fonts (Latin, Vietnamese, general punctuation): a run
#: of only these needs no per-character look-up of its font slot.
_NOT_LATIN = re.compile(r"[^\u0000-\u058f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]")
_VISIBLE_ASCII = re.compile(r"[!-~]")
_VISIBLE_NON_ASCII = re.compile(r"[^\x00-\x7f\s]")


def _fonts_of(run: Run) -> list[FontRef]:
    """The fonts the run's visible characters are displayed in."""
    raw = run.raw_text
    fonts = run.props.fonts
    if fonts.hint != "eastAsia" and not (run.props.complex_script or run.props.rtl) and not _NOT_LATIN.search(raw):
        out: list[FontRef] = []
        if _VISIBLE_ASCII.search(raw):
            out.append(fonts.ascii)
        if not raw.isascii() and _VISIBLE_NON_ASCII.search(raw):
            out.append(fonts.h_ansi)
        return out
    return [ref for seg, _slot, ref in run.font_segments() if seg.strip()]


def _run_hits(run: Run, p: Paragraph, family: str, legacy: tuple[str, ...], color: str,
              stamp: bool) -> Iterator[_Hit]:
    text = run.text.strip()
    if run.symbol_font is None:
        seen: set[tuple[str, str]] = set()
        for ref in _fonts_of(run):
            name = ref.name
            folded = name.casefold()
            if any(folded.startswith(x) for x in legacy):
                cause = ("ND30-TEXT-UNICODE", name)
            elif ref.from_theme:
                cause = ("ND30-FONT-THEME", f"{name} ({ref.theme})")
            elif folded != family:
                cause = ("ND30-FONT-FAMILY", name)
            else:
                continue
            if cause not in seen:
                seen.add(cause)
                yield _Hit(cause[0], p, cause[1], text)
    if not run.props.color_auto and run.color.upper() != color and not stamp:
        yield _Hit("ND30-FONT-COLOR", p, run.color.upper(), text)
    if not run.is_nfc:
        yield _Hit("ND30-TEXT-NFC", p, "not NFC", text)


def _issues(ctx: CheckContext, rule_id: str, expected: str, expected_vi: str = "") -> Iterator[Issue]:
    for hit in _scan(ctx):
        if hit.rule == rule_id:
            yield Issue(_element(ctx, hit.para), hit.para, found=hit.found, expected=expected,
                        expected_vi=expected_vi, excerpt=hit.excerpt)


@rule("ND30-FONT-FAMILY")
def font_family(ctx: CheckContext) -> Iterator[Issue]:
    """Every character of every visible run, in every story (body, text boxes, headers,
    footers, notes), is displayed in Times New Roman: the font of the ``w:rFonts`` slot Word uses for
    that character (ascii for plain letters, hAnsi for Vietnamese ones), after styles and defaults.
    Theme fonts and legacy fonts are reported by their own rules.

    Compliant:
        <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/> Thực hiện Kế hoạch …

    Non-compliant:
        <w:rFonts w:ascii="Arial" w:hAnsi="Arial"/> Thực hiện Kế hoạch …
    """
    yield from _issues(ctx, "ND30-FONT-FAMILY", ctx.rules.font_family)


@rule("ND30-FONT-THEME")
def font_theme(ctx: CheckContext) -> Iterator[Issue]:
    """A run whose font comes from the document theme (``w:asciiTheme="minorHAnsi"`` …) is
    reported even when the theme names Times New Roman: changing the theme would change the text.
    Word's default Normal style uses the theme (Calibri, Aptos …), so text typed without choosing a
    font ends up here.

    Compliant:
        Normal style: <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>

    Non-compliant:
        Normal style: <w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>   → Calibri
    """
    yield from _issues(ctx, "ND30-FONT-THEME", ctx.rules.font_family)


@rule("ND30-TEXT-UNICODE")
def text_unicode(ctx: CheckContext) -> Iterator[Issue]:
    """No character is set in a legacy Vietnamese font (TCVN3 ``.VnTime``, VNI
    ``VNI-Times`` …, the ``[font] legacy_prefixes``): such text is not Unicode (TCVN 6909:2001).

    Compliant:
        Times New Roman, Unicode text "Hưng Yên"

    Non-compliant:
        .VnTime or VNI-Times runs
    """
    yield from _issues(ctx, "ND30-TEXT-UNICODE", f"Unicode ({ctx.rules.font_family})")


@rule("ND30-FONT-COLOR")
def font_color(ctx: CheckContext) -> Iterator[Issue]:
    """Text is black (``[font] color``; automatic colour counts as black), theme colours
    resolved. The urgency, secrecy and circulation marks may be red (spec §7.3: "màu đỏ tươi").

    Compliant:
        <w:color w:val="000000"/> or no colour

    Non-compliant:
        <w:color w:val="FF0000"/>; <w:color w:themeColor="accent1"/>
    """
    yield from _issues(ctx, "ND30-FONT-COLOR", f"{ctx.rules.font_color} (black)", f"{ctx.rules.font_color} (đen)")


@rule("ND30-TEXT-NFC")
def text_nfc(ctx: CheckContext) -> Iterator[Issue]:
    """Text is stored precomposed (Unicode NFC). Decomposed text (a base letter plus
    combining marks, from some converters and macOS) displays the same but breaks search and
    comparison. The checker compares everything else in NFC, so this is only a warning.

    Compliant:
        "Hưng Yên" as U+01B0 U+0300 …

    Non-compliant:
        "Hưng Yên" as "u" + U+031B + U+0300 …
    """
    yield from _issues(ctx, "ND30-TEXT-NFC", "NFC")
