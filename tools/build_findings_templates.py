"""Generate the findings layouts (``templates/findings/…``): a THÔNG BÁO and a BÁO CÁO from findings.

    python tools/build_findings_templates.py [OUT_DIR]        # default: <repo>/templates

Both layouts ``{%p extends "nd30/mau-1.4.docx" %}`` and override only ``{%p block body %}``: the
header, title and signature blocks, styles, page setup and header/footer parts are Mẫu 1.4's.
They render ``doc`` (docs/architecture.md) and ``findings`` (docs/findings.md) with the filters of
``thongbao.findings.filters`` (``ordinal``, ``roman``, ``number``, ``vnd``, ``percent``, ``ending``, ``capfirst``).

All the connective wording ("kết quả cho thấy:", "Bên cạnh những kết quả đạt được, …", "Một là, …")
is written below, once, into the templates: a template author may edit the generated ``.docx``
(or this generator) to change it; no Python code at render time adds words. Paragraphs are built
with the helpers of ``tools/build_templates.py`` and use the styles Mẫu 1.4 defines (``ND30 Body``,
``ND30 Heading 1..3``, ``ND30 Table``). Output is deterministic, like the built-in pack.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_templates as bt  # the sibling generator, reused by import

from thongbao.render import geometry as g
from thongbao.rules import ND30

__all__ = ["LAYOUTS", "build", "main", "outputs"]

REPO = Path(__file__).resolve().parents[1]
BASE = "nd30/mau-1.4.docx"

P = bt.para
T = bt.tag


def body(text: str) -> etree._Element:
    """An ``ND30 Body`` paragraph whose whole text (Jinja included) is one run."""
    return P("ND30 Body", text)


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------

PRELUDE = [
    T("{%p set f = findings %}"),
    # How the text names the units, and whom it asks to act (fallbacks are wording, so here).
    T('{%p set units = f.units_phrase or f.units|map(attribute="name")|join(", ") %}'),
    T('{%p set to = f.request_to or units or "các cơ quan, đơn vị liên quan" %}'),
    T("{%p set has_results = f.results.general or f.results.by_unit or f.table %}"),
    T("{%p set has_difficulties = f.difficulties.general or f.difficulties.by_unit %}"),
    T("{%p set has_causes = f.causes.general or f.causes.by_unit %}"),
    T("{%p set has_recommendations = f.recommendations.general or f.recommendations.by_unit %}"),
]

BASIS = [
    T("{%p if f.basis %}"),
    body(
        "Thực hiện {% for r in f.basis %}{{ r.cited }}{% if r.summary %} {{ r.summary }}{% endif %}"
        '{% if not loop.last %}{{ " và " if loop.revindex == 2 else "; " }}{% endif %}{% endfor %}.'
    ),
    T("{%p endif %}"),
]


def activity(lead_out: str) -> list[etree._Element]:
    """``Từ ngày 18-27/4/2023, <issuer> đã tiến hành <activity> với <units>, <lead_out>``."""
    return [
        T("{%p if f.activity %}"),
        body(
            "{% if f.activity.period %}{% if f.activity.single_day %}Ngày{% else %}Từ ngày{% endif %} "
            "{{ f.activity.period }}, {% endif %}{{ f.issuer }} đã tiến hành {{ f.activity.description }}"
            "{% if units %} {{ f.activity.preposition }} {{ units }}{% endif %}, " + lead_out
        ),
        T("{%p endif %}"),
    ]


def texts(var: str, text: str = "{{ t }}") -> list[etree._Element]:
    """Each general text of a category as its own paragraph (verbatim by default)."""
    return [T(f"{{%p for t in {var}.general %}}"), body(text), T("{%p endfor %}")]


# A báo cáo prints every finding as a paragraph of its own: a lower-case first letter is capitalised.
SENTENCE = "{{ t|capfirst }}"


def unit_lines(var: str, lead: str = "") -> list[etree._Element]:
    """Per-unit texts as ``- <unit>: <text>`` paragraphs (a notice has no section headings)."""
    return [
        T(f"{{%p for u in {var}.by_unit %}}"),
        T("{%p for t in u.texts %}"),
        body(f"- {lead}{{{{ u.unit }}}}: {{{{ t }}}}"),
        T("{%p endfor %}"),
        T("{%p endfor %}"),
    ]


def unit_sections(var: str, lead: str = "") -> list[etree._Element]:
    """Per-unit texts under ``1. <unit>`` headings (level 2), for a báo cáo."""
    return [
        T(f"{{%p for u in {var}.by_unit %}}"),
        P("ND30 Heading 2", f"{{{{ loop.index }}}}. {lead}{{{{ u.unit }}}}"),
        T("{%p for t in u.texts %}"),
        body(SENTENCE),
        T("{%p endfor %}"),
        T("{%p endfor %}"),
    ]


def numbered(var: str) -> list[etree._Element]:
    """General recommendations as ``Một là, …``, ``Hai là, …``."""
    return [
        T(f"{{%p for t in {var}.general %}}"),
        body("{{ loop.index|ordinal }} {{ t }}"),
        T("{%p endfor %}"),
    ]


# The cell text of a figure (value formatted by its metric's format; "-" when missing).
FIGURE = (
    '{% if c.value is none %}{{ missing }}{% elif c.format == "vnd" %}{{ c.value|vnd(false) }}'
    '{% elif c.format == "percent" %}{{ c.value|percent(c.decimals) }}'
    "{% else %}{{ c.value|number(c.decimals) }}{% endif %}"
)


def figures_table() -> etree._Element:
    """STT | Đơn vị | one column per metric; a bold Tổng cộng row when there are totals."""
    width = g.BODY_TABLE_TWIPS
    grid = 5
    fifth = width // grid

    def cell(*content: etree._Element, span: int = 1) -> etree._Element:
        tcpr = bt.el("tcPr", None, bt.el("tcW", {"w": 0, "type": "auto"}), bt.el("vAlign", {"val": "center"}))
        if span > 1:
            tcpr.append(bt.el("gridSpan", {"val": span}))
        return bt.el("tc", None, tcpr, *content)

    def row(*cells: etree._Element, header: bool = False) -> etree._Element:
        trpr = bt.el("trPr", None, bt.el("cantSplit"), *([bt.el("tblHeader")] if header else []))
        return bt.el("tr", None, trpr, *cells)

    def text(content: str, *, align: str = "left", bold: bool | None = None) -> etree._Element:
        p = P("ND30 Table", align=align)
        p.append(bt.run(content, bold=bold))
        return p

    def control(content: str) -> etree._Element:
        return text(content)

    stt_header = text("STT", align="center", bold=True)
    stt_header.append(bt.run("{{r table_widths(f.table.widths) }}"))
    return bt.el(
        "tbl",
        None,
        bt.el(
            "tblPr",
            None,
            bt.el("tblStyle", {"val": "ND30TableGrid"}),
            bt.el("tblW", {"w": width, "type": "dxa"}),
            bt.el("tblInd", {"w": g.TABLE_CELL_MARGIN_TWIPS, "type": "dxa"}),
            bt.el("tblLayout", {"type": "fixed"}),
            bt.table_look(),
        ),
        bt.el("tblGrid", None, *(bt.el("gridCol", {"w": fifth}) for _ in range(grid))),
        row(
            cell(stt_header),
            cell(text("Đơn vị", align="center", bold=True)),
            cell(control("{%tc for h in f.table.header %}")),
            cell(text("{{ h }}", align="center", bold=True)),
            cell(control("{%tc endfor %}")),
            header=True,
        ),
        row(cell(control("{%tr for r in f.table.rows %}"), span=grid)),
        row(
            cell(text("{{ loop.index }}", align="center")),
            cell(text("{{ r.unit }}")),
            cell(control("{%tc for c in r.cells %}")),
            cell(text('{% set missing = "-" %}' + FIGURE, align="right")),
            cell(control("{%tc endfor %}")),
        ),
        row(cell(control("{%tr endfor %}"), span=grid)),
        row(cell(control("{%tr if f.table.totals %}"), span=grid)),
        row(
            cell(text("")),
            cell(text("Tổng cộng", align="center", bold=True)),
            cell(control("{%tc for c in f.table.totals %}")),
            cell(text('{% set missing = "" %}' + FIGURE, align="right", bold=True)),
            cell(control("{%tc endfor %}")),
        ),
        row(cell(control("{%tr endif %}"), span=grid)),
    )


def table(intro: str) -> list[etree._Element]:
    return [
        T("{%p if f.table %}"),
        body(intro),
        bt.spacer(ND30.body_space_between_min_pt),
        figures_table(),
        bt.spacer(1),
        T("{%p endif %}"),
    ]


TABLE_INTRO = "Kết quả cụ thể{% if f.table.rows|length > 1 %} tại các đơn vị{% endif %} như sau:"


# ---------------------------------------------------------------------------------------------
# THÔNG BÁO
# ---------------------------------------------------------------------------------------------


def notice_body() -> list[etree._Element]:
    """The notice's connective prose around the findings (the seed notice's wording)."""
    return [
        *PRELUDE,
        *BASIS,
        *activity("kết quả cho thấy:"),
        T("{%p if not f.activity %}"),
        body("{{ f.issuer }} thông báo kết quả như sau:"),
        T("{%p endif %}"),
        # Kết quả đạt được.
        *texts("f.results"),
        *table(TABLE_INTRO),
        *unit_lines("f.results"),
        # Khó khăn, hạn chế: the first general one follows "như:" in the lead sentence.
        T("{%p if has_difficulties %}"),
        body(
            "{% if has_results %}Bên cạnh những kết quả đạt được, trong{% else %}Trong{% endif %} quá trình "
            "triển khai thực hiện{% if f.domain %} hoạt động {{ f.domain }}{% endif %}, "
            "{% if has_results %}cũng gặp{% else %}còn gặp{% endif %} một số khó khăn, hạn chế "
            "{% if f.difficulties.general %}như: {{ f.difficulties.general[0] }}{% else %}sau:{% endif %}"
        ),
        T("{%p for t in f.difficulties.general[1:] %}"),
        body("{{ t }}"),
        T("{%p endfor %}"),
        *unit_lines("f.difficulties"),
        T("{%p endif %}"),
        # Nguyên nhân.
        T("{%p if has_causes %}"),
        body(
            "{% if has_difficulties %}Những khó khăn, hạn chế trên do các nguyên nhân sau:"
            "{% else %}Nguyên nhân:{% endif %}"
        ),
        T("{%p for t in f.causes.general %}"),
        body("- {{ t }}"),
        T("{%p endfor %}"),
        *unit_lines("f.causes"),
        T("{%p endif %}"),
        # Giải pháp, kiến nghị: Một là, Hai là…
        T("{%p if has_recommendations %}"),
        body(
            "{% if has_difficulties %}Để khắc phục những khó khăn, hạn chế trên, nhằm{% else %}Nhằm{% endif %} "
            "triển khai có hiệu quả nhiệm vụ{% if f.domain %} {{ f.domain }}{% endif %} trong thời gian tới, "
            "{{ f.issuer }} đề nghị {{ to }} cần triển khai thực hiện một số giải pháp sau:"
        ),
        *numbered("f.recommendations"),
        *unit_lines("f.recommendations", lead="Đối với "),
        T("{%p endif %}"),
        # The closing request ends the body with ./.
        T("{%p if f.closing %}"),
        body("{{ f.issuer }} đề nghị {{ to }} {{ f.closing|ending }}"),
        T("{%p else %}"),
        body("{{ f.issuer }} thông báo để {{ to }} biết, thực hiện./."),
        T("{%p endif %}"),
    ]


# ---------------------------------------------------------------------------------------------
# BÁO CÁO
# ---------------------------------------------------------------------------------------------


def section(condition: str, title: str, content: Sequence[etree._Element]) -> list[etree._Element]:
    """A level-1 section ``<n>. TITLE`` numbered in order among the sections present."""
    return [
        T(f"{{%p if {condition} %}}"),
        T("{%p set ns.section = ns.section + 1 %}"),
        P("ND30 Heading 1", f"{{{{ ns.section|roman }}}}. {title}"),
        *content,
        T("{%p endif %}"),
    ]


def report_body() -> list[etree._Element]:
    """The report: the same data under I. KẾT QUẢ ĐẠT ĐƯỢC … IV. KIẾN NGHỊ, ĐỀ XUẤT."""
    return [
        *PRELUDE,
        T("{%p set ns = namespace(section=0) %}"),
        *BASIS,
        *activity("kết quả cụ thể như sau:"),
        T("{%p if not f.activity %}"),
        body("{{ f.issuer }} báo cáo kết quả như sau:"),
        T("{%p endif %}"),
        *section(
            "has_results",
            "KẾT QUẢ ĐẠT ĐƯỢC",
            [*texts("f.results", SENTENCE), *table(TABLE_INTRO), *unit_sections("f.results")],
        ),
        *section(
            "has_difficulties",
            "KHÓ KHĂN, HẠN CHẾ",
            [*texts("f.difficulties", SENTENCE), *unit_sections("f.difficulties")],
        ),
        *section("has_causes", "NGUYÊN NHÂN", [*texts("f.causes", SENTENCE), *unit_sections("f.causes")]),
        *section(
            "has_recommendations",
            "KIẾN NGHỊ, ĐỀ XUẤT",
            [*numbered("f.recommendations"), *unit_sections("f.recommendations", lead="Đối với ")],
        ),
        T("{%p if f.closing %}"),
        body("{{ f.issuer }} đề nghị {{ to }} {{ f.closing|ending }}"),
        T("{%p else %}"),
        body(
            "Trên đây là báo cáo{% if f.activity %} kết quả {{ f.activity.description }}{% endif %}"
            " của {{ f.issuer }}./."
        ),
        T("{%p endif %}"),
    ]


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


def layout(title: str, content: list[etree._Element]) -> bytes:
    document = bt._new_document()
    document.core_properties.title = title
    bt._set_children(
        document.element.body,
        [T(f'{{%p extends "{BASE}" %}}'), T("{%p block body %}"), *content, T("{%p endblock %}")],
    )
    return bt._save(document)


LAYOUTS = {
    "findings/thong-bao.docx": lambda: layout("Findings: THÔNG BÁO (Mẫu 1.4)", notice_body()),
    "findings/bao-cao.docx": lambda: layout("Findings: BÁO CÁO (Mẫu 1.4)", report_body()),
}


def outputs() -> dict[str, bytes]:
    """Every findings layout, by path relative to the pack root."""
    return {path: make() for path, make in LAYOUTS.items()}


def build(out_dir: Path) -> list[Path]:
    """Write the layouts under ``out_dir``; returns the files written (only those that changed)."""
    return bt.build(out_dir, outputs())


def main(argv: Sequence[str] | None = None) -> int:
    return bt.main(argv, outputs)


if __name__ == "__main__":
    raise SystemExit(main())
