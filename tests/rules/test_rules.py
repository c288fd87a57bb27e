import re
from pathlib import Path

from thongbao.rules import ND30

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "nd30.md"


def test_every_element_names_a_known_rule_and_a_source():
    for el in ND30.elements.values():
        assert el.rule in ND30.rules
        assert el.source


def test_every_rule_has_both_languages_and_a_severity():
    for rule in ND30.rules.values():
        assert rule.id.startswith("ND30-")
        assert rule.severity in {"error", "warning"}
        assert rule.vi and rule.en and rule.source


def test_29_document_types_with_phu_luc_iii_codes():
    types = ND30.document_types
    assert len(types) == 29
    assert types["cong_van"].abbreviation is None
    assert types["thu_cong"].abbreviation is None
    assert {types[k].abbreviation for k in ("quy_dinh", "chuong_trinh", "to_trinh")} == {"QyĐ", "CTr", "TTr"}
    assert types["thong_bao"].abbreviation == "TB" and types["thong_bao"].layout == "1.4"


def test_abbreviations_match_the_spec_table():
    if not SPEC.exists():  # the spec sits beside the repo in development and CI
        return
    table = re.findall(r"^\| \d+ \| ([^|]+?) \| \*{0,2}(\w+)\*{0,2} \|$", SPEC.read_text(encoding="utf-8"), re.M)
    spec_codes = {code for _, code in table}
    ours = {t.abbreviation for t in ND30.document_types.values() if t.abbreviation}
    assert ours | set(ND30.copy_types) == spec_codes


def test_profiles_lie_inside_the_element_ranges():
    for profile in ND30.profiles.values():
        for key, size in profile.sizes.items():
            if key in ND30.elements:
                assert ND30.elements[key].size_ok(size), (profile.name, key)


def test_regexes_accept_spec_examples_and_refuse_defects():
    typed = ND30.patterns["number_typed"]
    assert typed.match("Số: 05/TB-SKHCN")
    assert typed.match("Số: 15/QĐ-BNV")
    assert typed.match("Số:      /TB-SKHCN")  # a draft
    assert not typed.match("Số: 5/TB-SKHCN")
    assert not typed.match("Số 05/TB-SKHCN")
    assert not typed.match("Số: 05/CV-SKHCN")
    letter = ND30.patterns["number_official_letter"]
    assert letter.match("Số: 12/UBND-VX")
    date = ND30.patterns["date_line"]
    assert date.match("Hà Nội, ngày 05 tháng 01 năm 2020")
    assert date.match("Hưng Yên, ngày      tháng 5 năm 2023")
    assert not date.match("Hà Nội, ngày 05 tháng 03 năm 2020")
    assert not date.match("Hà Nội, ngày 5 tháng 3 năm 2020")
    archive = ND30.patterns["archive_line"]
    assert archive.match("- Lưu: VT, QLKH.")
    assert archive.match("- Lưu: VT, TCCB, 02b.")
    assert not archive.match("- Lưu VT, QLKH.")
    assert not archive.match("- Lưu: VT, QLKH")
