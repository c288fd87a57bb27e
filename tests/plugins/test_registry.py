"""Pack discovery: pack.toml, precedence (folder > entry point > built-in), clashes, rule data."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from docx_props import open_docx
from thongbao.api import load_document
from thongbao.plugins import (
    PackError,
    TemplatePack,
    builtin_pack,
    discover,
    load_pack,
    merged_rule_data,
    rules_for,
)
from thongbao.plugins.cli import templates_app
from thongbao.render.context import build_context
from thongbao.rules import ND30

ROOT = Path(__file__).resolve().parents[2]
CONG_VAN = ROOT / "examples" / "types" / "cong_van.yaml"


def make_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def make_pack(root: Path, name: str, layouts: dict[str, list[str]], extra: str = "") -> Path:
    """A pack folder: pack.toml and one layout file per entry (types listed)."""
    toml = [f'[pack]\nname = "{name}"\nversion = "1.0"\n']
    for layout, types in layouts.items():
        toml.append(f'[[layouts]]\nname = "{layout}"\ntypes = {types!r}\n'.replace("'", '"'))
        make_docx(root / f"{layout}.docx", [f"{name}: {{{{ doc.summary }}}}"])
    (root / "pack.toml").write_text("\n".join(toml) + extra, encoding="utf-8")
    return root


def no_entry_points() -> list[TemplatePack]:
    return []


def test_builtin_pack_declares_every_layout_and_type() -> None:
    pack = builtin_pack()
    names = [info.name for info in pack.layouts]
    assert names[:4] == ["nd30/mau-1.1", "nd30/mau-1.2", "nd30/mau-1.3", "nd30/mau-1.4"]
    assert names[-2:] == ["nd30/mau-2.1", "nd30/mau-2.2"]
    served = {t for info in pack.layouts for t in info.types}
    assert served == set(ND30.document_types)
    registry = discover(entry_points=False)
    for key, info in ND30.document_types.items():
        assert registry.layout_for(key) == f"nd30/mau-{info.layout}"


def test_folder_pack_comes_first_and_overrides_a_builtin_block(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "so", "so-khcn", {"so/cong-van": ["cong_van"]})
    make_docx(folder / "nd30" / "blocks" / "contact.docx", ["Liên hệ riêng"])
    registry = discover([folder], loader=no_entry_points)
    assert [p.name for p in registry.packs] == ["so-khcn", "nd30"]
    assert registry.packs[0].kind == "folder"
    assert registry.provider("nd30/blocks/contact.docx") is registry.packs[0]
    assert registry.provider("nd30/mau-1.5") is registry.packs[1]
    assert [f for f, _ in registry.shadowed(registry.packs[1])] == ["nd30/blocks/contact.docx"]
    assert registry.layout_for("cong_van") == "so/cong-van"  # the highest pack serving the type
    data = registry.render(yaml.safe_load(CONG_VAN.read_text(encoding="utf-8")))
    footer = [p.text for p in open_docx(data).sections[0].first_page_footer.paragraphs]
    assert footer == ["Liên hệ riêng"]  # the built-in Mẫu 1.5 with the folder's block


def test_entry_point_packs_sit_between_folders_and_builtin(tmp_path: Path) -> None:
    installed = load_pack(make_pack(tmp_path / "ep", "ep-pack", {"ep/a": ["thong_bao"]}), kind="entry-point")
    folder = make_pack(tmp_path / "f", "folder-pack", {"f/a": ["thong_bao"]})
    registry = discover([folder], loader=lambda: [installed])
    assert [(p.name, p.kind) for p in registry.packs] == [
        ("folder-pack", "folder"),
        ("ep-pack", "entry-point"),
        ("nd30", "builtin"),
    ]
    assert registry.layout_for("thong_bao") == "f/a"
    assert registry.layout_for("thong_bao", pack="ep-pack") == "ep/a"


def test_same_tier_clash_names_both_packs(tmp_path: Path) -> None:
    a = load_pack(make_pack(tmp_path / "a", "alpha", {"shared/x": ["thong_bao"]}), kind="entry-point", origin="A")
    b = load_pack(make_pack(tmp_path / "b", "beta", {"shared/x": ["cong_van"]}), kind="entry-point", origin="B")
    with pytest.raises(PackError) as info:
        discover(loader=lambda: [a, b])
    message = str(info.value)
    assert "shared/x.docx" in message and "'alpha' (A)" in message and "'beta' (B)" in message
    # selecting one resolves it and puts it first in its tier
    registry = discover(loader=lambda: [a, b], select=["beta"])
    assert [p.name for p in registry.packs] == ["beta", "alpha", "nd30"]
    assert registry.provider("shared/x") is b


def test_same_type_clash_in_one_tier(tmp_path: Path) -> None:
    a = load_pack(make_pack(tmp_path / "a", "alpha", {"a/x": ["thong_bao"]}), kind="entry-point", origin="A")
    b = load_pack(make_pack(tmp_path / "b", "beta", {"b/x": ["thong_bao"]}), kind="entry-point", origin="B")
    with pytest.raises(PackError, match=r"document type 'thong_bao' is served by two entry-point packs"):
        discover(loader=lambda: [a, b])
    assert discover(loader=lambda: [a, b], select=["alpha"]).layout_for("thong_bao") == "a/x"


def test_same_name_clash_and_unknown_selection(tmp_path: Path) -> None:
    a = make_pack(tmp_path / "a", "same", {"a/x": []})
    b = make_pack(tmp_path / "b", "same", {"b/x": []})
    with pytest.raises(PackError, match="two folder packs are named 'same'"):
        discover([a, b], loader=no_entry_points)
    with pytest.raises(PackError, match="no template pack named 'nope'"):
        discover(loader=no_entry_points, select=["nope"])


def test_folders_of_different_tiers_do_not_clash(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "f", "over", {"nd30/mau-1.4": ["thong_bao"]})
    registry = discover([folder], loader=no_entry_points)
    assert registry.provider("nd30/mau-1.4") is registry.packs[0]


def test_plain_folder_without_pack_toml(tmp_path: Path) -> None:
    make_docx(tmp_path / "mine" / "x" / "layout.docx", ["{{ doc.summary }}"])
    make_docx(tmp_path / "mine" / "x" / "blocks" / "b.docx", ["b"])
    pack = load_pack(tmp_path / "mine")
    assert pack.name == "mine" and [i.name for i in pack.layouts] == ["x/layout"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[pack]\nname = "Bad Name"\n', "name must be"),
        ('[pack]\nname = "ok"\n[[layouts]]\nname = "ok/missing"\n', "has no file ok/missing.docx"),
        ('[pack]\nname = "ok"\ntemplates = "../x"\n', "templates must be a folder inside the pack"),
        ('[pack]\nname = "ok"\nmodel = "not a target"\n', "module:attribute"),
        ('[pack]\nname = "ok"\n[rules.X]\nsource = "s"\nseverity = "fatal"\nvi = "v"\nen = "e"\n', "severity"),
        ('[pack]\nname = "ok"\n[rules."ND30-QH"]\nsource = "s"\nseverity = "error"\nvi = "v"\nen = "e"\n', "exists"),
        ("[pack\n", "pack.toml"),
    ],
)
def test_pack_toml_errors(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "pack.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(PackError, match=message):
        load_pack(tmp_path)


def test_rules_for_merges_overrides_and_rules(tmp_path: Path) -> None:
    extra = """
