"""The checker's Python API, report formats, extra rules and the ``check`` command."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from thongbao.check import (
    CheckContext,
    Finding,
    Issue,
    Report,
    RuleOverrides,
    UnreadableDocument,
    check_docx,
    registered_rules,
)
from thongbao.check.cli import check_command
from thongbao.rules import ND30

from . import samples
from .mutate import DocxEdit


@pytest.fixture(scope="module")
def defective() -> bytes:
    """The full notice with two errors (Quốc hiệu not bold, "tháng 03") and one warning (no "./.")."""
    e = DocxEdit(samples.full_notice())
    e.set_run(e.para("CỘNG HÒA"), "b", val="0")
    e.set_text(e.para("Hưng Yên, ngày"), "Hưng Yên, ngày 07 tháng 03 năm 2023")
    last = e.para("Sở Khoa học và Công nghệ đề nghị")
    e.set_text(last, e.text(last).removesuffix("./.") + ".")
    return e.save()


@pytest.fixture()
def app() -> typer.Typer:
    cli = typer.Typer()
    cli.command("check")(check_command)

    @cli.command("version")
    def version() -> None:  # a second command, so "check" stays a subcommand
        typer.echo("0")

    return cli


# --- API ---------------------------------------------------------------------------------------
def test_report_and_findings(defective: bytes) -> None:
    report = check_docx(defective)
    assert isinstance(report, Report) and not report.ok
    assert report.document_type == "thong_bao"
    assert {f.rule for f in report.errors} == {"ND30-QH", "ND30-DATE"}
    assert {f.rule for f in report.warnings} == {"ND30-ENDING"}
    assert all(isinstance(f, Finding) for f in report.findings)
    qh = next(f for f in report.errors if f.rule == "ND30-QH")
    assert (qh.severity, qh.element, qh.found, qh.expected) == ("error", "national_title", "not bold", "bold")
    assert qh.location == "table 1, row 1, column 2, paragraph 1"
    assert qh.excerpt == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and len(qh.excerpt) <= 60
    assert qh.message("vi").startswith("Quốc hiệu") and qh.message("en").startswith("National title")
    assert qh.found_in("vi") == "không đậm" and qh.expected_in("vi") == "đậm"
    # Findings come in document order: header before the body.
    assert [f.rule for f in report.findings] == ["ND30-QH", "ND30-DATE", "ND30-ENDING"]


def test_report_json_and_text(defective: bytes) -> None:
    report = check_docx(defective, lang="en")
    data = json.loads(report.to_json())
    assert data["ok"] is False and data["errors"] == 2 and data["warnings"] == 1
    first = data["findings"][0]
    assert first["rule"] == "ND30-QH" and first["found"] == "not bold" and first["location"].startswith("table 1")
    vi = json.loads(report.to_json("vi"))
    assert vi["findings"][0]["found"] == "không đậm" and vi["findings"][0]["location"].startswith("bảng 1")
    text_vi = report.format_text("vi")
    assert "ND30-QH [lỗi] Quốc hiệu — bảng 1, hàng 1, cột 2, đoạn 1" in text_vi
    assert "ND30-ENDING [cảnh báo]" in text_vi and text_vi.endswith("Không đạt. 2 lỗi, 1 cảnh báo.")
    text_en = report.format_text()
    assert "ND30-DATE [error] place and date" in text_en and "Months 3-12 take no leading zero." in text_en


def test_sources_bytes_path_and_file_object(tmp_path: Path) -> None:
    data = samples.notice()
    path = tmp_path / "notice.docx"
    path.write_bytes(data)
    reports = [check_docx(data), check_docx(path), check_docx(str(path)), check_docx(io.BytesIO(data))]
    assert all(r.ok and r.findings == () for r in reports)
    assert reports[1].source == str(path)


def test_the_file_is_never_changed(tmp_path: Path, defective: bytes) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(defective)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    check_docx(path)
    assert path.read_bytes() == defective and path.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx"]


def test_unreadable_input_raises_with_both_reasons() -> None:
    with pytest.raises(UnreadableDocument) as info:
        check_docx(b"not a zip at all")
    assert info.value.reason_en and info.value.reason_vi and info.value.code


def test_every_registered_rule_is_in_the_rule_data() -> None:
    assert set(registered_rules()) <= set(ND30.rules)
    checked = set(registered_rules())
    unchecked = {r for r in ND30.rules if r not in checked}
    # Input rules belong to the models, PDF rules to thongbao.check.pdf.
    assert all(r.startswith(("ND30-INPUT-", "ND30-PDF-")) for r in unchecked)


# --- extra_rules ---------------------------------------------------------------------------------
def test_overrides_change_expectations() -> None:
    data = samples.notice()
    bigger = RuleOverrides(overrides={"elements": {"national_title": {"size": [14, 14]}}})
    report = check_docx(data, extra_rules=bigger)
    assert report.rule_ids("error") == {"ND30-QH"}
    qh = report.errors[0]
    assert (qh.found, qh.expected) == ("13 pt", "14 pt")
    # The same as a mapping (a pack.toml's shape), and disabled.
    assert check_docx(data, extra_rules={"overrides": {"elements": {"national_title": {"size": [14, 14]}}},
                                         "disable": ["ND30-QH"]}).findings == ()
    # A ready rule set is used as is.
    assert check_docx(data, rules=bigger.rule_set()).rule_ids("error") == {"ND30-QH"}


def test_removed_elements_are_not_required() -> None:
    e = DocxEdit(samples.notice())
    e.remove(e.para("Độc lập"))
    data = e.save()
    assert check_docx(data).rule_ids("error") == {"ND30-STRUCTURE"}
    extra = {"overrides": {"remove_elements": ["motto"]}}
    assert check_docx(data, extra_rules=extra).findings == ()


def test_new_rules_with_their_checks_and_severities() -> None:
    def no_khan(ctx: CheckContext) -> Iterator[Issue]:
        for it in ctx.layout.stamps:
            yield Issue("stamp", it.first, found=it.text, expected="none")

    extra = RuleOverrides(
        rules={"X-NO-URGENCY": {"source": "house style", "severity": "error", "vi": "Không dùng dấu khẩn.",
                                "en": "No urgency marks."}},
        checks={"X-NO-URGENCY": no_khan},
        severities={"ND30-ENDING": "error"},
    )
    report = check_docx(samples.full_notice(), extra_rules=extra)
    assert report.rule_ids("error") == {"X-NO-URGENCY"}
    assert {f.found for f in report.errors} == {"MẬT", "KHẨN", "LƯU HÀNH NỘI BỘ"}
    assert report.errors[0].message("en") == "No urgency marks."


def test_an_element_can_report_under_a_pack_rule_id() -> None:
    extra = {
        "rules": {"DANG-TD": {"source": "HD 36", "severity": "error", "vi": "Tiêu đề cỡ 15.", "en": "Title 15 pt."}},
        "overrides": {"elements": {"national_title": {"rule": "DANG-TD", "size": [15, 15]}}},
    }
    report = check_docx(samples.notice(), extra_rules=extra)
    assert report.rule_ids() == {"DANG-TD"}


def test_bad_extra_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        check_docx(samples.notice(), extra_rules={"overide": {}})
    with pytest.raises(ValueError, match="unknown element"):
        check_docx(samples.notice(), extra_rules={"remove_elements": ["nope"]})
    with pytest.raises(TypeError):
        check_docx(samples.notice(), extra_rules=42)


# --- command line --------------------------------------------------------------------------------
def test_cli_exit_codes_and_formats(tmp_path: Path, app: typer.Typer, defective: bytes) -> None:
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    good.write_bytes(samples.notice())
    bad.write_bytes(defective)
    runner = CliRunner()
    ok = runner.invoke(app, ["check", str(good)])
    assert ok.exit_code == 0 and "Đạt: không có lỗi." in ok.output
    res = runner.invoke(app, ["check", str(bad), "--lang", "en"])
    assert res.exit_code == 1 and "ND30-QH [error] national title" in res.output
    res = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["errors"] == 2 and data["findings"][0]["element_name"] == "Quốc hiệu"


def test_cli_unreadable_files_exit_2(tmp_path: Path, app: typer.Typer) -> None:
    runner = CliRunner()
    text = tmp_path / "notes.docx"
    text.write_text("hello", encoding="utf-8")
    res = runner.invoke(app, ["check", str(text), "--lang", "en"])
    assert (res.exit_code == 2 and "not a Word .docx" in res.output.lower()) or res.exit_code == 2
    res = runner.invoke(app, ["check", str(tmp_path / "missing.docx")])
    assert res.exit_code == 2 and "Không có tệp" in res.output
    res = runner.invoke(app, ["check", str(text), "--format", "json"])
    assert res.exit_code == 2 and json.loads(res.output.splitlines()[0])["unreadable"] is True


def test_cli_sends_pdf_to_the_pdf_checker(tmp_path: Path, app: typer.Typer, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf, docx = tmp_path / "x.bin", tmp_path / "x.docx"
    pdf.write_bytes(b"%PDF-1.7\n%...")  # a PDF by its signature, whatever the suffix
    docx.write_bytes(samples.notice())
    seen: list[tuple[Path, str, object]] = []

    def check_pdf(path: Path, *, lang: str = "vi", rules: object = None, docx: object = None) -> Report:
        seen.append((path, lang, docx))
        finding = Finding("ND30-PAGE-SIZE", "error", "page", "page 1", found="Letter", expected="A4")
        return Report((finding,), source=str(path))

    monkeypatch.setattr("thongbao.check.cli.check_pdf", check_pdf)
    res = CliRunner().invoke(app, ["check", str(pdf), "--lang", "en", "--against", str(docx)])
    assert res.exit_code == 1 and seen == [(pdf, "en", docx)] and "ND30-PAGE-SIZE" in res.output


def test_cli_against_and_pack_options(tmp_path: Path, app: typer.Typer) -> None:
    docx = tmp_path / "x.docx"
    docx.write_bytes(samples.notice())
    runner = CliRunner()
    res = runner.invoke(app, ["check", str(docx), "--against", str(docx), "--lang", "en"])
    assert res.exit_code == 2 and "--against goes with a PDF" in res.output
    res = runner.invoke(app, ["check", str(tmp_path / "x.pdf"), "--against", str(docx)])
    assert res.exit_code == 2 and "Không có tệp" in res.output
    res = runner.invoke(app, ["check", str(docx), "--pack", "no-such-pack", "--lang", "en"])
    assert res.exit_code == 2 and "Unknown template pack 'no-such-pack'" in res.output
    assert runner.invoke(app, ["check", str(docx), "--pack", "nd30"]).exit_code == 0


def test_rule_mark_replaces_a_measured_rule() -> None:
    """Party documents put "*" under the body's name: a pack says so with ``rule_mark``."""
    e = DocxEdit(samples.notice())
    e.set_text(e.para("SỞ KHOA HỌC VÀ CÔNG NGHỆ").getnext(), "*")  # type: ignore[arg-type]
    data = e.save()
    cq = check_docx(data).errors
    assert [(f.rule, f.found) for f in cq] == [("ND30-CQ", '"*"')]
    assert check_docx(data, extra_rules={"overrides": {"elements": {"agency": {"rule_mark": "*"}}}}).findings == ()
    wrong = check_docx(samples.notice(), extra_rules={"overrides": {"elements": {"agency": {"rule_mark": "*"}}}})
    assert [(f.rule, f.found, f.expected) for f in wrong.errors] == [("ND30-CQ", "underscores", '"*"')]
