"""The template linter finds every defect of a broken template in one run, each with its location."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree
from typer.testing import CliRunner

from thongbao.plugins import Problem, lint_docx
from thongbao.plugins.cli import templates_app
from thongbao.render.engine import builtin_templates


def _split_into_hyperlink(paragraph: Paragraph, first: str, second: str) -> None:
    """``first`` in a run inside a w:hyperlink, ``second`` in a plain run after it."""
    p = paragraph._p
    link = etree.SubElement(p, qn("w:hyperlink"))
    link.set(qn("w:anchor"), "x")
    for parent, text in ((link, first), (p, second)):
        run = etree.SubElement(parent, qn("w:r"))
        t = etree.SubElement(run, qn("w:t"))
        t.text = text


def broken_template(path: Path) -> Path:
    document = docx.Document()  # Letter paper, 1-inch margins, theme fonts: three format problems
    style = document.styles.add_style("ND30 National Title", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = False
    style.font.size = Pt(11)
    lines = [
        "{{ doc.summary | }}",  # 1 syntax
        "{{ summary }}",  # 2 unknown name
        "Số: {{ doc.sumary }}",  # 3 unknown doc key
        "{{ doc.",  # 4 broken across paragraphs ...
        "summary }}",  # 5 ... closed here
        "",  # 6 split inside a hyperlink (filled below)
        "{%p include “nd30/blocks/header.docx” %}",  # 7 typographic quotes
        "{%p if doc.summary %} và chữ bị mất",  # 8 text beside {%p
        "{%p endif %}",  # 9
        "{%p endwith %}",  # 10 closes nothing
        "{%tr for r in doc.body %}",  # 11 {%tr outside a table
        "{%tr endfor %}",  # 12
        '{%p include "nd30/blocks/nope.docx" %}',  # 13 not on the search path
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # 14 Quốc hiệu at 10 pt, not bold
        "Nội dung Arial",  # 15 font Arial
        "{%p for b in doc.body %}",  # 16 never closed
    ]
    paragraphs = [document.add_paragraph(line) for line in lines]
    _split_into_hyperlink(paragraphs[5], "{{ doc.num", "ber_line }}")
    title_run = paragraphs[13].runs[0]
    title_run.font.size = Pt(10)
    paragraphs[14].runs[0].font.name = "Arial"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).paragraphs[0].text = "{{ doc.nope }}"  # unknown key inside a table
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Trang {{ doc.page }}"  # unknown key in the header part
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> list[Problem]:
    path = broken_template(tmp_path_factory.mktemp("lint") / "broken.docx")
    return lint_docx(path, search_path=[builtin_templates()])


def find(problems: list[Problem], kind: str, location: str, text: str, part: str = "word/document.xml") -> Problem:
    hits = [p for p in problems if p.kind == kind and p.location == location and text in p.message and p.part == part]
    assert hits, f"no {kind} problem at {location} with {text!r}:\n" + "\n".join(map(str, problems))
    return hits[0]


def test_syntax_errors_each_with_its_paragraph(problems: list[Problem]) -> None:
    p = find(problems, "syntax", "paragraph 1", "Jinja syntax error")
    assert p.excerpt == "{{ doc.summary | }}"
    find(problems, "syntax", "paragraph 7", "typographic quotes")
    find(problems, "syntax", "paragraph 10", "{% endwith %} closes nothing")
    find(problems, "syntax", "paragraph 16", "{% for %} is never closed")


def test_unknown_variables(problems: list[Problem]) -> None:
    find(problems, "variable", "paragraph 2", "'summary' is not in the context")
    p = find(problems, "variable", "paragraph 3", "doc.sumary is not a key")
    assert "Số: {{ doc.sumary }}" in p.excerpt
    find(problems, "variable", "table 1 row 1 cell 2 paragraph 1", "doc.nope")
    find(problems, "variable", "paragraph 1", "doc.page", part="word/header1.xml")
    assert not [p for p in problems if p.kind == "variable" and "'b'" in p.message]  # loop variables are known


def test_tags_docxtpl_cannot_repair(problems: list[Problem]) -> None:
    find(problems, "split-tag", "paragraph 4", "not closed in its paragraph")
    find(problems, "split-tag", "paragraph 5", "opened in an earlier paragraph")
    p = find(problems, "split-tag", "paragraph 6", "cannot repair")
    assert "hyperlink" in p.message and "{{ doc.number_line }}" in p.excerpt


def test_placement(problems: list[Problem]) -> None:
    find(problems, "placement", "paragraph 8", "text beside a {%p")
    find(problems, "placement", "paragraph 11", "must be inside a table row")
    find(problems, "placement", "paragraph 13", "'nd30/blocks/nope.docx' is not on the search path")


def test_formatting_against_the_rules(problems: list[Problem]) -> None:
    style = find(problems, "format", "style 'ND30 National Title'", "not bold", part="word/styles.xml")
    assert style.rule == "ND30-QH" and "size 11 pt" in style.message
    title = find(problems, "format", "paragraph 14", "size 10 pt")
    assert title.rule == "ND30-QH"
    assert find(problems, "format", "paragraph 15", "font Arial").rule == "ND30-FONT-FAMILY"
    assert find(problems, "format", "document defaults", "theme font", part="word/styles.xml").rule == "ND30-FONT-THEME"
    assert find(problems, "format", "section 1", "page 215.9 x 279.4 mm").rule == "ND30-PAGE-SIZE"
    margins = [p for p in problems if p.rule == "ND30-PAGE-MARGIN"]
    # python-docx's default: 25.4 mm top/bottom/right (too wide), 31.75 mm left (lawful)
    assert {p.message.split()[0] for p in margins} == {"top", "bottom", "right"}


def test_one_run_reports_everything_in_part_order(problems: list[Problem]) -> None:
    assert len(problems) >= 22
    parts = [p.part for p in problems]
    assert parts == sorted(parts, key=["word/document.xml", "word/header1.xml", "word/styles.xml"].index)
    text = str(find(problems, "variable", "paragraph 3", "doc.sumary"))
    assert text.startswith("word/document.xml, paragraph 3: variable: doc.sumary")
    assert "near: 'Số: {{ doc.sumary }}'" in text


def test_cli_check(tmp_path: Path) -> None:
    bad = broken_template(tmp_path / "bad.docx")
    good = builtin_templates() / "nd30" / "mau-1.5.docx"
    result = CliRunner().invoke(templates_app, ["check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.output
    assert f"{bad}: " in result.output and "problem(s)" in result.output
    assert "word/document.xml, paragraph 6: split-tag" in result.output
    assert CliRunner().invoke(templates_app, ["check", str(good)]).exit_code == 0


def test_every_builtin_template_is_clean() -> None:
    root = builtin_templates()
    for path in sorted(Path(str(root)).glob("nd30/**/*.docx")):
        assert lint_docx(path, search_path=[root]) == [], path


def test_names_and_keys_options(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ findings | length }} {{ doc.extra }}")
    path = tmp_path / "x.docx"
    document.save(str(path))
    kinds = [p.kind for p in lint_docx(path) if p.kind == "variable"]
    assert len(kinds) == 2
    assert [p for p in lint_docx(path, names=["findings"], context_keys=["extra"]) if p.kind == "variable"] == []


def test_a_repairable_split_is_not_reported(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in ("{", "{ doc.", "summary }", "}"):  # Word often splits a tag like this
        paragraph.add_run(piece)
    paragraph.runs[1].bold = True
    path = tmp_path / "split.docx"
    document.save(str(path))
    assert [p for p in lint_docx(path) if p.kind in ("split-tag", "syntax", "variable")] == []


@pytest.mark.parametrize(
    "lines",
    [
        # one typographic-quote defect in a block opener: its elif/else/endif still match it
        [
            "{%p if doc.summary == “a” %}",
            "A",
            "{%p elif doc.summary == 'b' %}",
            "B",
            "{%p elif doc.type_name %}",
            "C",
            "{%p elif doc.urgency %}",
            "D",
            "{%p endif %}",
        ],
        ["{%p for b in doc.body if b.kind == ‘table’ %}", "{{ b.kind }}", "{%p else %}", "-", "{%p endfor %}"],
        ["{%p if doc.summary %}", "A", "{%p elif doc.summary == “b” %}", "B", "{%p else %}", "C", "{%p endif %}"],
        ["{{ doc.summary | replace(“a”, “b”) }}", "{%p if doc.urgency %}", "{{ doc.urgency }}", "{%p endif %}"],
    ],
)
def test_one_defect_gives_one_problem(tmp_path: Path, lines: list[str]) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "quotes.docx"
    document.save(str(path))
    found = [p for p in lint_docx(path) if p.kind in ("syntax", "variable", "placement", "split-tag")]
    assert len(found) == 1, "\n".join(map(str, found))
    assert "typographic quotes" in found[0].message


def test_a_second_defect_beside_typographic_quotes_is_still_reported(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("{%p for b in doc.body if b.kind == “table” %}", "{{ b.nope }} {{ doc.nope }}"):
        document.add_paragraph(line)  # quotes, the for never closed, and an unknown key
    path = tmp_path / "two.docx"
    document.save(str(path))
    found = [p for p in lint_docx(path) if p.kind in ("syntax", "variable")]
    where = [(p.kind, p.location) for p in found]
    assert where == [("syntax", "paragraph 1"), ("syntax", "paragraph 1"), ("variable", "paragraph 2")], "\n".join(
        map(str, found)
    )
    assert "typographic quotes" in found[0].message and "never closed" in found[1].message
    assert "doc.nope" in found[2].message