[rules."SO-X"]
source = "internal"
severity = "warning"
vi = "Quy định riêng."
en = "House rule."

[overrides]
remove_elements = ["motto"]

[overrides.elements.body]
space_before_pt = 12.0
rule = "SO-X"

[overrides.texts]
as_above = "Như trên"
"""
    pack = load_pack(make_pack(tmp_path, "house", {"h/x": []}, extra))
    rules = rules_for(pack)
    assert rules.elements["body"].space_before_pt == 12.0 and rules.elements["body"].rule == "SO-X"
    assert rules.elements["body"].size == ND30.elements["body"].size
    assert rules.rule("SO-X").severity == "warning"
    assert "motto" not in rules.elements
    assert rules.elements["national_title"] == ND30.elements["national_title"]
    assert merged_rule_data(pack)["elements"]["body"]["align"] == "justify"  # merged key by key
    assert rules_for(builtin_pack()) is ND30
    assert rules_for(pack) is rules  # built once per pack
    registry = discover([tmp_path], loader=no_entry_points)
    assert rules_for("house", registry=registry).elements["body"] == rules.elements["body"]


def test_rules_for_reports_invalid_rule_data(tmp_path: Path) -> None:
    extra = '\n[overrides.elements.body]\nrule = "NO-SUCH-RULE"\n'
    pack = load_pack(make_pack(tmp_path, "broken", {"b/x": []}, extra))
    with pytest.raises(PackError, match="rule data is invalid"):
        rules_for(pack)


def test_folder_pack_renders_an_nd30_document(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "f", "mine", {"mine/cv": ["cong_van"]})
    registry = discover([folder], loader=no_entry_points)
    env = registry.environment()
    doc = open_docx(env.get_layout(registry.layout_for("cong_van")).render(build_context(load_document(CONG_VAN))))
    assert [p.text for p in doc.paragraphs] == ["mine: " + ""]  # công văn: no trích yếu line (ô 5b instead)


def test_cli_list_json_and_folder(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "f", "mine", {"mine/cv": ["cong_van"]})
    result = CliRunner().invoke(templates_app, ["list", "--folder", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1. mine 1.0  (folder)")
    assert f"from: folder {folder.resolve()}" in result.output
    result = CliRunner().invoke(templates_app, ["list", "--json", "--folder", str(folder)])
    data = json.loads(result.output)
    assert data[0]["layouts"] == [{"name": "mine/cv", "types": ["cong_van"], "description": ""}]


def test_cli_list_reports_a_clash(tmp_path: Path) -> None:
    a = make_pack(tmp_path / "a", "alpha", {"x/y": []})
    b = make_pack(tmp_path / "b", "beta", {"x/y": []})
    result = CliRunner().invoke(templates_app, ["list", "--folder", str(a), "--folder", str(b)])
    assert result.exit_code == 2
    assert "alpha" in result.output and "beta" in result.output
    ok = CliRunner().invoke(templates_app, ["list", "--folder", str(a), "--folder", str(b), "--select", "beta"])
    assert ok.exit_code == 0 and ok.output.startswith("1. beta")
