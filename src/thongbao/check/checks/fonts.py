"""Font, colour and encoding of every run (spec §1 Phông chữ; §10 FONT-1, FONT-2):
ND30-FONT-FAMILY, ND30-FONT-THEME, ND30-TEXT-UNICODE, ND30-FONT-COLOR, ND30-TEXT-NFC.

Every visible, non-blank run of every story (body, text boxes, headers, footers, notes) is
looked at once. For each character the font Word uses is the one of its ``w:rFonts`` slot
(:meth:`~thongbao.check.reader.Run.font_segments`); one cause is reported per segment: a legacy
TCVN3/VNI font first, then a theme font in effect (unless it resolves to Times New Roman), then
any other family.

One cause, one finding: a font or colour that a style (or the document defaults) sets is
reported once for that style — the style in the ``basedOn`` chain that sets it, named in the note
with the number of paragraphs it reaches — however many paragraphs and elements use it. Direct
formatting is reported where it is, once per paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thongbao.check.reader import FontRef, Paragraph, Run
from thongbao.check.reader.styles import StyleSheet
from thongbao.check.registry import CheckContext, Issue, rule


@dataclass(frozen=True, slots=True)
class _Hit:
    rule: str
    para: Paragraph
    found: str
    excerpt: str
    #: Where the property was set: ``direct``, ``style:<id>`` (the style of the ``basedOn`` chain
    #: that sets it), ``docDefaults`` …
    origin: str = "direct"


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
    styles = ctx.document.styles
    hits: list[_Hit] = []
    for story in ctx.document.stories():
        for p in story.paragraphs:
            for run in p.visible_runs:
                if not run.raw_text.strip():
                    continue
                hits.extend(_run_hits(run, p, family, legacy, color, id(p) in stamps, styles))
    ctx.cache["font-scan"] = hits
    return hits


def _origin(styles: StyleSheet, level: str, prop: str) -> str:
    """The level that set ``prop`` (``font.ascii``, ``color``) narrowed to the style of the
    ``basedOn`` chain that sets it: ``style:ND30Body`` inherited from Normal is ``style:Normal``."""
    kind, sep, style_id = level.partition(":")
    if not sep:
        return level  # direct, docDefaults, default
    for style in reversed(styles.chain(style_id)):
        if prop in style.rpr:
            return f"{kind}:{style.id}"
    return level


#: Characters Word sets in the ascii/hAnsi fonts (Latin, Vietnamese, general punctuation): a run
#: of only these needs no per-character look-up of its font slot.
_NOT_LATIN = re.compile(r"[^\u0000-\u058f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]")
_VISIBLE_ASCII = re.compile(r"[!-~]")
_VISIBLE_NON_ASCII = re.compile(r"[^\x00-\x7f\s]")


def _fonts_of(run: Run) -> list[tuple[str, FontRef]]:
    """The fonts the run's visible characters are displayed in, with their ``w:rFonts`` slot."""
    raw = run.raw_text
    fonts = run.props.fonts
    if fonts.hint != "eastAsia" and not (run.props.complex_script or run.props.rtl) and not _NOT_LATIN.search(raw):
        out: list[tuple[str, FontRef]] = []
        if _VISIBLE_ASCII.search(raw):
            out.append(("ascii", fonts.ascii))
        if not raw.isascii() and _VISIBLE_NON_ASCII.search(raw):
            out.append(("hAnsi", fonts.h_ansi))
        return out
    return [(slot, ref) for seg, slot, ref in run.font_segments() if seg.strip()]


def _run_hits(run: Run, p: Paragraph, family: str, legacy: tuple[str, ...], color: str,
              stamp: bool, styles: StyleSheet) -> Iterator[_Hit]:
    text = run.text.strip()
    sources = run.props.sources
    if run.symbol_font is None:
        seen: set[tuple[str, str]] = set()
        for slot, ref in _fonts_of(run):
            name = ref.name
            folded = name.casefold()
            if any(folded.startswith(x) for x in legacy):
                cause = ("ND30-TEXT-UNICODE", name)
            elif folded == family:
                continue  # also from a theme whose font is Times New Roman: the text shows in it
            elif ref.from_theme:
                cause = ("ND30-FONT-THEME", f"{name} ({ref.theme})")
            else:
                cause = ("ND30-FONT-FAMILY", name)
            if cause not in seen:
                seen.add(cause)
                prop = "font." + slot
                yield _Hit(cause[0], p, cause[1], text, _origin(styles, sources.get(prop, ref.source), prop))
    if not run.props.color_auto and run.color.upper() != color and not stamp:
        yield _Hit("ND30-FONT-COLOR", p, run.color.upper(), text,
                   _origin(styles, sources.get("color", "direct"), "color"))
    if not run.is_nfc:
        yield _Hit("ND30-TEXT-NFC", p, "not NFC", text)


_KIND_EN = {"style": "the style", "char-style": "the character style", "table-style": "the table style"}
_KIND_VI = {"style": "kiểu (style)", "char-style": "kiểu ký tự (character style)",
            "table-style": "kiểu bảng (table style)"}


def _origin_notes(styles: StyleSheet, origin: str, count: int) -> tuple[str, str]:
    """"Set in the style "Normal" (12 paragraphs)." in English and Vietnamese."""
    kind, _, style_id = origin.partition(":")
    if origin == "docDefaults":
        where_en, where_vi = "the document defaults (docDefaults)", "mặc định của văn bản (docDefaults)"
    else:
        style = styles.get(style_id)
        name = style.name if style is not None and style.name else style_id
        where_en, where_vi = f'{_KIND_EN.get(kind, kind)} "{name}"', f'{_KIND_VI.get(kind, kind)} "{name}"'
    para_en = "paragraph" if count == 1 else "paragraphs"
    return (f"Set in {where_en}, which reaches {count} {para_en}; fix it there once.",
            f"Do {where_vi} quy định, áp dụng cho {count} đoạn; sửa một lần tại đó.")


