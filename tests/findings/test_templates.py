"""The findings layouts: generated, up to date, extending Mẫu 1.4, wording in the templates only."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from thongbao.findings import LAYOUTS, install
from thongbao.render.engine import TemplateEnvironment

from .helpers import ROOT

PACK = ROOT / "templates"
FILES = ["findings/thong-bao.docx", "findings/bao-cao.docx"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def builder() -> ModuleType:
    path = ROOT / "tools" / "build_findings_templates.py"
    spec = importlib.util.spec_from_file_location("build_findings_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_findings_templates", module)
    spec.loader.exec_module(module)
    return module


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


def paragraphs(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(part(data, "word/document.xml"))
    return list(root.iter(f"{W}p"))


def text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


@pytest.mark.parametrize("name", FILES)
def test_committed_layouts_are_up_to_date(name: str) -> None:
    """Rebuild with `python tools/build_findings_templates.py` when this fails."""
    built = builder().outputs()[name]
    committed = (PACK / name).read_bytes()
    canonical = [
        etree.tostring(etree.fromstring(part(d, "word/document.xml")), method="c14n") for d in (built, committed)
    ]
    assert canonical[0] == canonical[1]


@pytest.mark.parametrize("name", FILES)
def test_layouts_extend_mau_1_4_and_override_only_the_body(name: str) -> None:
    data = (PACK / name).read_bytes()
    texts = [text_of(p) for p in paragraphs(data)]
    assert texts[0] == '{%p extends "nd30/mau-1.4.docx" %}'
    blocks = [t for t in texts if re.match(r"\{%p\s+block\b", t)]
    assert blocks == ["{%p block body %}"]
    assert texts[-1] == "{%p endblock %}"
    # Only styles Mẫu 1.4 defines.
    base_styles = etree.fromstring(part((PACK / "nd30" / "mau-1.4.docx").read_bytes(), "word/styles.xml"))
    defined = {s.get(f"{W}styleId") for s in base_styles.iter(f"{W}style")}
    root = etree.fromstring(part(data, "word/document.xml"))
    used = {s.get(f"{W}val") for tag in ("pStyle", "tblStyle") for s in root.iter(f"{W}{tag}")}
    assert used <= defined
    assert {"ND30Body", "ND30Table", "ND30TableGrid"} <= used


def test_the_connective_wording_is_in_the_templates_not_in_python() -> None:
    notice = "\n".join(text_of(p) for p in paragraphs((PACK / "findings/thong-bao.docx").read_bytes()))
    report = "\n".join(text_of(p) for p in paragraphs((PACK / "findings/bao-cao.docx").read_bytes()))
    phrases = [
        "kết quả cho thấy:",
        "Bên cạnh những kết quả đạt được, trong",
        "Để khắc phục những khó khăn, hạn chế trên, nhằm",
        "cần triển khai thực hiện một số giải pháp sau:",
        "Tổng cộng",
    ]
    for phrase in phrases:
        assert phrase in notice, phrase
    for phrase in ("KẾT QUẢ ĐẠT ĐƯỢC", "KHÓ KHĂN, HẠN CHẾ", "NGUYÊN NHÂN", "KIẾN NGHỊ, ĐỀ XUẤT"):
        assert phrase in report, phrase
    runtime = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "thongbao" / "findings").glob("*.py"))
    for phrase in [*phrases, "KIẾN NGHỊ, ĐỀ XUẤT"]:
        assert phrase not in runtime, phrase


def test_layouts_compile_with_the_findings_filters() -> None:
    env = install(TemplateEnvironment())
    for name in LAYOUTS.values():
        layout = env.get_layout(name)
        assert Path(str(layout.package_source)).name == "mau-1.4.docx"
        assert layout.variables() == {"doc", "findings"}
    assert "findings/thong-bao.docx" in env.list_layouts()


def test_without_the_filters_the_layout_does_not_compile() -> None:
    from thongbao.render.engine import TemplateError

    with pytest.raises(TemplateError, match=r"ordinal|filter"):
        TemplateEnvironment().get_layout("findings/thong-bao")


@pytest.mark.parametrize("name", FILES)
def test_layouts_pass_the_template_linter(name: str) -> None:
    lint = pytest.importorskip("thongbao.plugins.lint")
    from thongbao.render.engine import builtin_templates

    problems = lint.lint_docx(PACK / name, names={"findings"}, search_path=[builtin_templates()])
    assert problems == [], "\n".join(str(p) for p in problems)
