"""Effective formatting: each inheritance level on its own, toggles, theme fonts, colours."""

from __future__ import annotations

import pytest

from thongbao.check import Document, read_docx
from thongbao.check.reader import char_font_slot

from .docx_factory import doc_defaults, docx, p, style, table, theme


def read(body: str, **kw: object) -> Document:
    return read_docx(docx(body, **kw))  # type: ignore[arg-type]


def first_run(doc: Document):  # type: ignore[no-untyped-def]
    return doc.paragraphs[0].runs[0]


# -- size through each level ------------------------------------------------------------------


def test_builtin_defaults_when_nothing_is_set() -> None:
    run = first_run(read(p("Xin chào")))
    assert run.props.size_pt == 10.0
    assert run.props.sources["size"] == "default"
    assert run.font == "Times New Roman" and run.props.fonts.ascii.source == "default"
    assert not run.bold and not run.italic and run.color == "000000" and run.props.color_auto


def test_size_only_in_doc_defaults() -> None:
    run = first_run(read(p("a"), defaults=doc_defaults('<w:sz w:val="26"/>')))
    assert run.props.size_pt == 13.0
    assert run.props.sources["size"] == "docDefaults"


def test_size_in_paragraph_style() -> None:
    doc = read(p("a", style="Body"), defaults=doc_defaults('<w:sz w:val="24"/>'),
               styles=style("Body", rpr='<w:sz w:val="28"/>'))
    run = first_run(doc)
    assert run.props.size_pt == 14.0 and run.props.sources["size"] == "style:Body"
    assert doc.paragraphs[0].style_id == "Body" and doc.paragraphs[0].style_name == "Body"


def test_size_in_based_on_parent_style() -> None:
    styles = style("Parent", rpr='<w:sz w:val="30"/>') + style("Child", based_on="Parent", rpr="<w:b/>")
    run = first_run(read(p("a", style="Child"), styles=styles))
    assert run.props.size_pt == 15.0 and run.bold


def test_default_paragraph_style_applies_without_pstyle() -> None:
    styles = style("Normal", name="Normal", default=True, rpr='<w:sz w:val="26"/>')
    doc = read(p("a") + p("b", style="DoesNotExist"), styles=styles)
    assert [par.runs[0].size_pt for par in doc.paragraphs] == [13.0, 13.0]
    assert doc.paragraphs[1].style_id == "Normal"


def test_size_in_character_style() -> None:
    styles = style("Body", rpr='<w:sz w:val="28"/>') + style("Big", "character", rpr='<w:sz w:val="32"/>')
    run = first_run(read(p("a", style="Body", rpr='<w:rStyle w:val="Big"/>'), styles=styles))
    assert run.props.size_pt == 16.0 and run.props.sources["size"] == "char-style:Big"
    assert run.props.style_id == "Big"


def test_direct_size_wins() -> None:
    styles = style("Body", rpr='<w:sz w:val="28"/>') + style("Big", "character", rpr='<w:sz w:val="32"/>')
    run = first_run(read(p("a", style="Body", rpr='<w:rStyle w:val="Big"/><w:sz w:val="22"/>'), styles=styles))
    assert run.props.size_pt == 11.0 and run.props.sources["size"] == "direct"


def test_table_style_applies_to_text_in_tables_under_paragraph_style() -> None:
    styles = (style("Normal", default=True) + style("Small", "table", rpr='<w:sz w:val="18"/><w:i/>')
              + style("Body", rpr='<w:sz w:val="28"/>'))
    body = table([[p("in table"), p("body style", style="Body")]],
                 tblpr='<w:tblStyle w:val="Small"/>') + p("outside")
    doc = read(body, styles=styles, defaults=doc_defaults('<w:sz w:val="24"/>'))
    cell, styled, outside = doc.paragraphs
    assert cell.runs[0].size_pt == 9.0 and cell.runs[0].italic
    assert styled.runs[0].size_pt == 14.0  # paragraph style beats table style
    assert outside.runs[0].size_pt == 12.0 and not outside.runs[0].italic


# -- toggles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("para_rpr", "char_rpr", "direct", "expected"),
    [
        ("<w:b/>", "", "", True),
        ("<w:b/>", "<w:b/>", "", False),  # toggled off by the second style level
        ("<w:b/>", '<w:b w:val="0"/>', "", True),  # false at a style level leaves it unchanged
        ("", "<w:b/>", "", True),
        ("<w:b/>", "<w:b/>", "<w:b/>", True),  # direct formatting is absolute
        ("<w:b/>", "", '<w:b w:val="false"/>', False),
        ("", "", '<w:b w:val="0"/>', False),
    ],
)
def test_bold_toggles_between_char_and_paragraph_style(para_rpr: str, char_rpr: str, direct: str,
                                                      expected: bool) -> None:
    styles = style("P", rpr=para_rpr) + style("C", "character", rpr=char_rpr)
    run = first_run(read(p("a", style="P", rpr=f'<w:rStyle w:val="C"/>{direct}'), styles=styles))
    assert run.bold is expected


