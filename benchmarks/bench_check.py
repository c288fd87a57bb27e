"""Benchmark the compliance checker on a typical notice.

    python benchmarks/bench_check.py [N]

Checks the Hưng Yên notice (examples/hung-yen-skhcn-2023-notice.yaml rendered by the library,
about 3 pages) N times (default 200) with :func:`thongbao.check.check_docx` (read, locate every
element, run every rule) and prints ms per document. For comparison, a naive checker built on
python-docx: ``docx.Document()``, then for every run of every paragraph (tables included) the
effective font, size, bold and italic looked up through the run → character style → paragraph
style chain → document defaults, and every paragraph's alignment and indent through its style
chain (what a script would do to check fonts and sizes only). Prints the ratio.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from thongbao.api import load_document, render_docx
from thongbao.check import check_docx

ROOT = Path(__file__).resolve().parents[1]


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style
        style = style.base_style


def _defaults(d: Any) -> Any:
    return d.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))


def _run_value(run: Any, para: Any, getter: Callable[[Any], Any]) -> Any:
    value = getter(run.font)
    if value is not None:
        return value
    if run.style is not None and run.style.name != "Default Paragraph Font":
        for st in _style_chain(run.style):
            value = getter(st.font)
            if value is not None:
                return value
    for st in _style_chain(para.style):
        value = getter(st.font)
        if value is not None:
            return value
    return None


def _paragraphs(d: Any) -> Iterator[Any]:
    yield from d.paragraphs
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def naive_check(data: bytes) -> int:
    """Font, size, bold, italic of every run; alignment and indent of every paragraph."""
    d = docx.Document(io.BytesIO(data))
    defaults = _defaults(d)
    problems = 0
    for para in _paragraphs(d):
        align = para.paragraph_format.alignment
        indent = para.paragraph_format.first_line_indent
        for st in _style_chain(para.style):
            align = align if align is not None else st.paragraph_format.alignment
            indent = indent if indent is not None else st.paragraph_format.first_line_indent
        for run in para.runs:
            name = _run_value(run, para, lambda f: f.name)
            size = _run_value(run, para, lambda f: f.size)
            bold = _run_value(run, para, lambda f: f.bold)
            italic = _run_value(run, para, lambda f: f.italic)
            if name is None and defaults is not None:
                fonts = defaults.find(qn("w:rFonts"))
                name = fonts.get(qn("w:ascii")) if fonts is not None else None
            problems += (name not in (None, "Times New Roman")) + (size is not None and size.pt < 11)
            problems += bool(bold) + bool(italic) + (align is None) + (indent is None)
    return problems


def bench(fn: Callable[[bytes], object], data: bytes, n: int) -> float:
    fn(data)  # warm up (imports, caches of the rule data)
    start = time.perf_counter()
    for _ in range(n):
        fn(data)
    return (time.perf_counter() - start) / n * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    data = render_docx(load_document(ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"))
    report = check_docx(data)
    assert report.findings == (), report.format_text("en")
    ours = bench(check_docx, data, n)
    naive = bench(naive_check, data, n)
    print(f"notice: {len(data)} bytes, checked with {len(report.findings)} findings")
    print(f"thongbao.check.check_docx (read + locate + every rule): {ours:.2f} ms/document over {n} runs")
    print(f"naive python-docx (load + per-run style lookups only) : {naive:.2f} ms/document over {n} runs")
    print(f"ratio check_docx / naive: {ours / naive:.2f}")
    budget = 50.0
    print(f"budget {budget:.0f} ms: {'OK' if ours < budget else 'OVER'}")


if __name__ == "__main__":
    main()
