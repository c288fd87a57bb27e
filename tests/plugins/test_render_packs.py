"""Template packs from ``thongbao render`` and the default API: ``--pack``, ``--templates``, a pack's
layout by name, a type only a pack serves; built-in types unchanged by installed packs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from typer.testing import CliRunner

from docx_props import iter_paragraphs, open_docx
from thongbao.api import load_document, pack_for, render, render_docx
from thongbao.cli import app
from thongbao.pdfinfo import pdf_facts
from thongbao.plugins import PackError, discover
from thongbao.render.engine import TemplateEnvironment, default_environment

ROOT = Path(__file__).resolve().parents[2]
PARTY = ROOT / "examples" / "party-pack" / "examples"
TYPES = ROOT / "examples" / "types"
SEED = ROOT / "examples" / "hung-yen-skhcn-2023-notice.yaml"


def data_of(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def invoke(*args: str | Path) -> Any:
    return CliRunner().invoke(app, ["render", *map(str, args)])


def texts(data: bytes) -> list[str]:
    return [p.text for p in iter_paragraphs(open_docx(data))]


def make_docx(path: Path, lines: list[str]) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


@pytest.fixture
def folder_pack(tmp_path: Path) -> Path:
    """A folder pack: its own công văn layout, and a built-in block overridden."""
    root = tmp_path / "so-pack"
    make_docx(root / "so" / "cong-van.docx", ["Công văn của Sở: {{ doc.subject_line }}"])
    make_docx(root / "nd30" / "blocks" / "contact.docx", ["Liên hệ riêng"])
    (root / "pack.toml").write_text(
        '[pack]\nname = "so-khcn"\n[[layouts]]\nname = "so/cong-van"\ntypes = ["cong_van"]\n', encoding="utf-8"
    )
    return root


def test_cli_renders_a_party_decision_as_the_registry_does(site: Path, tmp_path: Path) -> None:
    result = invoke(PARTY / "quyet-dinh.yaml", "-o", tmp_path, "--pack", "dang")
    assert result.exit_code == 0, result.output
    out = tmp_path / "quyet-dinh.docx"
    assert result.output.split() == [str(out)]
    assert out.read_bytes() == discover().render(data_of(PARTY / "quyet-dinh.yaml"), pack="dang")
    lines = texts(out.read_bytes())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines and "Số 127-QĐ/TU" in lines


def test_cli_party_letter_uses_the_pack_layout_of_its_type(site: Path, tmp_path: Path) -> None:
    result = invoke(PARTY / "cong-van.yaml", "-o", tmp_path, "--pack", "dang")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "cong-van.docx").read_bytes()
    assert data == discover().render(data_of(PARTY / "cong-van.yaml"), pack="dang")
    assert "Số 125-CV/TU" in texts(data)


def test_cli_layout_of_an_installed_pack(site: Path, tmp_path: Path) -> None:
    """The auditor's ``--layout dang/cong-van`` for a thongbao công văn: found in the installed pack."""
    result = invoke(TYPES / "cong_van.yaml", "-o", tmp_path, "--layout", "dang/cong-van")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "cong_van.docx").read_bytes()
    assert data == discover().render(data_of(TYPES / "cong_van.yaml"), layout="dang/cong-van")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts(data)
    assert render_docx(load_document(TYPES / "cong_van.yaml"), layout="dang/cong-van") == data  # the API too


def test_builtin_types_are_unchanged_by_installed_packs(site: Path, tmp_path: Path) -> None:
    """The Party pack serves thong_bao and cong_van too; without --pack thongbao's own layouts win."""
    for path in (SEED, TYPES / "cong_van.yaml", TYPES / "quyet_dinh.yaml"):
        result = invoke(path, "-o", tmp_path)
        assert result.exit_code == 0, result.output
        built_in = default_environment()
        expected = render_docx(load_document(path), environment=built_in)
        assert (tmp_path / f"{path.stem}.docx").read_bytes() == expected, path.name
    assert pack_for(data_of(SEED)) is None


