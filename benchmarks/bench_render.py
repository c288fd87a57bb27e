"""Render N documents with the engine and the naive docxtpl way; print both timings and the ratio.

    python benchmarks/bench_render.py [N]        # default 200

Engine: one :class:`TemplateEnvironment` (its creation and the layout compilation are timed too),
then ``layout.render(ctx)`` per document. Naive: ``DocxTemplate(path).render(ctx, autoescape=True)``
plus ``save`` per document, from a flattened single-file copy of Mẫu 1.4 (blocks inlined, since
plain docxtpl has no include loader), which re-reads, re-patches and re-compiles every time.
"""

from __future__ import annotations

import copy
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import jinja2
from docxtpl import DocxTemplate
from lxml import etree

from thongbao.render.engine import TemplateEnvironment, _fail, _table_widths, builtin_templates

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
LAYOUT = "nd30/mau-1.4"


def context(i: int) -> dict[str, Any]:
    nasty = "R&D <2026> \"x\" 'y'"
    return {
        "doc": {
            "profile": "13/14/14",
            "circulation": "LƯU HÀNH NỘI BỘ" if i % 2 else "",
            "parent_agency_lines": ["UBND TỈNH HƯNG YÊN"],
            "agency_lines": ["SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"],
            "agency_rule": "_" * 12,
            "number_line": f"Số: {i + 1:02d}/TB-SKHCN",
            "subject_line": "",
            "secrecy": "",
            "urgency": "KHẨN" if i % 3 == 0 else "",
            "date_line": "Hưng Yên, ngày 05 tháng 01 năm 2023",
            "type_name": "THÔNG BÁO",
            "summary": f"Kết quả kiểm tra đợt {i + 1} {nasty}",
            "summary_rule": "_" * 14,
            "body": [
                {"kind": "basis", "text": "Căn cứ Quyết định số 12/QĐ-UBND ngày 02 tháng 01 năm 2023;"},
                {"kind": "heading", "level": 1, "text": "I. KẾT QUẢ KIỂM TRA"},
                *({"kind": "paragraph", "text": f"Nội dung {k} của văn bản số {i}. " * 5} for k in range(8)),
                {
                    "kind": "table",
                    "header": ["STT", "Nội dung", "Ghi chú"],
                    "rows": [[str(r), f"Hạng mục {r} {nasty}", "Đạt"] for r in range(1, 6)],
                    "widths": [1000, 6000, 2355],
                },
                {"kind": "paragraph", "text": "Sở thông báo để các đơn vị biết, thực hiện./."},
            ],
            "recipients_label": "Nơi nhận:",
            "recipient_lines": ["- UBND tỉnh;", "- Các sở, ngành;", "- Các phòng;", "- Lưu: VT, VP."],
            "drafter_mark": "PL.(300)",
            "authority_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            "signer_name": "Nguyễn Văn A",
            "contact_lines": ["Địa chỉ: 01 Đường A, Hưng Yên", "ĐT: 0221 3 000 000"],
            "properties": {"title": f"Thông báo {i}", "author": "SỞ KHCN", "subject": "TB", "keywords": "bench"},
        }
    }


def _paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _inline(root: etree._Element, container: etree._Element, pack: Path) -> None:
    """Replace ``{%p include "X" %}`` paragraphs by X's body content; drop block/endblock tags."""
    for p in list(container):
        if p.tag != f"{W}p":
            continue
        text = _paragraph_text(p).strip()
        if text.startswith("{%p include"):
            name = text.split('"')[1]
            block = etree.fromstring(zipfile.ZipFile(pack / name).read("word/document.xml"))
            body = block.find(f"{W}body")
            assert body is not None
            for child in body:
                if child.tag != f"{W}sectPr":
                    p.addprevious(copy.deepcopy(child))
            container.remove(p)
        elif text.startswith(("{%p block", "{%p endblock")):
            container.remove(p)


def flattened_layout(target: Path) -> Path:
    """A single-file equivalent of the layout for plain docxtpl (no include/extends)."""
    pack = Path(str(builtin_templates()))
    source = pack / f"{LAYOUT}.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml" or info.filename.startswith(("word/header", "word/footer")):
                root = etree.fromstring(data)
                container = root.find(f"{W}body")
                _inline(root, root if container is None else container, pack)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return target


def bench_engine(contexts: list[dict[str, Any]]) -> tuple[float, list[bytes]]:
    start = time.perf_counter()
    layout = TemplateEnvironment().get_layout(LAYOUT)  # compile once (timed)
    outputs = []
    for ctx in contexts:
        buf = io.BytesIO()
        buf.write(layout.render(ctx))
        outputs.append(buf.getvalue())
    return time.perf_counter() - start, outputs


def bench_naive(path: Path, contexts: list[dict[str, Any]]) -> tuple[float, list[bytes]]:
    start = time.perf_counter()
    outputs = []
    for ctx in contexts:
        env = jinja2.Environment(autoescape=True)
        env.globals.update(fail=_fail, table_widths=_table_widths)
        tpl = DocxTemplate(path)
        tpl.render(ctx, jinja_env=env, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        outputs.append(buf.getvalue())
    return time.perf_counter() - start, outputs


def _texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.text]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 200
    contexts = [context(i) for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        flat = flattened_layout(Path(tmp) / "mau-1.4-flat.docx")
        engine_s, engine_out = bench_engine(contexts)
        naive_s, naive_out = bench_naive(flat, contexts)
    assert _texts(engine_out[0]) == _texts(naive_out[0]), "the two ways disagree on the text"
    print(f"documents:        {n}")
    print(f"engine (thongbao): {engine_s:8.3f} s  {1000 * engine_s / n:7.2f} ms/doc  (incl. compiling once)")
    print(f"naive (docxtpl):   {naive_s:8.3f} s  {1000 * naive_s / n:7.2f} ms/doc")
    print(f"speed-up:          {naive_s / engine_s:8.1f} x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
