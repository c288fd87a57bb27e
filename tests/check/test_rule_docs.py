"""docs/rules/ is generated from the rule data and the checks, and is up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from thongbao.rules import ND30

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_rule_docs.py"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_rule_docs", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_page_per_rule_with_messages_and_examples() -> None:
    pages = _tool().build()
    names = {path.name for path in pages}
    assert names == {f"{rid}.md" for rid in ND30.rules} | {"README.md"}
    for rid, rule in ND30.rules.items():
        text = next(t for p, t in pages.items() if p.name == f"{rid}.md")
        assert text.startswith(f"# {rid}\n") and rule.vi in text and rule.en in text and rule.source in text
        assert f"**Severity:** {rule.severity}" in text
        if not rid.startswith("ND30-PDF-"):
            assert "## Compliant" in text and "## Non-compliant" in text, rid
    qh = next(t for p, t in pages.items() if p.name == "ND30-QH.md")
    assert "| `national_title` | 1 | 12-13 | yes | no | upper | center |" in qh


def test_pages_are_up_to_date() -> None:
    assert _tool().main(["--check"]) == 0, "run: python tools/build_rule_docs.py"
