"""The example Party pack (examples/party-pack): found through its entry point, listed, rendered
with its own model, context and layouts, and held to its own rule data. The ``site`` fixture
(tests/plugins/conftest.py) installs it."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from docx_props import iter_paragraphs, open_docx, para_format, run_font
from thongbao.plugins import ENTRY_POINT_GROUP, discover, lint_docx, lint_template, rules_for
from thongbao.plugins.cli import templates_app
from thongbao.render.engine import builtin_templates

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "examples" / "party-pack"
PROJECT = tomllib.loads((PACK / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TEMPLATES = PACK / "src" / "thongbao_party_pack" / "templates" / "dang"


def example(name: str) -> dict[str, Any]:
    data = yaml.safe_load((PACK / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def texts(doc: Any) -> list[str]:
    return [p.text for p in iter_paragraphs(doc)]


def test_pyproject_declares_the_entry_point() -> None:
    assert PROJECT["entry-points"][ENTRY_POINT_GROUP] == {"dang": "thongbao_party_pack:PACK"}


def test_found_through_its_entry_point(site: Path) -> None:
    eps = [ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.name == "dang"]
    assert len(eps) == 1
    registry = discover()
    pack = registry.pack("dang")
    assert pack.kind == "entry-point"
    assert "thongbao-party-pack 0.1.0" in pack.origin
    assert Path(str(pack.root)).is_relative_to(site)
    assert [p.name for p in registry.packs][-1] == "nd30"  # built-in last
    assert [info.name for info in pack.layouts] == ["dang/van-ban", "dang/cong-van"]
    assert registry.layout_for("cong_van", pack="dang") == "dang/cong-van"
    assert registry.layout_for("ket_luan") == "dang/van-ban"  # a type only the pack serves


def test_listed_by_the_cli(site: Path) -> None:
    result = CliRunner().invoke(templates_app, ["list"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1. dang 0.1.0  (entry-point)  [+rules]" in out
    assert "entry point dang = thongbao_party_pack:PACK (thongbao-party-pack 0.1.0)" in out
    assert "- dang/cong-van: cong_van" in out
    assert out.index("dang") < out.index("nd30  (builtin)")


def test_renders_a_party_decision(site: Path) -> None:
    doc = open_docx(discover().render(example("quyet-dinh"), pack="dang"))
    lines = texts(doc)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in lines and "Độc lập - Tự do - Hạnh phúc" not in lines
    assert lines[lines.index("ĐẢNG BỘ TỈNH HƯNG YÊN") :][:3] == ["ĐẢNG BỘ TỈNH HƯNG YÊN", "TỈNH ỦY HƯNG YÊN", "*"]
    assert "Số 127-QĐ/TU" in lines
    assert "QUYẾT ĐỊNH" in lines and "-----" in lines
    assert lines[lines.index("T/M BAN THƯỜNG VỤ") :][:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert "- Lưu Văn phòng Tỉnh ủy." in lines
    assert lines[lines.index("Nơi nhận:")] == "Nơi nhận:"

    def para(text: str) -> Any:
        return next(p for p in iter_paragraphs(doc) if p.text == text)

    title = para("ĐẢNG CỘNG SẢN VIỆT NAM")
    run = title.runs[0]
    assert run_font(doc, title, run, "size") == 15 and run_font(doc, title, run, "bold")
    type_name = para("QUYẾT ĐỊNH")
    assert run_font(doc, type_name, type_name.runs[0], "size") == 16
    label = para("Nơi nhận:")
    assert label.runs[0].font.underline and not run_font(doc, label, label.runs[0], "italic")
    date = para("Hưng Yên, ngày 15 tháng 5 năm 2023")
    assert run_font(doc, date, date.runs[0], "italic") and para_format(date, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    # page setup, styles and page numbers come from thongbao's Mẫu 1.4 (the layout extends it)
    section = doc.sections[0]
    assert section.page_width is not None and round(section.page_width.mm) == 210
    assert section.different_first_page_header_footer


def test_party_letter_extends_the_party_layout(site: Path) -> None:
    doc = open_docx(discover().render(example("cong-van"), pack="dang"))
    lines = texts(doc)
    assert "Số 125-CV/TU" in lines
    subject = next(p for p in iter_paragraphs(doc) if p.text.startswith("về việc đề xuất"))
    assert run_font(doc, subject, subject.runs[0], "italic") and run_font(doc, subject, subject.runs[0], "size") == 12
    assert "-----" not in lines and "ĐẢNG CỘNG SẢN VIỆT NAM" in lines  # no title block, Party header kept


def test_pack_rule_data(site: Path) -> None:
    rules = rules_for("dang")
    assert rules.elements["national_title"].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert rules.elements["national_title"].size == (15.0, 15.0)
    assert rules.elements["national_title"].rule == "DANG-TD" and "DANG-TD" in rules.rules
    assert "motto" not in rules.elements
    assert list(rules.authorities) == ["T/M", "K/T", "T/L"]
    assert rules.default_profile == "dang" and rules.profile()["type_name"] == 16
    assert rules.patterns["number_typed"].match("Số 127-QĐ/TU")
    assert not rules.patterns["number_typed"].match("Số: 05/TB-SKHCN")
    assert rules.patterns["number_official_letter"].match("Số 125-CV/TU")
    assert rules.patterns["archive_line"].match("- Lưu Văn phòng Tỉnh ủy.")
    # ND30 itself is untouched
    from thongbao.rules import ND30

    assert ND30.elements["national_title"].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and "motto" in ND30.elements


def test_linted_with_its_own_rules(site: Path) -> None:
    registry = discover()
    for path in sorted(TEMPLATES.glob("*.docx")):
        assert lint_template(str(path), pack="dang", registry=registry) == [], path.name
    # the Party rules are not ND30's: thongbao's Mẫu 1.4 header fails them
    problems = lint_docx(builtin_templates() / "nd30" / "mau-1.4.docx", rules=rules_for("dang"))
    flagged = {(p.location, p.rule) for p in problems}
    assert ("style 'ND30 National Title'", "DANG-TD") in flagged


def test_checked_by_its_own_rules(site: Path) -> None:
    try:
        from thongbao.check import check_docx  # type: ignore[attr-defined]
    except ImportError:
        pytest.skip("thongbao.check.check_docx is not available yet; the hook is rules_for('dang')")
    data = discover().render(example("quyet-dinh"), pack="dang")
    report = check_docx(data, rules=rules_for("dang"))
    assert list(report.errors) == [], [str(e) for e in report.errors]


def _backend_available() -> bool:
    """The pack's own build backend (its pyproject's build-system), importable for an offline build."""
    backend = tomllib.loads((PACK / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["build-backend"]
    return importlib.util.find_spec(backend.split(".")[0]) is not None


@pytest.mark.slow
@pytest.mark.skipif(not _backend_available(), reason="the pack's build backend is not installed (dev extra hatchling)")
def test_pip_install(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(PACK, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
    )
    dists = list(target.glob("thongbao_party_pack-*.dist-info"))
    assert len(dists) == 1
    assert "dang = thongbao_party_pack:PACK" in (dists[0] / "entry_points.txt").read_text()
    assert (target / "thongbao_party_pack" / "pack.toml").is_file()
    assert (target / "thongbao_party_pack" / "templates" / "dang" / "van-ban.docx").is_file()


def test_committed_party_templates_are_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("party_build", PACK / "build_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for rel, build in module.LAYOUTS.items():
        assert (module.OUT / rel).read_bytes() == build(), f"{rel} is stale: run examples/party-pack/build_templates.py"