def test_toggle_within_based_on_chain_is_plain_inheritance() -> None:
    styles = style("Base", rpr="<w:b/>") + style("Heading", based_on="Base", rpr="<w:b/>")
    assert first_run(read(p("a", style="Heading"), styles=styles)).bold


def test_doc_defaults_toggle_is_start_value() -> None:
    styles = style("P", rpr="<w:i/>")
    doc = read(p("a") + p("b", style="P"), styles=styles, defaults=doc_defaults("<w:i/>"))
    assert doc.paragraphs[0].runs[0].italic
    assert not doc.paragraphs[1].runs[0].italic


def test_caps_displays_upper_case() -> None:
    styles = style("Title", rpr="<w:caps/><w:b/>")
    par = read(p("Thông báo", style="Title"), styles=styles).paragraphs[0]
    assert par.text == "Thông báo"
    assert par.display_text == "THÔNG BÁO" and par.lines[0].display_text == "THÔNG BÁO"
    assert par.runs[0].props.caps and not par.runs[0].props.small_caps


def test_italic_underline_strike_highlight_vertalign() -> None:
    rpr = ('<w:i/><w:u w:val="single"/><w:strike/><w:highlight w:val="yellow"/>'
           '<w:vertAlign w:val="superscript"/>')
    props = first_run(read(p("a", rpr=rpr))).props
    assert props.italic and props.underline == "single" and props.strike
    assert props.highlight == "yellow" and props.vert_align == "superscript"
    plain = first_run(read(p("a", rpr='<w:u w:val="none"/><w:highlight w:val="none"/>'))).props
    assert plain.underline is None and plain.highlight is None


# -- fonts ------------------------------------------------------------------------------------

THEME = theme(major="Times New Roman", minor="Calibri")


def test_theme_fonts_resolve_and_win_over_plain_attribute_at_same_level() -> None:
    defaults = doc_defaults('<w:rFonts w:ascii="Arial" w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" '
                            'w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/>')
    run = first_run(read(p("Hello"), defaults=defaults, theme_xml=THEME))
    fonts = run.props.fonts
    assert fonts.ascii.name == "Calibri" and fonts.ascii.theme == "minorHAnsi" and fonts.ascii.from_theme
    assert fonts.h_ansi.name == "Calibri" and fonts.ascii.source == "docDefaults"
    assert run.font == "Calibri"


def test_major_theme_font_gives_times_new_roman_flagged_as_theme() -> None:
    run = first_run(read(p("Hello", rpr='<w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/>'),
                         theme_xml=THEME))
    assert run.font == "Times New Roman" and run.props.fonts.ascii.from_theme


def test_plain_font_at_lower_level_overrides_theme_from_higher_level() -> None:
    defaults = doc_defaults('<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>')
    styles = style("Body", rpr='<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>')
    run = first_run(read(p("Hello", style="Body"), defaults=defaults, styles=styles, theme_xml=THEME))
    assert run.props.fonts.ascii.name == "Times New Roman" and not run.props.fonts.ascii.from_theme
    assert run.props.fonts.ascii.source == "style:Body"


def test_theme_reference_without_theme_part_falls_back_to_plain_name() -> None:
    run = first_run(read(p("a", rpr='<w:rFonts w:ascii="Arial" w:asciiTheme="minorHAnsi"/>')))
    assert run.props.fonts.ascii.name == "Arial"


def test_vietnamese_text_uses_ascii_and_hansi_per_character() -> None:
    run = first_run(read(p("CỘNG HÒA", rpr='<w:rFonts w:ascii="Times New Roman" w:hAnsi="Arial"/>')))
    segments = run.font_segments()
    assert [(text, slot) for text, slot, _ in segments] == [
        ("C", "ascii"), ("Ộ", "hAnsi"), ("NG H", "ascii"), ("Ò", "hAnsi"), ("A", "ascii"),
    ]
    assert run.fonts_used == {"Times New Roman", "Arial"}
    assert run.font == "Times New Roman"  # most characters


def test_char_font_slot() -> None:
    assert char_font_slot("a") == "ascii"
    assert char_font_slot("ệ") == "hAnsi" and char_font_slot("đ") == "hAnsi"
    assert char_font_slot("中") == "eastAsia" and char_font_slot("ش") == "cs"
    assert char_font_slot("a", complex_script=True) == "cs"
    assert char_font_slot("\u201c", hint="eastAsia") == "eastAsia"


def test_legacy_vietnamese_font_is_visible() -> None:
    run = first_run(read(p("Céng hoµ", rpr='<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>')))
    assert run.fonts_used == {".VnTime"}