def _issues(ctx: CheckContext, rule_id: str, expected: str, expected_vi: str = "") -> Iterator[Issue]:
    """One issue per paragraph a cause reaches. A cause set in a style (or the document defaults)
    gives the same element, found and note for all its paragraphs, so that the engine makes them
    one finding (``count`` paragraphs, their ``locations``)."""
    hits = [h for h in _scan(ctx) if h.rule == rule_id]
    styles = ctx.document.styles
    groups: dict[tuple[str, str], list[_Hit]] = {}
    for hit in hits:
        key = (hit.found, hit.origin) if hit.origin != "direct" else (hit.found, f"direct:{id(hit.para)}")
        group = groups.setdefault(key, [])
        if all(h.para is not hit.para for h in group):
            group.append(hit)
    for (found, origin), group in groups.items():
        if origin.startswith("direct:"):
            hit = group[0]
            yield Issue(_element(ctx, hit.para), hit.para, found=found, expected=expected,
                        expected_vi=expected_vi, excerpt=hit.excerpt)
            continue
        elements = {_element(ctx, h.para) for h in group}
        element = elements.pop() if len(elements) == 1 else "document"
        note_en, note_vi = _origin_notes(styles, origin, len(group))
        for hit in group:
            yield Issue(element, hit.para, found=found, expected=expected, expected_vi=expected_vi,
                        excerpt=hit.excerpt, note_en=note_en, note_vi=note_vi)


@rule("ND30-FONT-FAMILY")
def font_family(ctx: CheckContext) -> Iterator[Issue]:
    """Every character of every visible run, in every story (body, text boxes, headers,
    footers, notes), is displayed in Times New Roman: the font of the ``w:rFonts`` slot Word uses for
    that character (ascii for plain letters, hAnsi for Vietnamese ones), after styles and defaults.
    Theme fonts and legacy fonts are reported by their own rules. A font set in a style (Arial on
    Normal) is one finding, naming the style and how many paragraphs it reaches; direct formatting
    is reported at each paragraph.

    Compliant:
        <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/> Thực hiện Kế hoạch …

    Non-compliant:
        <w:rFonts w:ascii="Arial" w:hAnsi="Arial"/> Thực hiện Kế hoạch …
    """
    yield from _issues(ctx, "ND30-FONT-FAMILY", ctx.rules.font_family)


@rule("ND30-FONT-THEME")
def font_theme(ctx: CheckContext) -> Iterator[Issue]:
    """A run whose font comes from the document theme (``w:asciiTheme="minorHAnsi"`` …) and
    the theme resolves to another font than Times New Roman: the text shows in that font (Calibri,
    Aptos, Cambria …). Word's default Normal style uses the theme, so text typed without choosing a
    font ends up here. Reported once per style (or the document defaults) that brings the theme in,
    with the number of paragraphs it reaches.

    A theme font that resolves to Times New Roman is accepted. Spec §1 (Phụ lục I I.4) prescribes
    the typeface the text is shown in — "Phông chữ tiếng Việt Times New Roman, bộ mã ký tự
    Unicode …, màu đen" — not how the DOCX names it: the ``w:rFonts`` values in the spec's DOCX
    column are how this generator writes the font, and a document whose theme names Times New Roman
    shows Times New Roman. (Such a document does change font if its theme is replaced; the PDF
    check, ND30-PDF-FONTS, verifies the fonts actually embedded.)

    Compliant:
        Normal style: <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>
        Normal style: <w:rFonts w:asciiTheme="minorHAnsi" …/>, theme minor font Times New Roman

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

    Text still in TCVN3 (ABC) encoding but set in a Unicode font is reported too (``[font]
    legacy_text_marks``: its accented letters are Latin-1 symbols, "Céng hoµ x· héi").

    Non-compliant:
        .VnTime or VNI-Times runs; "Céng hoµ x· héi chñ nghÜa ViÖt Nam" in Times New Roman
    """
    yield from _issues(ctx, "ND30-TEXT-UNICODE", f"Unicode ({ctx.rules.font_family})")
    font = ctx.rules.raw["font"]
    marks, least = frozenset(font["legacy_text_marks"]), int(font["legacy_text_min"])
    for p in ctx.document.body.paragraphs:
        text = p.text
        if sum(ch in marks for ch in text) >= least and not any(_vietnamese_unicode(ch) for ch in text):
            yield Issue(_element(ctx, p), p, found="TCVN3 (ABC) encoded text", expected="Unicode text",
                        found_vi="văn bản mã TCVN3 (ABC)", expected_vi="văn bản Unicode", excerpt=text,
                        note_en="Convert the text to Unicode (e.g. with Unikey's converter), then set Times New Roman.",
                        note_vi="Chuyển mã văn bản sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), "
                                "rồi đặt phông Times New Roman.")


def _vietnamese_unicode(ch: str) -> bool:
    """A letter only Vietnamese Unicode text has: ă â đ ê ô ơ ư and the tone-marked vowels (U+1EA0-U+1EF9)."""
    return ch in "ăĂđĐơƠưƯ" or "\u1ea0" <= ch <= "\u1ef9"


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
