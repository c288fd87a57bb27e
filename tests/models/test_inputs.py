"""Bad input is refused with the field, the value and the ND30 rule, in English and Vietnamese:
document types by code or name, place names, dates, numbers, and syntax errors in data files."""

import copy
from pathlib import Path
from typing import Any

import pytest

from thongbao.errors import DocumentValidationError, InputProblem
from thongbao.findings.model import Reference
from thongbao.models import AdministrativeDocument, CopyInfo, GiayGioiThieu, IssueDate, Notice, load_data
from thongbao.rules import ND30

BASE: dict[str, Any] = {
    "issuer": {"name": "Sở Khoa học và Công nghệ", "abbreviation": "SKHCN", "place": "Hưng Yên"},
    "number": 5,
    "date": "2023-01-05",
    "summary": "Kết quả làm việc",
    "body": ["Nội dung."],
    "signature": {"authorities": ["KT. Giám đốc"], "title": "Phó Giám đốc", "name": "Nguyễn Văn A"},
    "recipients": {"to": ["Lãnh đạo Sở"], "archive": ["QLKH"]},
}

# Phụ lục III (spec §5), as the spec writes it.
CODES = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC", "Quy định": "QyĐ",
    "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD", "Chương trình": "CTr", "Kế hoạch": "KH",
    "Phương án": "PA", "Đề án": "ĐA", "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "BGN", "Bản thỏa thuận": "BTT", "Giấy uỷ quyền": "GUQ",
    "Giấy mời": "GM", "Giấy giới thiệu": "GGT", "Giấy nghỉ phép": "GNP", "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC", "Phiếu báo": "PB",
}
NO_CODE = ["Công văn", "Thư công"]


def document(**changes: Any) -> AdministrativeDocument:
    return AdministrativeDocument.from_data({**copy.deepcopy(BASE), **changes})


def refused(data: dict[str, Any], model: type[AdministrativeDocument] = AdministrativeDocument) -> InputProblem:
    with pytest.raises(DocumentValidationError) as info:
        model.from_data(data)
    assert len(info.value.problems) == 1, info.value
    return info.value.problems[0]


def assert_bilingual(problem: InputProblem, rule: str, field: str) -> None:
    assert problem.rule == rule, problem
    assert problem.field == field, problem
    assert problem.message_en and problem.message_vi and problem.message_en != problem.message_vi
    assert f"[{rule}]" in str(problem)


# 1. Document types --------------------------------------------------------------------------------


def test_the_table_has_27_codes_and_29_types():
    assert len(CODES) == 27 and len(CODES) + len(NO_CODE) == len(ND30.document_types)


@pytest.mark.parametrize(("name", "code"), CODES.items())
def test_every_code_round_trips_to_its_number_line(name: str, code: str):
    by_code = document(document_type=code)
    assert by_code.number_line == f"Số: 05/{code}-SKHCN"
    assert ND30.patterns["number_typed"].match(by_code.number_line)
    by_name = document(document_type=name)
    assert by_name.document_type == by_code.document_type
    assert by_name.number_line == f"Số: 05/{code}-SKHCN"


@pytest.mark.parametrize("name", NO_CODE)
def test_types_without_a_code_use_the_unit(name: str):
    doc = document(document_type=name, unit="VP")
    assert doc.type_info.name == name
    assert doc.number_line == "Số: 05/SKHCN-VP"


def test_hd_and_da_are_not_confused():
    assert document(document_type="HĐ").type_info.name == "Hợp đồng"
    assert document(document_type="HĐ").number_line == "Số: 05/HĐ-SKHCN"
    assert document(document_type="HD").type_info.name == "Hướng dẫn"
    assert document(document_type="DA").type_info.name == "Dự án"
    assert document(document_type="DA").number_line == "Số: 05/DA-SKHCN"
    assert document(document_type="ĐA").type_info.name == "Đề án"


def test_an_ambiguous_type_is_refused_with_the_choices():
    problem = refused({**BASE, "document_type": "Đá"})
    assert_bilingual(problem, "ND30-INPUT-TYPE", "document_type")
    assert problem.value == "Đá"
    assert "ĐA (Đề án)" in problem.message_en and "DA (Dự án)" in problem.message_vi