# -- colour -----------------------------------------------------------------------------------


def test_colour_auto_is_black_and_explicit_red() -> None:
    doc = read(p("a", rpr='<w:color w:val="auto"/>') + p("b", rpr='<w:color w:val="ff0000"/>'))
    auto, red = (par.runs[0].props for par in doc.paragraphs)
    assert auto.color == "000000" and auto.color_auto and auto.is_black
    assert red.color == "FF0000" and not red.color_auto and not red.is_black


def test_theme_colours() -> None:
    body = p("a", rpr='<w:color w:val="000000" w:themeColor="text1"/>') + p(
        "b", rpr='<w:color w:val="4472C4" w:themeColor="accent1"/>') + p(
        "c", rpr='<w:color w:val="1F3864" w:themeColor="accent1" w:themeShade="80"/>')
    doc = read(body, theme_xml=THEME)
    text1, accent, shaded = (par.runs[0].props for par in doc.paragraphs)
    assert text1.color == "000000" and text1.color_theme == "text1"
    assert accent.color == "4472C4"
    assert shaded.color_theme == "accent1" and shaded.color != "4472C4" and not shaded.is_black
    no_theme = first_run(read(p("a", rpr='<w:color w:val="FF0000" w:themeColor="accent2"/>'))).props
    assert no_theme.color_unresolved and no_theme.color == "FF0000"


# -- paragraph properties -----------------------------------------------------------------------


def test_paragraph_properties_resolve_through_defaults_style_and_direct() -> None:
    defaults = doc_defaults(ppr='<w:spacing w:after="160" w:line="259" w:lineRule="auto"/>')
    styles = style("Body", ppr='<w:jc w:val="both"/><w:ind w:firstLine="567"/><w:spacing w:before="120"/>')
    doc = read(p("a", style="Body") + p("b", style="Body", ppr='<w:spacing w:line="360"/><w:jc w:val="center"/>')
               + p("c"), defaults=defaults, styles=styles)
    a, b, c = (par.props for par in doc.paragraphs)
    assert a.alignment == "justify" and a.indent.first_line == 567
    assert abs(a.indent.first_line_cm - 1.0) < 0.01
    assert a.spacing.before_pt == 6.0 and a.spacing.after_pt == 8.0
    assert a.spacing.line_rule == "auto" and a.spacing.line_multiple == pytest.approx(259 / 240)
    assert b.alignment == "center" and b.spacing.line_multiple == 1.5 and b.spacing.before == 120
    assert c.alignment == "left" and c.indent.first_line == 0 and c.spacing.before == 0
    assert a.sources["alignment"] == "style:Body" and b.sources["alignment"] == "direct"


def test_indent_variants_and_exact_spacing() -> None:
    doc = read(
        p("a", ppr='<w:ind w:start="720" w:end="360" w:hanging="283"/><w:spacing w:line="300" w:lineRule="exact" '
                   'w:beforeAutospacing="1"/>')
        + p("b", ppr='<w:ind w:left="100" w:firstLineChars="200" w:firstLine="480"/>')
        + p("c", ppr='<w:jc w:val="end"/>') + p("d", ppr='<w:jc w:val="distribute"/>')
    )
    a, b, c, d = (par.props for par in doc.paragraphs)
    assert (a.indent.left, a.indent.right, a.indent.first_line, a.indent.hanging) == (720, 360, -283, 283)
    assert a.spacing.line_rule == "exact" and a.spacing.line_pt == 15.0 and a.spacing.line_multiple is None
    assert a.spacing.before_pt == 14.0
    assert b.indent.first_line_chars == 2.0 and b.indent.first_line == 480
    assert c.alignment == "right" and d.alignment == "distribute"


def test_keep_next_outline_tabs_and_paragraph_mark() -> None:
    styles = style("H", ppr='<w:keepNext/><w:outlineLvl w:val="0"/><w:tabs><w:tab w:val="center" w:pos="4500"/>'
                            '<w:tab w:val="left" w:pos="900"/></w:tabs>')
    par = read(p("a", style="H", ppr='<w:tabs><w:tab w:val="clear" w:pos="900"/></w:tabs>'
                                     '<w:rPr><w:sz w:val="8"/></w:rPr>'), styles=styles).paragraphs[0]
    assert par.props.keep_next and par.props.outline_level == 0
    assert [(tab.alignment, tab.position) for tab in par.props.tabs] == [("center", 4500)]
    assert par.mark.size_pt == 4.0 and par.runs[0].size_pt == 10.0


def test_resolution_is_cached() -> None:
    doc = read("".join(p(f"đoạn {i}", rpr='<w:b/><w:sz w:val="28"/>') for i in range(50)))
    props = {id(par.runs[0].props) for par in doc.paragraphs}
    assert len(props) == 1