def test_a_type_only_a_pack_serves_needs_no_pack_option(site: Path, tmp_path: Path) -> None:
    data = data_of(PARTY / "quyet-dinh.yaml") | {"document_type": "ket_luan", "summary": "về công tác kiểm tra"}
    source = tmp_path / "ket-luan.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert pack_for(data) == "dang"
    result = invoke(source, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    rendered = (tmp_path / "out" / "ket-luan.docx").read_bytes()
    assert rendered == discover().render(data, pack="dang")
    assert "KẾT LUẬN" in texts(rendered)


def test_party_data_without_the_pack_is_refused_with_a_hint(site: Path, tmp_path: Path) -> None:
    result = invoke(PARTY / "quyet-dinh.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "[ND30-SIGN]" in result.output  # thongbao's models refuse T/M …
    assert "name the pack: --pack dang" in result.output and "hãy chỉ rõ bộ mẫu: --pack dang" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_pack_is_named_in_both_languages(site: Path, tmp_path: Path) -> None:
    result = invoke(PARTY / "quyet-dinh.yaml", "-o", tmp_path / "out", "--pack", "dnag")
    assert result.exit_code == 2
    out = result.output
    assert "no template pack named 'dnag'; installed: dang, nd30" in out
    assert "không có bộ mẫu 'dnag'; các bộ mẫu đã cài: dang, nd30" in out
    assert "Traceback" not in out and not (tmp_path / "out").exists()
    with pytest.raises(PackError, match="không có bộ mẫu 'dnag'"):
        discover().pack("dnag")


def test_pack_model_errors_name_the_pack(site: Path, tmp_path: Path) -> None:
    result = invoke(TYPES / "giay_moi.yaml", "-o", tmp_path, "--pack", "dang")
    assert result.exit_code == 2
    assert "giay_moi.yaml (pack 'dang')" in result.output
    assert "unknown Party document type 'giay_moi'" in result.output


def test_templates_folder_overrides_a_builtin_block(folder_pack: Path, tmp_path: Path) -> None:
    source = TYPES / "cong_van.yaml"
    result = invoke(source, "-o", tmp_path / "out", "--templates", folder_pack)
    assert result.exit_code == 0, result.output
    data = (tmp_path / "out" / "cong_van.docx").read_bytes()
    assert data == discover([folder_pack]).render(data_of(source))
    footer = [p.text for p in open_docx(data).sections[0].first_page_footer.paragraphs]
    assert footer == ["Liên hệ riêng"]  # the built-in Mẫu 1.5 with the folder's block


def test_templates_folder_with_its_pack_uses_its_layout(folder_pack: Path, tmp_path: Path) -> None:
    source = TYPES / "cong_van.yaml"
    result = invoke(source, "-o", tmp_path, "--templates", folder_pack, "--pack", "so-khcn")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "cong_van.docx").read_bytes()
    assert data == discover([folder_pack], select=["so-khcn"]).render(data_of(source), pack="so-khcn")
    assert texts(data)[0].startswith("Công văn của Sở: V/v ")
    # the API, the same way
    again = render(source, tmp_path / "api", pack="so-khcn", templates=[folder_pack])
    assert [p.read_bytes() for p in again] == [data]


def test_a_pack_without_the_type_says_what_it_serves(folder_pack: Path, tmp_path: Path) -> None:
    result = invoke(SEED, "-o", tmp_path / "out", "--templates", folder_pack, "--pack", "so-khcn")
    assert result.exit_code == 2
    assert "no layout in pack 'so-khcn' serves the document type 'thong_bao' (it serves: cong_van)" in result.output
    assert "không có mẫu nào trong bộ mẫu 'so-khcn' dùng cho loại văn bản 'thong_bao'" in result.output
    assert not (tmp_path / "out").exists()


def test_templates_compile_once_per_process(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert discover().environment() is discover().environment()
    assert discover(entry_points=False).environment() is default_environment()
    compiled: list[str] = []
    original = TemplateEnvironment._compile

    def spy(self: TemplateEnvironment, name: str, file: str) -> Any:
        compiled.append(file)
        return original(self, name, file)

    monkeypatch.setattr(TemplateEnvironment, "_compile", spy)
    for run in range(3):
        result = invoke(PARTY / "quyet-dinh.yaml", "-o", tmp_path / str(run), "--pack", "dang")
        assert result.exit_code == 0, result.output
    assert compiled.count("dang/van-ban.docx") <= 1  # 0 if an earlier test compiled it already


def test_render_api_with_a_pack(site: Path, tmp_path: Path) -> None:
    paths = render(PARTY / "quyet-dinh.yaml", tmp_path, pack="dang")
    assert paths == [tmp_path / "quyet-dinh.docx"]
    assert paths[0].read_bytes() == discover().render(data_of(PARTY / "quyet-dinh.yaml"), pack="dang")
    document = load_document(PARTY / "quyet-dinh.yaml", pack="dang")
    assert type(document).__name__ == "PartyDocument"
    assert render_docx(document, pack="dang") == paths[0].read_bytes()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_cli_party_pdf_has_the_pack_metadata(site: Path, tmp_path: Path) -> None:
    result = invoke(PARTY / "quyet-dinh.yaml", "-o", tmp_path, "--pack", "dang", "--format", "both")
    assert result.exit_code == 0, result.output
    facts = pdf_facts((tmp_path / "quyet-dinh.pdf").read_bytes())
    assert facts.title == "về việc thành lập Đoàn kiểm tra công tác khoa học và công nghệ"
    assert facts.author == "TỈNH ỦY HƯNG YÊN"
    assert facts.subject == "QUYẾT ĐỊNH 127-QĐ/TU"
    assert facts.keywords == "Đảng Cộng sản Việt Nam"
    assert facts.creation_date is not None and facts.creation_date.isoformat() == "2023-05-15T00:00:00+07:00"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in facts.pages[0].text