def test_a_thu_cong_without_unit_is_refused_not_crashing_later():
    problem = refused({**BASE, "document_type": "Thư công"})
    assert_bilingual(problem, "ND30-SO", "(document)")
    assert "unit" in problem.message_en


@pytest.mark.parametrize(
    ("given", "name"),
    [("HĐ", "Hợp đồng"), ("HD", "Hướng dẫn"), ("DA", "Dự án"), ("ĐA", "Đề án"), ("kế hoạch", "Kế hoạch"),
     ("QyĐ", "Quy định"), ("Luật", "Luật"), ("Nghị định", "Nghị định")],
)
def test_reference_types_are_named_exactly(given: str, name: str):
    assert Reference(document_type=given).document_type == name


def test_an_ambiguous_reference_type_is_refused():
    with pytest.raises(ValueError, match="ND30-INPUT-TYPE"):
        Reference(document_type="Đá")


# 2. Place names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("place", ["Xã A, tỉnh B", "Hà Nội,", "Thành phố Hồ Chí Minh, Việt Nam"])
def test_a_comma_in_the_place_name_is_refused(place: str):
    data = copy.deepcopy(BASE)
    data["issuer"]["place"] = place
    problem = refused(data)
    assert_bilingual(problem, "ND30-DATE", "issuer.place")
    assert problem.value == place
    assert "comma" in problem.message_en and "dấu phẩy" in problem.message_vi


def test_a_copy_place_with_a_comma_is_refused():
    with pytest.raises(ValueError, match="ND30-DATE"):
        CopyInfo.model_validate(
            {"form": "SY", "issuer": {"name": "UBND", "abbreviation": "UBND", "place": "Văn Lâm, Hưng Yên"},
             "date": "2023-05-08", "signature": {"title": "Chánh Văn phòng", "name": "A"},
             "recipients": {"archive": []}}
        )


def test_every_accepted_place_makes_a_date_line_the_checker_accepts():
    for place in ["Hưng Yên", "Thành phố Hồ Chí Minh", "Xã Tân Hưng"]:
        data = copy.deepcopy(BASE)
        data["issuer"]["place"] = place
        assert ND30.patterns["date_line"].match(Notice.from_data(data).date_line)


# 3. Dates and numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "field"),
    [
        ({"year": 2023, "month": 13, "day": 1}, "date.month"),
        ({"year": 2023, "month": 0}, "date.month"),
        ({"year": 2023, "month": 1, "day": 32}, "date.day"),
        ({"year": 2023, "month": 1, "day": 0}, "date.day"),
        ({"year": 1900, "month": 1}, "date.year"),
        ({"year": 2023, "month": "May"}, "date.month"),
        ({"year": 2023, "month": 5.5}, "date.month"),
        ("2023-13-01", "date.month"),
        ("2023-01-32", "date.day"),
        ("2023-02-30", "date"),
    ],
)
def test_impossible_dates_are_nd30_input_date(date: Any, field: str):
    assert_bilingual(refused({**BASE, "date": date}), "ND30-INPUT-DATE", field)


def test_the_date_ranges_stay_in_the_json_schema():
    props = IssueDate.model_json_schema()["anyOf"][0]["properties"]
    assert (props["month"]["minimum"], props["month"]["maximum"]) == (1, 12)
    assert (props["day"]["minimum"], props["day"]["maximum"]) == (1, 31)


@pytest.mark.parametrize("number", [5.5, "5a", "năm", True, 0, -1, [5]])
def test_bad_numbers_are_nd30_input_number(number: Any):
    problem = refused({**BASE, "number": number})
    assert_bilingual(problem, "ND30-INPUT-NUMBER", "number")
    assert problem.value == number


@pytest.mark.parametrize(
    ("number", "line"), [("05", "Số: 05/TB-SKHCN"), (12.0, "Số: 12/TB-SKHCN"), ("", "Số:      /TB-SKHCN")]
)
def test_numbers_as_data_gives_them(number: Any, line: str):
    assert document(number=number).number_line == line


