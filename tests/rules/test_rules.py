import re
from pathlib import Path

import pytest

from thongbao.rules import ND30, AmbiguousDocumentType
from thongbao.vietnamese import fold

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


# Phụ lục III (spec §5): the 27 codes with their names, and the two types without a code (Điều 7).
PHU_LUC_III = [
    ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Quy chế", "QC"), ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"), ("Chương trình", "CTr"), ("Kế hoạch", "KH"),
    ("Phương án", "PA"), ("Đề án", "ĐA"), ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"),
    ("Tờ trình", "TTr"), ("Hợp đồng", "HĐ"), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"), ("Giấy uỷ quyền", "GUQ"), ("Giấy mời", "GM"), ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"), ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"),
]
NO_CODE = ["Công văn", "Thư công"]


def test_phu_luc_iii_table_is_complete():
    assert len(PHU_LUC_III) == 27 and len({c for _, c in PHU_LUC_III}) == 27
    assert len(PHU_LUC_III) + len(NO_CODE) == len(ND30.document_types) == 29


@pytest.mark.parametrize(("name", "code"), PHU_LUC_III)
def test_every_code_and_name_finds_its_own_type(name, code):
    by_code = ND30.document_type(code)
    assert by_code.abbreviation == code
    assert fold(by_code.name) == fold(name)  # the spec writes "uỷ", the rule data "ủy"
    assert ND30.document_type(name) is by_code
    assert ND30.document_type(by_code.key) is by_code
    assert ND30.document_type(by_code.name) is by_code


@pytest.mark.parametrize("name", NO_CODE)
def test_types_without_a_code_are_found_by_name(name):
    info = ND30.document_type(name)
    assert info.name == name and info.abbreviation is None


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("HĐ", "hop_dong"), ("HD", "huong_dan"), ("ĐA", "de_an"), ("DA", "du_an"),  # exact wins over folding
        ("hđ", "hop_dong"), ("hd", "huong_dan"), ("đa", "de_an"), ("da", "du_an"),  # case only: diacritics kept
        ("qyđ", "quy_dinh"), ("QYĐ", "quy_dinh"), ("ctr", "chuong_trinh"), ("CT", "chi_thi"), ("ttr", "to_trinh"),
        ("thông báo", "thong_bao"), ("Thong bao", "thong_bao"), ("hop dong", "hop_dong"), ("du an", "du_an"),
        (" Hợp đồng ", "hop_dong"), ("Giấy uỷ quyền", "giay_uy_quyen"), ("Hợp đồng", "hop_dong"),
    ],
)
def test_lookup_passes(value, key):
    assert ND30.document_type(value).key == key


@pytest.mark.parametrize("value", ["dạ", "Đá", "dà", "Hḍ"])
def test_an_ambiguous_spelling_is_refused_not_guessed(value):
    with pytest.raises(AmbiguousDocumentType) as info:
        ND30.document_type(value)
    assert len(info.value.candidates) == 2
    assert isinstance(info.value, KeyError)


def test_unknown_type_is_a_key_error():
    with pytest.raises(KeyError):
        ND30.document_type("Thông tư")