def test_copy_number_is_checked_like_a_document_number():
    with pytest.raises(ValueError, match="ND30-INPUT-NUMBER"):
        CopyInfo.model_validate(
            {"form": "SY", "issuer": {"name": "UBND", "abbreviation": "UBND", "place": "Văn Lâm"}, "number": 1.5,
             "date": "2023-05-08", "signature": {"title": "Chánh Văn phòng", "name": "A"},
             "recipients": {"archive": []}}
        )


# 4. Syntax errors in data files -------------------------------------------------------------------


def parse_problem(tmp_path: Path, name: str, text: str) -> InputProblem:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(DocumentValidationError) as info:
        load_data(path)
    (problem,) = info.value.problems
    assert info.value.source == str(path)
    return problem


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "rule"),
    [
        ("control.yaml", "summary: Kết quả\nbody: [Nội \x07dung]\n", 2, 12, "ND30-INPUT-TEXT"),
        ("tab.yaml", "issuer:\n\tname: Sở\n", 2, 1, "schema"),
        ("indent.yaml", "issuer:\n  name: Sở\n place: Hưng Yên\n", 3, 2, "schema"),
        ("unclosed.yaml", "summary: x\nissuer: [unclosed\n", 3, 1, "schema"),
        ("control.json", '{\n  "summary": "a\x07"\n}', 2, 16, "ND30-INPUT-TEXT"),
        ("comma.json", '{"summary": "a",\n "body": [1,]}', 2, 13, "schema"),
    ],
)
def test_syntax_errors_name_the_line_and_column(
    tmp_path: Path, name: str, text: str, line: int, column: int, rule: str
):
    problem = parse_problem(tmp_path, name, text)
    assert (problem.line, problem.column) == (line, column), problem
    assert problem.field == f"{name}:{line}:{column}"
    assert problem.rule == rule
    assert f"line {line}, column {column}" in problem.message_en
    assert f"dòng {line}, cột {column}" in problem.message_vi
    assert problem.message_en != problem.message_vi
    assert problem.value == text.split("\n")[line - 1]  # the line, as the refused value


GIAY_GIOI_THIEU = {**BASE, "document_type": "giay_gioi_thieu", "person": "A", "sent_to": "B", "purpose": "C"}


@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01", "30/5/2023", "mai"])
def test_other_dates_are_nd30_input_date(value: str):
    problem = refused({**GIAY_GIOI_THIEU, "valid_until": value}, GiayGioiThieu)
    assert_bilingual(problem, "ND30-INPUT-DATE", "valid_until")
    assert problem.value == value
    assert GiayGioiThieu.from_data({**GIAY_GIOI_THIEU, "valid_until": "2023-05-30"}).valid_until.day == 30


@pytest.mark.parametrize("value", ["31/4/2023", "2023-04-31", "hôm qua"])
def test_finding_set_dates_are_nd30_input_date(value: str):
    with pytest.raises(ValueError, match="ND30-INPUT-DATE"):
        Reference(document_type="Kế hoạch", date=value)



def test_text_typed_in_capitals_is_refused_where_the_case_is_normal() -> None:
    """The checker reports a trích yếu or a signer's name typed in capitals; the models refuse it first,
    by the same [case] rule, and still accept acronyms (UBND, KH&CN) inside normal text or alone."""
    assert_bilingual(refused({**BASE, "summary": "KẾT QUẢ LÀM VIỆC VỚI HỘI ĐỒNG"}), "ND30-TY", "summary")
    signer = {**BASE["signature"], "name": "NGUYỄN VĂN AN"}
    problem = refused({**BASE, "signature": signer})
    assert_bilingual(problem, "ND30-SIGN-NAME", "signature.name")
    assert "capitals" in problem.message_en and "in hoa" in problem.message_vi
    assert document(summary="Kết quả làm việc với UBND huyện về KH&CN")
    assert document(summary="KH&CN")
    assert document(signature={**signer, "name": "LÊ AN"})  # two words: not a sentence in capitals
